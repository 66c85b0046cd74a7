/// `extends` (`05-services.md#extends`): a service starts from another service, in the same file or
/// another one, and its own keys are merged over it with the usual merge rules. Chains are
/// followed; a cycle is an error.
struct Extends {
    let loader: DocumentLoader
    let variables: [String: String]

    var diagnostics: DiagnosticBag { loader.diagnostics }

    func apply(to document: LocatedNode, file: String) -> LocatedNode {
        guard let services = document["services"]?.entries, services.contains(where: { $0.value["extends"] != nil }) else {
            return document
        }
        var copy = document
        var resolvedServices = services
        for index in resolvedServices.indices where resolvedServices[index].value["extends"] != nil {
            let name = resolvedServices[index].key
            if let resolved = resolve(name, in: document, file: file, chain: ["\(file)#\(name)"]) {
                resolvedServices[index].value = resolved
            }
        }
        copy["services"]?.value = .mapping(resolvedServices)
        return copy
    }

    private func resolve(_ name: String, in document: LocatedNode, file: String, chain: [String]) -> LocatedNode? {
        guard let service = document["services"]?[name] else { return nil }
        guard let extends = service["extends"] else { return service }
        var own = service
        own["extends"] = nil
        let path = "services.\(name).extends"
        var baseName: String?
        var baseFile: String?
        if let scalar = extends.scalar, !extends.isNull {
            baseName = scalar.text
        } else if extends.entries != nil {
            baseName = extends["service"]?.scalar?.text
            baseFile = extends["file"]?.scalar?.text
        }
        guard let baseName else {
            diagnostics.error(extends, path, "extends needs the name of the service to extend", hint: "write `extends: {service: base}`")
            return own
        }
        let directory = FilePath.directory(of: file)
        let basePath = baseFile.map { FilePath.resolve($0, against: directory) } ?? file
        let key = "\(basePath)#\(baseName)"
        if chain.contains(key) {
            let names = (chain + [key]).map { String($0.split(separator: "#").last ?? "") }
            diagnostics.error(extends, path, "extends forms a cycle: \(names.joined(separator: " → "))", hint: "remove one of the extends")
            return own
        }
        let baseDocument: LocatedNode?
        if basePath == file {
            baseDocument = document
        } else {
            baseDocument = loader.document(basePath, variables: variables, referencedBy: extends["file"], keyPath: path.appendingKey("file"))
                .map { Extends(loader: loader, variables: variables).apply(to: $0, file: basePath) }
        }
        guard let baseDocument else { return own }
        guard var base = resolve(baseName, in: baseDocument, file: basePath, chain: chain + [key]) else {
            let whereText = baseFile.map { " in \($0)" } ?? ""
            diagnostics.error(extends, path, "there is no service \"\(baseName)\"\(whereText) to extend")
            return own
        }
        base["extends"] = nil
        base = PathRebase(from: FilePath.directory(of: basePath), to: directory).service(base)
        return Merge.merge(base, own, path: ["services", name])
    }
}
