import Foundation

extension SiteDiagram {
    /// Mermaid's flowchart, which GitHub renders in a README's ```mermaid block.
    package var mermaid: String {
        var lines = ["flowchart LR", "  %% \(title), drawn by berth diagram"]
        for node in nodes {
            let label = "\(node.title)<br/><small>\(node.detail)</small>".replacingOccurrences(of: "\"", with: "#quot;")
            let shape: (String, String) =
                switch node.kind {
                case .loadBalancer: ("([", "])")
                case .service: ("[", "]")
                case .volume, .bucket: ("[(", ")]")
                case .logGroup: ("[/", "/]")
                }
            lines.append("  \(node.id)\(shape.0)\"\(label)\"\(shape.1)")
        }
        for edge in edges {
            lines.append("  \(edge.from) -->|\"\(edge.label.replacingOccurrences(of: "\"", with: "#quot;"))\"| \(edge.to)")
        }
        return lines.joined(separator: "\n") + "\n"
    }

    /// Graphviz's dot, laid out left to right.
    package var dot: String {
        func quoted(_ text: String) -> String {
            "\""
                + text.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"")
                .replacingOccurrences(of: "\n", with: "\\n") + "\""
        }
        var lines = ["digraph \(quoted(title)) {", "  rankdir=LR;", "  node [fontname=\"Helvetica\", fontsize=11];"]
        for node in nodes {
            let shape =
                switch node.kind {
                case .loadBalancer: "oval"
                case .service: "box"
                case .volume, .bucket: "cylinder"
                case .logGroup: "note"
                }
            lines.append("  \(node.id) [shape=\(shape), label=\(quoted(node.title + "\n" + node.detail))];")
        }
        for edge in edges {
            lines.append("  \(edge.from) -> \(edge.to) [label=\(quoted(edge.label))];")
        }
        lines.append("}")
        return lines.joined(separator: "\n") + "\n"
    }
}
