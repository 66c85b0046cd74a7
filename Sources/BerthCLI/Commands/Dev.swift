import ArgumentParser
import ComposeModel
import DeployEngine
import Foundation

extension Berth {
    /// Local development in two phases, with docker compose: the Node site on this machine
    /// against the containerized proxy and CMS, then everything containerized as on Fargate.
    struct Dev: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            commandName: "dev",
            abstract: "Run the site on this machine with docker compose, in two phases.",
            discussion: """
                Phase 1 runs one service (x-berth.dev.host, else the Node.js service) on this machine and the \
                others in Docker: Berth writes .berth/dev/phase1.yaml (an override that leaves the service out, \
                lets the containers reach it by its name through host-gateway, and publishes on 127.0.0.1 what it \
                needs) and .berth/dev/SERVICE.env (its environment, the other services' names pointed at \
                localhost), starts the containers and waits for their health checks. With --run it also starts \
                x-berth.dev.command with that environment; Ctrl-C stops it and the containers.

                Phase 2 runs everything in containers, shaped as on Fargate (.berth/dev/phase2.yaml): the Fargate \
                size as limits, the task definitions' environment, config files written by the same init \
                container, the same start-up waits, the same platform, and no bind mounts. --check then tries \
                each dependency's port from inside the network and prints the same matrix as berth verify.

                Add .berth/ to the project's .gitignore: the .env files hold the services' variables.

                Examples:
                  berth dev --phase 1 --run
                  berth dev --phase 1 --host-service web --print
                  berth dev --phase 2 --check
                  berth dev logs
                  berth dev down
                """,
            subcommands: [Up.self, Down.self, Logs.self], defaultSubcommand: Up.self)

        struct Up: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "up", abstract: "Write the files for a phase and start it (the default of berth dev).")

            @OptionGroup var globals: GlobalOptions

            @Option(help: "1: one service on this machine, the rest in Docker; 2: everything in Docker, as on Fargate.")
            var phase: Int = 1

            @Option(name: .customLong("host-service"), help: ArgumentHelp("Phase 1: the service to run on this machine.", valueName: "name"))
            var hostService: String?

            @Flag(help: "Phase 1: also start x-berth.dev.command with the service's environment, until Ctrl-C.")
            var run = false

            @Flag(help: "Phase 2: try each dependency's port from inside the network once the containers are up.")
            var check = false

            @Flag(name: .customLong("print"), help: "Show the files and the docker commands; write and run nothing.")
            var printOnly = false

            func validate() throws {
                guard [1, 2].contains(phase) else { throw ValidationError("--phase is 1 or 2") }
                if run, phase != 1 { throw ValidationError("--run is for phase 1, where one service runs on this machine") }
                if check, phase != 2 { throw ValidationError("--check is for phase 2, where every service runs in Docker") }
            }

            func run(_ context: CommandContext) async throws {
                let session = try await DevSession.load(context, phase: phase)
                let setup = try session.setup(phase: phase, hostService: hostService)
                if printOnly {
                    try context.printer.result(DevReport(setup, ran: false)) { session.text(setup) }
                    return
                }
                let docker = try session.docker()
                try session.write(setup)
                for command in setup.commands {
                    context.printer.progress("docker " + command.joined(separator: " "))
                    let status = try docker.run(command, directory: session.project.site.projectDirectory)
                    guard status == 0 else {
                        throw DeployError("docker \(command.prefix(3).joined(separator: " ")) … failed (exit \(status))", hint: "its output is above")
                    }
                }
                for note in setup.notes { context.printer.progress("note: " + note) }
                var report = DevReport(setup, ran: true)
                if check { report.reachability = try session.check(setup, docker: docker) }
                try context.printer.result(report) { DevReport.text(report) }
                if run { try await session.runHost(setup, docker: docker) }
                if let reachability = report.reachability, !reachability.allSatisfy(\.ok) { throw ReportedFailure(.failure) }
            }
        }

        struct Down: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "down", abstract: "Stop and remove what berth dev started (volumes are kept).")

            @OptionGroup var globals: GlobalOptions

            @Flag(help: "Also remove the named volumes (the local data).")
            var volumes = false

            func run(_ context: CommandContext) async throws {
                let session = try await DevSession.load(context, phase: nil)
                let docker = try session.docker()
                let command = session.lastCompose(["down", "--remove-orphans"] + (volumes ? ["--volumes"] : []))
                context.printer.progress("docker " + command.joined(separator: " "))
                let status = try docker.run(command, directory: session.project.site.projectDirectory)
                if status != 0 { throw DeployError("docker compose down failed (exit \(status))", hint: "its output is above") }
            }
        }

        struct Logs: BerthCommand {
            static let configuration = CommandConfiguration(
                commandName: "logs", abstract: "Follow the logs of the containers berth dev started.")

            @OptionGroup var globals: GlobalOptions

            @Argument(help: ArgumentHelp("Services (default: all).", valueName: "service"))
            var services: [String] = []

            func run(_ context: CommandContext) async throws {
                let session = try await DevSession.load(context, phase: nil)
                let docker = try session.docker()
                let status = try docker.run(session.lastCompose(["logs", "--follow"] + services), directory: session.project.site.projectDirectory)
                if status != 0, status != 130 { throw DeployError("docker compose logs failed (exit \(status))", hint: "its output is above") }
            }
        }
    }
}
