import Foundation

/// Wrike's wire formats for request parameters.
public enum WrikeFormat {
    /// `yyyy-MM-dd'T'HH:mm:ss'Z'` in UTC, seconds precision (Wrike rejects milliseconds).
    public static func timestamp(_ date: Date) -> String {
        let c = utcComponents(date)
        return String(format: "%04d-%02d-%02dT%02d:%02d:%02dZ", c.year, c.month, c.day, c.hour, c.minute, c.second)
    }

    /// `yyyy-MM-dd` of the UTC day of `date`.
    public static func day(_ date: Date) -> String {
        let c = utcComponents(date)
        return String(format: "%04d-%02d-%02d", c.year, c.month, c.day)
    }

    /// Parses `yyyy-MM-dd'T'HH:mm:ss'Z'` (also accepts fractional seconds, which are dropped).
    public static func parseTimestamp(_ text: String) -> Date? {
        let scalars = Array(text.utf8)
        guard scalars.count >= 20, scalars.last == UInt8(ascii: "Z") else { return nil }
        func num(_ from: Int, _ len: Int) -> Int? {
            guard from + len <= scalars.count else { return nil }
            var v = 0
            for b in scalars[from..<(from + len)] {
                guard b >= 48, b <= 57 else { return nil }
                v = v * 10 + Int(b - 48)
            }
            return v
        }
        guard let y = num(0, 4), scalars[4] == UInt8(ascii: "-"), let mo = num(5, 2), scalars[7] == UInt8(ascii: "-"),
              let d = num(8, 2), scalars[10] == UInt8(ascii: "T"), let h = num(11, 2), let mi = num(14, 2),
              let s = num(17, 2) else { return nil }
        var comps = DateComponents()
        comps.year = y; comps.month = mo; comps.day = d; comps.hour = h; comps.minute = mi; comps.second = s
        return utcCalendar.date(from: comps)
    }

    private static let utcCalendar: Calendar = {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? TimeZone(secondsFromGMT: 0) ?? cal.timeZone
        return cal
    }()

    private struct UTC { var year, month, day, hour, minute, second: Int }

    private static func utcComponents(_ date: Date) -> UTC {
        // Floor to whole seconds so 12:00:00.999 is 12:00:00, never rounded up into the next second.
        let secs = Int64(date.timeIntervalSince1970.rounded(.down))
        var days = secs >= 0 ? secs / 86_400 : (secs - 86_399) / 86_400
        let rem = Int(secs - days * 86_400)
        // Civil-from-days (Howard Hinnant), proleptic Gregorian.
        days += 719_468
        let era = (days >= 0 ? days : days - 146_096) / 146_097
        let doe = days - era * 146_097
        let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365
        let doy = doe - (365 * yoe + yoe / 4 - yoe / 100)
        let mp = (5 * doy + 2) / 153
        let d = doy - (153 * mp + 2) / 5 + 1
        let m = mp < 10 ? mp + 3 : mp - 9
        let y = yoe + era * 400 + (m <= 2 ? 1 : 0)
        return UTC(year: Int(y), month: Int(m), day: Int(d), hour: rem / 3600, minute: (rem % 3600) / 60, second: rem % 60)
    }

    /// Compact JSON text of an encodable value (sorted keys, no escaped slashes), as Wrike wants
    /// arrays and objects inside query values.
    public static func jsonText<T: Encodable>(_ value: T) throws -> String {
        let data = try jsonEncoder.encode(value)
        return String(decoding: data, as: UTF8.self)
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
