import Foundation

/// Writes JSON with object members in a chosen order. The sandbox writes every answer through it:
/// `JSONEncoder` keeps members in a dictionary and writes them in a different order per process;
/// live Wrike answers in a fixed one (`WrikeKeyOrder`).
struct JSONWriter {
    private(set) var bytes: [UInt8] = []

    init(capacity: Int = 1024) { bytes.reserveCapacity(capacity) }

    var data: Data { Data(bytes) }

    mutating func raw(_ text: StaticString) {
        text.withUTF8Buffer { bytes.append(contentsOf: $0) }
    }

    mutating func int(_ i: Int64) { bytes.append(contentsOf: String(i).utf8) }

    /// Whole numbers without a fraction (`2`, not `2.0`, as `JSONEncoder`); non-finite values cannot be
    /// JSON and are written as `null` (never a crash).
    mutating func double(_ d: Double) {
        guard d.isFinite else { raw("null"); return }
        if d.rounded() == d && abs(d) < 1e15 { int(Int64(d)) } else { bytes.append(contentsOf: String(d).utf8) }
    }

    /// A string literal: `"` `\` and control characters escaped, `/` and non-ASCII as they are (as
    /// `JSONEncoder` with `.withoutEscapingSlashes`).
    mutating func string(_ s: String) {
        var s = s
        s.withUTF8 { utf8 in
            bytes.append(UInt8(ascii: "\""))
            if let base = utf8.baseAddress {
                // A plain index loop: this runs for every byte of every answer, also in debug builds.
                let n = utf8.count
                var clean = 0, i = 0
                while i < n {
                    let b = base[i]
                    if b < 0x20 || b == 0x22 || b == 0x5C {
                        bytes.append(contentsOf: UnsafeBufferPointer(start: base + clean, count: i - clean))
                        escape(b)
                        clean = i + 1
                    }
                    i += 1
                }
                bytes.append(contentsOf: UnsafeBufferPointer(start: base + clean, count: n - clean))
            }
            bytes.append(UInt8(ascii: "\""))
        }
    }

    private mutating func escape(_ b: UInt8) {
        switch b {
        case 0x22: raw(#"\""#)
        case 0x5C: raw(#"\\"#)
        case 0x0A: raw(#"\n"#)
        case 0x0D: raw(#"\r"#)
        case 0x09: raw(#"\t"#)
        case 0x08: raw(#"\b"#)
        case 0x0C: raw(#"\f"#)
        default:
            let hex = Array("0123456789abcdef".utf8)
            raw(#"\u00"#)
            bytes.append(hex[Int(b >> 4)])
            bytes.append(hex[Int(b & 0xF)])
        }
    }

    /// Any `Encodable`: object members in `order` (then the others in encoding order, which is
    /// declaration order for synthesized conformances); nested objects by `WrikeKeyOrder.nested`.
    mutating func encode<T: Encodable>(_ value: T, order: KeyRanks?) throws {
        let slot = NodeSlot()
        try encodeValue(value, into: slot, codingPath: [])
        write(slot, order: order)
    }

    mutating func write(_ slot: NodeSlot, order: KeyRanks?) {
        switch slot.content {
        case .empty: raw("{}")
        case .scalar(let s): write(s)
        case .array(let a):
            bytes.append(UInt8(ascii: "["))
            for (i, item) in a.items.enumerated() {
                if i > 0 { bytes.append(UInt8(ascii: ",")) }
                write(item, order: order)
            }
            bytes.append(UInt8(ascii: "]"))
        case .object(let o):
            bytes.append(UInt8(ascii: "{"))
            var first = true
            for i in WrikeKeyOrder.sequence(of: o.members, order) {
                if !first { bytes.append(UInt8(ascii: ",")) }
                first = false
                let m = o.members[i]
                string(m.key)
                bytes.append(UInt8(ascii: ":"))
                switch m.slot.content {
                case .object, .array: write(m.slot, order: WrikeKeyOrder.nestedRanks[m.key])
                case .empty, .scalar: write(m.slot, order: nil)
                }
            }
            bytes.append(UInt8(ascii: "}"))
        }
    }

    mutating func write(_ s: Scalar) {
        switch s {
        case .null: raw("null")
        case .bool(let b): if b { raw("true") } else { raw("false") }
        case .int(let i): int(i)
        case .double(let d): double(d)
        case .string(let t): string(t)
        }
    }
}

/// A key table's ranks: member name → position.
typealias KeyRanks = [String: Int]

// MARK: - The encoder: an ordered tree of slots

enum Scalar {
    case null, bool(Bool), int(Int64), double(Double), string(String)
}

/// Where one encoded value goes; containers may be asked for before they are filled.
final class NodeSlot {
    enum Content {
        case empty
        case scalar(Scalar)
        case object(NodeObject)
        case array(NodeArray)
    }
    var content: Content = .empty

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
    /// In encoding order; a key encoded twice is written once, with its last value.
    var members: [(key: String, slot: NodeSlot)] = []
    func slot(_ key: String) -> NodeSlot {
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

/// The scalar types, written without a dynamic cast per type.
protocol NodeScalar { var scalar: Scalar { get } }
extension String: NodeScalar { var scalar: Scalar { .string(self) } }
extension Bool: NodeScalar { var scalar: Scalar { .bool(self) } }
extension Int: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension Int64: NodeScalar { var scalar: Scalar { .int(self) } }
extension Int32: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension Int16: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension Int8: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension UInt: NodeScalar { var scalar: Scalar { self <= UInt(Int64.max) ? .int(Int64(self)) : .double(Double(self)) } }
extension UInt64: NodeScalar { var scalar: Scalar { self <= UInt64(Int64.max) ? .int(Int64(self)) : .double(Double(self)) } }
extension UInt32: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension UInt16: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension UInt8: NodeScalar { var scalar: Scalar { .int(Int64(self)) } }
extension Double: NodeScalar { var scalar: Scalar { .double(self) } }
extension Float: NodeScalar { var scalar: Scalar { .double(Double(self)) } }

private func encodeValue<T: Encodable>(_ value: T, into slot: NodeSlot, codingPath: [any CodingKey]) throws {
    if let s = value as? any NodeScalar {
        slot.content = .scalar(s.scalar)
    } else {
        try value.encode(to: NodeEncoder(slot: slot, codingPath: codingPath))
    }
}

struct NodeEncoder: Encoder {
    let slot: NodeSlot
    var codingPath: [any CodingKey]
    var userInfo: [CodingUserInfoKey: Any] { [:] }

    func container<Key: CodingKey>(keyedBy type: Key.Type) -> KeyedEncodingContainer<Key> {
        KeyedEncodingContainer(KeyedNodeContainer<Key>(object: slot.object, codingPath: codingPath))
    }
    func unkeyedContainer() -> any UnkeyedEncodingContainer { UnkeyedNodeContainer(array: slot.array, codingPath: codingPath) }
    func singleValueContainer() -> any SingleValueEncodingContainer { SingleNodeContainer(slot: slot, codingPath: codingPath) }
}

struct KeyedNodeContainer<Key: CodingKey>: KeyedEncodingContainerProtocol {
    let object: NodeObject
    var codingPath: [any CodingKey]

    private func put(_ s: Scalar, _ key: Key) { object.slot(key.stringValue).content = .scalar(s) }
    mutating func encodeNil(forKey key: Key) throws { put(.null, key) }
    mutating func encode(_ value: String, forKey key: Key) throws { put(.string(value), key) }
    mutating func encode(_ value: Bool, forKey key: Key) throws { put(.bool(value), key) }
    mutating func encode(_ value: Int, forKey key: Key) throws { put(.int(Int64(value)), key) }
    mutating func encode(_ value: Double, forKey key: Key) throws { put(.double(value), key) }
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

    mutating func encodeNil() throws { array.next().content = .scalar(.null) }
    mutating func encode(_ value: String) throws { array.next().content = .scalar(.string(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: array.next(), codingPath: codingPath) }
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

    mutating func encodeNil() throws { slot.content = .scalar(.null) }
    mutating func encode(_ value: String) throws { slot.content = .scalar(.string(value)) }
    mutating func encode(_ value: Bool) throws { slot.content = .scalar(.bool(value)) }
    mutating func encode(_ value: Int) throws { slot.content = .scalar(.int(Int64(value))) }
    mutating func encode(_ value: Double) throws { slot.content = .scalar(.double(value)) }
    mutating func encode<T: Encodable>(_ value: T) throws { try encodeValue(value, into: slot, codingPath: codingPath) }
}
