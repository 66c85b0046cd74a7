/// One project's files turned into one merged document: each file is interpolated, canonicalised
/// and has its `extends` resolved on its own, then the files merge in order, then the `include`d
/// projects are added (after merging, so conflicts show against the whole project).
struct ProjectDocument {
    let loader: DocumentLoader
    let variables: [String: String]
    let stack: [String]

    func load(files: [String], projectDirectory: String) -> LocatedNode? {
        var merged: LocatedNode?
        var includes: [(LocatedNode, String)] = []
        for file in files {
            guard var document = loader.document(file, variables: variables) else { continue }
            document = Extends(loader: loader, variables: variables).apply(to: document, file: file)
            if let include = document["include"] {
                includes.append((include, file))
                document["include"] = nil
            }
            merged = merged.map { Merge.merge($0, document) } ?? document
        }
        guard var document = merged else { return nil }
        let include = Include(loader: loader, variables: variables, stack: stack)
        for (node, file) in includes {
            for included in include.load(node, from: file, projectDirectory: projectDirectory) {
                include.add(included, to: &document, at: node)
            }
        }
        return Merge.removingResets(document)
    }
}
