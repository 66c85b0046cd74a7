import DeployEngine
import StackTemplates
import Testing

/// `deploy --unified` in process: what goes through the API before the stack (secrets,
/// repositories), the stack's parameters, and a second deploy that writes nothing.
struct UnifiedDeployerTests {
    static let compose = """
        name: shop
        services:
          cms:
            image: ghost:5
            expose: ["2368"]
            secrets: [db-password]
          worker:
            build: ./worker
            image: shop/worker:2.0
        secrets:
          db-password:
            environment: DB_PASSWORD
        """

    @Test func secretsAndRepositoriesComeFirstThenOneStackAndASecondDeployWritesNothing() async throws {
        let fixture = try SiteDeployerTests.Fixture(compose: Self.compose)
        let stack = UnifiedStack(site: fixture.site, input: fixture.input, processEnvironment: ["DB_PASSWORD": "s3cret"])
        let deployer = UnifiedDeployer(stack: stack, backend: fixture.backend, stacks: fixture.stacks, onEvent: { _ in })

        let plan = try await deployer.plan()
        #expect(plan.infra == .create([]))
        #expect(plan.services?.actions.map(\.name).contains("shop/worker") == true)
        #expect(fixture.backend.writes.isEmpty && fixture.stacks.writes.isEmpty)

        let first = try await deployer.deploy()
        #expect(first.infraOutcome == .created)
        #expect(fixture.backend.repositories == ["shop/worker"])
        #expect(fixture.backend.writes.contains("create repository shop/worker"))
        #expect(fixture.backend.writes.contains { $0.hasPrefix("put ") && $0.contains("db-password") })
        let request = try #require(fixture.stacks.request("shop-dev"))
        // The secret reaches the template as its ARN, the built image pinned to its digest.
        #expect(request.parameters.values.contains { $0.hasPrefix("arn:aws:secretsmanager:") && $0.contains("db-password") })
        #expect(request.parameters.values.contains("123456789012.dkr.ecr.us-east-1.amazonaws.com/shop/worker@sha256:abc"))
        #expect(!request.templateBody.contains("s3cret"))

        fixture.backend.resetWrites()
        let second = try await deployer.deploy()
        #expect(second.infraOutcome == .noChanges)
        #expect(fixture.backend.writes.isEmpty && fixture.stacks.writes == ["create shop-dev"])
    }

    /// The single stack takes back kept data as the infrastructure stack does: the volume's
    /// access point and task definition point at the old file system, the bucket comes back.
    @Test func keptDataComesBackInTheSingleStack() async throws {
        let fixture = try SiteDeployerTests.Fixture(
            compose:
                "name: shop\nservices:\n  cms:\n    image: ghost:5\n    expose: [\"2368\"]\n    volumes: [content:/var/lib/ghost/content]\nvolumes:\n  content: {}\n"
        )
        fixture.backend.fileSystems["fs-kept"] = "content"
        fixture.backend.buckets.insert("shop-dev-backupbucket-old")
        let stack = UnifiedStack(site: fixture.site, input: fixture.input, processEnvironment: ["DB_PASSWORD": "s3cret"])
        _ = try await UnifiedDeployer(stack: stack, backend: fixture.backend, stacks: fixture.stacks, onEvent: { _ in }).deploy()
        let request = try #require(fixture.stacks.request("shop-dev"))
        let volume = try #require(fixture.input.ownedVolumes.first)
        #expect(request.parameters[StackLogicalID.keptFileSystemParameter(volume: volume.logicalId)] == "fs-kept")
        #expect(request.parameters[StackLogicalID.keptBackupBucketParameter] == "shop-dev-backupbucket-old")
        #expect(!request.templateBody.contains("Type: AWS::EFS::FileSystem\n"))
        #expect(request.templateBody.contains("FileSystemId:\n        Ref: \(StackLogicalID.keptFileSystemParameter(volume: volume.logicalId))"))
    }

    /// `down` of a unified environment: the services go with the stack, never through the API.
    @Test func downOfAUnifiedEnvironmentDeletesTheStackOnly() async throws {
        let fixture = try SiteDeployerTests.Fixture(compose: Self.compose)
        let stack = UnifiedStack(site: fixture.site, input: fixture.input, processEnvironment: ["DB_PASSWORD": "s3cret"])
        _ = try await UnifiedDeployer(stack: stack, backend: fixture.backend, stacks: fixture.stacks, onEvent: { _ in }).deploy()
        fixture.backend.resetWrites()
        await #expect(throws: DeployError.self) { try await fixture.deployer().down(.init()) }
        await #expect(throws: DeployError.self) { try await fixture.deployer().down(.init(services: ["cms"], accessPoints: true)) }
        #expect(fixture.backend.writes.isEmpty && fixture.stacks.writes == ["create shop-dev"])
        let down = try await fixture.deployer().down(.init(infra: true))
        #expect(down.removed.contains("stack shop-dev") && !down.removed.contains { $0.hasPrefix("service ") })
        #expect(fixture.stacks.writes == ["create shop-dev", "delete shop-dev"])
    }

    /// Issue 12, item 6, in one stack: new config contents or a new secret version change the
    /// task definition (the init container's BERTH_CONTENT_VERSION), so the service rolls out;
    /// the same contents render the same template.
    @Test func newContentsRollTheServiceOutInTheSingleStack() throws {
        let compose = """
            name: shop
            services:
              web:
                image: nginx:1.27
                expose: ["80"]
                configs: [{source: site-conf, target: /etc/nginx/conf.d/site.conf}]
                secrets: [db-password]
            configs:
              site-conf:
                environment: SITE_CONF
            secrets:
              db-password:
                environment: DB_PASSWORD
            """
        let fixture = try SiteDeployerTests.Fixture(compose: compose)
        func render(_ conf: String, secretVersion: String) throws -> String {
            let stack = UnifiedStack(site: fixture.site, input: fixture.input, processEnvironment: ["SITE_CONF": conf, "DB_PASSWORD": "pw"])
            return try stack.render(secretVersions: ["berth/shop/dev/db-password": secretVersion]).yaml
        }
        let first = try render("server {}", secretVersion: "v1")
        #expect(first.contains("BERTH_CONTENT_VERSION"))
        #expect(try render("server {}", secretVersion: "v1") == first)
        #expect(try render("server { listen 81; }", secretVersion: "v1") != first)
        #expect(try render("server {}", secretVersion: "v2") != first)
    }
}
