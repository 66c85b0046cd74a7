import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth validate` and `berth template` reading image configurations from the emulator's
    /// registry on loopback (standing in for Docker Hub through `BERTH_DOCKER_HUB_MIRROR`): the
    /// token dance, 404, 429 and the cache, as a user's machine would do them against Docker Hub.
    @Suite struct ImageLookup {
        /// A project folder whose `db` service is named by `app` but declares no port; each test
        /// gets its own repository so tests running at once never share registry state.
        static func project(image: String) throws -> URL {
            try projectFolder(
                "berth-images",
                compose: """
                    name: lookups
                    services:
                      app:
                        image: wordpress
                        ports: ["80:80"]
                        environment:
                          WORDPRESS_DB_HOST: db
                      db:
                        image: \(image)
                    """)
        }

        static func environment(_ aws: LocalAWS, cache: URL) -> [String: String] {
            aws.berthEnvironment(["XDG_CACHE_HOME": cache.path])
        }

        static func requests(_ aws: LocalAWS, repository: String) throws -> Int {
            try aws.client.registryRequests().filter { ($0["path"] ?? nil)?.hasPrefix("/v2/\(repository)/") == true }.count
        }

        @Test func validateFindsTheDatabasePortInTheImageAndCachesIt() throws {
            let aws = try LocalAWS.require()
            let repository = "lookups/db-\(UUID().uuidString.prefix(8).lowercased())"
            let digest = try aws.client.placeImage(repository, tags: ["8.0"], exposedPorts: ["3306/tcp", "33060/tcp"])
            let folder = try Self.project(image: "\(repository):8.0")
            let cache = folder.appendingPathComponent("cache")
            let cold = try BerthBinary.run(["validate"], environment: Self.environment(aws, cache: cache), directory: folder)
            #expect(cold.status == 0, "stderr: \(cold.stderr)")
            #expect(
                cold.stderr.contains(
                    "compose.yaml:8:3: note: services.db: reachable as db on 3306/tcp, 33060/tcp, the ports of image \(repository):8.0"))
            #expect(cold.stdout.contains("internal     3306/tcp, 33060/tcp"), "stdout: \(cold.stdout)")
            // challenge, index, platform manifest, config blob (the token comes from the realm).
            #expect(try Self.requests(aws, repository: repository) == 4)

            let warm = try BerthBinary.run(["validate"], environment: Self.environment(aws, cache: cache), directory: folder)
            #expect(warm.status == 0)
            #expect(try Self.requests(aws, repository: repository) == 4, "a warm cache asks the registry nothing")

            let template = try BerthBinary.run(["template", "--env", "default"], environment: Self.environment(aws, cache: cache), directory: folder)
            #expect(template.status == 0, "stderr: \(template.stderr)")
            #expect(template.stdout.contains("FromPort: 3306"), "the security group lets the site reach db on 3306")
            _ = digest
        }

        @Test func aMissingImageWarnsAtTheServiceAndSaysToAddExpose() throws {
            let aws = try LocalAWS.require()
            let folder = try Self.project(image: "lookups/never-pushed:1")
            let result = try BerthBinary.run(
                ["validate"], environment: Self.environment(aws, cache: folder.appendingPathComponent("cache")), directory: folder)
            #expect(result.status == 0, "a warning, not an error: the image may be pushed later")
            let warning = result.stderr.split(separator: "\n").first { $0.contains("warning: services.db") }
            #expect(
                warning?.hasPrefix("compose.yaml:8:3: warning: services.db: app reaches it (environment WORDPRESS_DB_HOST)") == true,
                "stderr: \(result.stderr)")
            #expect(warning?.contains("NAME_UNKNOWN") == true)
            #expect(warning?.hasSuffix("(add expose: [\"PORT\"] to db, e.g. the port its image documents)") == true)
            #expect(result.stdout.contains("valid, with 1 warning"))
        }

        @Test func aThrottledRegistryIsWaitedOutAsItAsks() throws {
            let aws = try LocalAWS.require()
            let repository = "lookups/busy-\(UUID().uuidString.prefix(8).lowercased())"
            try aws.client.placeImage(repository, tags: ["7"], exposedPorts: ["6379/tcp"])
            try aws.client.throttleRegistry(repository, count: 2, retryAfter: 1)
            let folder = try Self.project(image: "\(repository):7")
            let result = try BerthBinary.run(
                ["validate"], environment: Self.environment(aws, cache: folder.appendingPathComponent("cache")), directory: folder)
            #expect(result.status == 0)
            #expect(result.stderr.contains("reachable as db on 6379/tcp"), "stderr: \(result.stderr)")
        }

        @Test func lookupsOffMeansNoRegistryRequest() throws {
            let aws = try LocalAWS.require()
            let repository = "lookups/off-\(UUID().uuidString.prefix(8).lowercased())"
            try aws.client.placeImage(repository, tags: ["1"], exposedPorts: ["5432/tcp"])
            let folder = try Self.project(image: "\(repository):1")
            var environment = Self.environment(aws, cache: folder.appendingPathComponent("cache"))
            environment["BERTH_IMAGE_LOOKUP"] = "off"
            let result = try BerthBinary.run(["validate"], environment: environment, directory: folder)
            #expect(result.stderr.contains("image lookups are off (BERTH_IMAGE_LOOKUP=off)"))
            #expect(try Self.requests(aws, repository: repository) == 0)
        }

        /// A public image is pinned to the digest its tag names at deploy; when the tag moves,
        /// `plan` shows the new digest and a task-definition change, and until then nothing.
        @Test func deployPinsThePublicImageAndPlanShowsAMovedTag() throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let repository = "lookups/web-\(suffix)"
            let first = try aws.client.placeImage(repository, tags: ["1"], exposedPorts: ["80/tcp"])
            let folder = try projectFolder(
                "berth-pins",
                compose: """
                    name: pins\(suffix)
                    services:
                      web: {image: "\(repository):1", ports: ["80:80"]}
                    """)
            let environment = Self.environment(aws, cache: folder.appendingPathComponent("cache"))
            defer { _ = try? BerthBinary.run(["down", "--infra", "--yes"], environment: environment, directory: folder) }

            let deploy = try BerthBinary.run(["deploy"], environment: environment, directory: folder)
            #expect(deploy.status == 0, "stderr: \(deploy.stderr)")
            #expect(deploy.stdout.contains("image: web \(repository):1 → \(first)"), "stdout: \(deploy.stdout)")
            let seen = try aws.client.registryRequests().count
            let unchanged = try BerthBinary.run(["plan"], environment: environment, directory: folder)
            #expect(unchanged.stdout.contains("services: no changes"), "stdout: \(unchanged.stdout)")
            // A tag whose digest the cache knows costs a HEAD (free of Docker Hub's pull limit), never a pull.
            let asked = try aws.client.registryRequests().dropFirst(seen).filter { ($0["path"] ?? nil)?.contains(repository) == true }
            #expect(!asked.isEmpty && asked.allSatisfy { $0["method"] == "HEAD" }, "\(asked)")

            let moved = try aws.client.placeImage(repository, tags: ["1"], exposedPorts: ["80/tcp", "8080/tcp"])
            #expect(moved != first)
            let plan = try BerthBinary.run(["plan"], environment: environment, directory: folder)
            #expect(plan.status == 0, "stderr: \(plan.stderr)")
            #expect(plan.stdout.contains("image: web \(repository):1 → \(moved)"))
            #expect(!plan.stdout.contains("services: no changes"), "a moved tag is a change: stdout: \(plan.stdout)")
            try aws.client.expectNoRejections()
        }
    }
}
