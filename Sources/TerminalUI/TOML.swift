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
        var p = TOMLParser(bytes: Array(text.utf8))
        return try p.document()
    }
}
