// The TOML reader: one pass over the bytes with a line count for errors; headers, keys and the tree of
// tables here, the values (strings, numbers, arrays, inline tables) in TOMLParser+Values.swift.

struct TOMLParser {
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
