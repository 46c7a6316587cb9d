// Hints (the hint line, the hints in dialogs, key names in prose) built from the key table: each names
// actions, and the keys shown are the table's (a rebound key shows). Render code draws these; it spells no key.

/// One item of a hint: the keys (display names; empty for a note) and what they do.
public struct HintItem: Sendable, Equatable {
    public var keys: String
    public var label: String
    public init(keys: String, label: String) {
        self.keys = keys
        self.label = label
    }
}

/// A part of a hint.
public enum HintPart: Sendable, Equatable {
    /// The action's first key; the label is the row's unless given.
    case key(Action, String? = nil)
    /// The first key of each action, joined with "/" ("↑/↓ move"); the label is the first row's unless given.
    case keys([Action], String? = nil)
    /// Text that names no key of the table ("type to narrow", "@name assignee").
    case text(String, String)
    case note(String)
}

extension Keymap {
    /// The display name of `action`'s first key (nil when it has none).
    public func keyName(_ action: Action, ascii: Bool) -> String? {
        keys(for: action).first.map { KeyNames.display($0, ascii: ascii) }
    }

    /// The items of a hint; an action without a key is left out.
    public func hintItems(_ parts: [HintPart], ascii: Bool) -> [HintItem] {
        parts.compactMap { part in
            switch part {
            case .key(let a, let label):
                return keyName(a, ascii: ascii).map { HintItem(keys: $0, label: label ?? binding(for: a)?.label ?? "") }
            case .keys(let actions, let label):
                let names = actions.compactMap { keyName($0, ascii: ascii) }
                guard let first = actions.first, !names.isEmpty else { return nil }
                return HintItem(keys: names.joined(separator: "/"), label: label ?? binding(for: first)?.label ?? "")
            case .text(let lead, let label): return HintItem(keys: lead, label: label)
            case .note(let text): return HintItem(keys: "", label: text)
            }
        }
    }

    /// A hint as one line of text: "Tab next field · Esc cancel".
    public func hint(_ parts: [HintPart], ascii: Bool) -> String {
        hintItems(parts, ascii: ascii).map(Self.text).joined(separator: " · ")
    }

    /// The hint's leading items that fit in `width` as measured by `measure` (whole items: a key is
    /// never shown without what it does); all of it when even the first does not fit (the caller cuts).
    public func hint(_ parts: [HintPart], ascii: Bool, width: Int, measure: (String) -> Int) -> String {
        var out = ""
        for item in hintItems(parts, ascii: ascii) {
            let next = out.isEmpty ? Self.text(item) : out + " · " + Self.text(item)
            if !out.isEmpty && measure(next) > width { break }
            out = next
        }
        return out.isEmpty ? hint(parts, ascii: ascii) : out
    }

    private static func text(_ item: HintItem) -> String { item.keys.isEmpty ? item.label : "\(item.keys) \(item.label)" }
}

/// The hints of each place, as actions of the key table (each modal's: its `Modal.hint`).
public enum Hints {
    public static let help: [HintPart] = [.keys([.helpDown, .helpUp]), .key(.helpClose)]
    public static let filter: [HintPart] = [.text("type", "filter"), .text("@name", "assignee"), .text("#name", "status"),
                                            .key(.filterKeep), .key(.filterCancel)]
    /// In the list's title while the filter is typed.
    public static let filterTitle: [HintPart] = [.key(.filterKeep), .key(.filterCancel)]
    public static let composer: [HintPart] = [.key(.editorSend), .key(.editorCancel), .key(.editorNewline),
                                              .key(.editorRetrySend), .key(.editorNextPane)]
    public static let composerPanel: [HintPart] = [.key(.editorSend), .key(.editorCancel), .key(.editorRetrySend),
                                                   .note("saved as a draft before sending")]
    public static let commentEditPanel: [HintPart] = [.key(.editorSend, "save"), .key(.editorCancel),
                                                      .note("Wrike allows edits for 5 minutes")]
    public static let timeLogPanel: [HintPart] = [.key(.formNextField, "next"), .keys([.formLeft, .formRight], "category"),
                                                  .key(.formAccept, "log"), .key(.formCancel)]
    public static let timeLogEditPanel: [HintPart] = [.key(.formNextField, "next"), .keys([.formLeft, .formRight], "category"),
                                                      .key(.formAccept, "save"), .key(.formCancel)]
    public static let approvalPanel: [HintPart] = [.key(.formNextField, "next"), .key(.formToggle), .key(.formSubmit, "request"),
                                                   .key(.formCancel)]
    public static let findTaskPanel: [HintPart] = [.note("Type to search"), .keys([.pickerUp, .pickerDown], "choose"),
                                                   .key(.pickerChoose, "next"), .key(.pickerClose), .key(.pickerClear)]
    public static let chooseSidePanel: [HintPart] = [.keys([.pickerUp, .pickerDown], "choose"), .key(.pickerChoose, "next"),
                                                     .key(.pickerClose, "back")]
    public static let chooseRelationPanel: [HintPart] = [.keys([.pickerUp, .pickerDown], "choose"), .key(.pickerChoose, "add"),
                                                         .key(.pickerClose, "back")]
    /// The line input's (a new task's title: create, more fields, close; a title, dates or a field's value: save).
    public static func lineInput(newTask: Bool) -> [HintPart] {
        let edit: [HintPart] = [.key(.inputDeleteWord), .key(.inputClear)]
        if newTask { return [.key(.inputSubmit, "create"), .key(.inputMoreFields), .key(.inputCancel, "close")] + edit }
        return [.key(.inputSubmit), .key(.inputCancel)] + edit
    }
    /// The status line's pointer to help.
    public static let statusHelp: [HintPart] = [.key(.help)]
}
