/// Finds the compose files to load, as `docker compose` does when no `-f` is given: the first of
/// `compose.yaml`, `compose.yml`, `docker-compose.yaml`, `docker-compose.yml` in the working
/// directory or the nearest parent, plus its `.override` sibling (left out of deploys: see
/// `ComposeLoadOptions.Purpose`).
enum ComposeFileLocator {
    static let candidates = ["compose.yaml", "compose.yml", "docker-compose.yaml", "docker-compose.yml"]

    /// Whether a file is an override file by compose's naming (`compose.override.yaml`,
    /// `docker-compose.override.yml`, `compose.prod.override.yaml`…).
    static func isOverride(_ path: String) -> Bool {
        let name = FilePath.lastComponent(of: path)
        return name.hasSuffix(".override.yaml") || name.hasSuffix(".override.yml")
    }

    struct Located {
        var files: [String]
        var diagnostics: [Diagnostic]
    }

    static func locate(_ options: ComposeLoadOptions, workingDirectory: String) -> Located {
        let fileSystem = options.fileSystem
        if !options.files.isEmpty {
            var diagnostics: [Diagnostic] = []
            let files = options.files.map { FilePath.resolve($0, against: workingDirectory) }
            for (given, file) in zip(options.files, files) where fileSystem.kind(atPath: file) != .file {
                diagnostics.append(
                    .error(at: nil, path: "", "compose file \(given) \(fileSystem.whyUnreadable(atPath: file))", hint: "check the path given with -f")
                )
            }
            return Located(files: files, diagnostics: diagnostics)
        }
        var directory = workingDirectory
        while true {
            let found = candidates.filter { fileSystem.kind(atPath: directory + "/" + $0) == .file }
            if let first = found.first {
                var diagnostics: [Diagnostic] = []
                if found.count > 1 {
                    diagnostics.append(
                        .warning(
                            at: nil, path: "",
                            "found several compose files (\(found.joined(separator: ", "))); using \(first)",
                            hint: "remove the others or choose one with -f"))
                }
                var files = [FilePath.resolve(first, against: directory)]
                let stem = first.hasPrefix("docker-") ? "docker-compose" : "compose"
                for override in ["\(stem).override.yaml", "\(stem).override.yml"] {
                    let path = FilePath.resolve(override, against: directory)
                    guard fileSystem.kind(atPath: path) == .file else { continue }
                    if options.purpose == .local {
                        files.append(path)
                    } else {
                        diagnostics.append(
                            .note(
                                at: nil, path: "",
                                "\(override) is left out: by docker compose's convention it holds local settings (berth dev reads it)",
                                hint: "to deploy it too, name the files: -f \(first) -f \(override)"))
                    }
                    break
                }
                return Located(files: files, diagnostics: diagnostics)
            }
            if directory == "/" || directory.isEmpty { break }
            directory = FilePath.directory(of: directory)
        }
        return Located(
            files: [],
            diagnostics: [
                .error(
                    at: nil, path: "", "no compose file found in \(workingDirectory) or its parents",
                    hint: "create compose.yaml or name a file with -f")
            ])
    }
}
