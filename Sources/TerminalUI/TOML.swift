// A small TOML-subset parser for themes and the config file (TOMLKit does not resolve here).
// Supported: comments, `[a.b]` table headers, `[[name]]` arrays of tables (top level), bare/quoted/dotted
// keys, basic and literal strings, integers, floats, booleans, arrays (multi-line, trailing comma) and
// inline tables. Not supported (reported as errors): multi-line strings, nested arrays of tables, dates.

/// A TOML value.
public enum TOMLValue: Sendable, Equatable {
    case string(String)
    case integer(Int)
    case float(Double)
    case bool(Bool)
    case array([TOMLValue])
    case table(TOMLTable)

    public var string: String? { if case .string(let s) = self { s } else { nil } }
    public var integer: Int? { if case .integer(let i) = self { i } else { nil } }
    /// A float, or an integer as a float.
    public var number: Double? {
        switch self {
        case .float(let d): d
        case .integer(let i): Double(i)
        default: nil
        }
    }
    public var bool: Bool? { if case .bool(let b) = self { b } else { nil } }
    public var array: [TOMLValue]? { if case .array(let a) = self { a } else { nil } }
    public var table: TOMLTable? { if case .table(let t) = self { t } else { nil } }
    /// An array whose elements are all strings.
    public var strings: [String]? { array?.compactMap(\.string).count == array?.count ? array?.compactMap(\.string) : nil }

    /// The TOML type name, for messages.
    public var typeName: String {
        switch self {
        case .string: "string"
        case .integer: "integer"
        case .float: "float"
        case .bool: "boolean"
        case .array: "array"
        case .table: "table"
        }
    }
}

/// A table: keys in definition order, values, and the line each key was defined on (1-based).
public struct TOMLTable: Sendable, Equatable {
    public private(set) var keys: [String] = []
    public private(set) var values: [String: TOMLValue] = [:]
    public private(set) var lines: [String: Int] = [:]

    public init() {}

    public subscript(key: String) -> TOMLValue? { values[key] }
    /// The line where `key` was defined (for a table: its header, or its first key).
    public func line(of key: String) -> Int? { lines[key] }

    mutating func replace(_ key: String, _ value: TOMLValue) { values[key] = value }

    mutating func set(_ key: String, _ value: TOMLValue, line: Int) {
        if values[key] == nil { keys.append(key) }
        values[key] = value
        if lines[key] == nil { lines[key] = line }
    }
}

/// A syntax error with its 1-based line number.
public struct TOMLError: Error, Sendable, Equatable, CustomStringConvertible {
    public var line: Int
    public var message: String
    public var description: String { "line \(line): \(message)" }
}

public enum TOML {
    /// Parses a document into its root table.
    public static func parse(_ text: String) throws(TOMLError) -> TOMLTable {
        var p = Parser(bytes: Array(text.utf8))
        return try p.document()
    }
}

private struct Parser {
    let bytes: [UInt8]
    var pos = 0
    var line = 1
    var root = TOMLTable()
    var currentPath: [String] = []
    var definedTables: Set<[String]> = []
    /// `[[name]]` arrays of tables: how many elements each has so far. Element `i` is built as the table
    /// `name."\u{0}i"` and turned into an array at the end.
    var tableArrays: [String: Int] = [:]
    /// Arrays and inline tables currently open; capped so a hostile file cannot overflow the stack.
    var depth = 0
    static let maxDepth = 64
    static let maxKeyParts = 64

    init(bytes: [UInt8]) { self.bytes = bytes }

    func error(_ message: String) -> TOMLError { TOMLError(line: line, message: message) }

    var peek: UInt8? { pos < bytes.count ? bytes[pos] : nil }

    mutating func skipSpaces() {
        while let b = peek, b == 0x20 || b == 0x09 { pos += 1 }
    }

    mutating func skipComment() {
        if peek == UInt8(ascii: "#") {
            while let b = peek, b != 0x0A { pos += 1 }
        }
    }

    /// Spaces, comments and newlines (inside arrays).
    mutating func skipBlank() {
        while true {
            skipSpaces()
            skipComment()
            if peek == 0x0A { pos += 1; line += 1; continue }
            if peek == 0x0D { pos += 1; continue }
            return
        }
    }

    mutating func endOfLine() throws(TOMLError) {
        skipSpaces()
        skipComment()
        if peek == 0x0D { pos += 1 }
        guard let b = peek else { return }
        if b == 0x0A { pos += 1; line += 1; return }
        throw error("unexpected \(describe(b)) after value")
    }

    func describe(_ b: UInt8) -> String {
        b >= 0x21 && b < 0x7F ? "'\(Character(UnicodeScalar(b)))'" : "character \(b)"
    }

    mutating func document() throws(TOMLError) -> TOMLTable {
        while true {
            skipBlank()
            guard let b = peek else { break }
            if b == UInt8(ascii: "[") {
                try tableHeader()
            } else {
                let keyLine = line
                let path = try keyPath()
                skipSpaces()
                guard peek == UInt8(ascii: "=") else { throw error("expected '=' after key") }
                pos += 1
                skipSpaces()
                let value = try value()
                try insert(currentPath + path, value, line: keyLine)
                try endOfLine()
            }
        }
        for (name, count) in tableArrays {
            guard let holder = root[name]?.table else { continue }
            let items = (0..<count).map { holder["\u{0}\($0)"] ?? .table(TOMLTable()) }
            root.replace(name, .array(items))
        }
        return root
    }

    mutating func tableArrayHeader() throws(TOMLError) {
        pos += 1
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard path.count == 1, let name = path.first else { throw error("only top-level arrays of tables ([[name]]) are supported") }
        guard bytes[pos...].starts(with: [0x5D, 0x5D]) else { throw error("expected ']]' to close the table header") }
        pos += 2
        if tableArrays[name] == nil && (root[name] != nil || definedTables.contains(path)) {
            throw error("'\(name)' is already defined as something other than [[\(name)]]")
        }
        let index = tableArrays[name, default: 0]
        tableArrays[name] = index + 1
        currentPath = [name, "\u{0}\(index)"]
        definedTables.insert(currentPath)
        try ensureTable(currentPath, line: line)
        try endOfLine()
    }

    mutating func tableHeader() throws(TOMLError) {
        pos += 1
        if peek == UInt8(ascii: "[") { return try tableArrayHeader() }
        skipSpaces()
        let path = try keyPath()
        skipSpaces()
        guard peek == UInt8(ascii: "]") else { throw error("expected ']' to close the table header") }
        pos += 1
        if definedTables.contains(path) { throw error("table [\(path.joined(separator: "."))] is defined twice") }
        if let first = path.first, tableArrays[first] != nil { throw error("'\(first)' is an array of tables ([[\(first)]])") }
        definedTables.insert(path)
        try ensureTable(path, line: line)
        currentPath = path
        try endOfLine()
    }

    mutating func keyPath() throws(TOMLError) -> [String] {
        var parts = [try key()]
        while true {
            skipSpaces()
            guard peek == UInt8(ascii: ".") else { return parts }
            pos += 1
            skipSpaces()
            parts.append(try key())
            if parts.count > Self.maxKeyParts { throw error("key has more than \(Self.maxKeyParts) dotted parts") }
        }
    }

    mutating func key() throws(TOMLError) -> String {
        guard let b = peek else { throw error("expected a key") }
        if b == UInt8(ascii: "\"") { return try basicString() }
        if b == UInt8(ascii: "'") { return try literalString() }
        let start = pos
        while let c = peek, isBareKey(c) { pos += 1 }
        if pos == start { throw error("expected a key, found \(describe(b))") }
        return String(decoding: bytes[start..<pos], as: UTF8.self)
    }

    func isBareKey(_ c: UInt8) -> Bool {
        (c >= 0x41 && c <= 0x5A) || (c >= 0x61 && c <= 0x7A) || (c >= 0x30 && c <= 0x39) || c == 0x5F || c == 0x2D
    }

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

    // MARK: - Building the tree

    mutating func ensureTable(_ path: [String], line: Int) throws(TOMLError) {
        root = try Self.ensure(root, path[...], line: line, error: error("'\(path.joined(separator: "."))' is not a table"))
    }

    static func ensure(_ t: TOMLTable, _ path: ArraySlice<String>, line: Int, error: TOMLError) throws(TOMLError) -> TOMLTable {
        guard let first = path.first else { return t }
        var t = t
        let child: TOMLTable
        switch t[first] {
        case nil: child = TOMLTable()
        case .table(let existing)?: child = existing
        default: throw error
        }
        t.set(first, .table(try ensure(child, path.dropFirst(), line: line, error: error)), line: line)
        return t
    }

    mutating func insert(_ path: [String], _ value: TOMLValue, line: Int) throws(TOMLError) {
        let dotted = path.joined(separator: ".")
        root = try Self.insert(root, path[...], value, line: line,
                               duplicate: error("key '\(dotted)' is defined twice"),
                               notTable: error("'\(dotted)' is inside a key that is not a table"))
    }

    static func insert(_ t: TOMLTable, _ path: ArraySlice<String>, _ value: TOMLValue, line: Int,
                       duplicate: TOMLError, notTable: TOMLError) throws(TOMLError) -> TOMLTable {
        guard let first = path.first else { return t }
        var t = t
        if path.count == 1 {
            if t[first] != nil { throw duplicate }
            t.set(first, value, line: line)
            return t
        }
        let child: TOMLTable
        switch t[first] {
        case nil: child = TOMLTable()
        case .table(let existing)?: child = existing
        default: throw notTable
        }
        t.set(first, .table(try insert(child, path.dropFirst(), value, line: line, duplicate: duplicate, notTable: notTable)),
              line: line)
        return t
    }
}
