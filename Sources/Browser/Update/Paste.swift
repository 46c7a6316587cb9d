// A paste is text, never keys: it goes into the text input that has the focus (the comment editor and
// the new-task form's description keep its newlines; one-line inputs get them as spaces), sanitized as typed text is, and is ignored where no
// input has the focus. Nothing a paste holds (tabs, `q`, `i`, Ctrl-S...) ever runs an action.
// See docs/actions.md.
import Foundation
import TermText

extension AppState {
    /// Said when a paste arrives where no text input has the focus.
    public static let pasteIgnored = "Paste ignored: no text field has focus."
    /// Longest text a one-line input takes from a paste.
    public static let pasteLineLimit = 2_000

    mutating func paste(_ text: String, truncated: Bool) -> [Effect] {
        let effects = routePaste(text)
        if truncated && status.message != Self.pasteIgnored {
            status.message = "Only the first \(TextEditorState.maxLength) characters of the paste were taken."
        }
        return effects
    }

    private mutating func routePaste(_ text: String) -> [Effect] {
        let line = Sanitizer.cleanLine(text, maxLength: Self.pasteLineLimit)
        if features.taskEdit.input != nil && modal == nil {
            return line.isEmpty ? [] : lineInput(.type(line))
        }
        if list.editingFilter {
            guard !line.isEmpty else { return [] }
            list.setFilter(list.filter + line)
            return afterFilterChange()
        }
        if let overlay = modal {
            switch overlay {
            case .status, .dependency, .approvalsWaiting, .messages, .goTo, .views, .editPicker:
                return line.isEmpty ? [] : modalInput(.picker(.type(line)))
            case .timelog, .timelogEdit, .approval:
                return line.isEmpty ? [] : modalInput(.form(.insert(line)))
            case .newTaskForm(let f):
                if f.picker == nil { return newTaskFormPaste(text, f) }
                return line.isEmpty ? [] : modalInput(.picker(.type(line)))
            case .confirm, .relation, .drafts, .help:
                status.message = Self.pasteIgnored
                return []
            }
        }
        if let comp = actions.composer, focus == .detail {
            guard comp.send.tracker.canEdit else {
                status.message = "Paste ignored: the comment is being sent."
                return []
            }
            return editorInput(.paste(text))
        }
        status.message = Self.pasteIgnored
        return []
    }
}
