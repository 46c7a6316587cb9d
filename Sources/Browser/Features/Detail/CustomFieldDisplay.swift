// A custom field's value as the detail shows it. Wrike sends every value as a string (API reference 4.4):
// a multiple-select field a JSON array in that string (`["one","three","five"]`), numbers without their
// unit, contacts as comma-separated ids. The field's definition (type, settings) says how to read it.
import Foundation
import TermText
import WrikeAPI

enum CustomFieldDisplay {
    /// The value of `raw` for a field defined by `field` (nil: shown as sent), one sanitized line;
    /// `name` turns a contact id into a name.
    static func text(_ raw: String, field: CustomField?, name: (String) -> String) -> String {
        let settings = field?.settings
        let shown: String
        switch field?.type {
        case .multiple?:
            shown = jsonStrings(raw)?.joined(separator: ", ") ?? raw
        case .contacts?:
            shown = contactIds(raw).map(name).joined(separator: ", ")
        case .percentage?:
            shown = number(raw, decimals: settings?.decimalPlaces, grouped: settings?.useThousandsSeparator ?? false)
                .map { $0 + "%" } ?? raw
        case .currency?:
            let code = settings?.currency.map { " " + $0 } ?? ""
            shown = number(raw, decimals: settings?.decimalPlaces, grouped: settings?.useThousandsSeparator ?? true)
                .map { $0 + code } ?? raw
        case .numeric?:
            shown = number(raw, decimals: settings?.decimalPlaces, grouped: settings?.useThousandsSeparator ?? false) ?? raw
        case .checkbox?:
            shown = raw == "true" ? "yes" : raw == "false" ? "no" : raw
        default:
            shown = raw
        }
        return Sanitizer.cleanLine(shown)
    }

    /// The strings of a JSON array of strings (`["one","three"]`), or nil when `raw` is not one.
    static func jsonStrings(_ raw: String) -> [String]? {
        guard raw.hasPrefix("["), let data = raw.data(using: .utf8),
              let values = try? JSONDecoder().decode([String].self, from: data) else { return nil }
        return values
    }

    /// Contact ids: "A,B" (what Wrike sends) or a JSON array.
    static func contactIds(_ raw: String) -> [String] {
        if let ids = jsonStrings(raw) { return ids }
        return raw.split(separator: ",").map { $0.trimmingCharacters(in: CharacterSet(charactersIn: "\"[] ")) }
            .filter { !$0.isEmpty }
    }

    /// A decimal number as text: at most `decimals` places (rounded half up), thousands grouped with
    /// commas when `grouped`. Nil when `raw` is not a plain decimal number ("-12", "5000", "79.5").
    static func number(_ raw: String, decimals: Int?, grouped: Bool) -> String? {
        let text = raw.trimmingCharacters(in: .whitespaces)
        guard var value = Decimal(string: text),
              text.allSatisfy({ $0.isASCII && ($0.isNumber || $0 == "." || $0 == "-") }), text.contains(where: \.isNumber)
        else { return nil }
        if let decimals, (0...10).contains(decimals) {
            var rounded = Decimal()
            NSDecimalRound(&rounded, &value, decimals, .plain)
            value = rounded
        }
        let negative = value < 0
        let plain = (negative ? -value : value).description  // "5000", "79.5": no exponent, no grouping
        let parts = plain.split(separator: ".", maxSplits: 1)
        var whole = String(parts.first ?? "0")
        if grouped {
            var out = ""
            for (i, c) in whole.reversed().enumerated() {
                if i > 0 && i % 3 == 0 { out.append(",") }
                out.append(c)
            }
            whole = String(out.reversed())
        }
        let fraction = parts.count > 1 ? "." + parts[1] : ""
        return (negative ? "-" : "") + whole + fraction
    }
}
