import Yams

/// Parsing one compose file into a `LocatedNode` tree.
///
/// Yams' `compose(yaml:)` already resolves anchors and aliases; what it leaves to the caller is the
/// YAML merge key (`<<`), which compose files use with `x-` fragments (`10-fragments.md`), and the
/// `!reset`/`!override` tags of `13-merge.md`.
extension LocatedNode {
    static func parse(yaml: String, file: String, diagnostics: DiagnosticBag) -> LocatedNode? {
        let root: Node?
        do {
            // The basic resolver: Berth reads scalars itself (as text, and whether they were
            // plain), and only explicit tags (`!reset`, `!override`) matter; the default one
            // compiles seven regular expressions, 1 ms of every command's start.
            root = try Yams.compose(yaml: yaml, .basic)
        } catch let error as YamlError {
            diagnostics.add(Self.diagnostic(for: error, file: file, yaml: yaml))
            return nil
        } catch {
            diagnostics.add(.error(at: SourceLocation(file: file, line: 1, column: 1), path: "", "cannot parse YAML: \(error)"))
            return nil
        }
        guard let root else {
            diagnostics.add(
                .error(
                    at: SourceLocation(file: file, line: 1, column: 1), path: "", "the file is empty",
                    hint: "a compose file needs at least a `services:` mapping"))
            return nil
        }
        var converter = YamsConverter(file: file, diagnostics: diagnostics)
        return converter.convert(root)
    }

    private static func diagnostic(for error: YamlError, file: String, yaml: String) -> Diagnostic {
        func at(_ mark: Mark) -> SourceLocation { SourceLocation(file: file, line: mark.line, column: mark.column) }
        func text(_ problem: String, _ context: YamlError.Context?) -> String {
            guard let context else { return "YAML syntax error: \(problem)" }
            return "YAML syntax error: \(problem) (\(context.text) at line \(context.mark.line))"
        }
        switch error {
        case .scanner(let context, let problem, let mark, _),
            .parser(let context, let problem, let mark, _),
            .composer(let context, let problem, let mark, _):
            return .error(at: at(mark), path: "", text(problem, context))
        case .duplicatedKeysInMapping(let duplicates, let context):
            let names = duplicates.map { "\"\($0)\"" }.joined(separator: ", ")
            // Yams points at the first occurrence; the mistake is the repeat.
            if let first = duplicates.first, let repeated = Self.repeatedKey(first, after: context.mark, in: yaml) {
                return .error(
                    at: SourceLocation(file: file, line: repeated.line, column: repeated.column), path: "",
                    "duplicate key \(names) in one mapping (first at line \(context.mark.line))",
                    hint: "a key may appear only once; merge the two entries")
            }
            return .error(
                at: at(context.mark), path: "", "duplicate key \(names) in one mapping",
                hint: "a key may appear only once; merge the two entries")
        case .reader(let problem, let offset, _, _):
            let location = offset.map { Self.location(ofOffset: $0, in: yaml, file: file) }
            return .error(at: location ?? SourceLocation(file: file, line: 1, column: 1), path: "", "cannot read the file: \(problem)")
        default:
            return .error(at: SourceLocation(file: file, line: 1, column: 1), path: "", "cannot parse YAML: \(error)")
        }
    }

    /// The line and column of `key` written again at the first one's column in the lines after
    /// it, before the mapping ends (a line indented less); nil for flow mappings.
    static func repeatedKey(_ key: String, after mark: Mark, in yaml: String) -> (line: Int, column: Int)? {
        let lines = yaml.split(separator: "\n", omittingEmptySubsequences: false)
        guard mark.line >= 1, mark.line <= lines.count else { return nil }
        let indent = mark.column - 1
        for index in mark.line..<lines.count {
            let line = lines[index]
            let leading = line.prefix { $0 == " " }.count
            let body = line.dropFirst(leading)
            if body.isEmpty || body.hasPrefix("#") { continue }
            if leading < indent { return nil }
            guard leading == indent else { continue }
            for written in [key, "\"\(key)\"", "'\(key)'"] where body.hasPrefix(written + ":") {
                return (index + 1, indent + 1)
            }
        }
        return nil
    }

    private static func location(ofOffset offset: Int, in text: String, file: String) -> SourceLocation {
        var line = 1
        var column = 1
        for (index, byte) in text.utf8.enumerated() {
            if index >= offset { break }
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else {
                column += 1
            }
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}

private struct YamsConverter {
    let file: String
    let diagnostics: DiagnosticBag
    /// Values left before the file counts as an alias bomb: aliases of aliases (`&a [*b, *b, …]`
    /// nine levels deep) expand to hundreds of millions of values from a few lines, as the
    /// "billion laughs" attack does. A real compose file has a few thousand.
    private var remaining = YamsConverter.largestExpansion
    private var exhausted = false
    static let largestExpansion = 1_000_000

    init(file: String, diagnostics: DiagnosticBag) {
        self.file = file
        self.diagnostics = diagnostics
    }

    func location(_ mark: Mark?) -> SourceLocation? {
        mark.map { SourceLocation(file: file, line: $0.line, column: $0.column) }
    }

    func mergeTag(_ tag: Tag) -> LocatedNode.MergeTag? {
        switch tag.rawValue {
        case "!reset": return .reset
        case "!override": return .override
        default: return nil
        }
    }

    mutating func convert(_ node: Node) -> LocatedNode {
        remaining -= 1
        guard remaining >= 0 else {
            if !exhausted {
                exhausted = true
                diagnostics.add(
                    .error(
                        at: location(node.mark), path: "",
                        "the YAML expands to more than \(Self.largestExpansion) values here (aliases that repeat aliases)",
                        hint: "check the anchors (&) and aliases (*) of this file"))
            }
            return LocatedNode.plain("null", location: nil)
        }
        switch node {
        case .scalar(let scalar):
            return LocatedNode(
                .scalar(.init(text: scalar.string, isPlain: scalar.style == .plain || scalar.style == .any)),
                location: location(scalar.mark), mergeTag: mergeTag(scalar.tag))
        case .sequence(let sequence):
            return LocatedNode(
                .sequence(sequence.map { convert($0) }), location: location(sequence.mark),
                mergeTag: mergeTag(sequence.tag))
        case .mapping(let mapping):
            return LocatedNode(
                .mapping(convertEntries(mapping)), location: location(mapping.mark), mergeTag: mergeTag(mapping.tag))
        case .alias(let alias):
            return LocatedNode.plain("null", location: location(alias.mark))
        }
    }

    /// Explicit keys win over keys pulled in with `<<`; among several merged mappings the first
    /// wins, as the YAML merge type (yaml.org/type/merge.html) specifies.
    mutating func convertEntries(_ mapping: Node.Mapping) -> [LocatedNode.Entry] {
        var explicit: [LocatedNode.Entry] = []
        var merged: [LocatedNode.Entry] = []
        for (keyNode, valueNode) in mapping {
            guard case .scalar(let keyScalar) = keyNode else {
                diagnostics.add(
                    .error(
                        at: location(keyNode.mark), path: "", "a mapping key must be a plain string, not a list or mapping"))
                continue
            }
            let value = convert(valueNode)
            if keyScalar.string == "<<" && keyScalar.style != .singleQuoted && keyScalar.style != .doubleQuoted {
                let sources: [LocatedNode] = value.items ?? [value]
                for source in sources {
                    guard let entries = source.entries else {
                        diagnostics.add(
                            .error(
                                at: source.location ?? location(keyScalar.mark), path: "<<",
                                "the YAML merge key `<<` needs a mapping or a list of mappings, found \(source.kindName)"))
                        continue
                    }
                    for entry in entries where !merged.contains(where: { $0.key == entry.key }) {
                        merged.append(entry)
                    }
                }
                continue
            }
            explicit.append(.init(key: keyScalar.string, keyLocation: location(keyScalar.mark), value: value))
        }
        if merged.isEmpty { return explicit }
        let explicitKeys = Set(explicit.map(\.key))
        return merged.filter { !explicitKeys.contains($0.key) } + explicit
    }
}
