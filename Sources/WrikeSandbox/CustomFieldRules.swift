// Wrike's rules for a custom field's value on a task or folder (`customFields=[{"id","value"}]`): every
// value is a string (API reference 4.4, 4.13); its form depends on the field's type, as Wrike's own
// clients send them (DeskproApps/wrike, src/components/TaskForm/utils.ts: text, numbers and drop-downs
// as typed, Multiple a JSON array of strings, Date `yyyy-MM-dd`, Checkbox `true`/`false`, Contacts ids
// joined by commas; DurationField.tsx: Duration `hours:minutes`). `null` or "" removes the value.
// Drop-down values must be options unless `allowOtherValues`; calculated and read-only fields refuse.
import Foundation
import WrikeAPI

enum CustomFieldRules {
    /// Why `value` is not a valid value of `field` (nil: valid).
    static func problem(_ value: String, field: CustomField, isContact: (String) -> Bool) -> String? {
        if value.isEmpty { return nil }
        let s = field.settings
        if s?.readOnly == true { return "custom field '\(field.title)' is read-only" }
        let options = s?.options?.map(\.value) ?? s?.values ?? []
        let others = s?.allowOtherValues ?? false
        switch field.type {
        case .numeric?, .currency?, .percentage?:
            return isNumber(value) ? nil : "value of '\(field.title)' must be a number"
        case .duration?:
            return isDuration(value) ? nil : "value of '\(field.title)' must be a duration (hours:minutes)"
        case .date?:
            return WrikeDate.isDate(value) ? nil : "value of '\(field.title)' must be a date (yyyy-MM-dd)"
        case .checkbox?:
            return value == "true" || value == "false" ? nil : "value of '\(field.title)' must be true or false"
        case .dropDown?:
            return others || options.contains(value) ? nil : "'\(value)' is not an option of '\(field.title)'"
        case .multiple?:
            guard let data = value.data(using: .utf8), let values = try? JSONDecoder().decode([String].self, from: data) else {
                return "value of '\(field.title)' must be a JSON array of options"
            }
            let bad = values.filter { !others && !options.contains($0) }
            return bad.isEmpty ? nil : "'\(bad[0])' is not an option of '\(field.title)'"
        case .contacts?:
            let ids = value.split(separator: ",").map { $0.trimmingCharacters(in: .whitespaces) }
            return ids.first(where: { !isContact($0) }).map { "unknown contact '\($0)' in '\(field.title)'" }
        case .calculatedNumeric?, .calculatedDate?:
            return "custom field '\(field.title)' is calculated"
        default:
            return nil
        }
    }

    static func isNumber(_ v: String) -> Bool {
        var body = Substring(v)
        if body.first == "-" { body = body.dropFirst() }
        let parts = body.split(separator: ".", omittingEmptySubsequences: false)
        guard (1...2).contains(parts.count), !parts[0].isEmpty else { return false }
        return parts.allSatisfy { $0.allSatisfy { $0.isASCII && $0.isNumber } } && (parts.count == 1 || !parts[1].isEmpty)
    }

    /// `h:mm` (any hours, minutes below 60).
    static func isDuration(_ v: String) -> Bool {
        let parts = v.split(separator: ":", omittingEmptySubsequences: false)
        guard parts.count == 2, let h = Int(parts[0]), let m = Int(parts[1]), h >= 0, (0..<60).contains(m),
              parts[1].count == 2 else { return false }
        return true
    }
}
