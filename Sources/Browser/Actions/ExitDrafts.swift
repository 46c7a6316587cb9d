// What to save when the app is ended from outside (SIGHUP from a dropped SSH session or a closed
// terminal window, SIGTERM, SIGINT): text being typed that is not on disk yet. See docs/actions.md.
import Foundation

extension AppState {
    /// Drafts to write before exiting: the inline comment editor's text when it holds any and it may
    /// still be edited (a draft being sent, or whose outcome is unknown, is on disk already and must
    /// keep its state). Edits of an existing comment are not drafts. Pure: the caller saves them.
    public func draftsToKeepOnExit(now: Date) -> [Draft] {
        guard let c = actions.composer, c.editingCommentId == nil, c.send.tracker.canEdit else { return [] }
        let text = c.editor.text
        guard !text.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { return [] }
        var send = c.send
        send.draft.text = text
        let state: Draft.State
        if case .failed = send.tracker.phase { state = .failed } else { state = .editing }
        return [send.tracker.stamp(send.draft, state: state, now: now)]
    }
}
