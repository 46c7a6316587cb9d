// An approval request, a new title and a custom field's typed value are drafts like a comment
// (SendOutcome.swift): on disk while typed and before the write leaves, kept when Wrike refuses, deleted
// once confirmed, and a lost answer is resolved by reading (the task's approvals, or the task itself:
// when it already has the new title or value, the write landed). Nothing is sent twice by itself.
// Pure. See docs/actions.md ("Drafts").
import Foundation
import WrikeAPI

public enum TaskEditDrafts {
    /// The `PUT /tasks/{id}` of a new title or a field value (nil for other kinds, or a field draft without its field).
    public static func update(_ d: Draft) -> TaskUpdate? {
        switch d.kind {
        case .title: return TaskUpdate(title: d.text)
        case .field:
            guard let f = d.field else { return nil }
            return TaskUpdate(customFields: [CustomFieldUpdate(id: f.fieldId, value: f.value)])
        case .comment, .timelog, .task, .approval: return nil
        }
    }

    /// The `POST /tasks/{id}/approvals` of an approval request (nil without its fields).
    public static func approvalParams(_ d: Draft) -> ApprovalCreate? {
        guard d.kind == .approval, let a = d.approval else { return nil }
        let text = d.text.trimmingCharacters(in: .whitespaces)
        return ApprovalCreate(description: text.isEmpty ? nil : text, dueDate: a.dueDate, approvers: a.approverIds)
    }

    /// Whether the task read back already has what the draft sets: its title (whitespace collapsed), or
    /// the field's value (an empty value and none are the same: cleared).
    public static func landed(_ d: Draft, in t: WrikeTask) -> Bool {
        switch d.kind {
        case .title:
            return OutcomeResolver.normalize(t.title, isHTML: false) == OutcomeResolver.normalize(d.text, isHTML: false)
        case .field:
            guard let f = d.field else { return false }
            let has = t.customFields?.first { $0.id == f.fieldId }?.value ?? ""
            return has == (f.value ?? "")
        case .comment, .timelog, .task, .approval:
            return false
        }
    }

    /// The approval that is the one sent: author `me`, same description (whitespace collapsed), the same
    /// approvers, changed at or after `sentAt − skew`, not among `excluding` (ids known before the send).
    public static func findApproval(in approvals: [Approval], draft d: Draft, me: String, sentAt: Date,
                                    excluding: Set<String> = [], skew: TimeInterval = SendTracker.skew) -> Approval? {
        let want = OutcomeResolver.normalize(d.text, isHTML: false)
        let approvers = Set(d.approval?.approverIds ?? [])
        let since = sentAt.addingTimeInterval(-skew)
        return approvals.filter { a in
            guard !excluding.contains(a.id), a.authorId == me else { return false }
            if let changed = a.updatedDate.flatMap(WrikeDate.parseTimestamp), changed < since { return false }
            if let ds = a.decisions, Set(ds.map(\.approverId)) != approvers { return false }
            return OutcomeResolver.normalize(a.description ?? "", isHTML: false) == want
        }.max { ($0.updatedDate ?? "") < ($1.updatedDate ?? "") }
    }

    /// What is particular to Wrike's refusal of a new title, field value or approval request, in plain
    /// words; nil: the words every draft's refusal shares (`SendErrors.explain`).
    public static func refusal(kind: Draft.Kind, code: String?, message: String) -> String? {
        let lower = message.lowercased()
        switch kind {
        case .approval:
            if code == "access_forbidden" { return "You do not have the rights to request approvals on this task." }
            if lower.contains("'approvers'") { return "Wrike refused an approver (removed from the account?)." }
            if lower.contains("'duedate'") { return "Wrike refused the due date." }
        case .title, .field:
            if code == "access_forbidden" { return "You do not have the rights to change this task." }
            if kind == .title && lower.contains("'title'") { return "Wrike refused the title: \(message)" }
        case .comment, .timelog, .task:
            break
        }
        return nil
    }
}
