/// Reads typed values out of located nodes, reporting a located "wrong type" diagnostic instead of
/// failing, so decoding carries on and every problem in the file is found in one pass.
struct NodeReader {
    let diagnostics: DiagnosticBag

    func mapping(_ node: LocatedNode, _ path: String) -> [LocatedNode.Entry]? {
        if node.isNull { return [] }
        guard let entries = node.entries else {
            diagnostics.error(node, path, "expected a mapping, found \(node.kindName)")
            return nil
        }
        return entries
    }

    func list(_ node: LocatedNode, _ path: String) -> [LocatedNode]? {
        if node.isNull { return [] }
        guard let items = node.items else {
            diagnostics.error(node, path, "expected a list, found \(node.kindName)")
            return nil
        }
        return items
    }

    /// Any non-null scalar as text: compose accepts `image: 1.0` or `user: 1000` for strings.
    func string(_ node: LocatedNode, _ path: String) -> String? {
        guard let scalar = node.scalar, !node.isNull else {
            diagnostics.error(node, path, "expected a string, found \(node.kindName)")
            return nil
        }
        return scalar.text
    }

    func int(_ node: LocatedNode, _ path: String, minimum: Int? = nil, maximum: Int? = nil) -> Int? {
        guard let text = scalarText(node, path, expected: "an integer") else { return nil }
        guard let value = Int(text.trimmingSpaces()) else {
            diagnostics.error(node, path, "\"\(text)\" is not a whole number")
            return nil
        }
        if let minimum, value < minimum {
            diagnostics.error(node, path, "\(value) is below the minimum of \(minimum)")
            return nil
        }
        if let maximum, value > maximum {
            diagnostics.error(node, path, "\(value) is above the maximum of \(maximum)")
            return nil
        }
        return value
    }

    func double(_ node: LocatedNode, _ path: String) -> Double? {
        guard let text = scalarText(node, path, expected: "a number") else { return nil }
        guard let value = Double(text.trimmingSpaces()), value.isFinite else {
            diagnostics.error(node, path, "\"\(text)\" is not a number")
            return nil
        }
        return value
    }

    /// `true`/`false` (and compose's accepted `yes`/`no`, also when quoted after interpolation).
    func bool(_ node: LocatedNode, _ path: String) -> Bool? {
        guard let text = scalarText(node, path, expected: "true or false") else { return nil }
        switch text.lowercased() {
        case "true", "yes", "on", "1": return true
        case "false", "no", "off", "0": return false
        default:
            diagnostics.error(node, path, "\"\(text)\" is not true or false")
            return nil
        }
    }

    /// A string or a list of strings.
    func strings(_ node: LocatedNode, _ path: String) -> [String]? {
        if node.isNull { return [] }
        if node.scalar != nil { return string(node, path).map { [$0] } }
        guard let items = list(node, path) else { return nil }
        return items.enumerated().compactMap { index, item in string(item, "\(path)[\(index)]") }
    }

    /// A list of strings only (no single-string form).
    func stringList(_ node: LocatedNode, _ path: String) -> [String]? {
        guard let items = list(node, path) else { return nil }
        return items.enumerated().compactMap { index, item in string(item, "\(path)[\(index)]") }
    }

    /// A mapping of names to scalar values (after `Canonical` turned `KEY=VALUE` lists into one).
    func namedValues(_ node: LocatedNode, _ path: String) -> [NamedValue] {
        guard let entries = mapping(node, path) else { return [] }
        var values: [NamedValue] = []
        for entry in entries {
            if entry.value.isNull {
                values.append(NamedValue(name: entry.key, value: nil))
            } else if let scalar = entry.value.scalar {
                values.append(NamedValue(name: entry.key, value: scalar.text))
            } else {
                diagnostics.error(
                    entry.value, path.appendingKey(entry.key), "expected a string, number or boolean, found \(entry.value.kindName)")
            }
        }
        return values
    }

    /// Bytes from a size such as `512M`; the message is the issue's own example.
    func bytes(_ node: LocatedNode, _ path: String) -> Int64? {
        guard let text = scalarText(node, path, expected: "a size") else { return nil }
        guard let value = ValueSyntax.bytes(text) else {
            diagnostics.error(node, path, "\"\(text)\" is not a size", hint: "use e.g. 512M, 2G")
            return nil
        }
        return value
    }

    func seconds(_ node: LocatedNode, _ path: String) -> Double? {
        guard let text = scalarText(node, path, expected: "a duration") else { return nil }
        if let number = Int(text) { return Double(number) }
        guard let value = ValueSyntax.seconds(text) else {
            diagnostics.error(node, path, "\"\(text)\" is not a duration", hint: "use e.g. 30s, 1m30s, 500ms")
            return nil
        }
        return value
    }

    private func scalarText(_ node: LocatedNode, _ path: String, expected: String) -> String? {
        guard let scalar = node.scalar, !node.isNull else {
            diagnostics.error(node, path, "expected \(expected), found \(node.kindName)")
            return nil
        }
        return scalar.text
    }

    /// Reports keys not in `known` (and not `x-` extensions) as errors, suggesting the nearest
    /// known key, since a typo such as `enviroment` would otherwise be dropped silently.
    func checkKeys(_ entries: [LocatedNode.Entry], _ path: String, known: Set<String>) {
        for entry in entries where !known.contains(entry.key) && !entry.key.hasPrefix("x-") {
            let suggestion = KeySuggestion.nearest(to: entry.key, in: known)
            diagnostics.add(
                .error(
                    at: entry.keyLocation ?? entry.value.location, path: path.appendingKey(entry.key),
                    "unknown key \"\(entry.key)\"", hint: suggestion.map { "did you mean \"\($0)\"?" }))
        }
    }
}

/// "Did you mean" by edit distance, for unknown keys.
package enum KeySuggestion {
    package static func nearest(to word: String, in candidates: Set<String>) -> String? {
        let limit = max(1, word.count / 3)
        var best: (String, Int)?
        for candidate in candidates.sorted() {
            let distance = editDistance(Array(word.lowercased()), Array(candidate))
            if distance <= limit, distance < (best?.1 ?? Int.max) { best = (candidate, distance) }
        }
        return best?.0
    }

    /// Edits between two words, a swap of neighbours counting as one (`stie` → `site`): the
    /// typos people make (optimal string alignment distance).
    static func editDistance(_ a: [Character], _ b: [Character]) -> Int {
        if a.isEmpty { return b.count }
        if b.isEmpty { return a.count }
        var table = Array(repeating: Array(repeating: 0, count: b.count + 1), count: a.count + 1)
        for i in 0...a.count { table[i][0] = i }
        for j in 0...b.count { table[0][j] = j }
        for i in 1...a.count {
            for j in 1...b.count {
                let cost = a[i - 1] == b[j - 1] ? 0 : 1
                table[i][j] = min(table[i - 1][j] + 1, table[i][j - 1] + 1, table[i - 1][j - 1] + cost)
                if i > 1, j > 1, a[i - 1] == b[j - 2], a[i - 2] == b[j - 1] {
                    table[i][j] = min(table[i][j], table[i - 2][j - 2] + 1)
                }
            }
        }
        return table[a.count][b.count]
    }
}
