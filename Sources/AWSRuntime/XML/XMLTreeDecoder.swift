import Foundation

/// Decodes `Decodable` shapes from AWS XML answers.
///
/// AWS writes lists three ways: wrapped in `<member>` (awsQuery), wrapped in `<item>` (ec2Query),
/// or flattened as repeated siblings (S3's `<Contents>`). A list property accepts all three, so
/// shapes stay plain `Decodable` structs with the wire names as coding keys.
package struct XMLTreeDecoder {
    package init() {}

    package func decode<T: Decodable>(_ type: T.Type, from tree: XMLTree) throws -> T {
        try T(from: XMLNodeDecoder(node: tree, codingPath: []))
    }
}

/// Marks `Array` so the keyed container can tell a list property from a single element.
private protocol XMLListMarker {}
extension Array: XMLListMarker {}

private struct XMLNodeDecoder: Decoder {
    var node: XMLTree
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) throws -> KeyedDecodingContainer<Key> {
        KeyedDecodingContainer(KeyedContainer<Key>(node: node, codingPath: codingPath))
    }

    func unkeyedContainer() throws -> any UnkeyedDecodingContainer {
        UnkeyedContainer(items: node.children, codingPath: codingPath)
    }

    func singleValueContainer() throws -> any SingleValueDecodingContainer {
        SingleValue(node: node, codingPath: codingPath)
    }
}

private struct KeyedContainer<Key: CodingKey>: KeyedDecodingContainerProtocol {
    var node: XMLTree
    var codingPath: [any CodingKey]
    var allKeys: [Key] { node.children.compactMap { Key(stringValue: $0.name) } }

    func contains(_ key: Key) -> Bool {
        node.child(key.stringValue) != nil
    }

    func decodeNil(forKey key: Key) throws -> Bool {
        node.child(key.stringValue) == nil
    }

    func decode<T: Decodable>(_ type: T.Type, forKey key: Key) throws -> T {
        let matches = node.children(key.stringValue)
        let path = codingPath + [key]
        if T.self is any XMLListMarker.Type {
            // Wrapped list: one element whose children are <member>/<item> (or nothing: an empty list).
            if matches.count == 1, matches[0].children.allSatisfy({ $0.name == "member" || $0.name == "item" }),
                !(matches[0].children.isEmpty && !matches[0].text.isEmpty)
            {
                return try T(from: XMLNodeDecoder(node: matches[0], codingPath: path))
            }
            return try T(from: XMLNodeDecoder(node: XMLTree(name: key.stringValue, children: matches), codingPath: path))
        }
        guard let first = matches.first else {
            throw DecodingError.keyNotFound(key, .init(codingPath: codingPath, debugDescription: "no <\(key.stringValue)> element"))
        }
        return try SingleValue(node: first, codingPath: path).decode(T.self)
    }

    func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type, forKey key: Key) throws -> KeyedDecodingContainer<NestedKey> {
        KeyedDecodingContainer(
            KeyedContainer<NestedKey>(node: node.child(key.stringValue) ?? XMLTree(name: key.stringValue), codingPath: codingPath + [key]))
    }

    func nestedUnkeyedContainer(forKey key: Key) throws -> any UnkeyedDecodingContainer {
        UnkeyedContainer(items: node.child(key.stringValue)?.children ?? [], codingPath: codingPath + [key])
    }

    func superDecoder() throws -> any Decoder {
        XMLNodeDecoder(node: node, codingPath: codingPath)
    }

    func superDecoder(forKey key: Key) throws -> any Decoder {
        XMLNodeDecoder(node: node.child(key.stringValue) ?? XMLTree(name: key.stringValue), codingPath: codingPath + [key])
    }
}

private struct IndexKey: CodingKey {
    var stringValue: String
    var intValue: Int?
    init(_ index: Int) {
        stringValue = String(index)
        intValue = index
    }
    init?(stringValue: String) { nil }
    init?(intValue: Int) { self.init(intValue) }
}

private struct UnkeyedContainer: UnkeyedDecodingContainer {
    var items: [XMLTree]
    var codingPath: [any CodingKey]
    var currentIndex = 0
    var count: Int? { items.count }
    var isAtEnd: Bool { currentIndex >= items.count }

    init(items: [XMLTree], codingPath: [any CodingKey]) {
        self.items = items
        self.codingPath = codingPath
    }

    mutating func decodeNil() throws -> Bool { false }

    mutating func decode<T: Decodable>(_ type: T.Type) throws -> T {
        guard !isAtEnd else {
            throw DecodingError.valueNotFound(T.self, .init(codingPath: codingPath, debugDescription: "list ended"))
        }
        defer { currentIndex += 1 }
        // Through the single-value path, which reads timestamps as AWS writes them (a list of
        // them: GetMetricData's Timestamps).
        return try SingleValue(node: items[currentIndex], codingPath: codingPath + [IndexKey(currentIndex)]).decode(T.self)
    }

    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy type: NestedKey.Type) throws -> KeyedDecodingContainer<NestedKey> {
        defer { currentIndex += 1 }
        return KeyedDecodingContainer(KeyedContainer<NestedKey>(node: items[currentIndex], codingPath: codingPath))
    }

    mutating func nestedUnkeyedContainer() throws -> any UnkeyedDecodingContainer {
        defer { currentIndex += 1 }
        return UnkeyedContainer(items: items[currentIndex].children, codingPath: codingPath)
    }

    mutating func superDecoder() throws -> any Decoder {
        defer { currentIndex += 1 }
        return XMLNodeDecoder(node: items[currentIndex], codingPath: codingPath)
    }
}

private struct SingleValue: SingleValueDecodingContainer {
    var node: XMLTree
    var codingPath: [any CodingKey]

    func decodeNil() -> Bool { false }

    private func failure<T>(_ type: T.Type) -> DecodingError {
        .typeMismatch(T.self, .init(codingPath: codingPath, debugDescription: "<\(node.name)> holds \"\(node.text)\""))
    }

    func decode(_ type: Bool.Type) throws -> Bool {
        switch node.text.lowercased() {
        case "true": return true
        case "false": return false
        default: throw failure(type)
        }
    }

    func decode(_ type: String.Type) throws -> String { node.text }

    func decode(_ type: Double.Type) throws -> Double {
        guard let value = Double(node.text) else { throw failure(type) }
        return value
    }

    func decode(_ type: Float.Type) throws -> Float { Float(try decode(Double.self)) }

    func decode<T: BinaryInteger & LosslessStringConvertible>(integer type: T.Type) throws -> T {
        guard let value = T(node.text) else { throw failure(type) }
        return value
    }

    func decode(_ type: Int.Type) throws -> Int { try decode(integer: type) }
    func decode(_ type: Int8.Type) throws -> Int8 { try decode(integer: type) }
    func decode(_ type: Int16.Type) throws -> Int16 { try decode(integer: type) }
    func decode(_ type: Int32.Type) throws -> Int32 { try decode(integer: type) }
    func decode(_ type: Int64.Type) throws -> Int64 { try decode(integer: type) }
    func decode(_ type: UInt.Type) throws -> UInt { try decode(integer: type) }
    func decode(_ type: UInt8.Type) throws -> UInt8 { try decode(integer: type) }
    func decode(_ type: UInt16.Type) throws -> UInt16 { try decode(integer: type) }
    func decode(_ type: UInt32.Type) throws -> UInt32 { try decode(integer: type) }
    func decode(_ type: UInt64.Type) throws -> UInt64 { try decode(integer: type) }

    func decode<T: Decodable>(_ type: T.Type) throws -> T {
        if type == Date.self {
            guard let date = AWSDate.parse(node.text) else { throw failure(type) }
            return date as! T
        }
        return try T(from: XMLNodeDecoder(node: node, codingPath: codingPath))
    }
}
