import BerthJSON

/// What a load produced: the site when the files could be read into one (even with errors, as far
/// as it got), every diagnostic, and the merged document for `berth config`.
package struct ComposeLoadResult: Sendable {
    /// Nil only when no document could be built at all (missing file, YAML syntax error).
    package var site: Site?
    /// Errors first, then warnings and notes, each group in file order.
    package var diagnostics: [Diagnostic]
    /// The compose files that were read, as shown to users.
    package var files: [String]
    /// The merged, interpolated document, kept to print it back.
    var document: LocatedNode?

    package var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }

    package var errors: [Diagnostic] { diagnostics.filter { $0.severity == .error } }
    package var warnings: [Diagnostic] { diagnostics.filter { $0.severity == .warning } }

    init(site: Site?, diagnostics: [Diagnostic], files: [String], document: LocatedNode?) {
        self.site = site
        self.diagnostics = diagnostics
        self.files = files
        self.document = document
    }

    /// The merged, interpolated compose document as YAML, like `docker compose config`: short
    /// syntax for environment, labels and depends_on is written in its canonical mapping form.
    package func renderedDocument() -> String {
        guard let document else { return "" }
        return document.yamlText()
    }

    /// The same document as JSON-ready data, for `berth config --output json`.
    package func documentJSON() -> JSONValue? {
        document?.jsonValue
    }
}
