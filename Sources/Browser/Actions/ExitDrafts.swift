// What to save when the app is ended from outside (SIGHUP from a dropped SSH session or a closed
// terminal window, SIGTERM, SIGINT): text being typed that is not on disk yet. See docs/actions.md.
import Foundation
import WrikeAPI

extension AppState {
    /// Drafts to write before exiting: the inline comment editor's text when it holds any, and a time
    /// entry form with valid hours, when they may still be edited (a draft being sent, or whose outcome
    /// is unknown, is on disk already and keeps its state). Edits of an existing comment are not drafts.
    /// Pure: the caller saves them.
    public func draftsToKeepOnExit(now: Date) -> [Draft] {
        var out: [Draft] = []
        func state(_ s: DraftSend) -> Draft.State {
            if case .failed = s.tracker.phase { return .failed }
            return .editing
        }
        if let c = actions.composer, c.editingCommentId == nil, c.send.tracker.canEdit,
           !c.editor.text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
            var send = c.send
            send.draft.text = c.editor.text
            out.append(send.tracker.stamp(send.draft, state: state(send), now: now))
        }
        // The time entry form, open or behind its "Lose what you typed?" question.
        var form: (TimeLogForm, String, DraftSend?)?
        if case .timelog(let f, let taskId, let send)? = actions.overlay { form = (f, taskId, send) }
        else if let p = actions.pendingTimelog { form = (p.form, p.taskId, p.send) }
        if let (f0, taskId, send) = form, f0.isDirty, send?.tracker.canEdit ?? true {
            var f = f0
            if case .success(let p) = f.validate(today: now) {
                var s = send ?? DraftSend(draft: Draft(id: DraftStore.newId(now: now), kind: .timelog, profile: actions.profile,
                                                       taskId: taskId, taskTitle: task(taskId)?.title ?? "", text: p.comment,
                                                       created: now))
                s.draft.text = p.comment
                s.draft.timelog = p.draftFields
                out.append(s.tracker.stamp(s.draft, state: state(s), now: now))
            }
        }
        return out
    }

    /// `$EDITOR`'s text whose event was not handled when the app ends: the draft the inline editor would
    /// have held for it (on the task an action applies to). Nil for blank text or when no task is known.
    public func externalCommentDraft(_ text: String, now: Date) -> Draft? {
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty, let t = actionTask else { return nil }
        return SendTracker().stamp(commentDraft(for: t, text: text, now: now), state: .editing, now: now)
    }

    /// A new comment draft on `task`.
    func commentDraft(for task: WrikeTask, text: String, now: Date) -> Draft {
        Draft(id: DraftStore.newId(now: now), kind: .comment, profile: actions.profile, taskId: task.id,
              taskTitle: task.title, text: text, created: now)
    }
}
