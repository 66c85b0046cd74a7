import Yams

/// Printing a tree back as YAML for `berth config`, through Yams' emitter so quoting is always
/// valid. A value the user quoted stays quoted when it would otherwise read as a number, boolean
/// or null (`"8080"`, `"true"`), so the printed document means what the files meant.
extension LocatedNode {
    func yamlText() -> String {
        let text = try? Yams.serialize(
            node: yamsNode(), width: -1, allowUnicode: true, sequenceStyle: .block, mappingStyle: .block,
            newLineScalarStyle: .literal)
        return text ?? ""
    }

    /// `80:80` is a base-60 number to YAML 1.1 readers, which is why the compose spec asks for
    /// ports to be quoted; keep the quotes.
    static func looksSexagesimal(_ text: String) -> Bool {
        text.contains(":") && text.allSatisfy { $0.isASCII && ($0.isNumber || $0 == ":") }
    }

    func yamsNode() -> Node {
        switch value {
        case .scalar(let scalar):
            if scalar.isPlain { return Node(scalar.text, .implicit, .plain) }
            if case .string = LocatedNode.Scalar.plainKind(scalar.text), !Self.looksSexagesimal(scalar.text) {
                return Node(scalar.text, .implicit, scalar.text.contains("\n") ? .literal : .any)
            }
            return Node(scalar.text, .implicit, .doubleQuoted)
        case .mapping(let entries):
            return Node(entries.map { (Node($0.key), $0.value.yamsNode()) })
        case .sequence(let items):
            return Node(items.map { $0.yamsNode() })
        }
    }
}
