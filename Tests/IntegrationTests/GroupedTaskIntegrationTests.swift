import AWSRuntime
import AWSServices
import BerthTesting
import Foundation
import Testing

extension Integration {
    /// Two compose services grouped into one task with `x-berth` `task`, deployed with the
    /// `berth` binary through the gate: one task definition with two containers, one service.
    @Suite struct GroupedTask {
        static let region = "eu-west-1"
        static let compose = """
            name: pair
            x-berth:
              region: eu-west-1
              environments:
                dev: {}
            services:
              web:
                image: nginx:1.27-alpine
                ports: ["80:80"]
                depends_on:
                  sidecar: { condition: service_started }
                x-berth: { task: app }
              sidecar:
                image: busybox:1.36
                command: ["sh", "-c", "while true; do sleep 60; done"]
                x-berth: { task: app, replicas: 2 }
            """

        @Test func deploysOneTaskDefinitionWithTwoContainers() async throws {
            let gate = try LocalAWS.require()
            try gate.client.reset()
            let folder = FileManager.default.temporaryDirectory.appendingPathComponent("berth-grouped-\(UUID().uuidString)")
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            try Self.compose.write(to: folder.appendingPathComponent("compose.yaml"), atomically: true, encoding: .utf8)

            let deploy = try BerthBinary.run(["deploy", "--env", "dev", "--output", "json"], environment: gate.berthEnvironment(), directory: folder)
            #expect(deploy.status == 0, "\(deploy.stderr)")
            try gate.client.expectNoRejections()

            let client = AWSClient.forTesting(transport: URLSessionTransport(), endpoint: gate.url, region: Self.region)
            let ecs = ECSClient(client)
            let definition = try await ecs.describeTaskDefinition("pair-dev-app").taskDefinition
            let containers = definition.containerDefinitions ?? []
            #expect(containers.map(\.name) == ["web", "sidecar"])
            #expect(containers.first?.dependsOn?.first?.containerName == "sidecar")
            #expect(containers.first?.dependsOn?.first?.condition == "START")
            #expect(containers.map { $0.logConfiguration?.options?["awslogs-stream-prefix"] } == ["web", "sidecar"])
            #expect(definition.cpu == "512" && definition.memory == "1024")
            let services = try await ecs.describeServices(cluster: "pair-dev", services: ["app", "web", "sidecar"]).services ?? []
            #expect(services.filter { $0.status == .active }.map(\.serviceName) == ["app"])
            #expect(services.first { $0.serviceName == "app" }?.desiredCount == 2)

            let status = try BerthBinary.run(["status", "--env", "dev"], environment: gate.berthEnvironment(), directory: folder)
            #expect(status.status == 0, "\(status.stderr)")
            #expect(status.stdout.contains("app") && status.stdout.contains("containers: web, sidecar"), "\(status.stdout)")

            let down = try BerthBinary.run(["down", "--env", "dev", "--yes"], environment: gate.berthEnvironment(), directory: folder)
            #expect(down.status == 0, "\(down.stderr)")
            #expect(down.stdout.contains("removed service app"), "\(down.stdout)")
            try gate.client.expectNoRejections()
        }
    }
}
