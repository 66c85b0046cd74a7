import AWSRuntime
import AWSServices
import Foundation
import StackTemplates

extension AWSServicesBackend: SiteBackend {
    package var region: String { client.region }

    package func accountId() async throws -> String {
        try await STSClient(client).accountId()
    }

    package func networkParameters(for input: InfraStackInput) async throws -> [String: String] {
        try await NetworkLookup(client: client).parameters(for: input)
    }

    package func uploadTemplates(_ files: [(key: String, body: String)], bucket: String) async throws {
        let s3 = S3Client(client)
        try await s3.ensureBucket(bucket)
        for file in files {
            _ = try await s3.putObject(bucket: bucket, key: file.key, body: Data(file.body.utf8), contentType: "text/plain; charset=utf-8")
        }
    }

    package func repositoryExists(_ name: String) async throws -> Bool {
        do {
            _ = try await ecr.describeRepositories(names: [name]).collect { $0 }
            return true
        } catch let error as AWSServiceError where error.isRepositoryNotFound {
            return false
        }
    }

    package func createRepository(_ name: String, tags: [(String, String)], lifecyclePolicy: String) async throws {
        do {
            _ = try await ecr.createRepository(name: name, tags: Dictionary(tags, uniquingKeysWith: { a, _ in a }))
        } catch let error as AWSServiceError where error.isRepositoryAlreadyExists {}
        try await ecr.putLifecyclePolicy(repositoryName: name, policy: lifecyclePolicy)
    }

    package func certificateStatus(_ arn: String) async throws -> CertificateStatus? {
        guard let certificate = try await ACMClient(client).describeCertificate(arn) else { return nil }
        return certificate.Status ?? .unknown("")
    }

    package func hostedZone(for domain: String) async throws -> HostedZone? {
        let route53 = Route53Client(client)
        for name in HostedZone.candidates(for: domain) {
            let zones = try await route53.listHostedZonesByName(dnsName: name)
            if let zone = zones.first(where: { $0.Name.lowercased() == name + "." && !$0.isPrivate }) {
                return HostedZone(id: zone.zoneId, name: name)
            }
        }
        return nil
    }

    package func certificate(forDomain domain: String) async throws -> DomainCertificate? {
        let acm = ACMClient(client)
        let summaries = try await acm.listCertificates(statuses: [.issued, .pendingValidation]).collect { $0 }.filter {
            $0.DomainName?.lowercased() == domain.lowercased()
        }
        guard let chosen = summaries.first(where: { $0.Status == .issued }) ?? summaries.first, let arn = chosen.CertificateArn,
            let detail = try await acm.describeCertificate(arn)
        else { return nil }
        return DomainCertificate(arn, detail, domain: domain)
    }

    package func requestCertificate(domain: String, token: String, tags: [(String, String)]) async throws -> DomainCertificate {
        let acm = ACMClient(client)
        let arn = try await acm.requestCertificate(
            domain: domain, idempotencyToken: token, tags: tags.map { ACMClient.Tag(Key: $0.0, Value: $0.1) })
        // ACM adds the validation record a few seconds after the request.
        var certificate = DomainCertificate(arn: arn, status: .pendingValidation, validationRecord: nil)
        for attempt in 0..<8 {
            if let detail = try await acm.describeCertificate(arn) { certificate = DomainCertificate(arn, detail, domain: domain) }
            if certificate.validationRecord != nil || certificate.status != .pendingValidation { break }
            try await Task.sleep(nanoseconds: UInt64(0.5 * pow(1.6, Double(attempt)) * 1e9))
        }
        return certificate
    }

    package func taggedData(project: String, environment: String) async throws -> RetainedData {
        let tagged = try await ResourceGroupsTaggingClient(client).getResources(
            tags: [(BerthTag.project, project), (BerthTag.environment, environment)], resourceTypes: ["elasticfilesystem:file-system", "s3"]
        ).collect { $0 }
        var data = RetainedData()
        let s3 = S3Client(client)
        // The tagging index lags deletions: each one is confirmed where it lives.
        for resource in tagged {
            // Only what Berth made for data: a volume's file system (berth:volume) and the backup
            // bucket (berth:role); the stack's tags also reach anything an overlay adds.
            if let id = resource.ResourceARN.split(separator: "/").last.map(String.init), resource.ResourceARN.contains(":file-system/"),
                let volume = resource.tags[BerthTag.volume]
            {
                guard let found = try await describeFileSystem(id), ![.deleting, .deleted].contains(found.LifeCycleState) else { continue }
                var fileSystem = RetainedData.FileSystem(
                    id: id, volume: volume, sizeBytes: found.SizeInBytes?.Value, created: found.CreationTime.map(Date.init(timeIntervalSince1970:)))
                fileSystem.mountTargets = found.NumberOfMountTargets ?? 0
                data.fileSystems.append(fileSystem)
            } else if let bucket = resource.ResourceARN.components(separatedBy: ":::").last, resource.ResourceARN.contains(":s3:::"),
                !bucket.contains("/"), resource.tags[BerthTag.role] == BerthTag.backupsRole, try await s3.headBucket(bucket)
            {
                data.buckets.append(bucket)
            }
        }
        data.fileSystems.sort { $0.id < $1.id }
        data.buckets.sort()
        return data
    }

    private func describeFileSystem(_ id: String) async throws -> EFSClient.FileSystem? {
        do {
            return try await efs.describeFileSystems(id: id).collect { $0 }.first
        } catch let error as AWSServiceError where error.isFileSystemNotFound {
            return nil
        }
    }

    package func deleteFileSystem(_ id: String) async throws {
        do {
            for point in try await efs.describeAccessPoints(fileSystemId: id).collect({ $0 }) {
                try await efs.deleteAccessPoint(id: point.AccessPointId)
            }
            try await efs.deleteFileSystem(id: id)
        } catch let error as AWSServiceError where error.isFileSystemNotFound {}
    }

    package func emptyAndDeleteBucket(_ name: String) async throws -> Bool {
        let s3 = S3Client(client)
        guard try await s3.headBucket(name) else { return false }
        for version in try await s3.listObjectVersions(bucket: name).collect({ $0 }) {
            try await s3.deleteObject(bucket: name, key: version.Key, versionId: version.VersionId)
        }
        try await s3.deleteBucket(name)
        return true
    }
}
