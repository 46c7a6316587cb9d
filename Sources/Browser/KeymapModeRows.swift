// The key table's rows for the filter, the comment editor, the forms, confirmations and the help overlay.
// Where a mode takes text, a typed character that is no row's key is text (`Keymap.intent(for:typed:in:)`).

extension Keymap {
    private static func rows(_ mode: KeyMode, _ group: String,
                             _ rows: [(Action, [String], String, String)]) -> [Binding] {
        rows.map { Binding($0.0, $0.1, $0.2, $0.3, group: group, mode: mode) }
    }

    static let filterRows = rows(.filter, "While filtering", [
        (.filterKeep, ["enter"], "keep", "Keep the filter and go back to the list"),
        (.filterCancel, ["esc"], "clear", "Remove the filter"),
        (.filterDeleteChar, ["backspace"], "delete", "Delete the last character (typing adds to the filter)"),
        (.filterDeleteWord, ["ctrl-w"], "delete word", "Delete the last word"),
        (.filterClear, ["ctrl-u"], "clear text", "Clear the filter text"),
        (.filterDown, ["down"], "down", "Move down in the list"),
        (.filterUp, ["up"], "up", "Move up in the list"),
        (.filterPageDown, ["pgdn"], "page down", "Move one page down in the list"),
        (.filterPageUp, ["pgup"], "page up", "Move one page up in the list"),
    ])

    static let editorRows = rows(.editor, "In the comment editor", [
        (.editorSend, ["ctrl-s"], "send",
         "Send the comment, saved as a draft first (terminal flow control is off, so control keys reach the app)"),
        (.editorCancel, ["esc"], "cancel", "Close the editor (asks first when text would be lost)"),
        (.editorNewline, ["enter"], "new line", "Start a new line"),
        (.editorRetrySend, ["ctrl-r"], "retry/check", "Retry a failed send, or check now whether one with an unknown outcome arrived"),
        (.editorNextPane, ["tab"], "leave editor", "Focus the next pane; the comment stays open"),
        (.editorPreviousPane, ["s-tab"], "leave editor", "Focus the previous pane; the comment stays open"),
        (.editorDeleteChar, ["backspace"], "delete", "Delete the character before the cursor"),
        (.editorDeleteForward, ["delete", "ctrl-d"], "delete forward", "Delete the character under the cursor"),
        (.editorDeleteWord, ["ctrl-w"], "delete word", "Delete the word before the cursor"),
        (.editorDeleteToLineStart, ["ctrl-u"], "delete to start", "Delete to the start of the line"),
        (.editorDeleteToLineEnd, ["ctrl-k"], "delete to end", "Delete to the end of the line"),
        (.editorLeft, ["left"], "left", "Move left"),
        (.editorRight, ["right"], "right", "Move right"),
        (.editorUp, ["up"], "up", "Move up a line (as shown, wrapped)"),
        (.editorDown, ["down"], "down", "Move down a line (as shown, wrapped)"),
        (.editorWordLeft, ["ctrl-b"], "word left", "Move to the previous word"),
        (.editorWordRight, ["ctrl-f"], "word right", "Move to the next word"),
        (.editorLineStart, ["home", "ctrl-a"], "line start", "Go to the start of the line"),
        (.editorLineEnd, ["end", "ctrl-e"], "line end", "Go to the end of the line"),
        (.editorPageUp, ["pgup"], "page up", "Move one page up"),
        (.editorPageDown, ["pgdn"], "page down", "Move one page down"),
    ])

    static let formRows = rows(.form, "In forms", [
        (.formNextField, ["tab"], "next field", "Go to the next field"),
        (.formPreviousField, ["s-tab"], "previous field", "Go to the previous field"),
        (.formAccept, ["enter"], "next", "The next field; on the last field submit (the time-log and new-task forms submit from any field; on a new task's Assignees it opens the people picker, in its Description it starts a new line)"),
        (.formSubmit, ["ctrl-s"], "submit", "Submit the form from any field"),
        (.formCancel, ["esc"], "cancel", "Close the form (asks first when typed text would be lost)"),
        (.formToggle, ["space"], "mark", "In the approvers list: mark or unmark a person (in a text field: a space)"),
        (.formRetrySend, ["ctrl-r"], "check/retry", "In the time-log form: retry a failed entry, or check an unknown one now"),
        (.formDeleteChar, ["backspace"], "delete", "Delete the character before the cursor"),
        (.formDeleteForward, ["delete"], "delete forward", "Delete the character under the cursor"),
        (.formClear, ["ctrl-u"], "clear", "Clear the focused field: its text, choice or people (the approvers list: the typed name; a Description: the line up to the cursor)"),
        (.formLeft, ["left"], "left", "Move left; in a choice field (category, importance, status): the previous choice"),
        (.formRight, ["right"], "right", "Move right; in a choice field (category, importance, status): the next choice"),
        (.formUp, ["up"], "up", "In the approvers list: move up; in the new-task form: the previous field (in a Description of several lines, the line above first)"),
        (.formDown, ["down"], "down", "In the approvers list: move down; in the new-task form: the next field (in a Description of several lines, the line below first)"),
        (.formStart, ["home", "ctrl-a"], "start", "Go to the start of the field"),
        (.formEnd, ["end", "ctrl-e"], "end", "Go to the end of the field"),
    ])

    static let confirmRows = rows(.confirm, "In confirmations", [
        (.confirmYes, ["y", "Y"], "yes", "Yes (a question that loses something on yes is answered yes only by this)"),
        (.confirmNo, ["n", "N", "q"], "no", "No"),
        (.confirmCancel, ["esc"], "no", "No: close the question"),
        (.confirmAccept, ["enter"], "the highlighted answer", "Take the highlighted answer (No unless it was moved)"),
        (.confirmToggle, ["left", "right", "tab", "s-tab", "h", "l"], "switch",
         "Move the highlight between the answers (not to yes where yes loses something)"),
    ])

    static let helpRows = rows(.help, "In help", [
        (.helpDown, ["j", "down"], "scroll", "Scroll down"),
        (.helpUp, ["k", "up"], "scroll", "Scroll up"),
        (.helpPageDown, ["pgdn", "ctrl-f", "ctrl-d"], "page down", "Scroll one page down"),
        (.helpPageUp, ["pgup", "ctrl-b", "ctrl-u"], "page up", "Scroll one page up"),
        (.helpTop, ["g", "home"], "top", "Go to the top"),
        (.helpClose, ["esc", "?", "f1"], "close", "Close the help (any other key closes it and does what it does)"),
    ])
}
