/// Applying `Interpolation` to every value of a parsed file. Keys are left alone, as
/// `12-interpolation.md` says; the located node keeps its position, so an unset `${VAR:?}` is
/// reported where it was written.
extension LocatedNode {
    func interpolated(
        _ interpolation: Interpolation,
        path: String,
        diagnostics: DiagnosticBag,
        warned: inout Set<String>
    ) -> LocatedNode {
        var copy = self
        switch value {
        case .scalar(let scalar):
            guard !isNull else { return self }
            do {
                let outcome = try interpolation.interpolate(scalar.text)
                for name in outcome.unsetVariables where warned.insert(name).inserted {
                    diagnostics.warning(
                        self, path, "variable \(name) is not set, so it is replaced with an empty string",
                        hint: "set it in the environment or .env, or write ${\(name):-default}")
                }
                // What interpolation gives is a string, as in compose-go: `${X:-}` is an empty
                // value, never null (which would make `KEY: ${X:-}` take the deployer's KEY).
                let null = LocatedNode.Scalar.plainKind(outcome.text) == .null
                copy.value = .scalar(.init(text: outcome.text, isPlain: scalar.isPlain && !null))
            } catch {
                switch error {
                case .required(let name, let message):
                    let detail = message.isEmpty ? "" : ": \(message)"
                    diagnostics.error(
                        self, path, "required variable \(name) is not set\(detail)",
                        hint: "set \(name) in the environment, in .env or in a file given with --env-file")
                case .invalid(let message):
                    diagnostics.error(
                        self, path, "invalid interpolation: \(message)",
                        hint: "write $$ for a literal dollar sign")
                }
            }
        case .mapping(let entries):
            copy.value = .mapping(
                entries.map { entry in
                    var entry = entry
                    entry.value = entry.value.interpolated(
                        interpolation, path: path.appendingKey(entry.key), diagnostics: diagnostics, warned: &warned)
                    return entry
                })
        case .sequence(let items):
            copy.value = .sequence(
                items.enumerated().map { index, item in
                    item.interpolated(interpolation, path: "\(path)[\(index)]", diagnostics: diagnostics, warned: &warned)
                })
        }
        return copy
    }
}

extension String {
    /// `services` + `web` → `services.web`; the root path is empty.
    func appendingKey(_ key: String) -> String {
        isEmpty ? key : self + "." + key
    }
}
