// A new title, a custom field's typed value and an approval request as drafts (Actions/EditDrafts.swift):
// the line input's text and the approval form are saved on disk while typed (Autosave) and on exit,
// sent from their draft like a new task (followed without an editor), put back into their input when
// Wrike refuses them and no key came since, reopened from the drafts list (`u`) or by their own key on
// their task. See docs/actions.md ("Drafts").
import Foundation
import TermText
import WrikeAPI

extension AppState {
    // MARK: - Typed text as drafts

    /// The one-line input's text as a draft to keep: a new task's title, a new title, a field's value;
    /// nil when nothing is typed, or the text is what the task has already.
    mutating func lineDraft(now: Date) -> Draft? {
        guard let input = features.taskEdit.input else { return nil }
        switch input.purpose {
        case .newTask: return newTaskDraft(now: now)
        case .rename(let taskId):
            let title = NewTask.cleanTitle(input.text)
            guard !title.isEmpty, title != NewTask.cleanTitle(input.original) else { return nil }
            return keptDraft(input.draft, kind: .title, taskId: taskId, text: title, now: now)
        case .fieldValue(let taskId, let fieldId, let title, _):
            let text = input.text.trimmingCharacters(in: .whitespaces)
            guard !text.isEmpty, input.text != input.original else { return nil }
            var d = keptDraft(input.draft, kind: .field, taskId: taskId, text: input.text, now: now)
            d.field = Draft.FieldFields(fieldId: fieldId, fieldTitle: title, value: d.field?.value)
            return d
        case .dates, .bulkDates:
            return nil
        }
    }

    /// `d` (or a new draft of `kind` on the task) with `text`, not being sent: `editing`, or `failed`
    /// while a refusal was not sent again.
    mutating func keptDraft(_ d0: Draft?, kind: Draft.Kind, taskId: String, text: String, now: Date) -> Draft {
        var d = d0 ?? Draft(id: newDraftId(), kind: kind, profile: actions.profile, taskId: taskId,
                            taskTitle: task(taskId)?.title ?? "", text: text, created: now)
        d.text = text
        if d.state != .failed { d.state = .editing }
        d.updated = now
        return d
    }

    /// The approval form as a draft to keep (nil when no description or due date is typed).
    mutating func approvalDraft(_ form: ApprovalRequestForm, taskId: String, now: Date) -> Draft? {
        guard form.hasWords else { return nil }
        var d = keptDraft(form.draft, kind: .approval, taskId: taskId, text: form.description.text, now: now)
        d.approval = Draft.ApprovalFields(approverIds: form.chosen.map(\.id), dueDateText: form.dueDate.text,
                                          dueDate: d.approval?.dueDate)
        return d
    }

    /// On a tick after typing paused in the approval form: it goes to disk.
    mutating func autosaveApproval() -> [Effect] {
        guard case .approval(var form, let taskId)? = modal else { return [] }
        guard let d = approvalDraft(form, taskId: taskId, now: now) else { return dropUnsentFile(form.draft) }
        form.draft = d
        modal = .approval(form, taskId: taskId)
        return [.sendSteps(d, [.saveDraft(d.state)])]
    }

    /// A draft file of text emptied (or typed back to what the task has) goes, unless a send was tried.
    func dropUnsentFile(_ d: Draft?) -> [Effect] {
        guard let d, d.attempts == 0 else { return [] }
        return [.sendSteps(d, [.deleteDraft])]
    }

    /// Esc in the approval form: the words stay as a draft (the drafts key lists it); an emptied form's file goes.
    mutating func closeApprovalForm(_ form: ApprovalRequestForm, taskId: String) -> [Effect] {
        modal = nil
        actions.autosave.approval = nil
        guard let d = approvalDraft(form, taskId: taskId, now: now) else {
            return form.draft.map { [.sendSteps($0, [.deleteDraft])] } ?? []
        }
        keepSaved(d)
        status.message = "The approval request stays as a draft (\(draftsKeyWords) lists it)."
        return [.sendSteps(d, [.saveDraft(d.state)])]
    }

    var draftsKeyWords: String { keymap.keyName(.drafts, ascii: true) ?? "the drafts list" }

    // MARK: - Sending

    /// Sends `d` followed without an editor (its file reused when `reused`); nil when a send of it is in flight.
    mutating func sendDetached(_ d: Draft, reused: Bool, knownIds: Set<String> = []) -> [Effect]? {
        var send = reused ? DraftSend(draft: d, tracker: SendTracker(resuming: d), onDisk: true) : DraftSend(draft: d)
        if reused {
            actions.savedDrafts.removeAll { $0.id == d.id }
            send.tracker.edited()
        }
        send.knownIds = knownIds
        let steps = send.tracker.send(now: now)
        guard !steps.isEmpty else { return nil }
        actions.detachedSends[d.id] = send
        features.taskEdit.sentAtIntent[d.id] = features.taskEdit.userIntents
        return advance(send, steps)
    }

    /// A new title or field value: shown at once, sent from its draft (saved before the `PUT` leaves).
    mutating func sendTaskChange(_ d: Draft, before: WrikeTask, after: WrikeTask, reused: Bool) -> [Effect] {
        guard let effects = sendDetached(d, reused: reused) else {
            status.lastError = "That \(d.kind.noun) is still being sent."
            return []
        }
        features.taskEdit.editBefore[d.id] = before
        replaceTask(after)
        return effects
    }

    /// Enter in the approval form: the request is sent from its draft.
    mutating func sendApproval(_ p: ApprovalParams, form: ApprovalRequestForm, taskId: String) -> [Effect] {
        var d = keptDraft(form.draft, kind: .approval, taskId: taskId, text: p.description, now: now)
        d.approval = Draft.ApprovalFields(approverIds: p.approverIds, dueDateText: form.dueDate.text, dueDate: p.dueDate)
        let known = detail.taskId == taskId ? Set(detail.approvals.map(\.id)) : []
        guard let effects = sendDetached(d, reused: form.draft != nil, knownIds: known) else {
            status.lastError = "That approval request is still being sent."
            return []
        }
        return effects
    }

    /// A send of a new title or field value ended: the task as it was is remembered for undo (confirmed)
    /// or put back where it still shows the value sent (refused, or proved not to have arrived).
    mutating func taskChangeSettled(_ s: DraftSend, confirmed: Bool) {
        guard let before = features.taskEdit.editBefore.removeValue(forKey: s.draft.id),
              var shown = fullTask(before.id) ?? task(before.id) else { return }
        if confirmed {
            rememberForUndo(before: [before], after: [shown], summary: Self.changeSummary(s.draft))
            return
        }
        guard TaskEditDrafts.landed(s.draft, in: shown) else { return }
        if s.draft.kind == .title { shown.title = before.title }
        if let f = s.draft.field {
            shown.customFields = (shown.customFields ?? []).filter { $0.id != f.fieldId }
                + (before.customFields ?? []).filter { $0.id == f.fieldId }
        }
        replaceTask(shown)
    }

    static func changeSummary(_ d: Draft) -> String {
        d.kind == .title ? "Renamed to “\(String(d.text.prefix(40)))”" : "\(d.field?.fieldTitle ?? "Field"): \(String(d.text.prefix(40)))"
    }

    // MARK: - What the status line says

    /// The status line for a new title's, field value's or approval request's send.
    mutating func showEditSend(_ s: DraftSend) {
        let d = s.draft
        let what: String
        switch d.kind {
        case .title: what = "The new title “\(Sanitizer.cleanLine(String(d.text.prefix(50))))”"
        case .field: what = "The value of “\(Sanitizer.cleanLine(d.field?.fieldTitle ?? "the field"))”"
        case .approval, .comment, .timelog, .task: what = "The approval request"
        }
        let done = d.kind == .approval ? "Approval requested." : Sanitizer.cleanLine(Self.changeSummary(d)) + "."
        showDetachedSend(s, done: done, pending: what,
                         refused: { "\(what) was not saved: \(SendTracker.clause($0)). Your words are kept as a draft" },
                         reopen: { $0.reopenRefusedEdit($1) })
    }

    /// One sentence on the status line for a send followed without an editor, by its phase: `done`, the
    /// tracker's words after `pending`, or `refused(reason)` and where the words are now (back in their
    /// input when `reopen` put them there, else the drafts list).
    mutating func showDetachedSend(_ s: DraftSend, done: String, pending: String, refused: (String) -> String,
                                   reopen: (inout AppState, DraftSend) -> Bool) {
        clearSendLine()
        var line: String?
        switch s.tracker.phase {
        case .confirmed:
            features.taskEdit.sentAtIntent[s.draft.id] = nil
            line = done
            status.message = line
        case .failed(let m):
            var said = refused(m)
            if !reopen(&self, s) { said += " (\(draftsKeyWords) opens it)" }
            line = said + "."
            status.lastError = line
        case .sending, .resolving, .unknown:
            line = s.tracker.message.map { "\(pending): \($0)" }
            status.message = line
        case .editing:
            break
        }
        actions.sendLine = line
    }

    /// A refused draft goes back into its input when it is free and no key came since the send.
    mutating func reopenRefusedEdit(_ s: DraftSend) -> Bool {
        let sentAt = features.taskEdit.sentAtIntent.removeValue(forKey: s.draft.id)
        guard features.taskEdit.input == nil, modal == nil, sentAt == features.taskEdit.userIntents else { return false }
        return reopenEdit(s.tracker.stamp(s.draft, state: .failed, now: now))
    }

    // MARK: - Reopening

    /// Enter on such a draft in the drafts list (or its key on its task): a send still being checked
    /// stays followed; one not sent or refused goes back into its input, on its task.
    mutating func resumeEditDraft(_ d: Draft) -> [Effect] {
        let (editable, followed) = reopenDetached(d)
        guard let send = editable else { return followed }
        let effects = detail.taskId == d.taskId ? [] : openDetail(d.taskId)
        if d.kind == .approval && !catalog.directory.contactsLoaded {
            // Its approvers are marked by name: reopened once the people are known.
            keepSaved(send.draft)
            status.lastError = "Still loading people: the approval request stays as a draft; open it again in a moment."
            return effects
        }
        guard reopenEdit(send.draft) else {
            keepSaved(send.draft)
            status.lastError = "Close what is open first: the \(d.kind.noun) stays as a draft."
            return effects
        }
        status.message = "Reopened your unsent \(d.kind.noun) (kept as a draft): Enter sends it."
        return effects
    }

    /// Reopens a draft sent without an editor: a send still being checked stays followed (its next steps
    /// are returned); one not sent or refused is returned to go back into its input.
    mutating func reopenDetached(_ d: Draft) -> (editable: DraftSend?, followed: [Effect]) {
        let (send, steps) = reopenSend(d)
        switch send.tracker.phase {
        case .sending, .resolving, .unknown, .confirmed:
            actions.detachedSends[send.draft.id] = send
            return (nil, steps.isEmpty ? [] : advance(send, steps))
        case .editing, .failed:
            return (send, [])
        }
    }

    /// Puts a draft back into its input (the line input, or the approval form): false when one is open.
    mutating func reopenEdit(_ d: Draft) -> Bool {
        guard features.taskEdit.input == nil, modal == nil else { return false }
        switch d.kind {
        case .title:
            let has = task(d.taskId).map { Sanitizer.cleanLine($0.title) } ?? ""
            features.taskEdit.input = EditLine(purpose: .rename(taskId: d.taskId), text: d.text, draft: d, original: has)
            focus = .list
        case .field:
            guard let f = d.field else { return false }
            let field = catalog.directory.customFields[f.fieldId]
            let current = fullTask(d.taskId)?.customFields?.first { $0.id == f.fieldId }?.value
            let has = field.map { FieldValueInput.describe(current, field: $0, name: { catalog.directory.name($0) }) } ?? ""
            features.taskEdit.input = EditLine(purpose: .fieldValue(taskId: d.taskId, fieldId: f.fieldId, title: f.fieldTitle,
                                                                    hint: field.map(FieldValueInput.hint) ?? "as before"),
                                               text: d.text, draft: d, original: Sanitizer.cleanLine(has))
            focus = .list
        case .approval:
            let people = catalog.directory.contacts.values.filter { $0.type != .group && $0.deleted != true }
            modal = .approval(ApprovalRequestForm(contacts: Array(people), draft: d), taskId: d.taskId)
        case .comment, .timelog, .task:
            return false
        }
        return true
    }

    /// A saved draft of a field's value on the task, to reopen instead of an empty input.
    func savedFieldDraft(_ fieldId: String, taskId: String) -> Draft? {
        draftsToList().last { $0.kind == .field && $0.taskId == taskId && $0.field?.fieldId == fieldId }
    }
}
