import StackTemplates

extension TemplateMap {
    /// The entries whose value is set, in the order given: what the desired state leaves unset
    /// is left out of the template, as the API leaves it out of a request.
    init(setting entries: [(String, TemplateValue?)]) {
        self.init(entries.compactMap { key, value in value.map { (key, $0) } })
    }
}
