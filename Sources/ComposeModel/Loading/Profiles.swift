/// `15-profiles.md`: a service with `profiles` runs only when one of them is active; services
/// without profiles always run. `*` activates every profile.
enum Profiles {
    /// The document without the inactive services, and their names.
    static func apply(_ active: Set<String>, to document: LocatedNode) -> (LocatedNode, disabled: Set<String>) {
        guard let services = document["services"]?.entries, !active.contains("*") else { return (document, []) }
        var disabled: Set<String> = []
        let kept = services.filter { entry in
            let profiles = entry.value["profiles"]?.items?.compactMap { $0.scalar?.text } ?? []
            if profiles.isEmpty || profiles.contains(where: active.contains) { return true }
            disabled.insert(entry.key)
            return false
        }
        guard !disabled.isEmpty else { return (document, []) }
        var copy = document
        copy["services"]?.value = .mapping(kept)
        return (copy, disabled)
    }

    /// `--profile` values, else `COMPOSE_PROFILES` (comma-separated).
    static func active(options: [String], variables: [String: String]) -> Set<String> {
        if !options.isEmpty { return Set(options) }
        let fromVariable = variables["COMPOSE_PROFILES"]?.split(separator: ",").map { $0.trimmingSpaces() } ?? []
        return Set(fromVariable.filter { !$0.isEmpty })
    }
}
