/// A state AWS sends as a string from a list its API reference documents, as an enum with one
/// case per documented value and `unknown(String)` for the rest. AWS adds values to these lists
/// (task definitions gained `DELETE_IN_PROGRESS` with `DeleteTaskDefinitions`), so a value this
/// code has never seen must decode, compare and encode back unchanged rather than fail the
/// whole response.
///
/// A conforming enum lists its cases in `knownCases` and spells each in `rawValue`; decoding,
/// encoding and `init(rawValue:)` come from here. Build values with `init(rawValue:)`, never
/// `.unknown("ACTIVE")`, so a documented value always lands on its own case.
package protocol AWSEnum: RawRepresentable<String>, Codable, Hashable, Sendable, CustomStringConvertible {
    /// Every documented value, each a case without payload.
    static var knownCases: [Self] { get }
    /// A value the documented list does not have, kept as AWS spelt it.
    static func unknown(_ rawValue: String) -> Self
}

extension AWSEnum {
    /// Never fails: an undocumented value becomes `.unknown`. Through this initialiser the
    /// standard library's `RawRepresentable` coding reads and writes the bare wire string.
    package init(rawValue: String) {
        self = Self.knownCases.first { $0.rawValue == rawValue } ?? .unknown(rawValue)
    }

    /// The wire string, so that printing a state prints what AWS sent.
    package var description: String { rawValue }
}
