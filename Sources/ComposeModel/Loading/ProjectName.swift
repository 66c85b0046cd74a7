/// Compose project names: lower-case letters, digits, `_` and `-`, starting with a letter or digit.
///
/// A name taken from the folder is normalised the way compose-go's `NormalizeProjectName` does
/// (lower-case, drop other characters, trim leading `_`/`-`); a name the user wrote (`-p`, `name:`)
/// must already be valid, and is an error otherwise.
enum ProjectName {
    static func isValid(_ name: String) -> Bool {
        guard let first = name.unicodeScalars.first, isLowerAlphanumeric(first) else { return false }
        return name.unicodeScalars.allSatisfy { isLowerAlphanumeric($0) || $0 == "_" || $0 == "-" }
    }

    static func normalize(_ name: String) -> String {
        let kept = name.lowercased().unicodeScalars.filter { isLowerAlphanumeric($0) || $0 == "_" || $0 == "-" }
        return String(String.UnicodeScalarView(kept.drop { $0 == "_" || $0 == "-" }))
    }

    private static func isLowerAlphanumeric(_ scalar: Unicode.Scalar) -> Bool {
        ("a"..."z").contains(scalar) || ("0"..."9").contains(scalar)
    }
}
