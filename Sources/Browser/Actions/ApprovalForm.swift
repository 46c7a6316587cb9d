// The approval request form: description, due date, approvers. What is typed in it is a draft
// (Actions/EditDrafts.swift, Features/TaskEdit/EditDraftsUpdate.swift).
import Foundation
import TermText
import WrikeAPI

/// The parameters of `POST /tasks/{taskId}/approvals`.
public struct ApprovalParams: Sendable, Equatable {
    public var approverIds: [String]
    public var dueDate: String?
    public var description: String

    /// approvers as a JSON array, description, dueDate when set.
    public var queryItems: [QueryItem] {
        var q = [QueryItem("approvers", jsonIdList(approverIds)), QueryItem("description", description)]
        if let dueDate { q.append(QueryItem("dueDate", dueDate)) }
        return q
    }
}

public struct ApprovalRequestForm: Sendable {
    public enum Field: Int, CaseIterable, Sendable { case approvers, dueDate, description }

    /// People who can approve: contacts of type Person, not deleted, by name.
    public private(set) var approvers: PickerModel<Contact>
    /// Empty means no due date.
    public var dueDate = LineInput("", maxLength: 32)
    public var description = LineInput("", maxLength: 2000)
    public private(set) var focus: Field = .approvers
    public private(set) var errors: [Field: String] = [:]
    /// Its draft once saved (autosave, a draft reopened, or a send refused): the same file is reused.
    public var draft: Draft?

    /// `draft`: a saved approval request to go on with (its description, due date and approvers).
    public init(contacts: [Contact], draft: Draft? = nil) {
        let people = contacts.filter { ($0.type ?? .person) == .person && $0.deleted != true }
            .sorted { $0.displayName.lowercased() < $1.displayName.lowercased() }
        approvers = PickerModel(items: people) { $0.displayName }
        self.draft = draft
        guard let d = draft else { return }
        description.set(d.text)
        dueDate.set(d.approval?.dueDateText ?? "")
        let ids = Set(d.approval?.approverIds ?? [])
        approvers.setMarked(Set(people.indices.filter { ids.contains(people[$0].id) }))
        focus = .description
    }

    /// The words typed: a description or a due date (what a draft keeps, with the approvers marked).
    public var hasWords: Bool {
        !description.text.trimmingCharacters(in: .whitespaces).isEmpty || !dueDate.text.trimmingCharacters(in: .whitespaces).isEmpty
    }

    public var chosen: [Contact] { approvers.markedItems }
    public var isDirty: Bool { !approvers.marked.isEmpty || !dueDate.text.isEmpty || !description.text.isEmpty }

    public mutating func handle(_ input: FormInput, today: Date, calendar: Calendar) -> FormOutcome<ApprovalParams> {
        switch input {
        case .nextField: focus = Field(rawValue: (focus.rawValue + 1) % Field.allCases.count) ?? .approvers
        case .previousField: focus = Field(rawValue: (focus.rawValue + Field.allCases.count - 1) % Field.allCases.count) ?? .approvers
        case .submit:
            return submit(today: today, calendar: calendar)
        case .enter:
            if focus == .description { return submit(today: today, calendar: calendar) }
            focus = Field(rawValue: focus.rawValue + 1) ?? .description
        case .cancel(let confirmed):
            return isDirty && !confirmed ? .cancelRequested : .cancelled
        case .insert, .backspace, .delete, .clear, .left, .right, .up, .down, .home, .end, .toggle:
            switch focus {
            case .approvers:
                switch input {
                case .insert(let s): approvers.type(s)
                case .backspace: approvers.deleteBackward()
                case .clear: approvers.setQuery("")
                case .up: approvers.moveUp()
                case .down: approvers.moveDown()
                case .home: approvers.moveToTop()
                case .end: approvers.moveToBottom()
                case .toggle: approvers.toggleMark()
                case .delete, .left, .right, .nextField, .previousField, .enter, .submit, .cancel: return .ignored
                }
            case .dueDate: dueDate.apply(input)
            case .description: description.apply(input)
            }
            errors[focus] = nil
        }
        return .edited
    }

    private mutating func submit(today: Date, calendar: Calendar) -> FormOutcome<ApprovalParams> {
        switch validate(today: today, calendar: calendar) {
        case .success(let p): return .submit(p)
        case .failure: return .invalid
        }
    }

    public mutating func validate(today: Date, calendar: Calendar) -> Result<ApprovalParams, FormErrors> {
        var errs: [Field: String] = [:]
        if approvers.marked.isEmpty { errs[.approvers] = "Choose at least one approver (Space marks a name)." }
        var due: String?
        let dueText = dueDate.text.trimmingCharacters(in: .whitespaces)
        if !dueText.isEmpty {
            due = TimeInput.parseDate(dueText, today: today, calendar: calendar)
            if due == nil { errs[.dueDate] = "“\(dueText)” is not a date. Try 2026-11-30, 30 or leave it empty." }
        }
        errors = errs
        if let first = Field.allCases.first(where: { errs[$0] != nil }) {
            focus = first
            return .failure(FormErrors(messages: Dictionary(uniqueKeysWithValues: errs.map { ("\($0.key)", $0.value) })))
        }
        return .success(ApprovalParams(approverIds: chosen.map(\.id), dueDate: due,
                                       description: description.text.trimmingCharacters(in: .whitespaces)))
    }
}

/// Help text for approvals: Wrike's public API has no call for an approver's decision.
public enum ApprovalHelp {
    public static let noDecisionAPI =
        "Wrike's API cannot approve or reject. Decide in Wrike: y copies the task's link, o shows it as a link."

    /// Lines for the approval section / dialog.
    public static func decideInWrike(permalink: String?, copyKey: String = "y", linkKey: String = "o") -> [String] {
        var lines = ["Approve or reject in Wrike: its API has no call for a decision."]
        if let permalink, !permalink.isEmpty {
            lines.append("\(copyKey): copy the link   \(linkKey): open it   \(permalink)")
        } else {
            lines.append("The task's link is not loaded yet.")
        }
        return lines
    }
}
