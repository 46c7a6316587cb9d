import Foundation

/// Wrike's wire formats for request parameters.
public enum WrikeFormat {
    /// `yyyy-MM-dd'T'HH:mm:ss'Z'` in UTC, seconds precision (Wrike rejects milliseconds).
    public static func timestamp(_ date: Date) -> String { WrikeDate.formatTimestamp(date) }

    /// `yyyy-MM-dd` of the UTC day of `date`.
    public static func day(_ date: Date) -> String { WrikeDate.formatDate(date) }

    /// Parses `yyyy-MM-dd'T'HH:mm:ss'Z'` (fractional seconds are dropped).
    public static func parseTimestamp(_ text: String) -> Date? { WrikeDate.parseTimestamp(text) }

    /// Compact JSON text of an encodable value (sorted keys, no escaped slashes), as Wrike wants
    /// arrays and objects inside query values.
    public static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let data = try jsonEncoder.encode(value)
        return String(decoding: data, as: UTF8.self)
    }

    /// Percent-encoding for form bodies and OAuth query strings (RFC 3986 unreserved characters kept).
    public static func formEncode(_ s: String) -> String {
        var allowed = CharacterSet.alphanumerics.intersection(CharacterSet(charactersIn: Unicode.Scalar(0)..<Unicode.Scalar(128)))
        allowed.insert(charactersIn: "-._~")
        return s.addingPercentEncoding(withAllowedCharacters: allowed) ?? s
    }

    /// JSON text of a list of strings (`["a","b"]`). Cannot fail.
    public static func jsonArray(_ values: [String]) -> String {
        "[" + values.map(jsonString).joined(separator: ",") + "]"
    }

    /// A JSON string literal with the required escapes.
    public static func jsonString(_ s: String) -> String {
        var out = "\""
        for u in s.unicodeScalars {
            switch u {
            case "\"": out += "\\\""
            case "\\": out += "\\\\"
            case "\n": out += "\\n"
            case "\r": out += "\\r"
            case "\t": out += "\\t"
            default:
                if u.value < 0x20 {
                    out += String(format: "\\u%04x", u.value)
                } else {
                    out.unicodeScalars.append(u)
                }
            }
        }
        return out + "\""
    }

    static let jsonEncoder: JSONEncoder = {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        return e
    }()

    /// Percent-encodes everything but RFC 3986 unreserved characters (so `+`, `&`, `=`, `"`, `[`,
    /// `{` and spaces are all escaped inside a query value).
    public static func percentEncode(_ s: String) -> String {
        var out = ""
        out.reserveCapacity(s.utf8.count)
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// Percent-encodes a path, keeping `/` and the characters of Wrike ids and id lists (`,:=`).
    public static func percentEncodePath(_ s: String) -> String {
        var out = ""
        for b in s.utf8 {
            switch b {
            case UInt8(ascii: "A")...UInt8(ascii: "Z"), UInt8(ascii: "a")...UInt8(ascii: "z"),
                 UInt8(ascii: "0")...UInt8(ascii: "9"),
                 UInt8(ascii: "-"), UInt8(ascii: "."), UInt8(ascii: "_"), UInt8(ascii: "~"),
                 UInt8(ascii: "/"), UInt8(ascii: ","), UInt8(ascii: ":"), UInt8(ascii: "="):
                out.unicodeScalars.append(Unicode.Scalar(b))
            default:
                out += String(format: "%%%02X", b)
            }
        }
        return out
    }

    /// `name=value&…` with both sides percent-encoded, in the given order.
    public static func queryString(_ items: [QueryItem]) -> String {
        items.map { percentEncode($0.name) + "=" + percentEncode($0.value) }.joined(separator: "&")
    }
}

/// A timestamp range filter (`createdDate`, `updatedDate`, `completedDate`):
/// `{"start":"…Z","end":"…Z"}`. Either side may be open.
public struct TimestampRange: Sendable, Hashable, Encodable {
    public var start: Date?
    public var end: Date?
    public init(start: Date? = nil, end: Date? = nil) {
        self.start = start
        self.end = end
    }
    enum CodingKeys: String, CodingKey { case start, end }
    public func encode(to encoder: any Encoder) throws {
        var c = encoder.container(keyedBy: CodingKeys.self)
        if let start { try c.encode(WrikeFormat.timestamp(start), forKey: .start) }
        if let end { try c.encode(WrikeFormat.timestamp(end), forKey: .end) }
    }
}

/// A date filter on planned dates (`startDate`, `dueDate`, `scheduledDate`): `{"start","end"}` or
/// `{"equal"}`, with date (`yyyy-MM-dd`) or zone-less date-time (`yyyy-MM-ddTHH:mm:ss`) strings.
public struct DateFilter: Sendable, Hashable, Encodable {
    public var start: String?
    public var end: String?
    public var equal: String?
    public init(start: String? = nil, end: String? = nil) {
        self.start = start
        self.end = end
    }
    public init(equal: String) { self.equal = equal }
}

/// Builds a query in a fixed order, with Wrike's encodings. Nil values are skipped.
public struct QueryBuilder: Sendable {
    public private(set) var items: [QueryItem] = []
    public init() {}

    public mutating func add(_ name: String, _ value: String?) {
        if let value { items.append(QueryItem(name, value)) }
    }
    public mutating func add(_ name: String, _ value: Bool?) {
        if let value { items.append(QueryItem(name, value ? "true" : "false")) }
    }
    public mutating func add(_ name: String, _ value: Int?) {
        if let value { items.append(QueryItem(name, String(value))) }
    }
    /// A list as JSON text (`["a","b"]`); nil or empty is skipped.
    public mutating func add(_ name: String, _ values: [String]?) {
        if let values, !values.isEmpty { items.append(QueryItem(name, WrikeFormat.jsonArray(values))) }
    }
    public mutating func add(_ name: String, _ range: TimestampRange?) {
        if let range, let text = try? WrikeFormat.jsonText(range) { items.append(QueryItem(name, text)) }
    }
    public mutating func add(_ name: String, _ filter: DateFilter?) {
        if let filter, let text = try? WrikeFormat.jsonText(filter) { items.append(QueryItem(name, text)) }
    }
    /// Any encodable object or array as JSON text.
    public mutating func addJSON<T: Encodable>(_ name: String, _ value: T?) throws {
        if let value { items.append(QueryItem(name, try WrikeFormat.jsonText(value))) }
    }
}

/// Wrike's list-in-path form: `ID1,ID2,ID3`.
enum IDList {
    static func join(_ ids: [String]) -> String { ids.joined(separator: ",") }

    /// Unique ids in first-seen order, chunked by `size`.
    static func chunks(_ ids: [String], size: Int) -> [[String]] {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        return stride(from: 0, to: unique.count, by: max(1, size)).map {
            Array(unique[$0..<min($0 + max(1, size), unique.count)])
        }
    }
}
