import ComposeModel
import DeployEngine
import Foundation
import StackTemplates

/// One `berth dev` invocation's project: the site as the phase reads it, and what it writes and
/// runs in the project directory.
struct DevSession {
    let context: CommandContext
    let project: LocalProject

    /// Phase 1 (and `down`, `logs`) read the files as docker compose does, override included;
    /// phase 2 reads them as a deploy does, since it stands for what runs on Fargate.
    ///
    /// Errors in the files concern deploying (what Fargate cannot run, such as a source
    /// directory mounted over the build); docker compose runs such a file, so `dev` reports them
    /// and goes on.
    static func load(_ context: CommandContext, phase: Int?) async throws -> DevSession {
        let result = try context.loadCompose(
            toleratingErrors: true, purpose: phase == 2 ? .deploy : .local,
            goingOn: "berth dev goes on, as docker compose would (berth deploy refuses the files until they are fixed)")
        let site = try await context.resolving(result).site
        let files = result.files
        let relative = files.map { file -> String in
            let absolute = context.absolutePath(file)
            return absolute.hasPrefix(site.projectDirectory + "/") ? String(absolute.dropFirst(site.projectDirectory.count + 1)) : absolute
        }
        return DevSession(context: context, project: LocalProject(site: site, composeFiles: relative))
    }

    var directory: String { project.site.projectDirectory }

    func setup(phase: Int, hostService: String?) throws -> DevSetup {
        if phase == 2 {
            let reader = ContentReader(processEnvironment: context.processEnvironment)
            return project.phaseTwo { try reader.read($0, project: directory) }
        }
        let host = try project.hostService(named: hostService, baseImage: baseImage)
        return project.phaseOne(host: host)
    }

    /// The image a service's Dockerfile builds from (its `FROM`), to tell a Node.js service.
    func baseImage(_ service: Service) -> String? {
        guard let build = service.build, !build.context.contains("://") else { return nil }
        let context = build.context.hasPrefix("/") ? build.context : directory + "/" + build.context
        let name = build.dockerfile ?? "Dockerfile"
        guard let text = try? String(contentsOfFile: name.hasPrefix("/") ? name : context + "/" + name, encoding: .utf8) else { return nil }
        return Dockerfile(text: text).image(target: build.target)?.baseImage
    }

    /// The docker client, once an engine answers; otherwise one line and exit 1.
    func docker() throws -> DockerCLI {
        guard let docker = DockerCLI(environment: context.processEnvironment) else {
            throw DeployError("docker is not installed (not on PATH)", hint: "install Docker; berth dev --print shows what it would run")
        }
        guard docker.engineAnswers else {
            throw DeployError(
                "no Docker engine answers (`docker version` cannot reach the server)",
                hint: "start Docker (or set DOCKER_HOST); berth dev --print shows what it would run")
        }
        return docker
    }

    /// Where the compose options of the last `up` are kept, for `down` and `logs`.
    var lastFilesPath: String { directory + "/" + LocalProject.directory + "/compose-options" }

    /// Writes the phase's files (environment files readable by the developer only) and
    /// remembers its compose files.
    func write(_ setup: DevSetup) throws {
        let manager = FileManager.default
        try manager.createDirectory(atPath: directory + "/" + LocalProject.directory, withIntermediateDirectories: true)
        for file in setup.files {
            let path = directory + "/" + file.path
            try Data(file.contents.utf8).write(to: URL(fileURLWithPath: path), options: .atomic)
            try manager.setAttributes([.posixPermissions: file.isPrivate ? 0o600 : 0o644], ofItemAtPath: path)
        }
        let arguments = setup.commands.last.map(Self.composeOptions(in:)) ?? []
        try Data((arguments.joined(separator: "\n") + "\n").utf8).write(to: URL(fileURLWithPath: lastFilesPath), options: .atomic)
        let ignore = (try? String(contentsOfFile: directory + "/.gitignore", encoding: .utf8)) ?? ""
        if !ignore.split(separator: "\n").contains(where: {
            [".berth", ".berth/", "/.berth", "/.berth/"].contains($0.trimmingCharacters(in: .whitespaces))
        }) {
            context.printer.progress("note: add .berth/ to .gitignore: \(LocalProject.directory) holds the services' variables")
        }
    }

    /// The options of a `docker compose` command line (project, directory, files), without its
    /// subcommand: what `down` and `logs` repeat.
    static func composeOptions(in command: [String]) -> [String] {
        var options: [String] = []
        var index = 1
        while index + 1 < command.count, command[index].hasPrefix("-") {
            options += [command[index], command[index + 1]]
            index += 2
        }
        return options
    }

    /// `docker compose` with the options of the last `up`, else the project's own files.
    func lastCompose(_ arguments: [String]) -> [String] {
        guard let text = try? String(contentsOfFile: lastFilesPath, encoding: .utf8) else { return project.compose([], arguments) }
        return ["compose"] + text.split(separator: "\n").map(String.init) + arguments
    }

    /// Phase 2's `--check`: the probe container tries each dependency at its name and port in
    /// the compose network.
    func check(_ setup: DevSetup, docker: DockerCLI) throws -> [Reachability] {
        let edges = project.site.dependencyEdges
        guard !edges.isEmpty else { return [] }
        let command = project.checkCommand()
        context.printer.progress("docker " + command.joined(separator: " "))
        let (status, output) = try docker.capture(command, directory: directory)
        let results = output.split(separator: "\n").compactMap { ReachabilityProbe.Result(line: String($0)) }
        guard status == 0 || !results.isEmpty else {
            throw DeployError("the probe container failed (exit \(status))", hint: "its output is above")
        }
        return edges.map { edge in
            let open = results.contains { $0.server == edge.server && $0.port == edge.port && $0.open }
            return Reachability(
                client: edge.client, server: edge.server, port: edge.port, addresses: [edge.server], answered: open ? [edge.server] : [])
        }
    }

    /// Phase 1's `--run`: the host service's command beside the containers' logs, until it
    /// exits or Ctrl-C; then the containers stop (`berth dev down` removes them).
    func runHost(_ setup: DevSetup, docker: DockerCLI) async throws {
        guard let host = setup.host else { return }
        guard let command = host.command else {
            throw BadInputError(
                "x-berth.dev.command is not set for \(host.service), so --run has nothing to start",
                hint: "add x-berth: {dev: {command: npm run dev}} to \(host.service), or start it yourself with .berth/dev/\(host.service).env")
        }
        var environment = context.processEnvironment
        for variable in host.environment { if let value = variable.value { environment[variable.name] = value } }
        let printer = context.printer
        printer.progress("starting \(host.service) on this machine: \(command) (in \(host.directory)); Ctrl-C stops it and the containers")
        let logs = try docker.start(lastCompose(["logs", "--follow", "--since", "0s"]), directory: directory)
        let process = try HostProcess(
            command: command, directory: host.directory, environment: environment, prefix: host.service,
            write: { printer.write($0, to: .error) })
        let status = await withTaskCancellationHandler {
            await process.wait()
        } onCancel: {
            process.terminate()
        }
        if logs.isRunning { logs.terminate() }
        logs.waitUntilExit()
        printer.progress("stopping the containers (berth dev down removes them)")
        _ = try docker.run(lastCompose(["stop"]), directory: directory)
        if status != 0, !Task.isCancelled {
            throw DeployError("\(host.service) stopped with exit status \(status)", hint: "its output is above")
        }
    }

    /// `--print`: the files (environment files by their variables' names only) and commands.
    func text(_ setup: DevSetup) -> String {
        var lines: [String] = []
        for file in setup.files {
            lines.append("\(file.path):" + (file.isPrivate ? " (values hidden; the file has them)" : ""))
            lines += (file.shown ?? file.contents).split(separator: "\n").map { "  " + $0 }
        }
        lines.append("commands:")
        lines += setup.commands.map { "  docker " + $0.map(Self.shellWord).joined(separator: " ") }
        if let host = setup.host {
            lines.append("on this machine, in \(host.directory): " + (host.command ?? "(x-berth.dev.command not set)"))
        }
        lines += setup.notes.map { "note: " + $0 }
        return lines.joined(separator: "\n")
    }

    static func shellWord(_ word: String) -> String {
        word.allSatisfy { $0.isLetter || $0.isNumber || "-_./:=@,".contains($0) } && !word.isEmpty
            ? word : "'" + word.replacingOccurrences(of: "'", with: "'\\''") + "'"
    }
}

/// What `berth dev` reports: the phase, the files, the commands, where to look.
struct DevReport: Encodable {
    struct Address: Encodable {
        var url: String
        var service: String
    }

    var phase: Int
    var files: [String]
    var commands: [[String]]
    var hostService: String?
    var urls: [Address]
    var notes: [String]
    var ran: Bool
    var reachability: [Reachability]?

    init(_ setup: DevSetup, ran: Bool) {
        phase = setup.phase
        files = setup.files.map(\.path)
        commands = setup.commands.map { ["docker"] + $0 }
        hostService = setup.host?.service
        urls = setup.urls.map { Address(url: $0.url, service: $0.service) }
        notes = setup.notes
        self.ran = ran
    }

    static func text(_ report: DevReport) -> String {
        var lines = ["phase \(report.phase) is up" + (report.hostService.map { "; \($0) runs on this machine" } ?? "")]
        lines += report.urls.map { "  \($0.url)  \($0.service)" }
        if let reachability = report.reachability, !reachability.isEmpty {
            lines += [""] + Berth.Verify.matrix(reachability)
        }
        return lines.joined(separator: "\n")
    }
}
