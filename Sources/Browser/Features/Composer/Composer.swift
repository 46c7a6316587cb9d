// The inline comment editor: typing, sending as a draft, editing my comment, retrying.
import Foundation
import TermText
import WrikeAPI

extension AppState {
    mutating func openComposer(text: String) -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        let draft = commentDraft(for: t, text: text, now: now)
        let width = max(10, viewport.detailWidth - 2)
        actions.composer = Composer(editor: TextEditorState(text: text, width: width, height: 5),
                                    send: DraftSend(draft: draft, knownIds: Set(detail.comments.map(\.id))))
        if !text.isEmpty { actions.autosave.composerEdited(now: now) }
        focus = .detail
        if detail.taskId != t.id { return openDetail(t.id) }
        return []
    }

    mutating func editorInput(_ c: EditorCommand) -> [Effect] {
        guard var comp = actions.composer else { return [] }
        if comp.confirmingDiscard { return [] }
        if case .cancel(let confirmed) = c, !comp.send.tracker.canEdit {
            // Sending or unknown: the editor closes, the draft stays on disk; the answer is still followed.
            _ = confirmed
            actions.detachedSends[comp.send.draft.id] = comp.send
            actions.composer = nil
            status.message = "The comment stays as a draft; it will be offered at the next start."
            return []
        }
        guard comp.send.tracker.canEdit || c == .send else { return [] }
        if c == .send {
            if !comp.send.tracker.canSend { return retryComposer() }
        }
        let before = comp.editor.text
        let outcome = comp.editor.apply(c)
        if comp.editor.text != before {
            comp.send.tracker.edited()
            actions.autosave.composerEdited(now: now)
        } else if comp.editor.isFull, c.typesText { status.message = Self.editorFull }
        switch outcome {
        case .send where comp.editingCommentId != nil:
            guard !comp.savingEdit, let id = comp.editingCommentId else { return [] }
            comp.savingEdit = true
            actions.composer = comp
            status.message = "Saving the comment…"
            return [.updateComment(id: id, taskId: comp.send.draft.taskId, text: comp.editor.text)]
        case .send:
            comp.send.draft.text = comp.editor.text
            comp.send.knownIds = Set(detail.comments.map(\.id))
            let steps = comp.send.tracker.send(now: now)
            if !steps.isEmpty { comp.send.onDisk = true }
            actions.autosave.composer = nil
            actions.composer = comp
            return steps.isEmpty ? [] : [.sendSteps(stamp(comp.send, steps), steps)]
        case .cancelRequested:
            comp.confirmingDiscard = true
            actions.composer = comp
            modal = .confirm(ConfirmModel(title: "Discard comment", message: "Lose the text you typed?",
                                                    yesLabel: "Discard", noLabel: "Keep editing", needsY: true), .discardComment)
        case .cancelled:
            actions.composer = nil
            actions.autosave.composer = nil
            return comp.send.hasFile ? [fileDeletion(comp.send)] : []
        case .edited, .ignored:
            actions.composer = comp
        }
        return []
    }

    /// Deletes a draft's file (discarded, or emptied): with its send count, so the journal tells a
    /// refused send the user dropped (`discarded`) from text that was never sent (not journalled).
    func fileDeletion(_ s: DraftSend) -> Effect {
        .sendSteps(s.tracker.stamp(s.draft, state: s.restingState, now: now), [.deleteDraft])
    }

    func stamp(_ s: DraftSend, _ steps: [SendEffect]) -> Draft {
        var state: Draft.State = .editing
        for step in steps { if case .saveDraft(let st) = step { state = st } }
        return s.tracker.stamp(s.draft, state: state, now: now)
    }

    mutating func retryComposer() -> [Effect] {
        guard var comp = actions.composer else { return [] }
        let steps: [SendEffect]
        switch comp.send.tracker.phase {
        case .unknown: steps = comp.send.tracker.resolve()
        case .failed, .editing:
            comp.send.draft.text = comp.editor.text
            steps = comp.send.tracker.send(now: now)
            if !steps.isEmpty { comp.send.onDisk = true }
            actions.autosave.composer = nil
        case .sending, .confirmed, .resolving: steps = []
        }
        actions.composer = comp
        return steps.isEmpty ? [] : [.sendSteps(stamp(comp.send, steps), steps)]
    }
}
