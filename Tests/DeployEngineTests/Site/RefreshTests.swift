import AWSRuntime
import AWSServices
import BerthTesting
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// `berth refresh`: a tag that names new bytes moves its service, and only that, to a
/// revision pinned to them; everything else stays for `deploy`.
struct RefreshTests {
    typealias Fixture = SiteDeployerTests.Fixture
    static let worker = "123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker"

    @Test func aPushedImageMovesOnlyItsServiceAndADeployAfterwardsWritesNothing() async throws {
        let fixture = try Fixture()
        let deployer = try await fixture.deployed()
        fixture.backend.images["\(Self.worker):2.0"] = "sha256:def"

        let results = try await deployer.refresh(force: false, Fixture.options)
        #expect(results.map(\.outcome) == [.unchanged, .unchanged, .refreshed])
        let worker = try #require(results.last)
        #expect(worker.images == [.init(container: "worker", old: "\(Self.worker)@sha256:abc", new: "\(Self.worker)@sha256:def")])
        // A new revision and one UpdateService: the service's settings tag does not move.
        #expect(fixture.backend.writes == ["register shop-dev-worker", "update service worker"])
        #expect(fixture.backend.services["worker"]?.taskDefinition.hasSuffix("shop-dev-worker:2") == true)
        #expect(fixture.backend.taskDefinitions["shop-dev-worker"]?.last?.spec.containerDefinitions.first?.image == "\(Self.worker)@sha256:def")

        // What refresh registered is what deploy wants: nothing left to do, for either.
        fixture.backend.resetWrites()
        let deploy = try await deployer.deploy(Fixture.options)
        #expect(deploy.services?.changes.isEmpty == true)
        let again = try await deployer.refresh(force: false, Fixture.options)
        #expect(again.allSatisfy { $0.outcome == .unchanged })
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func withNothingMovedNothingIsWrittenAndForceRestartsEachServiceAsItIs() async throws {
        let fixture = try Fixture()
        let deployer = try await fixture.deployed()
        let results = try await deployer.refresh(force: false, Fixture.options)
        #expect(results.allSatisfy { $0.outcome == .unchanged && $0.reason == "its images are current" })
        #expect(fixture.backend.writes.isEmpty)

        let forced = try await deployer.refresh(force: true, Fixture.options)
        #expect(forced.map(\.outcome) == [.restarted, .restarted, .restarted])
        #expect(fixture.backend.writes.sorted() == ["restart service cms", "restart service web", "restart service worker"])
    }

    @Test func aDryRunDecidesTheSameAndWritesNothing() async throws {
        let fixture = try Fixture()
        let deployer = try await fixture.deployed()
        fixture.backend.images["\(Self.worker):2.0"] = "sha256:def"
        let results = try await deployer.refresh(force: false, apply: false, Fixture.options)
        #expect(results.last?.outcome == .refreshed)
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func aServiceWithOtherChangesIsHeldForDeployAndItsNeighboursStillMove() async throws {
        let fixture = try Fixture()
        _ = try await fixture.deployed()
        // The compose file changed since the deploy: worker gets a new variable, web a new image.
        let edited = ServicesReconcilerTests.compose
            .replacingOccurrences(of: "    image: shop/worker:2.0\n", with: "    image: shop/worker:2.0\n    environment: [MODE=fast]\n")
            .replacingOccurrences(
                of: "image: nginx:1.27\n", with: "image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000002\n")
        let changed = try Fixture(compose: edited, backend: fixture.backend, stacks: fixture.stacks)
        fixture.backend.images["\(Self.worker):2.0"] = "sha256:def"
        let results = try await changed.deployer().refresh(force: false, Fixture.options)
        let byName = Dictionary(uniqueKeysWithValues: results.map { ($0.service, $0) })
        #expect(byName["web"]?.outcome == .refreshed)
        #expect(byName["web"]?.images.first?.new.hasSuffix("@sha256:0000000000000000000000000000000000000000000000000000000000000002") == true)
        #expect(byName["worker"]?.outcome == .held)
        #expect(byName["worker"]?.reason.contains("`berth deploy` applies them") == true)
        #expect(byName["worker"]?.images.map(\.new) == ["\(Self.worker)@sha256:def"])
        #expect(byName["cms"]?.outcome == .unchanged)
        #expect(fixture.backend.writes == ["register shop-dev-web", "update service web"])
    }

    @Test func aTagThatCouldNotBeLookedUpNeverReplacesThePinnedDigest() async throws {
        let pinned = ServicesReconcilerTests.compose.replacingOccurrences(
            of: "image: nginx:1.27\n", with: "image: nginx:1.27@sha256:0000000000000000000000000000000000000000000000000000000000000001\n")
        let fixture = try Fixture(compose: pinned)
        _ = try await fixture.deployed()
        // The registry did not answer: the site carries the bare tag, as the CLI leaves it then.
        let unpinned = try Fixture(compose: ServicesReconcilerTests.compose, backend: fixture.backend, stacks: fixture.stacks)
        let results = try await unpinned.deployer().refresh(force: false, Fixture.options)
        #expect(results.first { $0.service == "web" }?.outcome == .unchanged)
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func onlyTheNamedServicesAreLookedAt() async throws {
        let fixture = try Fixture()
        let deployer = try await fixture.deployed()
        fixture.backend.images["\(Self.worker):2.0"] = "sha256:def"
        var options = Fixture.options
        options.services = ["web"]
        let results = try await deployer.refresh(force: false, options)
        #expect(results.map(\.service) == ["web"] && results.first?.outcome == .unchanged)
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func aUnifiedEnvironmentIsRefreshedByItsStack() async throws {
        let fixture = try Fixture()
        let deployer = try await fixture.deployed()
        var unified = try #require(fixture.stacks.request("shop-dev"))
        unified.tags["berth:mode"] = "unified"
        _ = try await fixture.stacks.deploy(stack: unified, options: .init(), onEvent: { _ in })
        fixture.backend.images["\(Self.worker):2.0"] = "sha256:def"
        await #expect { try await deployer.refresh(force: false, Fixture.options) } throws: {
            ($0 as? DeployError)?.hint == "run `berth deploy --unified`: it pins every image to the digest its tag names now"
        }
        #expect(fixture.backend.writes.isEmpty)
    }

    @Test func beforeTheFirstDeployRefreshSaysToDeploy() async throws {
        let fixture = try Fixture()
        await #expect { try await fixture.deployer().refresh(force: false, Fixture.options) } throws: {
            ($0 as? DeployError)?.hint == "run `berth deploy` first"
        }
    }
}
