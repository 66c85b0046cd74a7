/// What decoding a service needs besides its own node: the declared top-level names (to catch
/// references to undeclared volumes, secrets and configs), the project directory and the disk (to
/// tell bind-mounted files from directories), and the variables for `KEY`-only environment
/// entries.
struct DecodingContext {
    let reader: NodeReader
    let projectDirectory: String
    let fileSystem: any ComposeFileSystem
    let variables: [String: String]
    var declaredVolumes: Set<String> = []
    var declaredSecrets: Set<String> = []
    var declaredConfigs: Set<String> = []
    var declaredNetworks: Set<String> = []
    /// `x-berth` `bind_mounts: volumes`: host directories become named volumes.
    var bindMountsAsVolumes = false

    var diagnostics: DiagnosticBag { reader.diagnostics }

    /// A host path as written in the file, resolved against the project directory (`~` against
    /// HOME from the passed-in variables).
    func hostPath(_ path: String) -> String {
        if path == "~" || path.hasPrefix("~/") {
            let home = variables["HOME"] ?? "/root"
            return FilePath.normalize(home + path.dropFirst())
        }
        return FilePath.resolve(path, against: projectDirectory)
    }

    /// The path to keep in the model: relative to the project directory when inside it.
    func projectRelative(_ path: String) -> String {
        let absolute = hostPath(path)
        return FilePath.relative(absolute, inside: projectDirectory) ?? absolute
    }

    /// Config files reach containers as Parameter Store parameters of 4 KB each (8 KB in one),
    /// joined by an init container; past this size that stops making sense (the task definition
    /// grows by a reference per part), so validate refuses such a file where it is named.
    static let configFileLimit = 256 * 1024

    func checkConfigFileSize(_ hostPath: String, _ node: LocatedNode, _ path: String) {
        guard let text = fileSystem.readText(atPath: hostPath), text.utf8.count > Self.configFileLimit else { return }
        reader.diagnostics.error(
            node, path,
            "\(FilePath.relative(hostPath, inside: projectDirectory) ?? hostPath) is \(text.utf8.count) bytes; config files go up to 256 KB",
            hint: "COPY it into the image (build:), or keep it on a named volume")
    }
}
