import AWSRuntime
import AWSServices
import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// What is running: the stack's state and each service's tasks and revision. Read-only.
    struct Status: BerthCommand {
        static let configuration = CommandConfiguration(abstract: "Show the infrastructure stack and the services as they run now.")

        @OptionGroup var globals: GlobalOptions

        struct Report: Encodable {
            struct ServiceState: Encodable {
                var name: String
                var status: String
                var running: Int
                var desired: Int
                var taskDefinition: String
                var rollout: String?
                /// The compose services running as the task's containers, when it groups several.
                var containers: [String]?
            }
            var stack: String
            var deployed: Bool
            var url: String?
            var services: [ServiceState]
        }

        func run(_ context: CommandContext) async throws {
            let deployment = try context.loadDeployment()
            let session = try context.awsSession(siteRegion: deployment.site.region)
            let account = try await STSClient(session.client).accountId()
            guard
                let target = try await SiteTarget.read(
                    stack: deployment.names.stack, input: deployment.infra, client: session.client, accountId: account)
            else {
                let report = Report(stack: deployment.names.stack, deployed: false, url: nil, services: [])
                try context.printer.result(report) { "\(deployment.names.stack) is not deployed" }
                return
            }
            let observed = try await AWSServicesBackend(client: session.client).services(
                cluster: target.cluster, names: deployment.site.tasks.map(\.name))
            let outputs = try await StackDeployer(client: session.client).outputs(stackName: deployment.names.stack)
            let report = Report(
                stack: deployment.names.stack, deployed: true, url: outputs[.loadBalancerDNS].map { "http://\($0)" },
                services: deployment.site.tasks.map { task in
                    let containers = task.isSingle ? nil : task.memberNames
                    guard let found = observed.first(where: { $0.name == task.name && $0.status != .inactive }) else {
                        return .init(
                            name: task.name, status: "not deployed", running: 0, desired: 0, taskDefinition: "-", rollout: nil, containers: containers
                        )
                    }
                    return .init(
                        name: task.name, status: found.status.rawValue.lowercased(), running: found.runningCount, desired: found.desiredCount,
                        taskDefinition: found.taskDefinition.split(separator: "/").last.map(String.init) ?? found.taskDefinition,
                        rollout: found.primary?.rolloutState?.rawValue.lowercased(), containers: containers)
                })
            try context.printer.result(report) {
                var lines = ["stack \(report.stack)" + (report.url.map { ", \($0)" } ?? "")]
                for service in report.services {
                    lines.append(
                        "  \(service.name.padding(toLength: 12, withPad: " ", startingAt: 0)) \(service.running)/\(service.desired) running  \(service.taskDefinition)  \(service.status)\(service.rollout.map { ", rollout \($0)" } ?? "")\(service.containers.map { "  [\($0.joined(separator: ", "))]" } ?? "")"
                    )
                }
                return lines.joined(separator: "\n")
            }
        }
    }
}
