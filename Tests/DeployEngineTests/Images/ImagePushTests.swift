import ComposeModel
import DeployEngine
import Foundation
import StackTemplates
import Testing

/// `berth push`'s plan: what is built, for which platform, under which tags, with which lines.
struct ImagePushTests {
    static func site(_ compose: String, environment: String? = nil) throws -> Site {
        let files = InMemoryFileSystem(files: ["/p/compose.yaml": compose], directories: ["/p/web", "/p/api"])
        let result = ComposeLoader.load(
            ComposeLoadOptions(
                files: [], workingDirectory: "/p", projectName: nil, envFiles: [], processEnvironment: [:], profiles: [], fileSystem: files))
        return try #require(result.site).resolved(environmentName: environment)
    }

    static func plan(_ site: Site, only: Set<String>? = nil, commit: String? = "0123456789ab") -> [ImagePush] {
        ImagePush.plan(
            site: site, only: only, names: Names(project: site.projectName, environment: "prod"),
            registry: { "123456789012.dkr.ecr.eu-west-1.amazonaws.com/\(site.projectName)/\($0)" }, projectDirectory: "/p", commit: commit)
    }

    @Test func theEnvironmentsImageTagAndTheCommitAreTheTagsAndImageServicesAreLeftOut() throws {
        let site = try Self.site(
            """
            name: shop
            services:
              web: {build: ./web, image: "shop/web:stable"}
              api: {build: {context: api, dockerfile: ../docker/api.Dockerfile}}
              db: {image: "postgres:16"}
            x-berth: {environments: {prod: {services: {web: {image_tag: "2.1"}}}}}
            """, environment: "prod")
        let pushes = Self.plan(site)
        #expect(pushes.map(\.service) == ["web", "api"])
        #expect(pushes[0].tags == ["2.1", "0123456789ab"])
        #expect(pushes[1].tags == ["latest", "0123456789ab"])
        // Paths as docker needs them from any directory: the Dockerfile relative to the context.
        #expect(pushes[1].context == "/p/api" && pushes[1].dockerfile == "/p/docker/api.Dockerfile")
        #expect(Self.plan(site, only: ["api"]).map(\.service) == ["api"])
        #expect(Self.plan(site, commit: nil)[1].tags == ["latest"])
    }

    @Test func withoutBuildxEachTagIsPushedAfterTheBuild() throws {
        let site = try Self.site("name: shop\nservices:\n  web: {build: ./web, platform: linux/arm64}\n")
        let push = try #require(Self.plan(site).first)
        let image = "123456789012.dkr.ecr.eu-west-1.amazonaws.com/shop/web"
        #expect(
            push.commands(buildx: false) == [
                ["build", "--platform", "linux/arm64", "--tag", "\(image):latest", "--tag", "\(image):0123456789ab", "/p/web"],
                ["push", "\(image):latest"], ["push", "\(image):0123456789ab"],
            ])
        #expect(push.registry == "123456789012.dkr.ecr.eu-west-1.amazonaws.com")
    }

    @Test func aRemoteContextIsPassedAsWritten() throws {
        let site = try Self.site(
            "name: shop\nservices:\n  web: {build: {context: \"https://github.com/example/web.git#main\", dockerfile: web.Dockerfile}}\n")
        let push = try #require(Self.plan(site).first)
        #expect(push.context == "https://github.com/example/web.git#main" && push.dockerfile == "web.Dockerfile")
    }
}
