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

    /// Said when a paste longer than the terminal's cut (`PasteParser.maxScalars`) was taken; the input may
    /// keep less (a one-line input 2,000 characters, the comment editor what fits in its 100,000).
    public static let pasteCut = "The paste was too long: only its start was taken."
    /// Said when text is typed or pasted into a comment editor that holds `TextEditorState.maxLength` characters.
    public static let editorFull = "The comment is full (100,000 characters): nothing more can be added."

    mutating func paste(_ text: String, truncated: Bool) -> [Effect] {
        guard let effects = routePaste(text) else { return [] }
        if truncated { status.message = Self.pasteCut }
        return effects
    }

    /// The paste's effects where an input took it; nil where it was refused (the status line says why).
    private mutating func routePaste(_ text: String) -> [Effect]? {
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
            case .goTo(let m):
                return line.isEmpty ? [] : goToPaste(line, m)
            case .status, .dependency, .approvalsWaiting, .messages, .views, .editPicker:
                return line.isEmpty ? [] : modalInput(.picker(.type(line)))
            case .timelog, .timelogEdit, .approval:
                return line.isEmpty ? [] : modalInput(.form(.insert(line)))
            case .newTaskForm(let f):
                if f.picker == nil { return newTaskFormPaste(text, f) }
                return line.isEmpty ? [] : modalInput(.picker(.type(line)))
            case .confirm, .relation, .drafts, .help:
                status.message = Self.pasteIgnored
                return nil
            }
        }
        if let comp = actions.composer, focus == .detail {
            guard comp.send.tracker.canEdit else {
                status.message = "Paste ignored: the comment is being sent."
                return nil
            }
            guard !comp.editor.isFull else {
                status.message = Self.editorFull
                return nil
            }
            return editorInput(.paste(text))
        }
        status.message = Self.pasteIgnored
        return nil
    }
}
