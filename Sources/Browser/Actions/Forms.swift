// The time-log form (`t`) and the approval request form (`A`). Pure: `today` and the calendar are
// passed in; the results are the POST parameters. See docs/actions.md.
import Foundation
import WrikeAPI

/// Inputs shared by the forms (TerminalUI's `FormKeys` maps keys to these).
public enum FormInput: Sendable, Equatable {
    case insert(String)
    case backspace, delete, left, right, up, down, home, end
    /// Ctrl-U: empty the focused field (the approvers list: its typed query).
    case clear
    /// Tab / Shift-Tab.
    case nextField, previousField
    /// Space in a list field (marks an approver); elsewhere it is typed as text.
    case toggle
    /// Enter: next field, or submit on the last field (the time-log form submits from any field).
    case enter
    /// Ctrl-S: submit from any field.
    case submit
    /// Esc; `confirmed` after the user agreed to lose what was typed.
    case cancel(confirmed: Bool)
}

/// What a form input did.
public enum FormOutcome<Params: Sendable & Equatable>: Sendable, Equatable {
    case edited
    /// Valid: send these.
    case submit(Params)
    /// Submit refused: `errors` hold plain messages per field; focus moved to the first bad field.
    case invalid
    /// Esc with something typed: confirm first (default No).
    case cancelRequested
    case cancelled
    case ignored
}

/// Formats a number for Wrike without float noise: 1.5 → "1.5", 2 → "2", 1.3333 → "1.33".
public func wrikeDecimal(_ v: Double) -> String {
    let cents = Int((v * 100).rounded())
    let whole = cents / 100, frac = cents % 100
    if frac == 0 { return String(whole) }
    if frac % 10 == 0 { return "\(whole).\(frac / 10)" }
    return "\(whole)." + (frac < 10 ? "0" : "") + String(frac)
}

// MARK: - Time log

/// The parameters of `POST /tasks/{taskId}/timelogs`.
public struct TimelogParams: Sendable, Equatable {
    public var hours: Double
    public var trackedDate: String
    public var categoryId: String?
    /// Always sent (Wrike requires the parameter), possibly empty.
    public var comment: String

    /// As query/form items: hours, trackedDate, comment, plainText=true, and categoryId when chosen.
    public var queryItems: [QueryItem] {
        var q = [QueryItem("hours", wrikeDecimal(hours)), QueryItem("trackedDate", trackedDate),
                 QueryItem("comment", comment), QueryItem("plainText", "true")]
        if let categoryId { q.append(QueryItem("categoryId", categoryId)) }
        return q
    }

    /// The fields kept in a draft.
    public var draftFields: Draft.TimelogFields {
        Draft.TimelogFields(hours: hours, trackedDate: trackedDate, categoryId: categoryId)
    }
}

public struct TimeLogForm: Sendable {
    public enum Field: Int, CaseIterable, Sendable { case hours, date, category, comment }

    public var hours = LineInput("", maxLength: 32)
    /// Empty means today.
    public var date = LineInput("", maxLength: 32)
    /// Visible categories (hidden ones left out), in Wrike's order.
    public let categories: [TimelogCategory]
    /// Index into `categories`; nil = no category.
    public private(set) var categoryIndex: Int?
    public var comment = LineInput("", maxLength: 2000)
    public private(set) var focus: Field = .hours
    /// Plain messages per field from the last submit.
    public private(set) var errors: [Field: String] = [:]

    public init(categories: [TimelogCategory], prefill: Draft? = nil) {
        self.categories = categories.filter { $0.hidden != true }.enumerated()
            .sorted { ($0.element.order ?? Int.max, $0.offset) < ($1.element.order ?? Int.max, $1.offset) }
            .map(\.element)
        if let d = prefill {
            comment.set(d.text)
            if let t = d.timelog {
                hours.set(TimeInput.formatHours(t.hours).replacingOccurrences(of: " ", with: ""))
                date.set(t.trackedDate)
                categoryIndex = t.categoryId.flatMap { id in self.categories.firstIndex { $0.id == id } }
            }
        }
    }

    /// The chosen category.
    public var category: TimelogCategory? { categoryIndex.map { categories[$0] } }

    /// Something was typed (Esc asks before throwing it away).
    public var isDirty: Bool {
        !hours.text.isEmpty || !date.text.isEmpty || categoryIndex != nil || !comment.text.isEmpty
    }

    public mutating func focus(_ field: Field) { focus = field }

    public mutating func handle(_ input: FormInput, today: Date, calendar: Calendar) -> FormOutcome<TimelogParams> {
        switch input {
        case .nextField: focus = Field(rawValue: (focus.rawValue + 1) % Field.allCases.count) ?? .hours
        case .previousField: focus = Field(rawValue: (focus.rawValue + Field.allCases.count - 1) % Field.allCases.count) ?? .hours
        case .enter, .submit:
            switch validate(today: today, calendar: calendar) {
            case .success(let p): return .submit(p)
            case .failure: return .invalid
            }
        case .cancel(let confirmed):
            return isDirty && !confirmed ? .cancelRequested : .cancelled
        case .insert, .backspace, .delete, .clear, .left, .right, .up, .down, .home, .end, .toggle:
            if focus == .category { return handleCategory(input) }
            edit(input)
        }
        return .edited
    }

    private mutating func handleCategory(_ input: FormInput) -> FormOutcome<TimelogParams> {
        let n = categories.count + 1  // position 0 = none
        let pos = categoryIndex.map { $0 + 1 } ?? 0
        func set(_ p: Int) { categoryIndex = p == 0 ? nil : p - 1 }
        switch input {
        case .right, .down, .toggle: set((pos + 1) % n)
        case .left, .up: set((pos + n - 1) % n)
        case .home, .backspace, .delete, .clear: set(0)
        case .end: set(n - 1)
        case .insert(let s):
            // Type to choose: the best fuzzy match of what was typed.
            if let best = Fuzzy.rank(s, Array(categories.indices), key: { categories[$0].name }).first {
                categoryIndex = best
            } else {
                return .ignored
            }
        case .nextField, .previousField, .enter, .submit, .cancel: return .ignored
        }
        errors[.category] = nil
        return .edited
    }

    private mutating func edit(_ input: FormInput) {
        switch focus {
        case .hours: hours.apply(input)
        case .date: date.apply(input)
        case .comment: comment.apply(input)
        case .category: break
        }
        errors[focus] = nil
    }

    /// Checks the fields the way Wrike will (0 < hours ≤ 24, a real date) and builds the parameters.
    public mutating func validate(today: Date, calendar: Calendar) -> Result<TimelogParams, FormErrors> {
        var errs: [Field: String] = [:]
        let h = TimeInput.parseHours(hours.text)
        if hours.text.trimmingCharacters(in: .whitespaces).isEmpty {
            errs[.hours] = "Enter the time spent, for example 1.5, 1h30m or 90m."
        } else if let h {
            if h <= 0 { errs[.hours] = "The time must be more than zero." }
            else if h > 24 { errs[.hours] = "Wrike accepts at most 24 hours in one entry." }
        } else {
            errs[.hours] = "“\(hours.text)” is not a duration. Try 1.5, 1h30m or 90m."
        }
        let d = TimeInput.parseDate(date.text, today: today, calendar: calendar)
        if d == nil { errs[.date] = "“\(date.text)” is not a date. Try today, yesterday, -2 or 2026-11-20." }
        errors = errs
        if let first = Field.allCases.first(where: { errs[$0] != nil }) {
            focus = first
            return .failure(FormErrors(messages: Dictionary(uniqueKeysWithValues: errs.map { ("\($0.key)", $0.value) })))
        }
        guard let h, let d else { return .failure(FormErrors(messages: [:])) }
        return .success(TimelogParams(hours: h, trackedDate: d, categoryId: category?.id,
                                      comment: comment.text.trimmingCharacters(in: .whitespaces)))
    }

    /// The date the form will log (for the label "today (2026-11-22)").
    public func resolvedDate(today: Date, calendar: Calendar) -> String? {
        TimeInput.parseDate(date.text, today: today, calendar: calendar)
    }
}

/// Validation messages by field name.
public struct FormErrors: Error, Sendable, Equatable {
    public var messages: [String: String]
}


extension LineInput {
    /// A form's editing keys on one line field (Space types a space; the others are not line edits).
    mutating func apply(_ input: FormInput) {
        switch input {
        case .insert(let s): insert(s)
        case .toggle: insert(" ")
        case .backspace: backspace()
        case .delete: delete()
        case .clear: clear()
        case .left: left()
        case .right: right()
        case .home: home()
        case .end: end()
        case .up, .down, .nextField, .previousField, .enter, .submit, .cancel: break
        }
    }
}
