import AWSRuntime
import Foundation

/// AWS CodeBuild (awsJson1_1): starting the infrastructure stack's image build on an uploaded
/// context and following it, for `berth push --remote` where no Docker engine runs.
package struct CodeBuildClient: Sendable {
    package static let descriptor = ServiceDescriptor(
        name: "CodeBuild", endpointPrefix: "codebuild", serviceId: "CodeBuild", protocol: .json(version: "1.1", targetPrefix: "CodeBuild_20161006"))
    let client: AWSClient

    package init(_ client: AWSClient) { self.client = client }

    package struct EnvironmentVariable: Codable, Sendable, Equatable {
        package var name: String
        package var value: String
        package var type = "PLAINTEXT"

        package init(name: String, value: String) {
            self.name = name
            self.value = value
        }
    }

    package struct StartBuildInput: Encodable, Sendable, Equatable {
        package var projectName: String
        package var sourceTypeOverride: String? = "S3"
        /// `bucket/key` of the ZIP.
        package var sourceLocationOverride: String
        package var environmentTypeOverride: String?
        package var imageOverride: String?
        package var environmentVariablesOverride: [EnvironmentVariable]
        /// The same token within five minutes starts no second build.
        package var idempotencyToken: String

        package init(
            projectName: String, sourceLocation: String, environmentType: String?, image: String?, variables: [EnvironmentVariable],
            idempotencyToken: String
        ) {
            self.projectName = projectName
            self.sourceLocationOverride = sourceLocation
            self.environmentTypeOverride = environmentType
            self.imageOverride = image
            self.environmentVariablesOverride = variables
            self.idempotencyToken = idempotencyToken
        }
    }

    package struct Build: Decodable, Sendable, Equatable {
        package var id: String
        package var buildStatus: String?
        package var currentPhase: String?
        package var buildComplete: Bool?
        package var logs: Logs?
        package var phases: [Phase]?

        package struct Logs: Decodable, Sendable, Equatable {
            package var groupName: String?
            package var streamName: String?
        }

        package struct Phase: Decodable, Sendable, Equatable {
            package var phaseType: String?
            package var phaseStatus: String?
            package var contexts: [Context]?
        }

        package struct Context: Decodable, Sendable, Equatable {
            package var statusCode: String?
            package var message: String?
        }

        /// The first phase that did not succeed, with what CodeBuild said of it.
        package var failure: (phase: String, message: String)? {
            guard let phase = phases?.first(where: { ["FAILED", "FAULT", "TIMED_OUT", "STOPPED", "CLIENT_ERROR"].contains($0.phaseStatus ?? "") })
            else { return nil }
            // A failed command's message holds the whole command, a multi-line script included:
            // its first line says enough, and the log above has the rest.
            let message = (phase.contexts ?? []).compactMap { context in
                let text = (context.message ?? "").split(separator: "\n").first.map(String.init) ?? ""
                let short = text.count > 200 ? String(text.prefix(200)) + "…" : text
                return [context.statusCode ?? "", short].filter { !$0.isEmpty }.joined(separator: ": ")
            }.filter { !$0.isEmpty }.joined(separator: "; ")
            return (phase.phaseType ?? "?", message)
        }
    }

    struct StartBuildOutput: Decodable { var build: Build? }

    package func startBuild(_ input: StartBuildInput) async throws -> Build {
        let output: StartBuildOutput = try await client.json(Self.descriptor, operation: "StartBuild", input: input, idempotent: true)
        guard let build = output.build else { throw AWSClientError("CodeBuild StartBuild answered without a build") }
        return build
    }

    struct BatchGetBuildsInput: Encodable { var ids: [String] }
    struct BatchGetBuildsOutput: Decodable { var builds: [Build]? }

    /// The build; `nil` when CodeBuild does not know the id.
    package func build(_ id: String) async throws -> Build? {
        let output: BatchGetBuildsOutput = try await client.json(
            Self.descriptor, operation: "BatchGetBuilds", input: BatchGetBuildsInput(ids: [id]), idempotent: true)
        return output.builds?.first { $0.id == id }
    }
}
