import Foundation

/// Reads JSON keeping the order of object members (Foundation's readers do not), so tests can compare
/// an answer's key order with the order live Wrike writes.
indirect enum Ordered {
    case object([(String, Ordered)])
    case array([Ordered])
    case scalar(String)

    var keys: [String] { if case .object(let m) = self { return m.map(\.0) } else { return [] } }
    subscript(_ key: String) -> Ordered? {
        if case .object(let m) = self { return m.first { $0.0 == key }?.1 }
        return nil
    }
    subscript(_ index: Int) -> Ordered? {
        if case .array(let a) = self, a.indices.contains(index) { return a[index] }
        return nil
    }
    var items: [Ordered] { if case .array(let a) = self { return a } else { return [] } }

    static func read(_ data: Data) -> Ordered? {
        var r = Reader(bytes: Array(data))
        return r.value()
    }

    private struct Reader {
        let bytes: [UInt8]
        var i = 0

        mutating func space() { while i < bytes.count, [0x20, 0x0A, 0x0D, 0x09].contains(bytes[i]) { i += 1 } }

        mutating func value() -> Ordered? {
            space()
            guard i < bytes.count else { return nil }
            switch bytes[i] {
            case UInt8(ascii: "{"):
                i += 1
                var members: [(String, Ordered)] = []
                space()
                if i < bytes.count, bytes[i] == UInt8(ascii: "}") { i += 1; return .object(members) }
                while true {
                    space()
                    guard let key = string() else { return nil }
                    space()
                    guard i < bytes.count, bytes[i] == UInt8(ascii: ":") else { return nil }
                    i += 1
                    guard let v = value() else { return nil }
                    members.append((key, v))
                    space()
                    guard i < bytes.count else { return nil }
                    i += 1
                    if bytes[i - 1] == UInt8(ascii: "}") { return .object(members) }
                    guard bytes[i - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "["):
                i += 1
                var items: [Ordered] = []
                space()
                if i < bytes.count, bytes[i] == UInt8(ascii: "]") { i += 1; return .array(items) }
                while true {
                    guard let v = value() else { return nil }
                    items.append(v)
                    space()
                    guard i < bytes.count else { return nil }
                    i += 1
                    if bytes[i - 1] == UInt8(ascii: "]") { return .array(items) }
                    guard bytes[i - 1] == UInt8(ascii: ",") else { return nil }
                }
            case UInt8(ascii: "\""):
                return string().map(Ordered.scalar)
            default:
                let start = i
                while i < bytes.count, !Set(",]} \n\r\t".utf8).contains(bytes[i]) { i += 1 }
                return .scalar(String(decoding: bytes[start..<i], as: UTF8.self))
            }
        }

        /// A string's raw text between the quotes (escapes left as they are: tests compare keys).
        mutating func string() -> String? {
            guard i < bytes.count, bytes[i] == UInt8(ascii: "\"") else { return nil }
            i += 1
            let start = i
            while i < bytes.count, bytes[i] != UInt8(ascii: "\"") {
                i += bytes[i] == UInt8(ascii: "\\") ? 2 : 1
            }
            guard i < bytes.count else { return nil }
            defer { i += 1 }
            return String(decoding: bytes[start..<i], as: UTF8.self)
        }
    }
}
