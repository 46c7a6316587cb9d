import Foundation

/// A JSON value whose objects keep their members in order. The sandbox writes every answer through
/// it: `JSONEncoder` over dictionaries writes keys in a different order per process, live Wrike
/// answers in a fixed one (see `WrikeKeyOrder`).
enum JSONNode {
    case null
    case bool(Bool)
    case int(Int64)
    case double(Double)
    case string(String)
    case array([JSONNode])
    case object([Member])

    struct Member {
        var key: String
        var value: JSONNode
    }

    /// Compact UTF-8 JSON text (no escaped slashes, non-ASCII as is, like `JSONEncoder` with
    /// `.withoutEscapingSlashes`).
    var data: Data {
        var out: [UInt8] = []
        out.reserveCapacity(256)
        write(into: &out)
        return Data(out)
    }

    func write(into out: inout [UInt8]) {
        switch self {
        case .null: out.append(contentsOf: "null".utf8)
        case .bool(let b): out.append(contentsOf: (b ? "true" : "false").utf8)
        case .int(let i): out.append(contentsOf: String(i).utf8)
        case .double(let d): out.append(contentsOf: Self.number(d).utf8)
        case .string(let s): Self.writeString(s, into: &out)
        case .array(let items):
            out.append(UInt8(ascii: "["))
            for (i, item) in items.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                item.write(into: &out)
            }
            out.append(UInt8(ascii: "]"))
        case .object(let members):
            out.append(UInt8(ascii: "{"))
            for (i, m) in members.enumerated() {
                if i > 0 { out.append(UInt8(ascii: ",")) }
                Self.writeString(m.key, into: &out)
                out.append(UInt8(ascii: ":"))
                m.value.write(into: &out)
            }
            out.append(UInt8(ascii: "}"))
        }
    }

    /// Whole numbers without a fraction (`2`, not `2.0`); non-finite values cannot be JSON and are
    /// written as `null` (never a crash).
    static func number(_ d: Double) -> String {
        guard d.isFinite else { return "null" }
        if d.rounded() == d && abs(d) < 1e15 { return String(Int64(d)) }
        return String(d)
    }

    static func writeString(_ s: String, into out: inout [UInt8]) {
        out.append(UInt8(ascii: "\""))
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "\""): out.append(contentsOf: #"\""#.utf8)
            case UInt8(ascii: "\\"): out.append(contentsOf: #"\\"#.utf8)
            case 0x0A: out.append(contentsOf: #"\n"#.utf8)
            case 0x0D: out.append(contentsOf: #"\r"#.utf8)
            case 0x09: out.append(contentsOf: #"\t"#.utf8)
            case 0x08: out.append(contentsOf: #"\b"#.utf8)
            case 0x0C: out.append(contentsOf: #"\f"#.utf8)
            case 0..<0x20:
                let hex = Array("0123456789abcdef".utf8)
                out.append(contentsOf: #"\u00"#.utf8)
                out.append(hex[Int(b >> 4)])
                out.append(hex[Int(b & 0xF)])
            default: out.append(b)
            }
        }
        out.append(UInt8(ascii: "\""))
    }

    /// Encodes any `Encodable`, keeping object members in the order `encode(to:)` writes them
    /// (declaration order for synthesized conformances).
    static func encode<T: Encodable>(_ value: T) throws -> JSONNode {
        let slot = NodeSlot()
        try value.encode(to: NodeEncoder(slot: slot, codingPath: []))
        return slot.node
    }
}

// MARK: - The encoder

/// Where one encoded value goes; containers may be asked for before they are filled.
final class NodeSlot {
    enum Content {
        case empty
        case value(JSONNode)
        case object(NodeObject)
        case array(NodeArray)
    }
    var content: Content = .empty

    var node: JSONNode {
        switch content {
        case .empty: return .object([])
        case .value(let v): return v
        case .object(let o): return .object(o.members.map { JSONNode.Member(key: $0.key, value: $0.slot.node) })
        case .array(let a): return .array(a.items.map(\.node))
        }
    }

    var object: NodeObject {
        if case .object(let o) = content { return o }
        let o = NodeObject()
        content = .object(o)
        return o
    }

    var array: NodeArray {
        if case .array(let a) = content { return a }
        let a = NodeArray()
        content = .array(a)
        return a
    }
}

final class NodeObject {
    var members: [(key: String, slot: NodeSlot)] = []

    /// The slot of `key`; encoding a key twice replaces its value in place.
    func slot(_ key: String) -> NodeSlot {
        if let i = members.firstIndex(where: { $0.key == key }) {
            members[i].slot.content = .empty
            return members[i].slot
        }
        let s = NodeSlot()
        members.append((key, s))
        return s
    }
}

final class NodeArray {
    var items: [NodeSlot] = []
    func next() -> NodeSlot {
        let s = NodeSlot()
        items.append(s)
        return s
    }
}

struct NodeEncoder: Encoder {
    let slot: NodeSlot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedNodeContainer<Key>(object: slot.object, codingPath: codingPath))
    }

    func unkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(array: slot.array, codingPath: codingPath)
    }

    func singleValueContainer() -> any SingleValueEncodingContainer {
        SingleNodeContainer(slot: slot, codingPath: codingPath)
    }
}

/// Scalars every container writes the same way.
private func scalar<T: Encodable>(_ value: T) -> JSONNode? {
    switch value {
    case let v as String: return .string(v)
    case let v as Bool: return .bool(v)
    case let v as Int: return .int(Int64(v))
    case let v as Int64: return .int(v)
    case let v as Int32: return .int(Int64(v))
    case let v as Int16: return .int(Int64(v))
    case let v as Int8: return .int(Int64(v))
    case let v as UInt: return v <= UInt(Int64.max) ? .int(Int64(v)) : .double(Double(v))
    case let v as UInt64: return v <= UInt64(Int64.max) ? .int(Int64(v)) : .double(Double(v))
    case let v as UInt32: return .int(Int64(v))
    case let v as UInt16: return .int(Int64(v))
    case let v as UInt8: return .int(Int64(v))
    case let v as Double: return .double(v)
    case let v as Float: return .double(Double(v))
    default: return nil
    }
}

private func encodeValue<T: Encodable>(_ value: T, into slot: NodeSlot, codingPath: [any CodingKey]) throws {
    if let s = scalar(value) {
        slot.content = .value(s)
    } else {
        try value.encode(to: NodeEncoder(slot: slot, codingPath: codingPath))
    }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: NodeObject
    var codingPath: [any CodingKey]

    mutating func encodeNil(forKey key: Key) throws { object.slot(key.stringValue).content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T, forKey key: Key) throws {
        try encodeValue(value, into: object.slot(key.stringValue), codingPath: codingPath + [key])
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type,
                                                        forKey key: Key) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(object: object.slot(key.stringValue).object,
                                                             codingPath: codingPath + [key]))
    }
    mutating func nestedUnkeyedContainer(forKey key: Key) -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(array: object.slot(key.stringValue).array, codingPath: codingPath + [key])
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(slot: object.slot("super"), codingPath: codingPath) }
    mutating func superEncoder(forKey key: Key) -> any Encoder {
        NodeEncoder(slot: object.slot(key.stringValue), codingPath: codingPath + [key])
    }
}

struct UnkeyedNodeContainer: UnkeyedEncodingContainer {
    let array: NodeArray
    var codingPath: [any CodingKey]
    var count: Int { array.items.count }

    mutating func encodeNil() throws { array.next().content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws {
        try encodeValue(value, into: array.next(), codingPath: codingPath)
    }
    mutating func nestedContainer<NestedKey: CodingKey>(keyedBy keyType: NestedKey.Type) -> KeyedEncodingContainer<NestedKey> {
        KeyedEncodingContainer(KeyedNodeContainer<NestedKey>(object: array.next().object, codingPath: codingPath))
    }
    mutating func nestedUnkeyedContainer() -> any UnkeyedEncodingContainer {
        UnkeyedNodeContainer(array: array.next().array, codingPath: codingPath)
    }
    mutating func superEncoder() -> any Encoder { NodeEncoder(slot: array.next(), codingPath: codingPath) }
}

struct SingleNodeContainer: SingleValueEncodingContainer {
    let slot: NodeSlot
    var codingPath: [any CodingKey]

    mutating func encodeNil() throws { slot.content = .value(.null) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: slot, codingPath: codingPath) }
}
