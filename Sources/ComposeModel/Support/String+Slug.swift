extension String {
    /// Lower-case letters, digits and hyphens; any other run of characters becomes one hyphen.
    /// AWS names made from compose names (stacks, log streams, Service Connect port and
    /// discovery names, secret paths) use it, so two compose names with one slug would collide.
    package var slug: String {
        var out = ""
        for character in lowercased() {
            if character.isASCII && (character.isLetter || character.isNumber) {
                out.append(character)
            } else if out.last != "-" {
                out.append("-")
            }
        }
        while out.hasSuffix("-") { out.removeLast() }
        while out.hasPrefix("-") { out.removeFirst() }
        return out.isEmpty ? "x" : out
    }
}
