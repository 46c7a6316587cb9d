// Drafts reopened into their editor or form, the status picker's choice, the time-log and approval
// forms' input.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func resumeDraft(_ d: Draft) -> [Effect] {
        switch d.kind {
        case .task: return resumeNewTask(d)
        case .approval, .title, .field: return resumeEditDraft(d)
        case .comment, .timelog: break
        }
        let (send, steps) = reopenSend(d)
        let draft = send.draft
        var effects: [Effect] = []
        focus = .detail
        if detail.taskId != draft.taskId { effects += openDetail(draft.taskId) }
        switch draft.kind {
        case .comment:
            let width = max(10, viewport.detailWidth - 2)
            actions.composer = Composer(editor: TextEditorState(text: draft.text, width: width, height: 5), send: send)
        case .timelog:
            modal = .timelog(TimeLogForm(categories: actions.categories ?? [], prefill: draft), taskId: draft.taskId,
                                       send: send)
            if actions.categories == nil { effects.append(.loadTimelogCategories) }
        case .task, .approval, .title, .field:
            break  // resumeNewTask, resumeEditDraft
        }
        if !steps.isEmpty { effects.append(.sendSteps(stamp(send, steps), steps)) }
        if send.tracker.message != nil { showSend(send, detached: false) }
        return effects
    }

    mutating func applyStatus(_ m: StatusPickerModel, ids: [String]) -> [Effect] {
        guard let choice = m.selection else { return [] }
        let tasks = ids.compactMap { task($0) }
        var changes: [StatusChange] = []
        switch choice {
        case .status(let o):
            if o.isCurrent && ids.count == 1 { return [] }
            changes = BulkStatus.plan(statusId: o.id, tasks: tasks.map { ($0.id, $0.customStatusId) })
        case .group(let g):
            let plan = BulkStatus.plan(group: g, tasks: tasks.map { ($0.id, $0.customStatusId) }, workflows: actions.workflows)
            changes = plan.changes
            if !plan.skipped.isEmpty { status.lastError = "\(plan.skipped.count) task(s) have no such status in their workflow; left unchanged." }
        }
        guard !changes.isEmpty else { status.message = "Nothing to change."; return [] }
        var effects: [Effect] = []
        for ch in changes {
            let token = nextToken()
            let affected = ch.taskIds.compactMap { task($0) }
            actions.pending[token] = PendingEdit(rollback: affected, summary: "Status changed")
            let status = catalog.directory.statuses[ch.customStatusId]
            replaceTasks(affected.map { t in
                var n = t
                n.customStatusId = ch.customStatusId
                if let g = status?.group { n.status = g }
                return n
            })
            if ids.count == 1 && ch.taskIds.count == 1 {
                effects.append(.updateTask(taskId: ch.taskIds[0], TaskUpdate(customStatus: ch.customStatusId), token: token))
            } else {
                effects.append(.updateTasks(ids: ch.taskIds, BulkTaskUpdate(customStatus: ch.customStatusId), token: token))
            }
        }
        if ids.count > 1 { actions.marks.clear() }
        status.message = ids.count > 1 ? "Changing the status of \(ids.count) tasks…" : "Changing the status…"
        return effects
    }

    mutating func timelogFormInput(_ input: FormInput, form: TimeLogForm, taskId: String, send: DraftSend?) -> [Effect] {
        if let s = send, !s.tracker.canEdit { return sendingTimelogInput(input, s) }
        return timelogInput(input, form: form, taskId: taskId, send: send)
    }

    mutating func approvalFormInput(_ input: FormInput, form f0: ApprovalRequestForm, taskId: String) -> [Effect] {
        var form = f0
        switch form.handle(input, today: now, calendar: environment.calendar) {
        case .submit(let p):
            modal = nil
            actions.autosave.approval = nil
            return sendApproval(p, form: form, taskId: taskId)
        case .cancelled, .cancelRequested:
            return closeApprovalForm(form, taskId: taskId)
        case .edited:
            actions.autosave.approvalEdited(now: now)
            modal = .approval(form, taskId: taskId)
        case .invalid, .ignored:
            modal = .approval(form, taskId: taskId)
        }
        return []
    }

    mutating func timelogEditInput(_ input: FormInput, form f0: TimeLogForm, entry: Timelog) -> [Effect] {
        var form = f0
        switch form.handle(input, today: now, calendar: environment.calendar) {
        case .submit(let p):
            modal = nil
            return saveTimelogEdit(p, entry: entry)
        case .cancelled, .cancelRequested:
            modal = nil
        case .edited, .invalid, .ignored:
            modal = .timelogEdit(form, entry: entry)
        }
        return []
    }

    /// The time-log form while its entry is sending or its outcome is unknown: only closing it (the send
    /// is still followed without the form) and checking again.
    mutating func sendingTimelogInput(_ input: FormInput, _ s: DraftSend) -> [Effect] {
        switch input {
        case .cancel:
            actions.detachedSends[s.draft.id] = s
            modal = nil
            status.message = "The time entry stays as a draft; it is still checked by itself."
        case .submit, .enter:
            if case .unknown = s.tracker.phase { return checkNow(s) }
        case .insert, .backspace, .delete, .clear, .left, .right, .up, .down, .home, .end, .nextField,
             .previousField, .toggle:
            break
        }
        return []
    }

    mutating func timelogInput(_ input: FormInput, form f0: TimeLogForm, taskId: String, send s0: DraftSend?) -> [Effect] {
        var form = f0
        var send = s0
        switch form.handle(input, today: now, calendar: environment.calendar) {
        case .submit(let p):
            let title = task(taskId)?.title ?? ""
            var s = send ?? DraftSend(draft: Draft(id: newDraftId(), kind: .timelog, profile: actions.profile,
                                                   taskId: taskId, taskTitle: title, text: p.comment, created: now))
            s.draft.text = p.comment
            s.draft.timelog = p.draftFields
            s.knownIds = Set(detail.taskId == taskId ? detail.timelogs.map(\.id) : [])
            let steps = s.tracker.send(now: now)
            if !steps.isEmpty { s.onDisk = true }
            actions.autosave.timelog = nil
            modal = .timelog(form, taskId: taskId, send: s)
            return (steps.isEmpty ? [] : [.sendSteps(stamp(s, steps), steps)]) + timerSubmitted(s, taskId: taskId)
        case .cancelRequested:
            if timerFormCancel(taskId: taskId) { return [] }
            modal = .confirm(ConfirmModel(title: "Discard time entry", message: "Lose what you typed?",
                                                    yesLabel: "Discard", noLabel: "Keep editing", needsY: true), .discardTimelog)
            actions.pendingTimelog = PendingTimelog(form: form, taskId: taskId, send: send)
        case .cancelled:
            modal = nil
            actions.autosave.timelog = nil
            if let s = send, s.hasFile { return [fileDeletion(s)] }
        case .edited, .invalid, .ignored:
            if let s = send { var s2 = s; s2.tracker.edited(); send = s2 }
            actions.autosave.timelogEdited(now: now)
            modal = .timelog(form, taskId: taskId, send: send)
        }
        return []
    }
}
