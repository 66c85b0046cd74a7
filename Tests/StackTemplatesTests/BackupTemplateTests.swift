import BerthJSON
import ComposeModel
import Testing

@testable import StackTemplates

/// The backup and restore tasks as the template declares them: what AWS enforces at run time
/// (IAM, EFS authorization, Scheduler's role, EventBridge's right to the topic) written down.
struct BackupTemplateTests {
    static func template(_ environment: String = "prod") throws -> Template {
        InfraStack(InfraStackInput(site: try Fixtures.exampleSite(environment), environmentName: environment)).template()
    }

    static func statements(_ resource: Resource) -> [TemplateValue] {
        guard case .list(let policies)? = resource.properties["Policies"] else { return [] }
        return policies.flatMap { policy -> [TemplateValue] in
            guard case .list(let statements)? = policy["PolicyDocument"]?["Statement"] else { return [] }
            return statements
        }
    }

    @Test func theBackupRoleReadsTheVolumesAndWritesOnlyItsEnvironmentsSnapshots() throws {
        let template = try Self.template()
        let role = try #require(template.resource(StackLogicalID.backupTaskRole))
        let statements = Self.statements(role)
        let volumes = try #require(statements.first { $0["Sid"] == "Volumes" })
        // No ClientWrite: EFS refuses writes under IAM authorization, whatever the mount says.
        #expect(volumes["Action"] == ["elasticfilesystem:ClientMount", "elasticfilesystem:ClientRootAccess"])
        let snapshots = try #require(statements.first { $0["Sid"] == "Snapshots" })
        #expect(snapshots["Action"] == ["s3:PutObject"])
        #expect(snapshots["Resource"] == .sub("arn:${AWS::Partition}:s3:::${BackupBucket}/prod/*"))

        let restore = Self.statements(try #require(template.resource(StackLogicalID.restoreTaskRole)))
        #expect(restore.first { $0["Sid"] == "Snapshots" }?["Action"] == ["s3:GetObject"])
        #expect(
            restore.first { $0["Sid"] == "Volumes" }?["Action"] == [
                "elasticfilesystem:ClientMount", "elasticfilesystem:ClientWrite", "elasticfilesystem:ClientRootAccess",
            ])
    }

    @Test func theTasksMountTheFileSystemsWithTLSAndIAMAndTheBackupReadOnly() throws {
        let template = try Self.template()
        for (id, readOnly) in [(StackLogicalID.backupTaskDefinition, true), (StackLogicalID.restoreTaskDefinition, false)] {
            let definition = try #require(template.resource(id))
            guard case .list(let volumes)? = definition.properties["Volumes"],
                case .list(let containers)? = definition.properties["ContainerDefinitions"]
            else {
                Issue.record("\(id) has no volumes or containers")
                continue
            }
            let efs = volumes.compactMap { $0["EFSVolumeConfiguration"] }
            #expect(efs.count == 1)
            // IAM authorization needs TLS (ECS refuses the definition otherwise).
            #expect(efs.first?["TransitEncryption"] == "ENABLED" && efs.first?["AuthorizationConfig"]?["IAM"] == "ENABLED")
            let mounts = containers.flatMap { container -> [TemplateValue] in
                guard case .list(let mounts)? = container["MountPoints"] else { return [] }
                return mounts
            }
            #expect(
                mounts.contains { $0["ContainerPath"] == .string(BackupTask.mountPath(volume: "cms-uploads")) && $0["ReadOnly"] == .bool(readOnly) })
            // The second container starts only after the first: COMPLETE for the backup (it
            // uploads what was archived and reports what was not), SUCCESS for the restore.
            #expect(containers.last?["DependsOn"]?[0]?["Condition"] == (readOnly ? "COMPLETE" : "SUCCESS"))
            #expect(containers.last?["Essential"] == .bool(true) && containers.first?["Essential"] == .bool(false))
            // Fargate's platform 1.4 gives 20–200 GiB of ephemeral storage.
            #expect((21...200).contains(BackupTask.ephemeralStorageGiB))
        }
    }

    @Test func theScheduleRunsOnlyTheBackupTaskAndPassesOnlyItsRoles() throws {
        let template = try Self.template()
        let schedule = try #require(template.resource("BackupSchedule"))
        #expect(schedule.properties["ScheduleExpression"] == "cron(0 2 * * ? *)")
        #expect(schedule.properties["Target"]?["EcsParameters"]?["TaskDefinitionArn"] == .ref(StackLogicalID.backupTaskDefinition))
        #expect(schedule.properties["Target"]?["EcsParameters"]?["NetworkConfiguration"]?["AwsvpcConfiguration"]?["AssignPublicIp"] == "DISABLED")
        let statements = Self.statements(try #require(template.resource("BackupSchedulerRole")))
        #expect(
            statements.first { $0["Sid"] == "RunBackupTask" }?["Resource"]
                == .sub("arn:${AWS::Partition}:ecs:${AWS::Region}:${AWS::AccountId}:task-definition/website-prod-backup:*"))
        #expect(
            statements.first { $0["Sid"] == "PassBackupRoles" }?["Resource"] == [
                .getAtt("TaskExecutionRole", "Arn"), .getAtt(StackLogicalID.backupTaskRole, "Arn"),
            ])
    }

    /// EventBridge may publish to the topic only when the topic's policy names it, and its
    /// messages only reach an encrypted topic when the key lets it.
    @Test func aFailedBackupReachesTheAlarmTopic() throws {
        let template = try Self.template()
        let rule = try #require(template.resource("BackupFailedRule"))
        #expect(rule.properties["Targets"]?[0]?["Arn"] == .ref("AlarmTopic"))
        #expect(rule.properties["EventPattern"]?["detail"]?["group"] == ["family:website-prod-backup"])
        let policy = try #require(template.resource("AlarmTopicPolicy"))
        let statement = policy.properties["PolicyDocument"]?["Statement"]?[0]
        #expect(statement?["Principal"]?["Service"] == ["cloudwatch.amazonaws.com", "events.amazonaws.com"])
        #expect(statement?["Action"] == "sns:Publish")
    }

    @Test func snapshotsExpireAfterTheRetention() throws {
        let bucket = try #require(try Self.template("dev").resource(StackLogicalID.backupBucket))
        guard case .list(let rules)? = bucket.properties["LifecycleConfiguration"]?["Rules"] else {
            Issue.record("no lifecycle rules")
            return
        }
        let expiry = try #require(rules.first { $0["Id"] == "expire-snapshots" })
        #expect(expiry["ExpirationInDays"] == .int(7) && expiry["Prefix"] == "dev/")
    }

    @Test func backupOffAndExternalVolumesMakeNoBackupTask() throws {
        let compose = """
            name: shop
            services:
              app: {image: nginx, volumes: [data:/data, shared:/shared]}
            volumes:
              data: {}
              shared: {external: true, name: fs-0123456789abcdef0}
            x-berth:
              environments:
                dev: {backup: off}
                prod: {}
            """
        let prod = try Fixtures.load(directory: "/p", environment: "prod", inMemory: ["/p/compose.yaml": compose])
        #expect(prod.backedUpVolumes.map(\.name) == ["data"])
        #expect(InfraStackInput(site: prod, environmentName: "prod").backup == .init(schedule: BackupSettings.defaultSchedule, volumes: ["data"]))
        let dev = try Fixtures.load(directory: "/p", environment: "dev", inMemory: ["/p/compose.yaml": compose])
        #expect(dev.backedUpVolumes.isEmpty)
        let template = InfraStack(InfraStackInput(site: dev, environmentName: "dev")).template()
        #expect(template.resource(StackLogicalID.backupTaskDefinition) == nil && template.resource("BackupSchedule") == nil)
    }
}

extension TemplateValue {
    fileprivate subscript(index: Int) -> TemplateValue? {
        guard case .list(let items) = self, items.indices.contains(index) else { return nil }
        return items[index]
    }
}
