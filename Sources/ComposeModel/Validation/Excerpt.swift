/// What of a user's text a message may quote: one line, a few dozen characters. A value can be
/// anything (a 5 MB scalar, a private key passed with `-f` by mistake); an error must say where
/// and what is wrong without printing it.
enum Excerpt {
    /// The longest quoted text kept whole; longer ones keep their start and say how much is left.
    static let longest = 48

    /// Each `"quoted"` part of `message` on one line and at most `longest` characters.
    static func shortenQuotes(_ message: String) -> String {
        guard message.count > longest || message.contains("\n") else { return message }
        var result = ""
        var quoted = ""
        var inQuote = false
        for character in message {
            if character == "\"" {
                if inQuote { result += shorten(quoted) }
                result.append(character)
                quoted = ""
                inQuote.toggle()
            } else if inQuote {
                quoted.append(character)
            } else {
                result.append(character)
            }
        }
        if inQuote { result += shorten(quoted) }
        return line(result)
    }

    /// `text` on one line: line breaks become a visible `⏎`.
    static func line(_ text: String) -> String {
        guard text.contains(where: \.isNewline) else { return text }
        return String(text.map { $0.isNewline ? "⏎" : $0 })
    }

    static func shorten(_ text: String) -> String {
        let single = line(text)
        guard single.count > longest else { return single }
        return "\(single.prefix(longest - 8))… (\(single.count) characters)"
    }
}
