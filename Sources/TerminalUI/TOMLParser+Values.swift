// The TOML reader's values: strings (basic and literal), numbers, booleans, arrays and inline tables,
// nested at most `TOMLParser.maxDepth` deep.

extension TOMLParser {
    mutating func value() throws(TOMLError) -> TOMLValue {
        guard let b = peek else { throw error("expected a value") }
        switch b {
        case UInt8(ascii: "\""):
            if bytes[pos...].starts(with: [0x22, 0x22, 0x22]) { throw error("multi-line strings are not supported") }
            return .string(try basicString())
        case UInt8(ascii: "'"):
            if bytes[pos...].starts(with: [0x27, 0x27, 0x27]) { throw error("multi-line strings are not supported") }
            return .string(try literalString())
        case UInt8(ascii: "["):
            return try array()
        case UInt8(ascii: "{"):
            return try inlineTable()
        case UInt8(ascii: "t"), UInt8(ascii: "f"):
            if bytes[pos...].starts(with: Array("true".utf8)) { pos += 4; return .bool(true) }
            if bytes[pos...].starts(with: Array("false".utf8)) { pos += 5; return .bool(false) }
            throw error("expected a value (strings need quotes)")
        default:
            return try number()
        }
    }

    mutating func number() throws(TOMLError) -> TOMLValue {
        let start = pos
        while let c = peek, isBareKey(c) || c == UInt8(ascii: "+") || c == UInt8(ascii: ".") { pos += 1 }
        let raw = String(decoding: bytes[start..<pos], as: UTF8.self)
        if raw.isEmpty {
            throw error(peek.map { "expected a value, found \(describe($0))" } ?? "expected a value")
        }
        let text = String(raw.filter { $0 != "_" })
        if let i = Int(text) { return .integer(i) }
        if text.hasPrefix("0x"), let i = Int(text.dropFirst(2), radix: 16) { return .integer(i) }
        if text.contains(where: { $0 == "." || $0 == "e" || $0 == "E" }), let d = Double(text), d.isFinite {
            return .float(d)
        }
        throw error("invalid value '\(raw)' (strings need quotes)")
    }

    mutating func basicString() throws(TOMLError) -> String {
        pos += 1
        var out: [UInt8] = []
        while true {
            guard let b = peek, b != 0x0A else { throw error("unterminated string") }
            pos += 1
            if b == UInt8(ascii: "\"") { break }
            if b != UInt8(ascii: "\\") { out.append(b); continue }
            guard let e = peek else { throw error("unterminated string") }
            pos += 1
            switch e {
            case UInt8(ascii: "n"): out.append(0x0A)
            case UInt8(ascii: "t"): out.append(0x09)
            case UInt8(ascii: "r"): out.append(0x0D)
            case UInt8(ascii: "b"): out.append(0x08)
            case UInt8(ascii: "f"): out.append(0x0C)
            case UInt8(ascii: "e"): out.append(0x1B)
            case UInt8(ascii: "\""): out.append(0x22)
            case UInt8(ascii: "\\"): out.append(0x5C)
            case UInt8(ascii: "u"), UInt8(ascii: "U"):
                let n = e == UInt8(ascii: "u") ? 4 : 8
                guard pos + n <= bytes.count,
                      let v = UInt32(String(decoding: bytes[pos..<pos + n], as: UTF8.self), radix: 16),
                      let scalar = Unicode.Scalar(v)
                else { throw error("invalid unicode escape") }
                pos += n
                out.append(contentsOf: Array(String(scalar).utf8))
            default:
                throw error("invalid escape '\\\(Character(UnicodeScalar(e)))' in string")
            }
        }
        return String(decoding: out, as: UTF8.self)
    }

    mutating func literalString() throws(TOMLError) -> String {
        pos += 1
        let start = pos
        while true {
            guard let b = peek, b != 0x0A else { throw error("unterminated string") }
            if b == UInt8(ascii: "'") { break }
            pos += 1
        }
        let s = String(decoding: bytes[start..<pos], as: UTF8.self)
        pos += 1
        return s
    }

    mutating func array() throws(TOMLError) -> TOMLValue {
        pos += 1
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("arrays and tables nested more than \(Self.maxDepth) deep") }
        var items: [TOMLValue] = []
        while true {
            skipBlank()
            guard let b = peek else { throw error("unterminated array") }
            if b == UInt8(ascii: "]") { pos += 1; return .array(items) }
            items.append(try value())
            skipBlank()
            if peek == UInt8(ascii: ",") { pos += 1; continue }
            if peek == UInt8(ascii: "]") { pos += 1; return .array(items) }
            throw error("expected ',' or ']' in array")
        }
    }

    mutating func inlineTable() throws(TOMLError) -> TOMLValue {
        pos += 1
        depth += 1
        defer { depth -= 1 }
        if depth > Self.maxDepth { throw error("arrays and tables nested more than \(Self.maxDepth) deep") }
        var table = TOMLTable()
        skipSpaces()
        if peek == UInt8(ascii: "}") { pos += 1; return .table(table) }
        while true {
            skipSpaces()
            let k = try key()
            skipSpaces()
            guard peek == UInt8(ascii: "=") else { throw error("expected '=' in inline table") }
            pos += 1
            skipSpaces()
            let v = try value()
            if table[k] != nil { throw error("key '\(k)' is defined twice") }
            table.set(k, v, line: line)
            skipSpaces()
            if peek == UInt8(ascii: ",") { pos += 1; continue }
            if peek == UInt8(ascii: "}") { pos += 1; return .table(table) }
            throw error("expected ',' or '}' in inline table")
        }
    }
}
