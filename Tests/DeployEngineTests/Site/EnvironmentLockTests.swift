import AWSRuntime
import AWSServices
import BerthTesting
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// One deploy or teardown of an environment at a time, across machines.
struct EnvironmentLockTests {
    static let alice = LockHolder(owner: "alice@laptop", command: "deploy", pid: 4242, started: Date().addingTimeInterval(-180), token: "a")
    static let bob = LockHolder(owner: "bob@ci", command: "deploy", pid: 7, token: "b")

    static func lock(_ store: any LockStore, wait: Bool = false, notes: Recorded<String> = Recorded()) -> EnvironmentLock {
        EnvironmentLock(store: store, name: "/berth-lock/shop/dev", stack: "shop-dev", waitForLock: wait, sleeper: RecordingSleeper()) {
            notes.append($0)
        }
    }

    @Test func theSecondRunSaysWhoHoldsItSinceWhen() async throws {
        let store = InMemoryServicesBackend()
        try await Self.lock(store).acquire(Self.alice)
        let error = await #expect(throws: LockHeldError.self) { try await Self.lock(store).acquire(Self.bob) }
        #expect(error?.description.hasPrefix("shop-dev is locked by alice@laptop (berth deploy, pid 4242) since ") == true)
        #expect(error?.description.hasSuffix(", 3 min ago") == true)
        #expect(error?.hint == "wait for it to finish, or re-run with --wait-for-lock")
    }

    @Test func onlyTheHolderReleasesIt() async throws {
        let store = InMemoryServicesBackend()
        try await Self.lock(store).acquire(Self.alice)
        await Self.lock(store).release(Self.bob)
        #expect(store.locks["/berth-lock/shop/dev"] != nil)
        await Self.lock(store).release(Self.alice)
        #expect(store.locks.isEmpty)
        try await Self.lock(store).acquire(Self.bob)
    }

    @Test func aStaleLockIsTakenOverWithANote() async throws {
        let store = InMemoryServicesBackend()
        var dead = Self.alice
        dead.started = Date().addingTimeInterval(-4 * 3600)
        try await Self.lock(store).acquire(dead)
        let notes = Recorded<String>()
        try await Self.lock(store, notes: notes).acquire(Self.bob)
        #expect(notes.all.count == 1)
        #expect(notes.all.first?.hasSuffix("older than 3 h, taking it over") == true)
        #expect(store.locks["/berth-lock/shop/dev"]?.contains("\"token\":\"b\"") == true)
    }

    @Test func aRetriedCreateFindsItsOwnRecord() async throws {
        let store = InMemoryServicesBackend()
        try await Self.lock(store).acquire(Self.alice)
        try await Self.lock(store).acquire(Self.alice)
    }

    @Test func waitingForTheLockWaitsUntilItIsReleased() async throws {
        let store = ReleasingStore(after: 3)
        try await Self.lock(store.backend).acquire(Self.alice)
        let notes = Recorded<String>()
        try await Self.lock(store, wait: true, notes: notes).acquire(Self.bob)
        #expect(notes.all.count == 1 && notes.all[0].hasSuffix("; waiting for it"))
    }

    @Test func aLockedEnvironmentGetsNoWriteAndTheHolderKeepsIt() async throws {
        let fixture = try SiteDeployerTests.Fixture()
        try await Self.lock(fixture.backend).acquire(Self.alice)
        var options = SiteDeployerTests.Fixture.options
        options.lock = Self.bob
        await #expect(throws: LockHeldError.self) { try await fixture.deployer().deploy(options) }
        await #expect(throws: LockHeldError.self) { try await fixture.deployer().down(.init(lock: Self.bob)) }
        #expect(fixture.stacks.writes.isEmpty && fixture.backend.writeCount == 0)
        #expect(fixture.backend.locks.count == 1)
    }

    @Test func aDeployReleasesItsLockWhetherItSucceedsOrFails() async throws {
        let fixture = try SiteDeployerTests.Fixture()
        var options = SiteDeployerTests.Fixture.options
        options.lock = Self.bob
        _ = try await fixture.deployer().deploy(options)
        #expect(fixture.backend.locks.isEmpty)
        // Services alone before any stack: refused, and the lock is released all the same.
        let fresh = try SiteDeployerTests.Fixture()
        options.only = .services
        await #expect(throws: DeployError.self) { try await fresh.deployer().deploy(options) }
        #expect(fresh.backend.locks.isEmpty)
    }

    @Test func aDeployWithNothingToChangeTakesNoLock() async throws {
        let fixture = try SiteDeployerTests.Fixture()
        var options = SiteDeployerTests.Fixture.options
        options.lock = Self.bob
        _ = try await fixture.deployer().deploy(options)
        #expect(fixture.backend.lockWrites == ["create /berth-lock/shop/dev", "delete /berth-lock/shop/dev"])
        fixture.backend.lockWrites = []
        fixture.backend.resetWrites()
        let again = try await fixture.deployer().deploy(options)
        #expect(again.infraOutcome == .noChanges && again.services?.changes.isEmpty == true)
        #expect(again.outputs[.cluster] == "shop-dev")
        #expect(fixture.backend.lockWrites.isEmpty && fixture.backend.writes.isEmpty && fixture.stacks.writes == ["create shop-dev"])
    }

    @Test func aLockOfAProcessThatEndedOnThisMachineIsTakenAtOnce() async throws {
        let store = InMemoryServicesBackend()
        var gone = LockHolder.current(command: "deploy", environment: ["USER": "ci"])
        gone.pid = Int32.max - 1
        gone.token = "gone"
        try await Self.lock(store).acquire(gone)
        let notes = Recorded<String>()
        try await Self.lock(store, notes: notes).acquire(Self.bob)
        #expect(notes.all.first?.hasSuffix("but that process has ended; taking the lock over") == true)
    }

    @Test func twoEnvironmentsHaveTwoLocks() {
        #expect(Names(project: "shop", environment: "dev").lockParameter == "/berth-lock/shop/dev")
        #expect(Names(project: "shop", environment: "prod").lockParameter == "/berth-lock/shop/prod")
    }
}

/// A store whose lock another run releases after `after` reads.
final class ReleasingStore: LockStore, @unchecked Sendable {
    let backend = InMemoryServicesBackend()
    private var reads = 0
    private let limit: Int
    init(after limit: Int) { self.limit = limit }

    func createLock(_ name: String, value: String) async throws -> Bool { try await backend.createLock(name, value: value) }
    func readLock(_ name: String) async throws -> String? {
        reads += 1
        if reads == limit { try await backend.deleteLock(name) }
        return try await backend.readLock(name)
    }
    func deleteLock(_ name: String) async throws { try await backend.deleteLock(name) }
}

/// A deploy does not stop part of a running site because its file lost a service without the
/// user saying so.
struct ServiceRemovalTests {
    static let withoutWorker = ServicesReconcilerTests.compose.replacingOccurrences(
        of: """
              worker:
                build: ./worker
                image: shop/worker:2.0
                deploy:
                  x-aws-autoscaling: {min: 1, max: 4, cpu: 60}

            """, with: "")

    @Test func removingAServiceIsAskedFirstAndRefusalWritesNothing() async throws {
        let backend = InMemoryServicesBackend()
        let first = try SiteDeployerTests.Fixture(backend: backend)
        _ = try await first.deployed()
        #expect(!Self.withoutWorker.contains("worker:"))
        let fixture = try SiteDeployerTests.Fixture(compose: Self.withoutWorker, backend: backend, stacks: first.stacks)
        let asked = Recorded<[String]>()
        var options = SiteDeployerTests.Fixture.options
        options.confirmRemoval = {
            asked.append($0); return false
        }
        await #expect {
            try await fixture.deployer().deploy(options)
        } throws: { error in
            (error as? DeployError)?.message == "nothing was changed: this deploy would remove worker, no longer in the compose file"
        }
        #expect(asked.all == [["worker"]])
        #expect(backend.writes.isEmpty && backend.services["worker"]?.status == .active)

        let plan = try await fixture.deployer().plan(SiteDeployerTests.Fixture.options)
        #expect(
            plan.services?.changes.contains(
                PlannedAction(.delete, .service, "worker", "no longer in the compose file: deploy stops and deletes it (asking first)")) == true)

        options.confirmRemoval = { _ in true }
        _ = try await fixture.deployer().deploy(options)
        #expect(backend.services["worker"]?.status == .inactive)
    }
}

/// An environment keeps the mode it was deployed in unless told to switch.
struct DeployModeTests {
    @Test func aTwoLayerDeployOfAUnifiedEnvironmentIsRefused() async throws {
        let fixture = try SiteDeployerTests.Fixture()
        _ = try await fixture.deployer().deploy(SiteDeployerTests.Fixture.options)
        #expect(fixture.stacks.request("shop-dev")?.tags["berth:mode"] == "layers")
        // The same stack as a unified deploy left it.
        var unified = try #require(fixture.stacks.request("shop-dev"))
        unified.tags["berth:mode"] = "unified"
        _ = try await fixture.stacks.deploy(stack: unified, options: .init(), onEvent: { _ in })
        fixture.backend.resetWrites()
        for run in [
            { try await fixture.deployer().plan(SiteDeployerTests.Fixture.options) },
            { try await fixture.deployer().deploy(SiteDeployerTests.Fixture.options) },
        ] {
            await #expect {
                _ = try await run()
            } throws: { error in
                (error as? DeployError)?.hint == "run it with --unified, or pass --switch-mode to convert the environment"
            }
        }
        #expect(fixture.backend.writes.isEmpty)
        var switching = SiteDeployerTests.Fixture.options
        switching.switchMode = true
        _ = try await fixture.deployer().deploy(switching)
        #expect(fixture.stacks.request("shop-dev")?.tags["berth:mode"] == "layers")
    }
}

/// New contents of a config file or secret reach the running tasks: ECS reads `valueFrom` only
/// when a task starts, so the task definition changes with the stored value's version.
struct ContentRolloutTests {
    @Test func aChangedConfigFileRollsItsServiceAndPlanSaysSo() async throws {
        let backend = InMemoryServicesBackend()
        let first = try SiteDeployerTests.Fixture(backend: backend)
        _ = try await first.deployed()
        let revisions = backend.taskDefinitions["shop-dev-web"]?.count
        let initContainer = backend.taskDefinitions["shop-dev-web"]?.last?.spec.containerDefinitions.first { $0.name == "berth-files" }
        let before = initContainer?.environment?.first { $0.name == "BERTH_CONTENT_VERSION" }?.value
        #expect(before?.count == 16)

        let changed = try SiteDeployerTests.Fixture(backend: backend, stacks: first.stacks, nginxConf: "events { worker_connections 512; }\n")
        let plan = try await changed.deployer().plan(SiteDeployerTests.Fixture.options)
        let changes = plan.services?.changes.map { "\($0.kind.rawValue) \($0.resource.rawValue) \($0.name)" } ?? []
        #expect(changes.contains("update parameter /berth/shop/dev/files/web/0-nginx-conf"))
        #expect(
            changes.contains { $0.hasPrefix("update task-definition shop-dev-web") || $0.hasPrefix("replace task-definition shop-dev-web") },
            "\(changes)")
        #expect(!changes.contains { $0.contains("shop-dev-cms") }, "cms reads no changed file")

        _ = try await changed.deployer().deploy(SiteDeployerTests.Fixture.options)
        #expect(backend.taskDefinitions["shop-dev-web"]?.count == (revisions ?? 0) + 1)
        let after = backend.taskDefinitions["shop-dev-web"]?.last?.spec.containerDefinitions.first { $0.name == "berth-files" }?
            .environment?.first { $0.name == "BERTH_CONTENT_VERSION" }?.value
        #expect(after != nil && after != before)

        backend.resetWrites()
        _ = try await changed.deployer().deploy(SiteDeployerTests.Fixture.options)
        #expect(backend.writes.isEmpty, "the same content again changes nothing")
    }
}

/// A volume renamed in the compose file would switch its services to a new, empty file system.
struct VolumeRenameTests {
    @Test func aFileSystemLeftBehindIsNamedWithWhereItStays() async throws {
        let plan = StackPlan.update([
            PlannedResourceChange(
                logicalResourceId: "FileSystemUploads", resourceType: "AWS::EFS::FileSystem", action: .remove, physicalResourceId: "fs-0abc"),
            PlannedResourceChange(logicalResourceId: "FileSystemContent", resourceType: "AWS::EFS::FileSystem", action: .add),
        ])
        #expect(
            SiteDeployer.dataLeftBehind(plan) == [
                "the file system fs-0abc of a volume no longer in the compose file (kept, unused; a renamed volume starts empty)"
            ])
        var options = SiteDeployer.Options()
        options.confirmRemoval = { _ in false }
        await #expect(throws: DeployError.self) { try await SiteDeployer.confirm(removals: SiteDeployer.dataLeftBehind(plan), options) }
        #expect(SiteDeployer.dataLeftBehind(.update([])).isEmpty)
    }
}
