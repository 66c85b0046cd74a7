import ArgumentParser
import DeployEngine
import Foundation
import ImageRegistry

extension Berth {
    /// Docker's credential-helper protocol for ECR registries, which `berth push` points docker
    /// at (see `RegistryLoginConfig`): `get` reads a registry host on stdin and answers a fresh
    /// GetAuthorizationToken as `{"ServerURL","Username","Secret"}` on stdout. Nothing is stored:
    /// `store` and `erase` only read their input, `list` answers `{}`.
    struct ECRCredential: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "ecr-credential", abstract: "Docker credential helper for ECR registries (used by berth push).",
            shouldDisplay: false)

        @OptionGroup var globals: GlobalOptions

        @Argument(help: "get, store, erase or list.")
        var action: String

        func run(_ context: CommandContext) async throws {
            let input = String(decoding: FileHandle.standardInput.readDataToEndOfFile(), as: UTF8.self)
                .trimmingCharacters(in: .whitespacesAndNewlines)
            switch action {
            case "get":
                let host = Self.host(input)
                let credentials = ECRRegistryCredentials { region in try context.awsClient(region: region) }
                guard ECRRegistryCredentials.region(ofRegistry: host) != nil, let credential = try await credentials.credential(forRegistry: host)
                else {
                    // The protocol's answer for "not mine": docker then tries without credentials.
                    context.printer.write("credentials not found in native keychain\n", to: .output)
                    throw ReportedFailure(.failure)
                }
                let answer = ["ServerURL": input, "Username": credential.username, "Secret": credential.password]
                let data = try JSONSerialization.data(withJSONObject: answer, options: [.sortedKeys])
                context.printer.write(String(decoding: data, as: UTF8.self) + "\n", to: .output)
            case "list":
                context.printer.write("{}\n", to: .output)
            case "store", "erase":
                return
            default:
                throw BadInputError("unknown credential helper action \(action)", hint: "docker calls it with get, store, erase or list")
            }
        }

        /// `https://host/v2/` → `host`.
        static func host(_ serverURL: String) -> String {
            var text = serverURL
            for scheme in ["https://", "http://"] where text.hasPrefix(scheme) { text.removeFirst(scheme.count) }
            return String(text.prefix { $0 != "/" })
        }
    }
}
