import Foundation
import WrikeAPI

/// A JSON value from a request body or from JSON text in a query/form value.
enum JSONValue: Sendable, Hashable, Decodable {
    case string(String)
    case number(Double)
    case bool(Bool)
    case null
    case array([JSONValue])
    case object([String: JSONValue])

    init(from decoder: any Decoder) throws {
        let c = try decoder.singleValueContainer()
        if c.decodeNil() { self = .null; return }
        if let b = try? c.decode(Bool.self) { self = .bool(b); return }
        if let d = try? c.decode(Double.self) { self = .number(d); return }
        if let s = try? c.decode(String.self) { self = .string(s); return }
        if let a = try? c.decode([JSONValue].self) { self = .array(a); return }
        self = .object(try c.decode([String: JSONValue].self))
    }

    /// A scalar as text (numbers without a trailing `.0`).
    var scalarText: String? {
        switch self {
        case .string(let s): return s
        case .number(let d): return d.rounded() == d && abs(d) < 1e15 ? String(Int64(d)) : String(d)
        case .bool(let b): return b ? "true" : "false"
        default: return nil
        }
    }
}

/// A Wrike error answer: HTTP status, `error` code, `errorDescription`.
struct APIError: Error, Sendable {
    var status: Int
    var code: String
    var message: String

    static func invalidRequest(_ message: String) -> APIError { APIError(status: 400, code: "invalid_request", message: message) }
    static func notAllowedParameter(_ name: String) -> APIError { invalidRequest("Parameter '\(name)' is not allowed") }
    static func invalidParameter(_ name: String, _ detail: String? = nil) -> APIError {
        APIError(status: 400, code: "invalid_parameter",
                 message: "Parameter '\(name)' value is invalid" + (detail.map { ": \($0)" } ?? ""))
    }
    static func parameterRequired(_ name: String) -> APIError {
        APIError(status: 400, code: "parameter_required", message: "Parameter '\(name)' is required")
    }
    static func notFound(_ what: String = "Resource") -> APIError {
        APIError(status: 404, code: "resource_not_found", message: "\(what) not found")
    }
    static let methodNotFound = APIError(status: 404, code: "method_not_found", message: "Method not found")
    static let notAuthorized = APIError(status: 401, code: "not_authorized", message: "Access token is unknown or invalid")
    static func forbidden(_ message: String) -> APIError { APIError(status: 403, code: "access_forbidden", message: message) }
}

/// The parameters of one request, merged from the query string and the body (JSON object,
/// form-encoded, or nothing). JSON bodies keep real JSON values; query and form values are text
/// which may itself be JSON (`["a","b"]`, `{"start":"…"}`).
struct Params {
    private(set) var values: [String: JSONValue] = [:]
    /// The `state` parameter: not a filter, Wrike echoes it in the answer.
    private(set) var state: String?

    init(request: HTTPRequest) throws {
        for item in request.query where item.name != "access_token" {
            values[item.name] = .string(item.value)
        }
        defer { state = values.removeValue(forKey: "state")?.scalarText }
        guard let body = request.body, !body.isEmpty else { return }
        let contentType = request.header("Content-Type")?.lowercased() ?? ""
        let firstByte = body.first(where: { $0 != 0x20 && $0 != 0x0A && $0 != 0x0D && $0 != 0x09 })
        if contentType.contains("json") || firstByte == UInt8(ascii: "{") {
            guard let json = try? JSONDecoder().decode(JSONValue.self, from: body), case .object(let object) = json else {
                throw APIError.invalidRequest("Request body is not a valid JSON object")
            }
            for (k, v) in object where k != "access_token" { values[k] = v }
        } else if contentType.isEmpty || contentType.contains("x-www-form-urlencoded") {
            for item in Self.formItems(String(decoding: body, as: UTF8.self)) where item.name != "access_token" {
                values[item.name] = .string(item.value)
            }
        } else {
            throw APIError.invalidRequest("Unsupported Content-Type '\(contentType)'")
        }
    }

    init(_ values: [String: JSONValue]) { self.values = values }

    /// `application/x-www-form-urlencoded` text (a body, or a query string as WrikePy 1.0.4 sends it,
    /// `text=From+WrikePy`): `+` is a space, then percent-escapes; characters that need no escape
    /// (`[`, `"`) pass as they are.
    static func formItems(_ text: String) -> [QueryItem] {
        text.split(separator: "&", omittingEmptySubsequences: true).map { pair in
            let parts = pair.split(separator: "=", maxSplits: 1, omittingEmptySubsequences: false)
            return QueryItem(formDecode(parts[0]), parts.count > 1 ? formDecode(parts[1]) : "")
        }
    }

    private static func formDecode(_ s: Substring) -> String {
        let plus = s.replacingOccurrences(of: "+", with: " ")
        return plus.removingPercentEncoding ?? plus
    }

    /// The same parameters with `from` called `to` (groups page with `pageToken`).
    func renamed(_ from: String, to: String) -> Params {
        var copy = self
        if let v = copy.values.removeValue(forKey: from) { copy.values[to] = v }
        return copy
    }

    var names: Set<String> { Set(values.keys) }
    var isEmpty: Bool { values.isEmpty }
    func has(_ name: String) -> Bool { values[name] != nil }

    /// 400 invalid_request for any parameter not in `allowed`.
    func allow(_ allowed: Set<String>) throws {
        for name in values.keys.sorted() where !allowed.contains(name) {
            throw APIError.notAllowedParameter(name)
        }
    }

    /// The value as JSON: query/form text that parses as JSON array/object is parsed.
    func json(_ name: String) -> JSONValue? {
        guard let v = values[name] else { return nil }
        if case .string(let s) = v {
            let t = s.trimmingCharacters(in: .whitespaces)
            if t.hasPrefix("[") || t.hasPrefix("{") { return LenientJSON.parse(t) ?? v }
            if t == "null" { return .null }
        }
        return v
    }

    func string(_ name: String) throws -> String? {
        guard let v = values[name] else { return nil }
        if case .null = v { return nil }
        guard let s = v.scalarText else { throw APIError.invalidParameter(name) }
        return s
    }

    func requiredString(_ name: String) throws -> String {
        guard let s = try string(name) else { throw APIError.parameterRequired(name) }
        return s
    }

    func bool(_ name: String) throws -> Bool? {
        guard let v = values[name] else { return nil }
        switch v {
        case .bool(let b): return b
        case .string(let s):
            switch s.lowercased() {
            case "true": return true
            case "false": return false
            default: throw APIError.invalidParameter(name)
            }
        default: throw APIError.invalidParameter(name)
        }
    }

    func int(_ name: String) throws -> Int? {
        guard let v = values[name] else { return nil }
        switch v {
        case .number(let d) where d.rounded() == d && abs(d) < 1e15: return Int(d)
        case .string(let s):
            guard let i = Int(s.trimmingCharacters(in: .whitespaces)) else { throw APIError.invalidParameter(name) }
            return i
        default: throw APIError.invalidParameter(name)
        }
    }

    func double(_ name: String) throws -> Double? {
        guard let v = values[name] else { return nil }
        switch v {
        case .number(let d): return d
        case .string(let s):
            guard let d = Double(s.trimmingCharacters(in: .whitespaces)), d.isFinite else { throw APIError.invalidParameter(name) }
            return d
        default: throw APIError.invalidParameter(name)
        }
    }

    /// A JSON array of strings, or (leniently) one bare string.
    func stringArray(_ name: String) throws -> [String]? {
        guard let v = json(name) else { return nil }
        switch v {
        case .array(let items):
            return try items.map { item in
                guard let s = item.scalarText else { throw APIError.invalidParameter(name) }
                return s
            }
        case .string(let s):
            if s.hasPrefix("[") { throw APIError.invalidParameter(name, "not a valid JSON array") }
            return [s]
        case .null: return nil
        default: throw APIError.invalidParameter(name)
        }
    }

    func object(_ name: String) throws -> [String: JSONValue]? {
        guard let v = json(name) else { return nil }
        switch v {
        case .object(let o): return o
        case .null: return nil
        default: throw APIError.invalidParameter(name, "expected a JSON object")
        }
    }

    /// An array of objects (`customFields`, `metadata`).
    func objectArray(_ name: String) throws -> [[String: JSONValue]]? {
        guard let v = json(name) else { return nil }
        switch v {
        case .array(let items):
            return try items.map { item in
                guard case .object(let o) = item else { throw APIError.invalidParameter(name) }
                return o
            }
        case .object(let o): return [o]
        case .null: return nil
        default: throw APIError.invalidParameter(name)
        }
    }

    /// Validated against a known-values list (exact case). Accepts a JSON array or one value.
    func enumValues<E: OpenEnum & KnownValues>(_ name: String, _ type: E.Type) throws -> [E]? {
        guard let raw = try stringArray(name) else { return nil }
        return try raw.map { value in
            let e = E(rawValue: value)
            guard e.isKnown else { throw APIError.invalidParameter(name) }
            return e
        }
    }

    func enumValue<E: OpenEnum & KnownValues>(_ name: String, _ type: E.Type) throws -> E? {
        guard let raw = try string(name) else { return nil }
        let e = E(rawValue: raw)
        guard e.isKnown else { throw APIError.invalidParameter(name) }
        return e
    }

    /// A date-range filter `{"start","end"}` or `{"equal"}`.
    /// - `.dates` (task `startDate`/`dueDate`, project dates...): `yyyy-MM-dd` or `yyyy-MM-dd'T'HH:mm:ss`,
    ///   both ends included, `start > end` refused.
    /// - `.timestamps` (`createdDate`, `updatedDate`, `completedDate`): `yyyy-MM-dd'T'HH:mm:ss'Z'` (no
    ///   millis), a semi-open interval [start, end); `start >= end` refused ("Wrike rejects start >= end",
    ///   amp-labs/connectors `providers/wrike/read.go`, verified live).
    /// - `.tracked` (`trackedDate`): a semi-open interval too (official 2020 method model: "Timestamp
    ///   semi-open interval"), written as timestamps or as local dates; `equal` is a whole day.
    func range(_ name: String, _ kind: DateRange.Kind) throws -> DateRange? {
        guard let o = try object(name) else { return nil }
        for key in o.keys where !["start", "end", "equal"].contains(key) {
            throw APIError.invalidParameter(name, "unknown key '\(key)'")
        }
        func parse(_ key: String) throws -> Date? {
            guard let v = o[key] else { return nil }
            guard case .string(let s) = v else { throw APIError.invalidParameter(name) }
            let d: Date?
            switch kind {
            case .dates: d = WrikeDate.parseLocal(s)
            case .timestamps: d = WrikeDate.isTimestamp(s) ? WrikeDate.parseTimestamp(s) : nil
            case .tracked: d = WrikeDate.isTimestamp(s) ? WrikeDate.parseTimestamp(s) : WrikeDate.parseLocal(s)
            }
            guard let d else { throw APIError.invalidParameter(name, "bad date '\(s)'") }
            return d
        }
        let range = DateRange(start: try parse("start"), end: try parse("end"), equal: try parse("equal"),
                              semiOpen: kind != .dates)
        if range.start == nil && range.end == nil && range.equal == nil { throw APIError.invalidParameter(name) }
        if let s = range.start, let e = range.end {
            if kind == .dates, s > e { throw APIError.invalidParameter(name, "start is after end") }
            if kind != .dates, s >= e { throw APIError.invalidParameter(name, "start must be before end") }
        }
        return range
    }
}

struct DateRange {
    enum Kind { case dates, timestamps, tracked }

    var start: Date?
    var end: Date?
    var equal: Date?
    /// [start, end) instead of [start, end].
    var semiOpen = false

    func contains(_ date: Date) -> Bool {
        if let equal { return date == equal }
        return within(date)
    }

    /// For local dates: `equal` matches the whole day.
    func containsLocal(_ date: Date) -> Bool {
        if let equal { return date >= equal && date < equal.addingTimeInterval(86_400) }
        return within(date)
    }

    private func within(_ date: Date) -> Bool {
        if let start, date < start { return false }
        if let end, semiOpen ? date >= end : date > end { return false }
        return true
    }
}
