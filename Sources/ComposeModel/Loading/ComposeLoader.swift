/// The entry point: compose files in, a validated `Site` and every diagnostic out.
///
/// The order follows Docker Compose: find the files, read `.env` (or `--env-file`), settle the
/// project name, then per file interpolate, canonicalise and resolve `extends`; merge the files;
/// add `include`d projects; drop services of inactive profiles; decode and validate.
package enum ComposeLoader {
    /// Never throws: bad input comes back as diagnostics, with as much of the site as could be read.
    package static func load(_ options: ComposeLoadOptions) -> ComposeLoadResult {
        let diagnostics = DiagnosticBag()
        let workingDirectory = FilePath.normalize(options.workingDirectory)
        let located = ComposeFileLocator.locate(options, workingDirectory: workingDirectory)
        located.diagnostics.forEach(diagnostics.add)
        let loader = DocumentLoader(fileSystem: options.fileSystem, workingDirectory: workingDirectory, diagnostics: diagnostics)
        let displayFiles = located.files.map(loader.displayPath)
        guard !located.files.isEmpty, !diagnostics.hasErrors else {
            return ComposeLoadResult(site: nil, diagnostics: sorted(diagnostics.all), files: displayFiles, document: nil)
        }
        let projectDirectory = FilePath.directory(of: located.files[0])

        // The shell environment wins over .env, as in compose.
        let envFiles = options.envFiles.map { FilePath.resolve($0, against: workingDirectory) }
        var variables = loader.readEnvFiles(
            envFiles.isEmpty ? [projectDirectory + "/.env"] : envFiles, required: !envFiles.isEmpty)
        variables.merge(options.processEnvironment) { _, shell in shell }

        for file in located.files { _ = loader.parsedDocument(file) }
        let projectName = resolveProjectName(options, variables: variables, files: located.files, loader: loader)
        variables["COMPOSE_PROJECT_NAME"] = projectName

        let project = ProjectDocument(loader: loader, variables: variables, stack: located.files)
        guard let merged = project.load(files: located.files, projectDirectory: projectDirectory) else {
            return ComposeLoadResult(site: nil, diagnostics: sorted(diagnostics.all), files: displayFiles, document: nil)
        }
        let active = Profiles.active(options: options.profiles, variables: variables)
        let (document, disabled) = Profiles.apply(active, to: merged)

        let context = DecodingContext(
            reader: NodeReader(diagnostics: diagnostics), projectDirectory: projectDirectory,
            fileSystem: options.fileSystem, variables: variables)
        var decoder = SiteDecoder(context: context)
        let site = decoder.decode(document, projectName: projectName)
        SiteValidator(diagnostics: diagnostics, disabledServices: disabled).validate(site)
        if options.purpose == .deploy { warnAboutPortsPublishedByOverrides(site, diagnostics: diagnostics) }
        return ComposeLoadResult(site: site, diagnostics: sorted(diagnostics.all), files: displayFiles, document: document)
    }

    /// `--project-name`, then `COMPOSE_PROJECT_NAME`, then the last file's `name:`, then the
    /// project folder's name normalised.
    private static func resolveProjectName(
        _ options: ComposeLoadOptions, variables: [String: String], files: [String], loader: DocumentLoader
    ) -> String {
        let diagnostics = loader.diagnostics
        if let explicit = options.projectName ?? variables["COMPOSE_PROJECT_NAME"], !explicit.isEmpty {
            if ProjectName.isValid(explicit) { return explicit }
            diagnostics.add(
                .error(
                    at: nil, path: "name", "\"\(explicit)\" is not a valid project name",
                    hint:
                        "use lower-case letters, digits, '-' and '_', starting with a letter or digit, e.g. \(fallbackName(ProjectName.normalize(explicit)))"
                ))
            return fallbackName(ProjectName.normalize(explicit))
        }
        for file in files.reversed() {
            guard let nameNode = loader.parsedDocument(file)?["name"], let raw = nameNode.scalar?.text, !nameNode.isNull else { continue }
            let name = (try? Interpolation { variables[$0] }.interpolate(raw).text) ?? raw
            if ProjectName.isValid(name) { return name }
            diagnostics.error(
                nameNode, "name", "\"\(name)\" is not a valid project name",
                hint:
                    "use lower-case letters, digits, '-' and '_', starting with a letter or digit, e.g. \(fallbackName(ProjectName.normalize(name)))")
            return fallbackName(ProjectName.normalize(name))
        }
        let folder = FilePath.lastComponent(of: FilePath.directory(of: files[0]))
        let normalized = ProjectName.normalize(folder)
        if normalized.isEmpty {
            diagnostics.add(
                .error(
                    at: nil, path: "name", "cannot make a project name from the folder \"\(folder)\"",
                    hint: "add `name: my-site` at the top of the compose file, or pass --project-name"))
        }
        return fallbackName(normalized)
    }

    private static func fallbackName(_ name: String) -> String {
        name.isEmpty ? "site" : name
    }

    /// Errors first, then warnings, then notes; within each, by file, line and column.
    static func sorted(_ diagnostics: [Diagnostic]) -> [Diagnostic] {
        var seen: Set<Diagnostic> = []
        let unique = diagnostics.filter { seen.insert($0).inserted }
        return unique.enumerated().sorted { lhs, rhs in
            let (a, b) = (lhs.element, rhs.element)
            if a.severity != b.severity { return a.severity < b.severity }
            let la = a.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
            let lb = b.location.map { ($0.file, $0.line, $0.column) } ?? ("", 0, 0)
            if la != lb { return la < lb }
            return lhs.offset < rhs.offset
        }.map(\.element)
    }

    /// A port that an override file publishes (and the main file does not) becomes a listener
    /// on the internet when deployed, as `cms: ports: ["1337:1337"]` made Ghost's admin one.
    private static func warnAboutPortsPublishedByOverrides(_ site: Site, diagnostics: DiagnosticBag) {
        for service in site.services {
            for (index, port) in service.ports.enumerated() {
                guard let published = port.published, let location = port.location, ComposeFileLocator.isOverride(location.file) else { continue }
                let file = FilePath.lastComponent(of: location.file)
                diagnostics.add(
                    .warning(
                        at: location, path: "services.\(service.name).ports[\(index)]",
                        "port \(published) is published only by \(file), a file of local settings; deployed, it is a public listener",
                        hint: "publish it in the main compose file if it should be public, or deploy without -f \(file)"))
            }
        }
    }
}
