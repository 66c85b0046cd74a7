/// The small value languages compose uses: byte sizes (`512M`, `1.5g`, per docker/go-units
/// `RAMInBytes`, binary multiples) and Go durations (`1m30s`, `500ms`).
enum ValueSyntax {
    /// Bytes from `512M`, `2G`, `1024k`, `512MiB`, `100` (bytes), or nil.
    static func bytes(_ text: String) -> Int64? {
        var body = text.trimmingSpaces().lowercased()
        guard !body.isEmpty else { return nil }
        if body.hasSuffix("b") { body.removeLast() }
        if body.hasSuffix("i") { body.removeLast() }
        var multiplier: Double = 1
        if let last = body.last, let power = "kmgtp".firstIndex(of: last) {
            multiplier = pow1024("kmgtp".distance(from: "kmgtp".startIndex, to: power) + 1)
            body.removeLast()
        }
        body = body.trimmingSpaces()
        guard !body.isEmpty, body.allSatisfy({ $0.isNumber || $0 == "." }), let number = Double(body) else { return nil }
        let value = number * multiplier
        guard value.isFinite, value < 9.0e18 else { return nil }
        return Int64(value)
    }

    private static func pow1024(_ exponent: Int) -> Double {
        (0..<exponent).reduce(1.0) { value, _ in value * 1024 }
    }

    /// Seconds from a Go duration string (`1h2m3s`, `1.5s`, `300ms`, `10us`), or nil.
    static func seconds(_ text: String) -> Double? {
        let units: [(String, Double)] = [("ns", 1e-9), ("us", 1e-6), ("µs", 1e-6), ("ms", 1e-3), ("s", 1), ("m", 60), ("h", 3600)]
        var rest = Substring(text.trimmingSpaces())
        guard !rest.isEmpty else { return nil }
        if rest == "0" { return 0 }
        var total = 0.0
        while !rest.isEmpty {
            let number = rest.prefix { $0.isNumber || $0 == "." }
            guard !number.isEmpty, let value = Double(number) else { return nil }
            rest = rest.dropFirst(number.count)
            guard let unit = units.first(where: { rest.hasPrefix($0.0) }) else { return nil }
            rest = rest.dropFirst(unit.0.count)
            total += value * unit.1
        }
        return total
    }

    /// Splits a shell-form command into words like compose-go's `shellwords.Parse`: spaces
    /// separate, single and double quotes group, backslash escapes.
    static func shellWords(_ text: String) -> [String]? {
        var words: [String] = []
        var current = ""
        var hasWord = false
        var quote: Character?
        var escaped = false
        for character in text {
            if escaped {
                current.append(character)
                escaped = false
                continue
            }
            if character == "\\" && quote != "'" {
                escaped = true
                hasWord = true
                continue
            }
            if let open = quote {
                if character == open { quote = nil } else { current.append(character) }
                continue
            }
            if character == "'" || character == "\"" {
                quote = character
                hasWord = true
            } else if character == " " || character == "\t" || character == "\n" {
                if hasWord { words.append(current) }
                current = ""
                hasWord = false
            } else {
                current.append(character)
                hasWord = true
            }
        }
        guard quote == nil, !escaped else { return nil }
        if hasWord { words.append(current) }
        return words
    }
}
