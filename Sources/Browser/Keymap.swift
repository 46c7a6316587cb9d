// The declarative keymap: one table drives dispatch, the hint line, the `?` overlay and docs/keys.md.
// Keys are canonical names in the config file's syntax ("j", "G", "ctrl-d", "s-tab", "pgdn", "enter").

/// Where a row of the key table applies.
public enum KeyMode: String, Sendable, Hashable, CaseIterable {
    /// The panes: tree, list, detail.
    case browse
    /// An open picker (status, dependency finder, relation type, drafts, approvals waiting, messages).
    /// Typed characters narrow its list, so its rows take no printable key.
    case picker
    /// Typing the filter of the task list (`/`).
    case filter
    /// The comment editor in the detail pane.
    case editor
    /// The time-log form, the approval form.
    case form
    /// A yes/no question.
    case confirm
    /// The help overlay (`?`).
    case help
    /// The timesheet (the week's grid of my time entries).
    case timesheet
    /// The inbox (Features/Inbox).
    case inbox
    /// The one-line input above the task list (a new task's title, a title, dates; Features/TaskEdit).
    case lineInput

    /// Typed characters are text here (the filter, a picker's query, the editor, a form's field): its rows
    /// take no printable key, but the form's `form-toggle` takes Space (a space in a text field).
    /// Where typed text goes in this mode (for messages).
    public var textPlace: String {
        switch self {
        case .picker: "pickers"
        case .filter: "the filter"
        case .editor: "the comment editor"
        case .form: "forms"
        case .lineInput: "the line input"
        case .browse, .confirm, .help, .timesheet, .inbox: "nowhere"
        }
    }

    public var takesText: Bool {
        switch self {
        case .picker, .filter, .editor, .form, .lineInput: true
        case .browse, .confirm, .help, .timesheet, .inbox: false
        }
    }
}

/// One row of the keymap table.
public struct Binding: Sendable, Hashable {
    public var action: Action
    public var keys: [String]
    /// Short label for the hint line ("open").
    public var label: String
    /// Sentence for the help overlay and docs.
    public var help: String
    /// Group heading in help and docs.
    public var group: String
    /// Panes where the hint line shows it (empty: not shown in the hint line).
    public var hintIn: Set<Pane>
    public var mode: KeyMode
    /// The row of a custom command (`action` is `.customCommand`).
    public var command: CustomCommand?

    public init(_ action: Action, _ keys: [String], _ label: String, _ help: String, group: String,
                hintIn: Set<Pane> = [], mode: KeyMode = .browse, command: CustomCommand? = nil) {
        self.action = action
        self.keys = keys
        self.label = label
        self.help = help
        self.group = group
        self.hintIn = hintIn
        self.mode = mode
        self.command = command
    }
}

public struct Keymap: Sendable {
    public private(set) var bindings: [Binding]
    private var byKey: [KeyMode: [String: Action]] = [:]

    public init(bindings: [Binding]) {
        self.bindings = bindings
        for b in bindings {
            for k in b.keys where byKey[b.mode]?[k] == nil { byKey[b.mode, default: [:]][k] = b.action }
        }
    }

    /// A key that types a character (a picker's query takes it as text).
    public static func isPrintable(_ key: String) -> Bool { key == "space" || key.count == 1 }

    /// Whether `action`'s row in `mode` may take `key`: where typed characters are text, only a key that
    /// types none (and Space for `form-toggle`, which types a space in a text field).
    public static func allows(_ key: String, for action: Action, in mode: KeyMode) -> Bool {
        !mode.takesText || !isPrintable(key) || (action == .formToggle && key == "space")
    }

    /// The rows of `mode`, in table order.
    public func bindings(in mode: KeyMode) -> [Binding] { bindings.filter { $0.mode == mode } }

    /// The action bound to a canonical key name in `mode`.
    public func action(for key: String, in mode: KeyMode = .browse) -> Action? { byKey[mode]?[key] }

    public func keys(for action: Action) -> [String] { bindings.first { $0.action == action }?.keys ?? [] }

    public func binding(for action: Action) -> Binding? { bindings.first { $0.action == action } }
}

/// Display names for canonical key names.
public enum KeyNames {
    public static func display(_ key: String, ascii: Bool) -> String {
        switch key {
        case "space": return "Space"
        case "enter": return "Enter"
        case "esc": return "Esc"
        case "tab": return "Tab"
        case "s-tab": return "S-Tab"
        case "pgup": return "PgUp"
        case "pgdn": return "PgDn"
        case "home": return "Home"
        case "end": return "End"
        case "backspace": return "Backspace"
        case "delete": return "Delete"
        case "insert": return "Insert"
        case "up": return ascii ? "Up" : "↑"
        case "down": return ascii ? "Down" : "↓"
        case "left": return ascii ? "Left" : "←"
        case "right": return ascii ? "Right" : "→"
        default:
            if key.hasPrefix("ctrl-") { return "Ctrl-" + key.dropFirst(5) }
            if key.count > 1, key.hasPrefix("f"), Int(key.dropFirst()) != nil { return "F" + key.dropFirst() }
            return key
        }
    }
}
