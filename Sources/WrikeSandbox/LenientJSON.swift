import Foundation

/// Reads the JSON text of query and form values the way live Wrike does: strict JSON, plus bare
/// words (`fields=[members]`, devrev/airdrop-wrike-snap-in `wrike_postman.json`, 200 from live
/// Wrike) and single-quoted strings (`['description']`, what Python's `str(list)` sends). Structure
/// stays strict: unbalanced brackets, empty elements (`[a,,b]`, `[a,]`), a missing `:` or trailing
/// text are refused (nil).
struct LenientJSON {
    private let bytes: [UInt8]
    private var i = 0
    private static let maxDepth = 64

    static func parse(_ text: String) -> JSONValue? {
        var p = LenientJSON(bytes: Array(text.utf8))
        guard let v = p.value(depth: 0) else { return nil }
        p.skipSpace()
        return p.i == p.bytes.count ? v : nil
    }

    private init(bytes: [UInt8]) { self.bytes = bytes }

    private var peek: UInt8? { i < bytes.count ? bytes[i] : nil }

    private mutating func skipSpace() {
        while let b = peek, b == 0x20 || b == 0x09 || b == 0x0A || b == 0x0D { i += 1 }
    }

    private mutating func eat(_ c: Character) -> Bool {
        skipSpace()
        guard let b = peek, let a = c.asciiValue, b == a else { return false }
        i += 1
        return true
    }

    private mutating func value(depth: Int) -> JSONValue? {
        guard depth < Self.maxDepth else { return nil }
        skipSpace()
        guard let b = peek else { return nil }
        switch b {
        case UInt8(ascii: "["): return array(depth: depth)
        case UInt8(ascii: "{"): return object(depth: depth)
        case UInt8(ascii: "\""), UInt8(ascii: "'"): return string().map(JSONValue.string)
        default: return word()
        }
    }

    private mutating func array(depth: Int) -> JSONValue? {
        i += 1
        var items: [JSONValue] = []
        if eat("]") { return .array(items) }
        repeat {
            guard let v = value(depth: depth + 1) else { return nil }
            items.append(v)
        } while eat(",")
        return eat("]") ? .array(items) : nil
    }

    private mutating func object(depth: Int) -> JSONValue? {
        i += 1
        var members: [String: JSONValue] = [:]
        if eat("}") { return .object(members) }
        repeat {
            skipSpace()
            let key: String?
            if peek == UInt8(ascii: "\"") || peek == UInt8(ascii: "'") { key = string() } else { key = bareword() }
            guard let key, eat(":"), let v = value(depth: depth + 1) else { return nil }
            members[key] = v
        } while eat(",")
        return eat("}") ? .object(members) : nil
    }

    private static let numberBytes: Set<UInt8> = Set("0123456789+-.eE".utf8)
    private static let delimiters: Set<UInt8> = Set("[]{},:\"' \t\r\n".utf8)

    private mutating func bareword() -> String? {
        let start = i
        while let b = peek, !Self.delimiters.contains(b) { i += 1 }
        guard i > start else { return nil }
        return String(decoding: bytes[start..<i], as: UTF8.self)
    }

    /// `true`, `false`, `null`, a JSON number, or a bare word (a string).
    private mutating func word() -> JSONValue? {
        guard let w = bareword() else { return nil }
        switch w {
        case "true": return .bool(true)
        case "false": return .bool(false)
        case "null": return .null
        default:
            let numeric = w.utf8.allSatisfy { Self.numberBytes.contains($0) } && w.first != "+" && w.first != "."
            if numeric, let d = Double(w), d.isFinite { return .number(d) }
            return .string(w)
        }
    }

    /// A string in double or single quotes with JSON escapes (`\'` too).
    private mutating func string() -> String? {
        guard let quote = peek else { return nil }
        i += 1
        var out: [UInt8] = []
        while let b = peek {
            i += 1
            if b == quote { return String(decoding: out, as: UTF8.self) }
            guard b == UInt8(ascii: "\\") else { out.append(b); continue }
            guard let e = peek else { return nil }
            i += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "u"):
                guard let scalar = unicodeEscape() else { return nil }
                out.append(contentsOf: Array(String(Character(scalar)).utf8))
            case UInt8(ascii: "\""), UInt8(ascii: "'"), UInt8(ascii: "\\"), UInt8(ascii: "/"): out.append(e)
            default: return nil
            }
        }
        return nil
    }

    /// After `\u`: four hex digits, a surrogate pair when needed.
    private mutating func unicodeEscape() -> Unicode.Scalar? {
        guard let high = hex4() else { return nil }
        if (0xD800..<0xDC00).contains(high) {
            guard peek == UInt8(ascii: "\\"), i + 1 < bytes.count, bytes[i + 1] == UInt8(ascii: "u") else { return nil }
            i += 2
            guard let low = hex4(), (0xDC00..<0xE000).contains(low) else { return nil }
            return Unicode.Scalar(0x10000 + ((high - 0xD800) << 10) + (low - 0xDC00))
        }
        return Unicode.Scalar(high)
    }

    private mutating func hex4() -> UInt32? {
        guard i + 4 <= bytes.count, let v = UInt32(String(decoding: bytes[i..<i + 4], as: UTF8.self), radix: 16) else {
            return nil
        }
        i += 4
        return v
    }
}
