import AWSRuntime
import AWSServices
import BerthTesting
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// `plan`, `deploy`, `down` and `status` end to end in process: the real workflows over the
/// in-memory backend and stacks, so each decision is checked without a network.
struct SiteDeployerTests {
    /// The site, its deployer's collaborators and a deployer over them.
    struct Fixture {
        let site: Site
        let input: InfraStackInput
        let backend: InMemoryServicesBackend
        let stacks: InMemoryStacks
        let content: ContentReader

        init(
            compose: String = ServicesReconcilerTests.compose, environment: String = "dev",
            backend: InMemoryServicesBackend = InMemoryServicesBackend(),
            holding: [String: String] = [:], stacks: InMemoryStacks? = nil, nginxConf: String = "events {}\n"
        ) throws {
            let files = ["/p/compose.yaml": compose, "/p/nginx.conf": nginxConf]
            let fileSystem = InMemoryFileSystem(files: files, directories: ["/p/worker"])
            let result = ComposeLoader.load(
                ComposeLoadOptions(
                    files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [], fileSystem: fileSystem))
            guard let site = result.site, !result.hasErrors else { throw DeployError(result.diagnostics.map(\.description).joined(separator: "\n")) }
            self.site = try site.resolved(environmentName: nil)
            input = InfraStackInput(site: self.site, environmentName: environment)
            self.backend = backend
            self.stacks = stacks ?? InMemoryStacks.infrastructure(input, holding: holding)
            content = ContentReader(processEnvironment: ["DB_PASSWORD": "s3cret"], fileSystem: fileSystem)
            backend.images["123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker:2.0"] = "sha256:abc"
        }

        var names: Names { input.names }

        func deployer(events: EventRecorder = EventRecorder()) -> SiteDeployer {
            SiteDeployer(site: site, input: input, content: content, backend: backend, stacks: stacks, onEvent: { events.append($0) })
        }

        static let options = SiteDeployer.Options(
            servicesWaiter: Waiter(minDelay: 0.001, maxDelay: 0.001, timeout: 10, sleeper: RecordingSleeper()))

        /// Deploys once and forgets the writes, as a site that is up.
        func deployed() async throws -> SiteDeployer {
            let deployer = deployer()
            _ = try await deployer.deploy(Self.options)
            for (index, volume) in input.ownedVolumes.enumerated() { backend.fileSystems["fs-\(index + 1)"] = volume.name }
            backend.buckets.insert("\(names.stack)-backups")
            backend.resetWrites()
            return deployer
        }
    }

    final class EventRecorder: @unchecked Sendable {
        private let lock = NSLock()
        private var recorded: [SiteDeployer.Event] = []
        func append(_ event: SiteDeployer.Event) { lock.withLock { recorded.append(event) } }
        var notes: [String] { lock.withLock { recorded.compactMap { if case .note(let note) = $0 { note } else { nil } } } }
    }

    @Test func planOnAnEmptyAccountPromisesTheStackAndEachTaskAndWritesNothing() async throws {
        let fixture = try Fixture()
        let result = try await fixture.deployer().plan(Fixture.options)
        #expect(result.infra == .create([]))
        let actions = result.services?.actions ?? []
        #expect(actions.first == PlannedAction(.create, .repository, "shop/worker", "for the images of worker, shared by every environment of shop"))
        #expect(actions.dropFirst().map(\.name) == ["web", "cms", "worker"])
        #expect(actions.dropFirst().allSatisfy { $0.kind == .create && $0.reason == "after the infrastructure stack is deployed" })
        #expect(fixture.stacks.writes.isEmpty && fixture.backend.writeCount == 0)
    }

    @Test func deployMakesTheStackThenTheServicesAndASecondDeployWritesNothing() async throws {
        let fixture = try Fixture()
        let first = try await fixture.deployer().deploy(Fixture.options)
        #expect(first.infraOutcome == .created)
        #expect(fixture.stacks.writes == ["create shop-dev"])
        #expect(first.outputs[.cluster] == "shop-dev")
        let request = try #require(fixture.stacks.request("shop-dev"))
        #expect(request.tags["berth:project"] == "shop" && request.tags["berth:environment"] == "dev")
        #expect(fixture.backend.services.keys.sorted() == ["cms", "web", "worker"])
        // The services run on what the stack made: its file system, role and target group.
        let cms = try #require(fixture.backend.taskDefinitions["shop-dev-cms"]?.last?.spec)
        #expect(cms.volumes?.compactMap(\.efsVolumeConfiguration?.fileSystemId) == ["fs-1"])
        #expect(cms.taskRoleArn == "arn:aws:iam::123456789012:role/shop-dev-cms-role")
        #expect(fixture.backend.accessPoints.map(\.fileSystemId) == ["fs-1"])

        fixture.backend.resetWrites()
        let second = try await fixture.deployer().deploy(Fixture.options)
        #expect(second.infraOutcome == .noChanges)
        #expect(second.services?.changes.isEmpty == true)
        #expect(fixture.stacks.writes == ["create shop-dev"])
        #expect(fixture.backend.writes.isEmpty)

        // A plan reads the stack once for its mode, its parameters and the services' target.
        let observed = fixture.stacks.observeCount
        let plan = try await fixture.deployer().plan(Fixture.options)
        #expect(plan.infra == .noChanges && plan.services?.changes.isEmpty == true)
        #expect(fixture.backend.writes.isEmpty)
        #expect(fixture.stacks.observeCount == observed + 1)
    }

    @Test func onlyServicesNeedsTheStackFirst() async throws {
        let fixture = try Fixture()
        await #expect { try await fixture.deployer().deploy(.init(only: .services)) } throws: {
            ($0 as? DeployError)?.hint == "run `berth deploy` without --only services first"
        }
        #expect(fixture.backend.writeCount == 0)
    }

    @Test func statusReadsTheStackAndEachServiceAndWritesNothing() async throws {
        let fixture = try Fixture()
        let before = try await SiteStatus.read(
            names: fixture.names, site: fixture.site, input: fixture.input, backend: fixture.backend, stacks: fixture.stacks)
        #expect(before == .notDeployed(stack: "shop-dev"))
        _ = try await fixture.deployed()
        let status = try await SiteStatus.read(
            names: fixture.names, site: fixture.site, input: fixture.input, backend: fixture.backend, stacks: fixture.stacks)
        #expect(status.url == "http://shop-dev-1.us-east-1.elb.amazonaws.com")
        #expect(status.services.map(\.name) == ["web", "cms", "worker"])
        #expect(status.services.allSatisfy { $0.status == "active" && $0.running == 1 })
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func downRemovesServicesAndTaskDefinitionsAndKeepsTheRestAndTwiceIsHarmless() async throws {
        let fixture = try Fixture()
        let deployer = try await fixture.deployed()
        let result = try await deployer.down(.init())
        #expect(result.removed.filter { $0.hasPrefix("service ") } == ["service cms", "service web", "service worker"])
        #expect(result.removed.contains("1 revision(s) of task definition shop-dev-web"))
        #expect(fixture.backend.services.values.allSatisfy { $0.status == .inactive })
        #expect(fixture.backend.accessPoints.count == 1)
        #expect(fixture.stacks.writes == ["create shop-dev"])
        #expect(!fixture.backend.writes.contains { $0.hasPrefix("delete file system") || $0.hasPrefix("delete bucket") })

        fixture.backend.resetWrites()
        let again = try await deployer.down(.init())
        #expect(again.removed.isEmpty && !again.nothingDeployed)
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func downInfraDeletesTheStackButKeepsFileSystemsAndBackups() async throws {
        let fixture = try Fixture()
        let result = try await fixture.deployed().down(.init(infra: true))
        #expect(fixture.stacks.writes == ["create shop-dev", "delete shop-dev"])
        #expect(result.removed.contains("stack shop-dev"))
        #expect(result.removed.contains { $0.hasPrefix("secret ") && $0.contains("db-password") })
        #expect(
            result.kept == [
                "file system fs-1 (volume content): the next deploy takes it back",
                "backup bucket shop-dev-backups: the next deploy takes it back",
                "repository shop/worker: the project's, shared by its environments",
            ])
        #expect(fixture.backend.fileSystems == ["fs-1": "content"] && fixture.backend.buckets == ["shop-dev-backups"])

        let again = try await fixture.deployer().down(.init(infra: true))
        #expect(again.nothingDeployed)
    }

    @Test func downDeleteDataRemovesFileSystemsAccessPointsAndTheBucket() async throws {
        let fixture = try Fixture()
        let result = try await fixture.deployed().down(.init(infra: true, deleteData: true))
        #expect(result.kept == ["repository shop/worker: the project's, shared by its environments"])
        #expect(result.removed.contains("file system fs-1 (volume content)"))
        #expect(result.removed.contains("backup bucket shop-dev-backups"))
        #expect(result.removed.contains { $0.hasPrefix("access point ") })
        #expect(fixture.backend.fileSystems.isEmpty && fixture.backend.buckets.isEmpty && fixture.backend.accessPoints.isEmpty)
    }

    // MARK: Kept data comes back (issue 12, item 2)

    /// The round trip the issue asks for: after `down --infra`, the next deploy hands the stack
    /// the old file system and bucket (the CMS's uploads are where they were), a further deploy
    /// writes nothing, and `down --delete-data` without a stack still finds and deletes them.
    @Test func aDeployAfterDownInfraTakesBackTheFileSystemAndTheBucket() async throws {
        let fixture = try Fixture()
        let volume = try #require(fixture.input.ownedVolumes.first)
        _ = try await fixture.deployed().down(.init(infra: true))
        let pointsBefore = fixture.backend.accessPoints

        let events = EventRecorder()
        _ = try await fixture.deployer(events: events).deploy(Fixture.options)
        let request = try #require(fixture.stacks.request("shop-dev"))
        #expect(request.parameters[StackLogicalID.keptFileSystemParameter(volume: volume.logicalId)] == "fs-1")
        #expect(request.parameters[StackLogicalID.keptBackupBucketParameter] == "shop-dev-backups")
        #expect(!request.templateBody.contains("Type: AWS::EFS::FileSystem\n") && request.templateBody.contains("Type: AWS::EFS::MountTarget"))
        #expect(events.notes.contains("volume content: takes back file system fs-1, kept from an earlier stack"))
        #expect(events.notes.contains("backup bucket: takes back shop-dev-backups, kept from an earlier stack"))
        // The CMS mounts the old file system through its old access point: nothing new to fill.
        let definition = try #require(fixture.backend.taskDefinitions["shop-dev-cms"]?.last?.spec)
        #expect(definition.volumes?.compactMap(\.efsVolumeConfiguration?.fileSystemId) == ["fs-1"])
        #expect(fixture.backend.accessPoints == pointsBefore)

        fixture.backend.resetWrites()
        let reads = fixture.backend.taggedDataReads
        let again = try await fixture.deployer().deploy(Fixture.options)
        #expect(again.infraOutcome == .noChanges && fixture.backend.writes.isEmpty)
        #expect(fixture.backend.taggedDataReads == reads, "a stack that took everything back needs no tag lookup")

        let down = try await fixture.deployer().down(.init(infra: true))
        #expect(down.kept.contains("file system fs-1 (volume content): the next deploy takes it back"))
        let status = try await SiteStatus.read(
            names: fixture.names, site: fixture.site, input: fixture.input, backend: fixture.backend, stacks: fixture.stacks)
        #expect(!status.deployed && status.kept == RetainedData(fileSystems: [.init(id: "fs-1", volume: "content")], buckets: ["shop-dev-backups"]))
        let gone = try await fixture.deployer().down(.init(infra: true, deleteData: true))
        #expect(gone.removed == ["file system fs-1 (volume content)", "backup bucket shop-dev-backups"] && !gone.nothingDeployed)
        #expect(fixture.backend.fileSystems.isEmpty && fixture.backend.buckets.isEmpty)
    }

    /// `down --delete-data` deletes what the stack held even when the tagging index has not
    /// caught up, and never a file system some other stack mounts.
    @Test func deleteDataTakesTheStacksOwnIdsAndSparesOthersInUse() async throws {
        let fixture = try Fixture()
        _ = try await fixture.deployed()
        fixture.backend.fileSystems = ["fs-elsewhere": "content"]
        fixture.backend.mountTargets["fs-elsewhere"] = 2
        let down = try await fixture.deployer().down(.init(infra: true, deleteData: true))
        #expect(down.removed.contains("file system fs-1 (volume content)"), "\(down.removed)")
        #expect(down.kept.contains("file system fs-elsewhere (volume content): in use by another stack or as an external volume"))
        #expect(fixture.backend.fileSystems.keys.contains("fs-elsewhere"))
    }

    @Test func statusNamesTheDataInUseAndTheKeptDataNoStackUses() async throws {
        let fixture = try Fixture()
        _ = try await fixture.deployed()
        fixture.backend.fileSystems["fs-renamed"] = "old-content"
        let status = try await SiteStatus.read(
            names: fixture.names, site: fixture.site, input: fixture.input, backend: fixture.backend, stacks: fixture.stacks)
        #expect(status.fileSystems == ["content": "fs-1"] && status.backupBucket == "shop-dev-backups")
        #expect(status.kept == RetainedData(fileSystems: [.init(id: "fs-renamed", volume: "old-content")]))
    }

    @Test func downOfOneServiceLeavesTheOthers() async throws {
        let fixture = try Fixture()
        let result = try await fixture.deployed().down(.init(services: ["cms"], accessPoints: true))
        #expect(result.removed.first == "service cms")
        #expect(result.removed.contains { $0.hasPrefix("access point ") && $0.contains("cms/content") })
        #expect(fixture.backend.services["web"]?.status == .active && fixture.backend.services["cms"]?.status == .inactive)
    }

    @Test func downWithNothingDeployedSaysSo() async throws {
        let fixture = try Fixture()
        let result = try await fixture.deployer().down(.init(infra: true))
        #expect(result.nothingDeployed && result.removed.isEmpty)
        #expect(fixture.stacks.writes.isEmpty)
    }

    // MARK: Repositories belong to the project (issue 10, item 1)

    /// `<project>/<service>` is one name per account and region: dev and prod share it, so no
    /// environment's stack may create it (AWS answers RepositoryAlreadyExistsException) and no
    /// environment's teardown may delete it.
    @Test func devAndProdShareTheProjectsRepositoryInOneAccount() async throws {
        let dev = try Fixture()
        _ = try await dev.deployer().deploy(Fixture.options)
        let prod = try Fixture(environment: "prod", backend: dev.backend)
        let planned = try await prod.deployer().plan(Fixture.options)
        #expect(planned.services?.actions.first == PlannedAction(.noChange, .repository, "shop/worker", "exists"))
        _ = try await prod.deployer().deploy(Fixture.options)
        #expect(dev.backend.writes.filter { $0.hasPrefix("create repository") } == ["create repository shop/worker"])
        for request in [dev.stacks.request("shop-dev"), prod.stacks.request("shop-prod")] {
            #expect(request?.templateBody.contains("AWS::ECR::Repository") == false)
        }

        _ = try await dev.deployer().down(.init(infra: true, deleteData: true))
        #expect(dev.backend.repositories == ["shop/worker"])
    }

    /// A stack deployed before repositories became the project's holds its repository: the next
    /// template keeps it, retained, since dropping it would delete it with its images.
    @Test func aStackThatHoldsItsRepositoryKeepsItRetained() async throws {
        let fixture = try Fixture(holding: [StackLogicalID.repository(service: "Worker"): "shop/worker"])
        fixture.backend.repositories.insert("shop/worker")
        _ = try await fixture.deployer().deploy(Fixture.options)
        #expect(fixture.stacks.request("shop-dev")?.templateBody.contains("AWS::ECR::Repository") == false)
        _ = try await fixture.deployer().deploy(Fixture.options)
        let template = fixture.stacks.request("shop-dev")?.templateBody ?? ""
        #expect(
            template.contains("  RepositoryWorker:\n    Type: AWS::ECR::Repository\n    DeletionPolicy: Retain\n    UpdateReplacePolicy: Retain\n"))
        #expect(!template.contains("EmptyOnDelete"))
    }

    // MARK: Certificates are checked before the stack (issue 10, item 2)

    static func httpsCompose(_ arn: String) -> String {
        """
        name: shop
        services:
          web:
            image: nginx:1.27
            ports: ["80:80"]
            x-berth: {domain: www.example.com, certificate: "\(arn)"}
        """
    }

    /// A listener with a missing, unissued or foreign-region certificate fails on AWS and rolls
    /// the stack back; Berth says so first and writes nothing.
    @Test(arguments: [
        ("arn:aws:acm:us-east-1:123456789012:certificate/c1", nil, "does not exist in this account"),
        ("arn:aws:acm:us-east-1:123456789012:certificate/c1", CertificateStatus.pendingValidation, "is PENDING_VALIDATION, not ISSUED"),
        ("arn:aws:acm:us-east-1:123456789012:certificate/c1", CertificateStatus.expired, "is EXPIRED, not ISSUED"),
        ("arn:aws:acm:eu-west-1:123456789012:certificate/c1", CertificateStatus.issued, "is in eu-west-1, but the site deploys to us-east-1"),
    ])
    func aCertificateTheListenerCannotUseStopsTheDeployBeforeTheStack(arn: String, status: CertificateStatus?, message: String) async throws {
        let fixture = try Fixture(compose: Self.httpsCompose(arn))
        fixture.backend.certificates[arn] = status
        for run in [{ try await fixture.deployer().plan(Fixture.options) }, { try await fixture.deployer().deploy(Fixture.options) }] {
            await #expect {
                _ = try await run()
            } throws: {
                ($0 as? DeployError)?.message.contains(message) == true
            }
        }
        #expect(fixture.stacks.writes.isEmpty && fixture.backend.writeCount == 0)
    }

    @Test func anIssuedCertificateInTheSitesRegionDeploys() async throws {
        let arn = "arn:aws:acm:us-east-1:123456789012:certificate/c1"
        let fixture = try Fixture(compose: Self.httpsCompose(arn))
        fixture.backend.certificates[arn] = .issued
        _ = try await fixture.deployer().deploy(Fixture.options)
        #expect(fixture.stacks.writes == ["create shop-dev"])
    }

    // MARK: plan shows what deploy will do (issue 10, item 10)

    /// Before the stack exists, plan lists the ECS services deploy will create: one per task,
    /// not one per compose service.
    @Test func planBeforeTheStackListsTasksNotComposeServices() async throws {
        let fixture = try Fixture(compose: GroupedServicesReconcilerTests.compose)
        let result = try await fixture.deployer().plan(Fixture.options)
        #expect(result.services?.actions.map(\.name) == ["app"])
        #expect(result.services?.actions.first?.kind == .create)
    }

    /// When the stack changes under deployed services, plan never promises to create them again.
    @Test func planWhenTheStackChangesTreatsDeployedServicesAsTheyAre() async throws {
        let fixture = try Fixture()
        _ = try await fixture.deployed()
        // A new volume: the stack must make its file system before the services can be planned.
        let changed = try Fixture(
            compose: ServicesReconcilerTests.compose.replacingOccurrences(
                of: "volumes: [content:/var/lib/ghost/content]", with: "volumes: [content:/var/lib/ghost/content, extra:/extra]"
            )
            .replacingOccurrences(of: "volumes:\n  content:", with: "volumes:\n  extra: {}\n  content:"),
            backend: fixture.backend)
        let events = EventRecorder()
        let stacks = fixture.stacks
        let deployer = SiteDeployer(
            site: changed.site, input: changed.input, content: changed.content, backend: fixture.backend, stacks: stacks,
            onEvent: { events.append($0) })
        let result = try await deployer.plan(Fixture.options)
        #expect(result.infra?.hasChanges == true)
        let services = result.services?.actions.filter { $0.resource == .service } ?? []
        #expect(services.map(\.name) == ["web", "cms", "worker"])
        #expect(services.allSatisfy { $0.kind == .update })
        #expect(events.notes.contains { $0.hasPrefix("services wait for the stack's changes") })
        #expect(fixture.backend.writeCount == 0)
    }
}
