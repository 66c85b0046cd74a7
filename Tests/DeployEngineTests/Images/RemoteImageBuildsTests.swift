import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import StackTemplates
import Testing

@testable import DeployEngine

/// What `push --remote` hands CodeBuild, decided before any call.
struct RemoteImageBuildsTests {
    static let builds = RemoteImageBuilds(
        client: AWSClient.forTesting(transport: FakeTransport { _, _ in HTTPResponse(status: 500) }, region: "eu-west-1"),
        names: Names(project: "shop", environment: "prod"), accountId: "123456789012")

    static func push(context: String, platform: String = "linux/amd64") -> ImagePush {
        ImagePush(
            service: "web", repositoryURI: "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web", tags: ["2.1", "0123456789ab"],
            platform: platform, context: context, dockerfile: nil, buildArgs: ["NODE_ENV=production", "NPM_TOKEN", "MISSING"], target: "runtime")
    }

    @Test func theRequestNamesTheContextTheProjectAndTheBuildspecsVariables() throws {
        let root = try BuildContextTests.folder(["Dockerfile": "FROM node AS runtime\n", "server.js": "1"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (request, archive) = try Self.builds.prepare(Self.push(context: root), environment: ["NPM_TOKEN": "t0k"])
        #expect(request.bucket == "berth-artifacts-123456789012-eu-west-1")
        #expect(request.key.hasPrefix("builds/shop-prod/web-") && request.key.hasSuffix(".zip"))
        #expect(request.files == 2 && request.bytes == archive.count)
        #expect(request.start.projectName == "shop-prod-images")
        #expect(request.start.sourceTypeOverride == "S3")
        #expect(request.start.sourceLocationOverride == request.bucket + "/" + request.key)
        #expect(request.start.environmentTypeOverride == nil && request.start.imageOverride == nil, "the project's own x86-64 environment")
        let variables = Dictionary(uniqueKeysWithValues: request.start.environmentVariablesOverride.map { ($0.name, $0.value) })
        #expect(variables[InfraStack.ImageBuildVariable.repository] == "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web")
        #expect(variables[InfraStack.ImageBuildVariable.tags] == "2.1 0123456789ab")
        #expect(variables[InfraStack.ImageBuildVariable.dockerfile] == "Dockerfile")
        #expect(variables[InfraStack.ImageBuildVariable.target] == "runtime")
        #expect(
            variables[InfraStack.ImageBuildVariable.buildArgs] == "NODE_ENV=production\nNPM_TOKEN=t0k", "a name alone takes the environment's value")
        // The same files, the same key and token: a re-run uploads the same object and CodeBuild
        // answers the build already started.
        let (again, _) = try Self.builds.prepare(Self.push(context: root), environment: ["NPM_TOKEN": "t0k"])
        #expect(again == request)
    }

    @Test func anArm64ImageBuildsOnAnArmEnvironment() throws {
        let root = try BuildContextTests.folder(["Dockerfile": "FROM node\n"])
        defer { try? FileManager.default.removeItem(atPath: root) }
        let (request, _) = try Self.builds.prepare(Self.push(context: root, platform: "linux/arm64"), environment: [:])
        #expect(request.start.environmentTypeOverride == "ARM_CONTAINER")
        #expect(request.start.imageOverride == "aws/codebuild/amazonlinux2-aarch64-standard:3.0")
    }

    @Test func aGitContextCannotBeUploaded() {
        #expect(throws: DeployError.self) {
            try Self.builds.prepare(Self.push(context: "https://github.com/example/site.git"), environment: [:])
        }
    }
}
