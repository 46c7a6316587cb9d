// The new-task form: the title and, in the same form, the description (Markdown), the dates (the words
// edit-dates reads), the assignees (the assign picker over the form), importance and status. One
// `POST /folders/{id}/tasks` creates the task with all of them. Pure: the update is NewTaskFormUpdate.swift,
// the drawing TerminalUI/Browser/Features/NewTaskFormRender.swift. See docs/editing.md.
import Foundation
import TermText
import WrikeAPI

public struct NewTaskForm: Sendable {
    public enum Field: Int, CaseIterable, Sendable { case title, description, dates, assignees, importance, status }

    /// What a key did to the form.
    public enum Outcome: Sendable, Equatable {
        case edited, ignored, submit, cancel
        /// Open the assignee picker, narrowed by `query`.
        case choosePeople(query: String)
    }

    public let folderId: String
    public let superTaskId: String?
    /// Where it is created, for the title ("Platform", "“Parent task”").
    public let place: String
    public var title = LineInput("", maxLength: EditLine.maxLength)
    /// Markdown over as many lines as typed or pasted (the comment editor's buffer), sent as Wrike's HTML.
    public var description = TextEditorState(text: "", width: 60, height: NewTaskFormLayout.maxDescriptionRows)
    /// In words (`fri`, `+3d`, `2026-12-20`, `a..b`, `3d`, `none`); empty: no dates (Backlog).
    public var dates = LineInput("", maxLength: 64)
    /// Contact ids, in the order chosen.
    public var assignees: [String] = []
    /// nil: Wrike's default (Normal).
    public private(set) var importance: Importance?
    /// The statuses offered (the folder's workflow, hidden ones left out); `statusId` nil: Wrike's default.
    public let statuses: [CustomStatus]
    public private(set) var statusId: String?
    public private(set) var focus: Field = .title
    /// Plain messages per field from the last submit.
    public private(set) var errors: [Field: String] = [:]
    /// The assignee picker open over the form.
    public var picker: EditPicker?
    /// Its draft on disk (autosaved, reopened or refused before): sending reuses it.
    public var draft: Draft?

    public static let importances: [Importance] = [.high, .normal, .low]

    public init(folderId: String, superTaskId: String?, place: String, statuses: [CustomStatus], title: String = "",
                fields: Draft.NewTaskFields? = nil, draft: Draft? = nil) {
        self.folderId = folderId
        self.superTaskId = superTaskId
        self.place = place
        self.statuses = statuses
        self.title.set(title)
        self.draft = draft
        if let f = fields {
            description.setText(f.description ?? "")
            dates.set(f.datesText ?? "")
            assignees = f.responsibles ?? []
            importance = f.importance.map { Importance(rawValue: $0) }
            statusId = f.customStatus
        }
        focus = title.isEmpty ? .title : .description
    }

    /// The chosen status, when it is one of the offered.
    public var status: CustomStatus? { statusId.flatMap { id in statuses.first { $0.id == id } } }

    /// Anything typed or chosen (Esc and quitting keep it as a draft).
    public var hasWords: Bool { !NewTask.cleanTitle(title.text).isEmpty || hasFields }

    /// Anything besides the title (a draft with fields reopens in the form, not in the title line).
    public var hasFields: Bool {
        !description.isEmpty || !dates.text.trimmingCharacters(in: .whitespaces).isEmpty
            || !assignees.isEmpty || importance != nil || statusId != nil
    }

    public mutating func focus(_ f: Field) { focus = f }

    /// The description's rows when wrapped at `width` cells.
    public func descriptionRows(width: Int) -> Int { description.layout(width: width).count }

    /// Wraps the description as the layout shows it (↑/↓ move by the rows on screen).
    public mutating func fit(_ layout: NewTaskFormLayout) {
        description.resize(width: layout.descriptionWidth, height: layout.block(.description)?.rows ?? 1)
    }

    /// A paste: text in the focused field, the description keeping its newlines (one-line fields and the
    /// choices take it as one line, as typed).
    public mutating func paste(_ text: String) -> Outcome {
        guard focus == .description else {
            let line = Sanitizer.cleanLine(text, maxLength: 2_000)
            return line.isEmpty ? .ignored : handle(.insert(line))
        }
        errors[.description] = nil
        return description.apply(.paste(text)) == .ignored ? .ignored : .edited
    }

    public mutating func handle(_ input: FormInput) -> Outcome {
        let n = Field.allCases.count
        switch input {
        case .down where focus == .description && !onLastDescriptionRow, .up where focus == .description && description.cursorPosition().row > 0:
            return edit(input)
        case .nextField, .down: focus = Field(rawValue: (focus.rawValue + 1) % n) ?? .title
        case .previousField, .up: focus = Field(rawValue: (focus.rawValue + n - 1) % n) ?? .title
        case .submit: return .submit
        case .enter where focus == .description: return edit(input)
        case .enter: return focus == .assignees ? .choosePeople(query: "") : .submit
        case .cancel: return .cancel
        case .insert, .backspace, .delete, .clear, .left, .right, .home, .end, .toggle:
            return edit(input)
        }
        return .edited
    }

    private mutating func edit(_ input: FormInput) -> Outcome {
        errors[focus] = nil
        switch focus {
        case .title: title.apply(input)
        case .description: if let c = Self.editorCommand(input) { description.apply(c) }
        case .dates: dates.apply(input)
        case .assignees:
            switch input {
            case .insert(let s): return .choosePeople(query: s)
            case .toggle: return .choosePeople(query: "")
            case .backspace, .delete: if !assignees.isEmpty { assignees.removeLast() }
            case .clear: assignees = []
            case .left, .right, .home, .end, .up, .down, .nextField, .previousField, .enter, .submit, .cancel: return .ignored
            }
        case .importance:
            let pos = cycle(input, current: importance.flatMap { Self.importances.firstIndex(of: $0) },
                            labels: Self.importances.map(\.rawValue))
            guard let pos else { return .ignored }
            importance = pos.map { Self.importances[$0] }
        case .status:
            let pos = cycle(input, current: statusId.flatMap { id in statuses.firstIndex { $0.id == id } },
                            labels: statuses.map(\.name))
            guard let pos else { return .ignored }
            statusId = pos.map { statuses[$0].id }
        }
        return .edited
    }

    private var onLastDescriptionRow: Bool { description.cursorPosition().row >= description.layout().count - 1 }

    /// A form key in the description: the comment editor's command (Enter starts a new line).
    static func editorCommand(_ input: FormInput) -> EditorCommand? {
        switch input {
        case .insert(let s): .insert(s)
        case .toggle: .insert(" ")
        case .enter: .newline
        case .backspace: .backspace
        case .delete: .delete
        case .clear: .deleteToLineStart
        case .left: .left
        case .right: .right
        case .up: .up
        case .down: .down
        case .home: .home
        case .end: .end
        case .nextField, .previousField, .submit, .cancel: nil
        }
    }

    /// A choice field's key: ←/→ (and Space) step through none + the choices, a typed text picks the best
    /// match, Backspace goes back to none (Wrike's default). nil: the key does nothing there.
    private func cycle(_ input: FormInput, current: Int?, labels: [String]) -> Int?? {
        let n = labels.count + 1
        let pos = current.map { $0 + 1 } ?? 0
        func at(_ p: Int) -> Int? { p == 0 ? nil : p - 1 }
        switch input {
        case .right, .toggle: return .some(at((pos + 1) % n))
        case .left: return .some(at((pos + n - 1) % n))
        case .backspace, .delete, .clear, .home: return .some(nil)
        case .end: return .some(at(n - 1))
        case .insert(let s):
            guard let best = Fuzzy.rank(s, Array(labels.indices), key: { labels[$0] }).first else { return nil }
            return .some(best)
        case .up, .down, .nextField, .previousField, .enter, .submit, .cancel: return nil
        }
    }

    /// The fields as a draft keeps them (the dates in words, as typed).
    public var draftFields: Draft.NewTaskFields {
        var f = Draft.NewTaskFields(folderId: folderId, superTaskId: superTaskId)
        f.description = description.isEmpty ? nil : description.text
        let w = dates.text.trimmingCharacters(in: .whitespaces)
        f.datesText = w.isEmpty ? nil : w
        f.responsibles = assignees.isEmpty ? nil : assignees
        f.importance = importance?.rawValue
        f.customStatus = statusId
        return f
    }

    /// Checks the form as Wrike will (a title, dates that read) and gives what the POST sends: the dates
    /// resolved against `today` (kept in the draft, so a send on another day means the same days).
    public mutating func validate(today: String) -> (title: String, fields: Draft.NewTaskFields)? {
        var errs: [Field: String] = [:]
        let t = NewTask.cleanTitle(title.text)
        if t.isEmpty { errs[.title] = "A task needs a title." }
        var f = draftFields
        if let w = f.datesText {
            switch DateInput.parse(w, current: nil, today: today) {
            case .success(let d): f.dates = d
            case .failure(let e): errs[.dates] = e.message
            }
        }
        errors = errs
        if let first = Field.allCases.first(where: { errs[$0] != nil }) {
            focus = first
            return nil
        }
        return (t, f)
    }
}
