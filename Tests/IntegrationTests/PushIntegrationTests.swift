import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth push` with a fake `docker` on PATH (no engine runs here): the exact command lines,
    /// the ECR login through Berth as docker's credential helper, and the pushed digests read back.
    @Suite struct Push {
        static let fixture = URL(fileURLWithPath: #filePath).deletingLastPathComponent().appendingPathComponent("Fixtures/fake_docker.py")

        struct Project {
            let folder: URL
            let bin: URL
            let log: URL
            let suffix: String
        }

        /// A Git checkout with two built services, and a fake docker for it.
        static func project() throws -> Project {
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let folder = try projectFolder(
                "berth-push",
                compose: """
                    name: push\(suffix)
                    services:
                      site:
                        build: {context: ./site, dockerfile: Dockerfile.prod, args: {NODE_ENV: production, NPM_TOKEN: null}, target: runtime}
                        image: example/site:v1
                        platform: linux/arm64
                      api:
                        build: ./api
                      proxy:
                        image: nginx:1.27-alpine
                    """)
            for service in ["site", "api"] {
                let directory = folder.appendingPathComponent(service)
                try FileManager.default.createDirectory(at: directory, withIntermediateDirectories: true)
                try "FROM alpine:3.20 AS runtime\n".write(
                    to: directory.appendingPathComponent(service == "site" ? "Dockerfile.prod" : "Dockerfile"), atomically: true, encoding: .utf8)
            }
            let bin = try fakeCommand("docker", running: fixture, in: folder)
            for arguments in [["init", "-q"], ["add", "."], ["-c", "user.email=t@example.com", "-c", "user.name=t", "commit", "-qm", "site"]] {
                _ = try git(arguments, in: folder)
            }
            return Project(folder: folder, bin: bin, log: folder.appendingPathComponent("docker.log"), suffix: String(suffix))
        }

        static func git(_ arguments: [String], in folder: URL) throws -> String {
            let git = Process()
            git.executableURL = URL(fileURLWithPath: "/usr/bin/env")
            git.arguments = ["git"] + arguments
            git.currentDirectoryURL = folder
            let output = Pipe()
            git.standardOutput = output
            try git.run()
            let data = output.fileHandleForReading.readDataToEndOfFile()
            git.waitUntilExit()
            return String(decoding: data, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        }

        static func calls(_ project: Project) throws -> [[String: Any]] {
            let text = (try? String(contentsOf: project.log, encoding: .utf8)) ?? ""
            return try text.split(separator: "\n").map { try #require(try JSONSerialization.jsonObject(with: Data($0.utf8)) as? [String: Any]) }
        }

        static func environment(_ aws: LocalAWS, _ project: Project, _ extra: [String: String] = [:]) -> [String: String] {
            var environment = aws.berthEnvironment(extra)
            environment["PATH"] = project.bin.path + ":" + (environment["PATH"] ?? "/usr/bin:/bin")
            environment["FAKE_DOCKER_LOG"] = project.log.path
            environment["FAKE_DOCKER_MOTO"] = aws.motoURL
            return environment
        }

        @Test func buildxBuildsForTheTasksPlatformAndPushesThroughBerthsCredentialHelper() async throws {
            let aws = try LocalAWS.require()
            try aws.client.reset()
            let project = try Self.project()
            let commit = try Self.git(["rev-parse", "--short=12", "HEAD"], in: project.folder)
            let result = try BerthBinary.run(
                ["push", "--output", "json"], environment: Self.environment(aws, project, ["FAKE_DOCKER_BUILDX": "1"]), directory: project.folder)
            #expect(result.status == 0, "\(result.stderr)")

            let registry = "123456789012.dkr.ecr.us-east-1.amazonaws.com"
            let root = project.folder.standardizedFileURL.path
            let calls = try Self.calls(project)
            let builds = calls.compactMap { $0["args"] as? [String] }.filter { $0.first == "buildx" && $0.dropFirst().first == "build" }
            #expect(
                builds == [
                    [
                        "buildx", "build", "--platform", "linux/arm64", "--file", "\(root)/site/Dockerfile.prod", "--build-arg",
                        "NODE_ENV=production",
                        "--build-arg", "NPM_TOKEN", "--target", "runtime", "--tag", "\(registry)/push\(project.suffix)/site:v1", "--tag",
                        "\(registry)/push\(project.suffix)/site:\(commit)", "--provenance=false", "--push", "\(root)/site",
                    ],
                    [
                        "buildx", "build", "--platform", "linux/amd64", "--tag", "\(registry)/push\(project.suffix)/api:latest", "--tag",
                        "\(registry)/push\(project.suffix)/api:\(commit)", "--provenance=false", "--push", "\(root)/api",
                    ],
                ])
            // docker asked Berth for the login, per push, and got ECR's AWS user and a token.
            let auths = calls.compactMap { $0["auth"] as? [[String: Any]] }.joined()
            #expect(auths.count == 4)
            #expect(
                auths.allSatisfy {
                    $0["registry"] as? String == registry && $0["username"] as? String == "AWS" && ($0["secret_length"] as? Int ?? 0) > 0
                })
            // The token is nowhere: not in Berth's output, and the configuration folder is gone.
            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: aws.url, region: "us-east-1")
            let token = try #require(try await ECRClient(client).getAuthorizationToken().first?.authorizationToken)
            let password =
                String(decoding: try #require(Data(base64Encoded: token)), as: UTF8.self).split(separator: ":").last.map(String.init) ?? token
            #expect(!result.stdout.contains(password) && !result.stderr.contains(password) && !result.stdout.contains(token))
            let configs = Set(calls.compactMap { $0["docker_config"] as? String })
            #expect(configs.count == 1 && configs.allSatisfy { !FileManager.default.fileExists(atPath: $0) })

            // The report gives each service's digest, as ECR has it.
            let report = try #require(try JSONSerialization.jsonObject(with: Data(result.stdout.utf8)) as? [String: Any])
            let images = try #require(report["images"] as? [[String: Any]])
            #expect(images.map { $0["service"] as? String } == ["site", "api"])
            let ecr = ECRClient(client)
            for image in images {
                let service = try #require(image["service"] as? String)
                let details = try await ecr.describeImages(repositoryName: "push\(project.suffix)/\(service)", imageIds: [.init(imageTag: commit)])
                    .collect {
                        $0
                    }
                #expect(image["digest"] as? String == details.first?.imageDigest && details.first?.imageDigest?.hasPrefix("sha256:") == true)
            }
            try aws.client.expectNoRejections()
        }

        @Test func withoutBuildxItBuildsThenPushesEachTagAndWithoutAnEngineItSaysSo() throws {
            let aws = try LocalAWS.require()
            let project = try Self.project()
            let result = try BerthBinary.run(["push", "api"], environment: Self.environment(aws, project), directory: project.folder)
            #expect(result.status == 0, "\(result.stderr)")
            let commands = try Self.calls(project).compactMap { $0["args"] as? [String] }.filter { $0.first == "build" || $0.first == "push" }
            let api = "123456789012.dkr.ecr.us-east-1.amazonaws.com/push\(project.suffix)/api"
            #expect(commands.map { $0.first } == ["build", "push", "push"])
            #expect(
                commands.dropFirst().map { $0.last } == ["\(api):latest", "\(api):\(try #require(commands.first?[6].split(separator: ":").last))"])
            #expect(result.stdout.contains("pushed api: \(api):latest"), "\(result.stdout)")
            #expect(result.stdout.contains("→ sha256:"))

            try? FileManager.default.removeItem(at: project.log)
            let noEngine = try BerthBinary.run(
                ["push"], environment: Self.environment(aws, project, ["FAKE_DOCKER_NO_ENGINE": "1"]), directory: project.folder)
            #expect(noEngine.status == 1)
            #expect(noEngine.stderr.contains("no Docker engine answers"), "\(noEngine.stderr)")
            #expect(try Self.calls(project).compactMap { $0["args"] as? [String] }.allSatisfy { $0.first == "version" })

            let proxy = try BerthBinary.run(["push", "proxy"], environment: Self.environment(aws, project), directory: project.folder)
            #expect(proxy.status == 2 && proxy.stderr.contains("service proxy has no build: section"), "\(proxy.stderr)")
        }
    }
}
