// What to save when the app ends with text being typed: on `q` (the app saves it, then quits and says so
// on exit) and when it is ended from outside (SIGHUP from a dropped SSH session or a closed terminal
// window, SIGTERM, SIGINT). See docs/actions.md.
import Foundation
import WrikeAPI
import TermText

extension AppState {
    /// Drafts to write before exiting: the inline comment editor's text when it holds any, a time entry
    /// form with valid hours or a comment, the line input's text and the new-task and approval forms'
    /// words, when they may still be edited (a draft being sent, or
    /// whose outcome is unknown, is on disk already and keeps its state). Edits of an existing comment
    /// are not drafts. Pure: the caller saves them.
    public mutating func draftsToKeepOnExit(now: Date) -> [Draft] {
        var out: [Draft] = []
        if let c = composerDraft(now: now) { out.append(c) }
        // The time entry form, open or behind its "Lose what you typed?" question.
        var form: (TimeLogForm, String, DraftSend?)?
        if case .timelog(let f, let taskId, let send)? = modal { form = (f, taskId, send) }
        else if let p = actions.pendingTimelog { form = (p.form, p.taskId, p.send) }
        if let (f, taskId, send) = form, let s = timelogDraft(f, taskId: taskId, send: send, now: now) {
            out.append(s.tracker.stamp(s.draft, state: s.restingState, now: now))
        }
        if let d = lineDraft(now: now) { out.append(d) }
        if case .newTaskForm(let f)? = modal, let d = newTaskFormDraft(f, now: now) { out.append(d) }
        if case .approval(let f, let taskId)? = modal, let d = approvalDraft(f, taskId: taskId, now: now) { out.append(d) }
        return out
    }

    /// `$EDITOR`'s text whose event was not handled when the app ends: the draft the inline editor would
    /// have held for it (on the task an action applies to). Nil for blank text or when no task is known.
    public mutating func externalCommentDraft(_ text: String, now: Date) -> Draft? {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, let t = actionTask else { return nil }
        return SendTracker().stamp(commentDraft(for: t, text: text, now: now), state: .editing, now: now)
    }

    /// A new comment draft on `task`.
    mutating func commentDraft(for task: WrikeTask, text: String, now: Date) -> Draft {
        Draft(id: newDraftId(), kind: .comment, profile: actions.profile, taskId: task.id,
              taskTitle: task.title, text: text, created: now)
    }

    /// The comment editor's text as a draft to save, when it holds words and may be edited.
    func composerDraft(now: Date) -> Draft? {
        guard let c = actions.composer, c.editingCommentId == nil, c.send.tracker.canEdit, !c.editor.isEmpty else { return nil }
        var send = c.send
        send.draft.text = c.editor.text
        return send.tracker.stamp(send.draft, state: send.restingState, now: now)
    }

    /// A time entry form as a draft (a new draft id when it has none yet), or nil when there is nothing
    /// worth keeping: it keeps valid hours (with the date as resolved, or as typed) and any comment.
    mutating func timelogDraft(_ f0: TimeLogForm, taskId: String, send: DraftSend?, now: Date) -> DraftSend? {
        guard f0.isDirty, send?.tracker.canEdit ?? true else { return nil }
        var f = f0
        let comment = f.comment.text.trimmingCharacters(in: .whitespaces)
        var fields: Draft.TimelogFields?
        if case .success(let p) = f.validate(today: now, calendar: environment.calendar) {
            fields = p.draftFields
        } else if let h = TimeInput.parseHours(f.hours.text), h > 0, h <= 24 {
            fields = Draft.TimelogFields(hours: h, trackedDate: f.resolvedDate(today: now, calendar: environment.calendar) ?? f.date.text,
                                         categoryId: f.category?.id)
        }
        guard fields != nil || !comment.isEmpty else { return nil }
        var s = send ?? DraftSend(draft: Draft(id: newDraftId(), kind: .timelog, profile: actions.profile,
                                               taskId: taskId, taskTitle: task(taskId)?.title ?? "", text: comment,
                                               created: now))
        s.draft.text = comment
        s.draft.timelog = fields
        return s
    }

    /// The line printed after the app exits when it kept text as drafts (nil: nothing to say).
    public func exitNote(kept: [Draft]) -> String? {
        var parts: [String] = []
        if kept.count == 1, let d = kept.first {
            let title = d.taskTitle.isEmpty ? "" : " on “\(Sanitizer.cleanLine(String(d.taskTitle.prefix(60))))”"
            parts.append("Your unsent \(d.kind.noun)\(title) is kept as a draft, offered at the next start.")
        } else if kept.count > 1 {
            parts.append("\(kept.count) unsent texts are kept as drafts, offered at the next start.")
        }
        let inFlight = actions.detachedSends.count + (actions.composer.map { $0.send.tracker.canEdit ? 0 : 1 } ?? 0)
        if inFlight == 1 {
            parts.append("1 send was not confirmed yet; its draft is checked at the next start.")
        } else if inFlight > 1 {
            parts.append("\(inFlight) sends were not confirmed yet; their drafts are checked at the next start.")
        }
        return parts.isEmpty ? nil : parts.joined(separator: " ")
    }
}
