import Foundation

#if canImport(FoundationXML)
    import FoundationXML
#endif

/// A parsed XML element: just what AWS answers need (names, text, children; attributes ignored).
package struct XMLTree: Sendable, Equatable {
    package var name: String
    package var text: String
    package var children: [XMLTree]

    package init(name: String, text: String = "", children: [XMLTree] = []) {
        self.name = name
        self.text = text
        self.children = children
    }

    package func child(_ name: String) -> XMLTree? {
        children.first { $0.name == name }
    }

    package func children(_ name: String) -> [XMLTree] {
        children.filter { $0.name == name }
    }

    /// Follows a path of child names, e.g. `["Error", "Code"]`.
    package func find(_ path: String...) -> XMLTree? {
        var node: XMLTree? = self
        for name in path { node = node?.child(name) }
        return node
    }

    /// Parses a document; returns `nil` when it is not well-formed XML.
    package static func parse(_ data: Data) -> XMLTree? {
        let delegate = TreeBuilder()
        let parser = XMLParser(data: data)
        parser.delegate = delegate
        parser.shouldProcessNamespaces = true
        guard parser.parse(), let root = delegate.root else { return nil }
        return root
    }
}

private final class TreeBuilder: NSObject, XMLParserDelegate {
    var stack: [XMLTree] = []
    var root: XMLTree?

    func parser(
        _ parser: XMLParser, didStartElement elementName: String, namespaceURI: String?, qualifiedName qName: String?,
        attributes attributeDict: [String: String] = [:]
    ) {
        stack.append(XMLTree(name: elementName))
    }

    func parser(_ parser: XMLParser, foundCharacters string: String) {
        guard !stack.isEmpty else { return }
        stack[stack.count - 1].text += string
    }

    func parser(_ parser: XMLParser, didEndElement elementName: String, namespaceURI: String?, qualifiedName qName: String?) {
        guard var done = stack.popLast() else { return }
        if !done.children.isEmpty { done.text = done.text.trimmingCharacters(in: .whitespacesAndNewlines) }
        if stack.isEmpty {
            root = done
        } else {
            stack[stack.count - 1].children.append(done)
        }
    }
}
