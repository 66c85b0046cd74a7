import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// `berth push --remote` against the local AWS's CodeBuild: the uploaded archive holds what
    /// docker build would send, the build's log streams back, and the pushed tags name the digest
    /// ECR has.
    @Suite struct RemotePush {
        struct BuildState: Decodable {
            var builds: [Build]
            struct Build: Decodable {
                var project: String?
                var files: [String]?
                var status: String?
            }
        }

        @Test func aContextBuildsOnCodeBuildAndItsTagsReachECR() async throws {
            let aws = try LocalAWS.require()
            let suffix = UUID().uuidString.prefix(8).lowercased()
            let folder = try projectFolder(
                "berth-remote",
                compose: """
                    name: remote\(suffix)
                    services:
                      site:
                        build: {context: ./site, target: runtime}
                        image: example/site:v1
                    """)
            let site = folder.appendingPathComponent("site")
            for (path, text) in [
                "Dockerfile": "FROM alpine:3.20 AS runtime\nCOPY . /app\n", ".dockerignore": "secret.txt\nnode_modules\n", "server.js": "1\n",
                "secret.txt": "s3cret\n", "node_modules/left-pad/index.js": "2\n",
            ] {
                let url = site.appendingPathComponent(path)
                try FileManager.default.createDirectory(at: url.deletingLastPathComponent(), withIntermediateDirectories: true)
                try text.write(to: url, atomically: true, encoding: .utf8)
            }
            let environment = aws.berthEnvironment()
            func berth(_ arguments: [String]) throws -> BerthBinary.Result {
                try BerthBinary.run(arguments, environment: environment, directory: folder)
            }
            defer { _ = try? berth(["down", "--infra", "--yes"]) }

            // Before the stack: no project to build on, and Berth says what to do.
            let early = try berth(["push", "--remote"])
            #expect(early.status == 1, "\(early.stderr)")
            #expect(early.stderr.contains("has no image build project"), "\(early.stderr)")
            #expect(early.stderr.contains("run `berth deploy` once"))

            let infra = try berth(["deploy", "--only", "infra"])
            #expect(infra.status == 0, "\(infra.stderr)")
            try aws.client.reset()
            let push = try berth(["push", "--remote", "--output", "json"])
            #expect(push.status == 0, "\(push.stderr)")
            #expect(push.stderr.contains("building for linux/amd64 on CodeBuild"), "\(push.stderr)")
            #expect(push.stderr.contains("    | "), "the build's log lines: \(push.stderr)")
            let report = try #require(try JSONSerialization.jsonObject(with: Data(push.stdout.utf8)) as? [String: Any])
            let image = try #require((report["images"] as? [[String: Any]])?.first)
            let digest = try #require(image["digest"] as? String)
            #expect(digest.hasPrefix("sha256:"))
            let details = try await ECRClient(aws.awsClient()).describeImages(
                repositoryName: "remote\(suffix)/site", imageIds: [.init(imageTag: "v1")]
            )
            .collect { $0 }
            #expect(details.first?.imageDigest == digest)

            // What was uploaded is what docker build would have sent.
            let state = try JSONDecoder().decode(BuildState.self, from: try aws.client.call("GET", "/_berth/codebuild/state"))
            let build = try #require(state.builds.last { $0.project == "remote\(suffix)-default-images" })
            #expect(Set(build.files ?? []) == [".dockerignore", "Dockerfile", "server.js"], "\(build.files ?? [])")

            let stats = try aws.client.stats()
            let writes = (stats.by_operation ?? [:]).filter(\.value.mutating).mapValues(\.count)
            #expect(writes["codebuild:StartBuild"] == 1, "\(writes)")
            print("push --remote of one service: \(stats.total) calls, writes \(writes)")
            try aws.client.expectNoRejections()
        }
    }
}
