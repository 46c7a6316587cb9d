// A custom field's value typed in words, checked per type and turned into what Wrike stores (every value
// a string: numbers as plain decimals, Duration `h:mm`, Date `yyyy-MM-dd`, Checkbox `true`/`false`,
// Multiple a JSON array of options, Contacts ids joined by commas; see docs/sandbox.md for the sources).
// An empty input clears the value. Refusals say what is wrong in plain words. Pure. See docs/editing.md.
import Foundation
import TermText
import WrikeAPI

public enum FieldValueInput {
    /// The fields `edit-field` offers: not archived, not calculated or read-only.
    public static func editable(_ f: CustomField) -> Bool {
        guard f.archived != true, f.settings?.readOnly != true else { return false }
        switch f.type {
        case .text?, .numeric?, .percentage?, .currency?, .duration?, .date?, .checkbox?, .dropDown?, .multiple?, .contacts?:
            return true
        default:
            return false
        }
    }

    /// The options of a drop-down (single or multiple).
    public static func options(_ f: CustomField) -> [String] { f.settings?.options?.map(\.value) ?? f.settings?.values ?? [] }

    /// The field's type in words, for the fields picker ("drop-down").
    public static func kindName(_ f: CustomField) -> String {
        switch f.type {
        case .text?: "text"
        case .numeric?: "number"
        case .percentage?: "percentage"
        case .currency?: "currency"
        case .duration?: "duration"
        case .date?: "date"
        case .checkbox?: "checkbox"
        case .dropDown?: "drop-down"
        case .multiple?: "multiple choice"
        case .contacts?: "people"
        default: f.type.map { Sanitizer.cleanLine($0.rawValue) } ?? "field"
        }
    }

    /// What the prompt says the field takes.
    public static func hint(_ f: CustomField) -> String {
        switch f.type {
        case .numeric?: "a number"
        case .percentage?: "a percentage, e.g. 40%"
        case .currency?: "an amount" + (f.settings?.currency.map { " in \($0)" } ?? "")
        case .duration?: "a duration: 1h30m, 90m, 1:30"
        case .date?: "a date: fri, +3d, 2026-12-20"
        case .checkbox?: "yes or no"
        case .dropDown?: "one of " + options(f).joined(separator: ", ")
        case .multiple?: "some of " + options(f).joined(separator: ", ") + " (commas between)"
        case .contacts?: "names, commas between"
        default: "text"
        }
    }

    /// The Wrike value for `text` (nil: clear the value), or why it cannot be one.
    public static func parse(_ text: String, field f: CustomField, today: String, people: [Contact]) -> Result<String?, FieldInputError> {
        let s = text.trimmingCharacters(in: .whitespaces)
        if s.isEmpty { return .success(nil) }
        func fail(_ m: String) -> Result<String?, FieldInputError> { .failure(FieldInputError(message: m)) }
        switch f.type {
        case .numeric?:
            return number(s).map { .success($0) } ?? fail("“\(s.prefix(30))” is not a number.")
        case .percentage?:
            let body = s.hasSuffix("%") ? String(s.dropLast()).trimmingCharacters(in: .whitespaces) : s
            return number(body).map { .success($0) } ?? fail("“\(s.prefix(30))” is not a percentage (a number, e.g. 40 or 40%).")
        case .currency?:
            let body = s.filter { $0.isNumber || $0 == "." || $0 == "-" || $0 == "," }
            let extra = s.filter { !($0.isNumber || $0 == "." || $0 == "-" || $0 == "," || $0 == " ") }
            guard extra.count <= 3, extra.allSatisfy({ $0.isLetter || $0.isCurrencySymbol }), let n = number(body) else {
                return fail("“\(s.prefix(30))” is not an amount (a number, e.g. 1200.50).")
            }
            return .success(n)
        case .duration?:
            return duration(s).map { .success(String($0 / 60) + ":" + pad2($0 % 60)) }
                ?? fail("“\(s.prefix(30))” is not a duration (try 1h30m, 90m, 2h or 1:30).")
        case .date?:
            guard let now = DateInput.day(today) else { return fail("Today's date is not known yet.") }
            guard let d = DateInput.point(s.lowercased(), now) else { return fail("“\(s.prefix(30))” is not a date (try fri, +3d or 2026-12-20).") }
            return .success(DateInput.format(d))
        case .checkbox?:
            switch s.lowercased() {
            case "yes", "y", "true", "on", "x", "1": return .success("true")
            case "no", "n", "false", "off", "0": return .success("false")
            default: return fail("“\(s.prefix(30))” is not yes or no.")
            }
        case .dropDown?:
            if let o = option(s, of: options(f)) { return .success(o) }
            if f.settings?.allowOtherValues == true { return .success(s) }
            return fail("“\(s.prefix(30))” is not one of " + options(f).joined(separator: ", ") + ".")
        case .multiple?:
            var picked: [String] = []
            for part in s.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                let o = option(part, of: options(f)) ?? (f.settings?.allowOtherValues == true ? part : nil)
                guard let o else { return fail("“\(part.prefix(30))” is not one of " + options(f).joined(separator: ", ") + ".") }
                if !picked.contains(o) { picked.append(o) }
            }
            return .success(jsonArray(picked))
        case .contacts?:
            var ids: [String] = []
            for part in s.split(separator: ",").map({ $0.trimmingCharacters(in: .whitespaces) }) where !part.isEmpty {
                switch person(part, in: people) {
                case .success(let id): if !ids.contains(id) { ids.append(id) }
                case .failure(let e): return .failure(e)
                }
            }
            return .success(ids.joined(separator: ","))
        default:
            return .success(s)
        }
    }

    /// The input's starting text for the value Wrike has.
    public static func describe(_ raw: String?, field f: CustomField, name: (String) -> String) -> String {
        guard let raw, !raw.isEmpty else { return "" }
        switch f.type {
        case .checkbox?: return raw == "true" ? "yes" : raw == "false" ? "no" : raw
        case .multiple?: return CustomFieldDisplay.jsonStrings(raw)?.joined(separator: ", ") ?? raw
        case .contacts?: return CustomFieldDisplay.contactIds(raw).map(name).joined(separator: ", ")
        case .duration?:
            return duration(raw).map { m in m % 60 == 0 ? "\(m / 60)h" : m < 60 ? "\(m)m" : "\(m / 60)h\(m % 60)m" } ?? raw
        default: return raw
        }
    }

    /// A plain decimal number ("1,200.5" → "1200.5", "-3", ".5" → "0.5"), or nil.
    static func number(_ s: String) -> String? {
        var t = s.replacingOccurrences(of: ",", with: "").replacingOccurrences(of: " ", with: "")
        var negative = false
        if t.hasPrefix("-") { negative = true; t.removeFirst() } else if t.hasPrefix("+") { t.removeFirst() }
        let parts = t.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), parts.allSatisfy({ $0.allSatisfy { $0.isASCII && $0.isNumber } }),
              parts.contains(where: { !$0.isEmpty }), t.count <= 30 else { return nil }
        var whole = String(parts[0].drop(while: { $0 == "0" }))
        if whole.isEmpty { whole = "0" }
        var fraction = parts.count == 2 ? String(parts[1]) : ""
        while fraction.hasSuffix("0") { fraction.removeLast() }
        let body = fraction.isEmpty ? whole : whole + "." + fraction
        return negative && body != "0" ? "-" + body : body
    }

    /// Minutes of `1h30m`, `90m`, `2h`, `1.5h`, `1:30`, `2d` (a day is 8 hours), or nil.
    static func duration(_ s0: String) -> Int? {
        let s = s0.lowercased().replacingOccurrences(of: " ", with: "")
        if s.contains(":") {
            let p = s.split(separator: ":", omittingEmptySubsequences: false)
            guard p.count == 2, let h = Int(p[0]), let m = Int(p[1]), h >= 0, (0..<60).contains(m), h < 100_000 else { return nil }
            return h * 60 + m
        }
        var total = 0.0
        var num = ""
        var any = false
        for c in s {
            if c.isNumber || c == "." { num.append(c); continue }
            guard let v = Double(num), let unit = ["d": 480.0, "h": 60.0, "m": 1.0][String(c)] else { return nil }
            total += v * unit
            num = ""
            any = true
        }
        if !num.isEmpty { guard let v = Double(num) else { return nil }; total += v * 60; any = true }
        guard any, total > 0, total < 6_000_000 else { return nil }
        return Int(total.rounded())
    }

    static func pad2(_ n: Int) -> String { n < 10 ? "0\(n)" : "\(n)" }

    /// The option `s` names: equal ignoring case, else the one option it starts.
    static func option(_ s: String, of options: [String]) -> String? {
        if let o = options.first(where: { $0.caseInsensitiveCompare(s) == .orderedSame }) { return o }
        let starts = options.filter { $0.lowercased().hasPrefix(s.lowercased()) }
        return starts.count == 1 ? starts[0] : nil
    }

    /// The person `s` names (full name, first name, e-mail, or the start of one), or why none or several.
    static func person(_ s: String, in people: [Contact]) -> Result<String, FieldInputError> {
        let q = s.lowercased().hasPrefix("@") ? String(s.lowercased().dropFirst()) : s.lowercased()
        func names(_ c: Contact) -> [String] {
            [c.displayName, c.firstName ?? "", c.profiles?.first?.email ?? ""].map { $0.lowercased() }.filter { !$0.isEmpty }
        }
        let exact = people.filter { names($0).contains(q) }
        let found = exact.isEmpty ? people.filter { names($0).contains { $0.hasPrefix(q) } } : exact
        if found.count == 1 { return .success(found[0].id) }
        if found.isEmpty { return .failure(FieldInputError(message: "No one called “\(s.prefix(30))”.")) }
        let some = found.prefix(3).map(\.displayName).joined(separator: ", ")
        return .failure(FieldInputError(message: "“\(s.prefix(30))” could be \(some)\(found.count > 3 ? "…" : ""): type more of the name."))
    }

    static func jsonArray(_ values: [String]) -> String {
        let e = JSONEncoder()
        e.outputFormatting = [.withoutEscapingSlashes]
        guard let data = try? e.encode(values), let s = String(data: data, encoding: .utf8) else { return "[]" }
        return s
    }
}

public struct FieldInputError: Error, Sendable, Equatable {
    public var message: String
}

extension Character {
    var isCurrencySymbol: Bool { unicodeScalars.allSatisfy { $0.properties.generalCategory == .currencySymbol } }
}
