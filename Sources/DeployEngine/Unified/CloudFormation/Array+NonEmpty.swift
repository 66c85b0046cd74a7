extension Array {
    /// `nil` for an empty list: a list the desired state leaves empty is not written.
    func nonEmpty<Value>(_ transform: (Element) -> Value) -> [Value]? {
        isEmpty ? nil : map(transform)
    }
}
