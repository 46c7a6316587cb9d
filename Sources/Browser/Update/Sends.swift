// Following a comment or time-log send to its end: the answer and re-read events feed the draft's
// `SendTracker`, the new state goes back where the send lives (the comment editor, the time entry form,
// or a send followed without an editor), and the status line says one sentence about it. Unknown
// outcomes are looked at again by themselves on ticks (never before "me" is known), also for drafts
// found at start. See docs/actions.md ("Unknown outcome").
import Foundation
import TermText

extension AppState {
    /// Feeds a send event to the tracker of that draft; returns the next steps.
    mutating func sendEvent(draftId: String, _ e: SendEvent) -> [Effect] {
        guard var s = liveSend(draftId) else { return [] }
        let steps = s.tracker.handle(e, now: now)
        return advance(s, steps)
    }

    /// A send being followed: in the comment editor, the time entry form, or without an editor.
    func liveSend(_ id: String) -> DraftSend? {
        if let c = actions.composer, c.send.draft.id == id { return c.send }
        if case .timelog(_, _, let s?)? = modal, s.draft.id == id { return s }
        return actions.detachedSends[id]
    }

    /// Puts a send's new state back where it lives and says what happened (unless `quiet`: a scheduled
    /// check that changes nothing visible); returns its next steps as an effect.
    mutating func advance(_ s: DraftSend, _ steps: [SendEffect], quiet: Bool = false) -> [Effect] {
        let id = s.draft.id
        let draft = stamp(s, steps)
        var confirmed = false
        if case .confirmed = s.tracker.phase { confirmed = true }
        var detached = false
        var dropped = false
        if var c = actions.composer, c.send.draft.id == id {
            c.send = s
            actions.composer = confirmed ? nil : c
        } else if case .timelog(let form, let taskId, let old?)? = modal, old.draft.id == id {
            modal = confirmed ? nil : .timelog(form, taskId: taskId, send: s)
        } else if actions.detachedSends[id] != nil {
            detached = true
            switch s.tracker.phase {
            case .sending, .resolving, .unknown:
                actions.detachedSends[id] = s
            case .confirmed:
                actions.detachedSends[id] = nil
                actions.savedDrafts.removeAll { $0.id == id }
            case .failed, .editing:
                // Refused, or proved not to have arrived: the draft stays on disk; `c` / `t` on its task reopens it.
                actions.detachedSends[id] = nil
                keepSaved(draft)
                dropped = true
            }
            refreshDraftsPicker()
        } else {
            return []
        }
        if detached, confirmed || dropped { taskChangeSettled(s, confirmed: confirmed) }
        if !quiet { showSend(s, detached: detached) }
        let timerSteps = confirmed ? timerSendConfirmed(draftId: id) : dropped ? timerSendDropped(draftId: id) : []
        return (steps.isEmpty ? [] : [.sendSteps(draft, steps)]) + timerSteps
    }

    /// One sentence on the status line for a send's state. A line written for an earlier state of a
    /// send (an error, "Checking…") is replaced, so "Comment sent." never stands next to an old error.
    mutating func showSend(_ s: DraftSend, detached: Bool) {
        clearSendLine()
        switch s.draft.kind {
        case .task: return showNewTask(s)
        case .approval, .title, .field: return showEditSend(s)
        case .comment, .timelog: break
        }
        let what = s.draft.kind.noun
        var line: String?
        switch s.tracker.phase {
        case .confirmed:
            let done = s.draft.kind == .comment ? "Comment sent." : "Time logged."
            line = detached && s.tracker.attempts == 0 && !s.draft.taskTitle.isEmpty
                ? "Your \(what) on “\(Sanitizer.cleanLine(String(s.draft.taskTitle.prefix(60))))” reached Wrike." : done
            status.message = line
        case .failed(let m):
            line = detached ? "The \(what) stays as a draft: \(Self.lowerFirst(m))" : m
            status.lastError = line
        case .sending, .resolving, .unknown:
            line = s.tracker.message.map { detached ? "Your \(what) on “\(Sanitizer.cleanLine(String(s.draft.taskTitle.prefix(40))))”: \($0)" : $0 }
            status.message = line
        case .editing:
            break
        }
        actions.sendLine = line
    }

    /// Takes the last send line off the status line (it was answered: sent, discarded, copied).
    mutating func clearSendLine() {
        guard let old = actions.sendLine else { return }
        if status.lastError == old { status.lastError = nil }
        if status.message == old { status.message = nil }
        actions.sendLine = nil
    }

    static func lowerFirst(_ m: String) -> String {
        guard let f = m.first, f.isUppercase, !m.dropFirst().hasPrefix("I ") else { return m }
        let second = m.dropFirst().first
        if let second, second.isUppercase { return m }  // an acronym
        return f.lowercased() + m.dropFirst()
    }

    /// On every tick (and when "me" becomes known): unknown outcomes whose check is due are re-read.
    /// Nothing is checked before "me" is known: until then no comment can be proved ours.
    mutating func sendCheckTick() -> [Effect] {
        guard catalog.directory.meId != nil else { return [] }
        var ids: [String] = []
        if let c = actions.composer { ids.append(c.send.draft.id) }
        if case .timelog(_, _, let s?)? = modal { ids.append(s.draft.id) }
        ids += actions.detachedSends.keys.sorted()
        var effects: [Effect] = []
        for id in ids {
            guard var s = liveSend(id), s.tracker.isCheckDue(now: now) else { continue }
            let steps = s.tracker.resolve()
            effects += advance(s, steps, quiet: true)
        }
        return effects
    }

    /// The retry key (and Enter / Ctrl-S in a time entry form whose outcome is unknown): check an unknown
    /// outcome now, or send a refused one again.
    mutating func checkOrRetry() -> [Effect] {
        if case .timelog(_, _, let s?)? = modal {
            if case .unknown = s.tracker.phase { return checkNow(s) }
            return s.tracker.canSend ? modalInput(.form(.submit)) : []
        }
        if case .timelog? = modal { return modalInput(.form(.submit)) }
        guard let comp = actions.composer else {
            let c = keymap.keyName(.comment, ascii: true) ?? "", t = keymap.keyName(.logTime, ascii: true) ?? ""
            status.message = "Nothing to retry: open the comment (\(c)) or time entry (\(t)) first."
            return []
        }
        if case .unknown = comp.send.tracker.phase { return checkNow(comp.send) }
        return retryComposer()
    }

    /// Checks an unknown outcome now, or as soon as "me" is known.
    mutating func checkNow(_ s0: DraftSend) -> [Effect] {
        var s = s0
        guard catalog.directory.meId != nil else {
            s.tracker.awaitUser(now: now)
            return advance(s, [])
        }
        let steps = s.tracker.resolve()
        return advance(s, steps)
    }

    /// Drafts found at start whose send was interrupted are followed without an editor: checked once
    /// "me" is known (`sendCheckTick`), and again by themselves while they may still arrive.
    mutating func followInterrupted(_ drafts: [Draft]) {
        for d in drafts where d.state == .sending || d.state == .unknownOutcome {
            if let live = actions.detachedSends[d.id] {
                // Followed already from the timer's record, which knows less than the draft file (the ids
                // known before the send, the attempts): the file's copy is taken while no check is running.
                guard case .unknown = live.tracker.phase else { continue }
            } else if liveSend(d.id) != nil {
                continue
            }
            actions.detachedSends[d.id] = DraftSend(draft: d, tracker: SendTracker(resuming: d), onDisk: true)
        }
    }

    /// A draft to reopen: the send already followed for it (with its state), else one resumed from disk.
    /// A check that is due starts now when "me" is known.
    mutating func reopenSend(_ d: Draft) -> (DraftSend, [SendEffect]) {
        actions.savedDrafts.removeAll { $0.id == d.id }
        var send = actions.detachedSends.removeValue(forKey: d.id)
            ?? DraftSend(draft: d, tracker: SendTracker(resuming: d), onDisk: true)
        var steps: [SendEffect] = []
        if send.tracker.isCheckDue(now: now), catalog.directory.meId != nil { steps = send.tracker.resolve() }
        refreshDraftsPicker()
        return (send, steps)
    }

    /// The drafts list, if open, shows what is on disk and not in an editor: drafts confirmed in the
    /// background leave it, the others show where their check stands.
    mutating func refreshDraftsPicker() {
        guard case .drafts(let old)? = modal else { return }
        let shown = draftsToList()
        guard !shown.isEmpty else {
            modal = nil
            return
        }
        var p = Self.draftsPicker(shown, checking: Set(actions.detachedSends.keys))
        if let id = old.current?.id, let i = shown.firstIndex(where: { $0.id == id }) {
            for _ in 0..<i { p.moveDown() }
        }
        modal = .drafts(p)
    }

    /// Drafts on disk that no editor holds: the saved ones and the sends followed without an editor.
    func draftsToList() -> [Draft] {
        var all = actions.savedDrafts
        for s in actions.detachedSends.values where !all.contains(where: { $0.id == s.draft.id }) { all.append(s.draft) }
        return all.sorted { ($0.created, $0.id) < ($1.created, $1.id) }
    }

    /// A re-read that says the task is gone: the send cannot land anywhere now.
    static func taskGoneMessage(_ kind: Draft.Kind) -> String {
        let what = kind.noun
        if kind == .task {
            return "Its folder no longer exists (or you cannot see it), so the new task cannot be created; "
                + "in the drafts list (u) Del discards it, Ctrl-Y copies its title."
        }
        return "Its task no longer exists (or you cannot see it), so the \(what) cannot be sent; "
            + "in the drafts list (u) Del discards it, Ctrl-Y copies its text."
    }

    // MARK: - Discarding and copying drafts from the list

    /// Del in the drafts list: asks before deleting the highlighted draft (only `y` deletes it).
    mutating func askDiscardDraft() -> [Effect] {
        guard case .drafts(let p)? = modal, let d = p.current else { return [] }  // other pickers: no such key
        // A send whose outcome is still being learned is not thrown away: the check says soon whether it
        // arrived (then there is nothing to discard) or not. Only when the check cannot run (offline) may
        // its draft go, with a warning.
        var mayHaveArrived = false
        if let s = actions.detachedSends[d.id] {
            switch s.tracker.phase {
            case .unknown where s.tracker.checkFailed:
                mayHaveArrived = true
            case .sending, .resolving, .unknown:
                status.message = "Still checking whether it arrived (by itself); it can be discarded once that is known."
                return []
            case .editing, .failed, .confirmed: break
            }
        }
        let what = d.kind.noun
        let title = Sanitizer.cleanLine(String(d.taskTitle.prefix(50)))
        let question = mayHaveArrived
            ? "Delete the draft of your \(what) on “\(title)”? It may have reached Wrike; if not, its text is lost."
            : "Delete your unsent \(what) on “\(title)”? Its text is lost (Ctrl-Y in the list copies it first)."
        modal = .confirm(ConfirmModel(title: "Discard draft", message: question, yesLabel: "Discard (y)", noLabel: "Keep",
                                                needsY: true), .discardDraft(id: d.id))
        return []
    }

    /// `y` on "Discard draft": the file is deleted (journalled as discarded when it was ever sent).
    mutating func discardDraft(id: String) -> [Effect] {
        let d = actions.savedDrafts.first { $0.id == id } ?? actions.detachedSends[id]?.draft
        actions.savedDrafts.removeAll { $0.id == id }
        let send = actions.detachedSends.removeValue(forKey: id)
        guard let d else { return [] }
        clearSendLine()
        status.message = "Draft discarded."
        let rest = draftsToList()
        if !rest.isEmpty { modal = .drafts(Self.draftsPicker(rest, checking: Set(actions.detachedSends.keys))) }
        return [fileDeletion(send ?? DraftSend(draft: d, tracker: SendTracker(resuming: d), onDisk: true))]
    }

    /// Ctrl-Y in the drafts list: the highlighted draft's text to the clipboard (OSC 52).
    mutating func copyDraftText() -> [Effect] {
        guard case .drafts(let p)? = modal, let d = p.current else { return [] }
        var text = d.text
        if let t = d.timelog { text = "\(TimeInput.formatHours(t.hours)) on \(t.trackedDate)" + (text.isEmpty ? "" : ": " + text) }
        clearSendLine()
        status.message = "Copied the draft's text to the clipboard."
        return [.copyToClipboard(text)]
    }
}
