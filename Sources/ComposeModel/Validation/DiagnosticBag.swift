/// Collects diagnostics during one load; a reference type so every stage appends to the same list
/// without threading `inout` through each helper. It never leaves the loader's call.
final class DiagnosticBag {
    private(set) var all: [Diagnostic] = []

    var hasErrors: Bool { all.contains { $0.severity == .error } }

    func add(_ diagnostic: Diagnostic) {
        all.append(diagnostic)
    }

    func error(_ node: LocatedNode?, _ path: String, _ message: String, hint: String? = nil) {
        add(.error(at: node?.location, path: path, message, hint: hint))
    }

    func warning(_ node: LocatedNode?, _ path: String, _ message: String, hint: String? = nil) {
        add(.warning(at: node?.location, path: path, message, hint: hint))
    }

    func note(_ node: LocatedNode?, _ path: String, _ message: String, hint: String? = nil) {
        add(.note(at: node?.location, path: path, message, hint: hint))
    }
}
