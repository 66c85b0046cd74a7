import ArgumentParser
import Foundation
import StackTemplates

extension Berth {
    /// Renders the CloudFormation template offline: no AWS call, byte-identical for the same input.
    struct Template: BerthCommand {
        static let configuration = CommandConfiguration(
            abstract: "Write the infrastructure CloudFormation template as YAML.",
            discussion: "Without --output-dir the template goes to stdout.")

        @OptionGroup var globals: GlobalOptions

        @Option(help: ArgumentHelp("Write <stack>.infra.yaml into this folder.", valueName: "dir"))
        var outputDir: String?

        func run(_ context: CommandContext) async throws {
            let deployment = try context.loadDeployment()
            let yaml = InfraStack(deployment.infra).render()
            guard let outputDir else {
                FileHandle.standardOutput.write(Data(yaml.utf8))
                return
            }
            let folder = URL(fileURLWithPath: outputDir, relativeTo: URL(fileURLWithPath: context.workingDirectory))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            let file = folder.appendingPathComponent("\(deployment.names.stack).infra.yaml")
            try Data(yaml.utf8).write(to: file, options: .atomic)
            try context.printer.result(["template": file.path, "stack": deployment.names.stack, "bytes": String(yaml.utf8.count)]) {
                "wrote \(file.path) (\(yaml.utf8.count) bytes, stack \(deployment.names.stack))"
            }
        }
    }
}
