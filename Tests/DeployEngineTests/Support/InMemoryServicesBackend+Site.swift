import AWSServices
import DeployEngine
import Foundation
import StackTemplates

/// The site-level calls over the same memory: repositories, file systems and buckets are sets of
/// names, and each write is counted with the services layer's.
extension InMemoryServicesBackend: SiteBackend {
    var region: String { "us-east-1" }

    func accountId() async throws -> String { "123456789012" }

    func networkParameters(for input: InfraStackInput) async throws -> [String: String] {
        input.existingVPC.map { ["VpcId": $0, "Subnets": "subnet-a,subnet-b"] } ?? [:]
    }

    func uploadTemplates(_ files: [(key: String, body: String)], bucket: String) async throws {
        locked { for file in files { record("put s3://\(bucket)/\(file.key)") } }
    }

    func repositoryExists(_ name: String) async throws -> Bool { locked { repositories.contains(name) } }

    func createRepository(_ name: String, tags: [(String, String)], lifecyclePolicy: String) async throws {
        locked {
            record("create repository \(name)")
            repositories.insert(name)
        }
    }

    func certificateStatus(_ arn: String) async throws -> CertificateStatus? { locked { certificates[arn] } }

    func hostedZone(for domain: String) async throws -> HostedZone? {
        locked { HostedZone.candidates(for: domain).first { hostedZones[$0] != nil }.map { HostedZone(id: hostedZones[$0] ?? "", name: $0) } }
    }

    func certificate(forDomain domain: String) async throws -> DomainCertificate? {
        locked {
            let arns = certificateDomains.filter { $0.value == domain }.keys.sorted()
            guard let arn = arns.first(where: { certificates[$0] == .issued }) ?? arns.first else { return nil }
            return Self.domainCertificate(arn, domain, certificates[arn] ?? .pendingValidation)
        }
    }

    func requestCertificate(domain: String, token: String, tags: [(String, String)]) async throws -> DomainCertificate {
        locked {
            let arn = "arn:aws:acm:us-east-1:123456789012:certificate/\(token)"
            if certificates[arn] == nil {
                record("request certificate \(domain)")
                certificates[arn] = .pendingValidation
                certificateDomains[arn] = domain
            }
            return Self.domainCertificate(arn, domain, certificates[arn] ?? .pendingValidation)
        }
    }

    static func domainCertificate(_ arn: String, _ domain: String, _ status: CertificateStatus) -> DomainCertificate {
        DomainCertificate(
            arn: arn, status: status,
            validationRecord: ACMClient.ResourceRecord(Name: "_v.\(domain).", Type: "CNAME", Value: "_\(arn.suffix(8)).acm-validations.aws."))
    }

    func runningTasks(cluster: String) async throws -> [RunningTask] { locked { running } }

    func utilization(cluster: String, services: [String]) async throws -> [String: Utilization] {
        locked { utilizations.filter { services.contains($0.key) } }
    }

    func alarmStates(names: [String]) async throws -> [AlarmState] { locked { alarms.filter { names.contains($0.name) } } }

    func taggedData(project: String, environment: String) async throws -> RetainedData {
        locked {
            taggedDataReads += 1
            return RetainedData(
                fileSystems: fileSystems.sorted { $0.key < $1.key }.map { entry in
                    var fileSystem = RetainedData.FileSystem(id: entry.key, volume: entry.value)
                    fileSystem.mountTargets = mountTargets[entry.key] ?? 0
                    return fileSystem
                },
                buckets: buckets.sorted())
        }
    }

    func deleteFileSystem(_ id: String) async throws {
        locked {
            guard fileSystems.removeValue(forKey: id) != nil else { return }
            record("delete file system \(id)")
            accessPoints.removeAll { $0.fileSystemId == id }
        }
    }

    func emptyAndDeleteBucket(_ name: String) async throws -> Bool {
        locked {
            guard buckets.remove(name) != nil else { return false }
            record("delete bucket \(name)")
            return true
        }
    }
}

/// The lock records, in memory; not counted as writes, so tests of what a deploy writes need
/// not list them.
extension InMemoryServicesBackend: LockStore {
    func createLock(_ name: String, value: String) async throws -> Bool {
        locked {
            lockWrites.append("create \(name)")
            guard locks[name] == nil else { return false }
            locks[name] = value
            return true
        }
    }

    func readLock(_ name: String) async throws -> String? { locked { locks[name] } }

    func deleteLock(_ name: String) async throws {
        locked {
            lockWrites.append("delete \(name)")
            locks.removeValue(forKey: name)
        }
    }
}
