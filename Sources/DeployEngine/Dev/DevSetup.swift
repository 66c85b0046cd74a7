import ComposeModel
import Foundation
import StackTemplates

/// What `berth dev` writes and runs for one phase: files under `.berth/dev/`, the `docker`
/// command lines in order, the host service's command (phase 1), and where to look. Pure: the
/// CLI writes the files and runs the commands, or with `--print` only shows them.
package struct DevSetup: Sendable, Equatable {
    package struct File: Sendable, Equatable {
        /// Relative to the project directory.
        package var path: String
        package var contents: String
        /// What `--print` shows: the contents with the variables' values hidden (they may be
        /// secrets); nil when the file holds none. Such files are the developer's only (0600).
        package var shown: String?

        package var isPrivate: Bool { shown != nil }
    }

    /// The service run on the developer's machine (phase 1).
    package struct HostCommand: Sendable, Equatable {
        package var service: String
        /// `x-berth.dev.command`, run with `/bin/sh -c`; nil when the file names none.
        package var command: String?
        /// Where it runs: `x-berth.dev.directory`, else the service's build context, else the
        /// project directory. Absolute.
        package var directory: String
        /// Its environment: the service's, with the other services' names pointed at this machine.
        package var environment: [NamedValue]
        /// The ports it listens on, which the containers reach as `<service>:<port>`.
        package var ports: [Int]
        /// The variables whose values now name this machine instead of another service.
        package var rewritten: [String]
    }

    package var phase: Int
    package var files: [File]
    /// `docker` arguments, each a command line, run in the project directory in order.
    package var commands: [[String]]
    package var host: HostCommand?
    /// Addresses to open, with what answers there.
    package var urls: [(url: String, service: String)]
    /// What the developer should know (one line each).
    package var notes: [String]

    package static func == (a: DevSetup, b: DevSetup) -> Bool {
        a.phase == b.phase && a.files == b.files && a.commands == b.commands && a.host == b.host && a.notes == b.notes
            && a.urls.map(\.url) == b.urls.map(\.url) && a.urls.map(\.service) == b.urls.map(\.service)
    }
}

/// The local project `berth dev` works on: the site as compose reads it (override included)
/// and the compose files, relative to the project directory.
package struct LocalProject: Sendable {
    package var site: Site
    /// `-f` arguments as docker compose should get them, relative to the project directory.
    package var composeFiles: [String]

    package init(site: Site, composeFiles: [String]) {
        self.site = site
        self.composeFiles = composeFiles
    }

    /// Where Berth writes what `dev` generates; the project's `.gitignore` should name `.berth/`.
    package static let directory = ".berth/dev"

    /// `docker compose` with the project's name and files plus `extra` (Berth's own file).
    package func compose(_ extra: [String], _ arguments: [String]) -> [String] {
        ["compose", "--project-name", site.projectName] + (composeFiles + extra).flatMap { ["-f", $0] } + arguments
    }

    /// Compose interpolates `$` in every value of a file it reads; the values Berth writes are
    /// already interpolated, so each `$` is written `$$` to reach the container as it is.
    static func escaped(_ value: TemplateValue) -> TemplateValue {
        switch value {
        case .string(let text): .string(text.replacingOccurrences(of: "$", with: "$$"))
        case .list(let items): .list(items.map(escaped))
        case .map(let map): .map(TemplateMap(map.entries.map { ($0.key, escaped($0.value)) }))
        case .int, .bool: value
        }
    }

    /// A path relative to the project directory (`./site`) for one Berth read there.
    func relative(_ path: String) -> String {
        guard path.hasPrefix(site.projectDirectory + "/") else { return path.hasPrefix("/") || path.hasPrefix(".") ? path : "./" + path }
        return "./" + path.dropFirst(site.projectDirectory.count + 1)
    }

    /// An absolute path for a path written relative to the project directory.
    func absolute(_ path: String) -> String {
        path.hasPrefix("/") ? path : site.projectDirectory + "/" + (path.hasPrefix("./") ? String(path.dropFirst(2)) : path)
    }

    /// `http://localhost[:port]/` for each port published on the host, with its service.
    func urls(of services: [Service]) -> [(url: String, service: String)] {
        services.flatMap { service in
            service.ports.compactMap { port -> (url: String, service: String)? in
                guard let published = port.published, port.transport == .tcp else { return nil }
                let scheme = [443, 8443].contains(port.target) ? "https" : "http"
                let standard = (scheme == "http" && published == 80) || (scheme == "https" && published == 443)
                return ("\(scheme)://localhost\(standard ? "" : ":\(published)")/", service.name)
            }
        }
    }
}
