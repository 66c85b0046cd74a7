import ComposeModel
import Foundation
import SigV4
import StackTemplates

extension UnifiedTemplateBuilder {
    struct Owned {
        var service: String
        var resource: Resource
    }

    func readContents(_ source: ContentSource) throws -> String {
        try stack.content.read(source, project: site.projectDirectory)
    }

    /// Config file contents as `AWS::SSM::Parameter` resources (plain `String`: CloudFormation
    /// cannot make a `SecureString`, and configs are not secrets). Tasks refer to them by an ARN
    /// built from their `Ref` (the name), so each task definition depends on its parameters.
    mutating func configParameters(_ target: TargetIds) throws -> [Resource] {
        var resources: [Resource] = []
        for service in site.services {
            let serviceId = serviceIds[service.name] ?? LogicalIDs.camel(service.name)
            for (index, file) in try FileInjection.files(of: service, in: site, contents: readContents).enumerated()
            where file.store == .parameterStore && file.externalName == nil {
                guard let source = file.source else { continue }
                let value = file.storedValue(try readContents(source))
                let id = "Config\(serviceId)\(index)"
                let name = file.storedName(names)
                resources.append(
                    Resource(
                        id, "AWS::SSM::Parameter",
                        [
                            "Name": .string(name), "Type": "String", "Value": .string(value),
                            // Standard parameters hold 4 KB; Advanced ones 8 KB, at a monthly cost.
                            "Tier": value.utf8.count > 4096 ? "Advanced" : "Standard",
                            "Description": .string("\(file.target) of the \(service.name) service, written by Berth"),
                            // No Tags: the stack's berth:* tags reach the parameter anyway, and moto
                            // 5.2 fails on this type's (map-shaped) Tags.
                        ], owner: "service:\(service.name)"))
                resolved.valueArns[name] = target.arn("ssm", .joined(["parameter", .ref(id)]))
                // The contents are in the template anyway (configs are not secrets): their digest
                // versions the init container, so new contents roll the service out.
                resolved.valueVersions[name] = String(sha256Hex(Data(value.utf8)).prefix(16))
            }
        }
        return resources
    }

    /// The services layer's access point specs as resources. No client token: CloudFormation
    /// makes each resource once, and a changed owner or root directory replaces it.
    mutating func accessPointResources(_ builder: DesiredStateBuilder) throws -> [Owned] {
        try builder.desiredAccessPoints().map { spec in
            let id = StackLogicalID.accessPoint(
                service: serviceIds[spec.service] ?? LogicalIDs.camel(spec.service), volume: volumeIds[spec.volume] ?? LogicalIDs.camel(spec.volume))
            // The templates' key order: PosixUser (only when forced) before RootDirectory.
            var properties: TemplateMap = ["FileSystemId": spec.fileSystemId.template]
            if spec.enforcesUser { properties["PosixUser"] = ["Uid": .string(String(spec.uid)), "Gid": .string(String(spec.gid))] }
            properties["RootDirectory"] = [
                "Path": .string(spec.rootDirectory),
                "CreationInfo": [
                    "OwnerUid": .string(String(spec.uid)), "OwnerGid": .string(String(spec.gid)), "Permissions": .string(spec.permissions),
                ],
            ]
            properties["AccessPointTags"] = tags(builder.accessPointOwnTags(service: spec.service, volume: spec.volume))
            let resource = Resource(id, "AWS::EFS::AccessPoint", properties, owner: "service:\(spec.service)")
            resolved.accessPoints[spec.key] = .ref(id)
            return Owned(service: spec.service, resource: resource)
        }
    }

    /// The services layer's mount policy (`DesiredStateBuilder.mountPolicy`),
    /// attached to the task role: ClientMount and ClientWrite on the service's file systems, only
    /// through its own access points (`elasticfilesystem:AccessPointArn`).
    ///
    /// The ARN is built from the access point's `Ref` (its id) rather than `Fn::GetAtt …Arn`:
    /// the same value on AWS, and moto 5.2 has no attributes for this type (a GetAtt fails the
    /// whole stack there).
    func mountPolicies(_ builder: DesiredStateBuilder) -> [Owned] {
        var policies: [Owned] = []
        let target = builder.target
        for task in site.tasks {
            // `resolved.accessPoints` holds each access point's Ref by mount key.
            let arns = resolved.accessPoints.mapValues { target.arn("elasticfilesystem", .joined(["access-point/", $0])) }
            guard let serviceId = taskIds[task.name], let policy = builder.mountPolicy(task, accessPoints: arns) else { continue }
            policies.append(
                Owned(
                    service: task.name,
                    resource: Resource(
                        StackLogicalID.accessPointPolicy(service: serviceId), "AWS::IAM::Policy",
                        [
                            "PolicyName": .string(DesiredStateBuilder.accessPointPolicyName),
                            "Roles": [.ref(StackLogicalID.taskRole(task: serviceId))],
                            "PolicyDocument": policy.cloudFormationDocument,
                        ], owner: "service:\(task.name)")))
        }
        return policies
    }
}
