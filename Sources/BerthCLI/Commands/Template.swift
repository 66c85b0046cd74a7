import ArgumentParser
import DeployEngine
import Foundation
import StackTemplates

extension Berth {
    /// Renders the CloudFormation template offline: no AWS call, byte-identical for the same input.
    struct Template: BerthCommand {
        static let configuration = CommandConfiguration(
            commandName: "template",
            abstract: "Write the infrastructure CloudFormation template as YAML.",
            discussion: """
                Without --output-dir the template goes to stdout. With --unified it is one template with everything: \
                the infrastructure, access points, task definitions and services (secrets and built images are parameters).

                Examples:
                  berth template --env prod > stack.yaml      offline: no AWS call
                  berth template --env prod --output-dir out  with any nested stack templates
                """)

        @OptionGroup var globals: GlobalOptions

        @Option(help: ArgumentHelp("Write <stack>.infra.yaml (and any nested stack templates) into this folder.", valueName: "dir"))
        var outputDir: String?

        @Flag(help: "One template with the services too (<stack>.unified.yaml), as `deploy --unified` deploys it.")
        var unified = false

        struct Written: Encodable {
            var path: String
            var bytes: Int
        }

        func run(_ context: CommandContext) async throws {
            let deployment = try await context.loadDeployment()
            let files: [(fileName: String, yaml: String)]
            if unified {
                let rendered = try UnifiedStack(site: deployment.site, input: deployment.infra, processEnvironment: context.processEnvironment)
                    .render()
                files = [(rendered.fileName, rendered.yaml)]
            } else {
                files = InfraStack(deployment.infra).renderAll()
            }
            guard let outputDir else {
                context.printer.console.write(files.first?.yaml ?? "", .output)
                if files.count > 1 {
                    context.printer.progress("note: the site needs \(files.count - 1) nested stacks; use --output-dir to write them too")
                }
                return
            }
            let folder = URL(fileURLWithPath: outputDir, relativeTo: URL(fileURLWithPath: context.workingDirectory))
            try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
            var written: [Written] = []
            for (name, yaml) in files {
                let file = folder.appendingPathComponent(name)
                try Data(yaml.utf8).write(to: file, options: .atomic)
                written.append(Written(path: file.path, bytes: yaml.utf8.count))
            }
            try context.printer.result(written) {
                written.map { "wrote \($0.path) (\($0.bytes) bytes)" }.joined(separator: "\n")
            }
        }
    }
}
