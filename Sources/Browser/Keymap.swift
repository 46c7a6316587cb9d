// The declarative keymap: one table drives dispatch, the hint line, the `?` overlay and docs/keys.md.
// Keys are canonical names in the config file's syntax ("j", "G", "ctrl-d", "s-tab", "pgdn", "enter").

/// Everything a key can do.
public enum Action: String, Sendable, Hashable, CaseIterable {
    case moveDown = "move-down"
    case moveUp = "move-up"
    case pageDown = "page-down"
    case pageUp = "page-up"
    case halfPageDown = "half-page-down"
    case halfPageUp = "half-page-up"
    case top
    case bottom
    case paneLeft = "pane-left"
    case paneRight = "pane-right"
    case nextPane = "next-pane"
    case previousPane = "previous-pane"
    case open
    case back
    case toggleExpand = "toggle-expand"
    case refresh
    case copyLink = "copy-link"
    case showLink = "show-link"
    case filter
    case sortNext = "sort"
    case sortReverse = "sort-reverse"
    case nextSection = "next-section"
    case previousSection = "previous-section"
    case help
    case quit

    /// The intent this action stands for.
    public var intent: Intent {
        switch self {
        case .moveDown: .move(1)
        case .moveUp: .move(-1)
        case .pageDown: .page(1)
        case .pageUp: .page(-1)
        case .halfPageDown: .halfPage(1)
        case .halfPageUp: .halfPage(-1)
        case .top: .top
        case .bottom: .bottom
        case .paneLeft: .paneLeft
        case .paneRight: .paneRight
        case .nextPane: .focusNext
        case .previousPane: .focusPrevious
        case .open: .open
        case .back: .back
        case .toggleExpand: .toggleExpand
        case .refresh: .refresh
        case .copyLink: .copyPermalink
        case .showLink: .showPermalink
        case .filter: .beginFilter
        case .sortNext: .cycleSort
        case .sortReverse: .reverseSort
        case .nextSection: .nextSection
        case .previousSection: .previousSection
        case .help: .toggleHelp
        case .quit: .quit
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

    public init(_ action: Action, _ keys: [String], _ label: String, _ help: String, group: String,
                hintIn: Set<Pane> = []) {
        self.action = action
        self.keys = keys
        self.label = label
        self.help = help
        self.group = group
        self.hintIn = hintIn
    }
}

public struct Keymap: Sendable {
    public private(set) var bindings: [Binding]
    private var byKey: [String: Action] = [:]

    /// Keys kept free for the task actions (status, comment, time, dependency, approval...).
    public static let reserved: [String] = ["s", "c", "C", "t", "d", "x", "A", "a", "i", "space"]

    public init(bindings: [Binding]) {
        self.bindings = bindings
        for b in bindings {
            for k in b.keys where byKey[k] == nil { byKey[k] = b.action }
        }
    }

    public static let defaults = Keymap(bindings: [
        Binding(.moveDown, ["j", "down"], "down", "Move down", group: "Move"),
        Binding(.moveUp, ["k", "up"], "up", "Move up", group: "Move"),
        Binding(.pageDown, ["pgdn", "ctrl-f"], "page down", "Move one page down", group: "Move"),
        Binding(.pageUp, ["pgup", "ctrl-b"], "page up", "Move one page up", group: "Move"),
        Binding(.halfPageDown, ["ctrl-d"], "half page down", "Move half a page down", group: "Move"),
        Binding(.halfPageUp, ["ctrl-u"], "half page up", "Move half a page up", group: "Move"),
        Binding(.top, ["g", "home"], "top", "Go to the first row", group: "Move"),
        Binding(.bottom, ["G", "end"], "bottom", "Go to the last row", group: "Move"),
        Binding(.paneLeft, ["h", "left"], "left pane", "Focus the pane to the left", group: "Panes"),
        Binding(.paneRight, ["l", "right"], "right pane", "Focus the pane to the right", group: "Panes"),
        Binding(.nextPane, ["tab"], "next pane", "Focus the next pane (wraps)", group: "Panes", hintIn: [.tree]),
        Binding(.previousPane, ["s-tab"], "previous pane", "Focus the previous pane (wraps)", group: "Panes"),
        Binding(.open, ["enter"], "open", "Open: list a folder's tasks, show a task", group: "Panes",
                hintIn: [.tree, .list]),
        Binding(.back, ["esc"], "back", "Back: close the filter, help, or go to the previous pane", group: "Panes",
                hintIn: [.list, .detail]),
        Binding(.toggleExpand, ["e"], "expand", "Expand or collapse a folder or a task's subtasks", group: "Tree and list",
                hintIn: [.tree, .list]),
        Binding(.filter, ["/"], "filter", "Filter tasks as you type (@name: assignee, #name: status)",
                group: "Tree and list", hintIn: [.list]),
        Binding(.sortNext, ["S"], "sort", "Sort by the next field: status, due, importance, title, updated",
                group: "Tree and list", hintIn: [.list]),
        Binding(.sortReverse, ["R"], "reverse", "Reverse the sort order", group: "Tree and list"),
        Binding(.nextSection, ["]"], "next section", "Jump to the next section of the task", group: "Task",
                hintIn: [.detail]),
        Binding(.previousSection, ["["], "prev section", "Jump to the previous section of the task", group: "Task",
                hintIn: [.detail]),
        Binding(.copyLink, ["y"], "copy link", "Copy the task's permalink to the clipboard (OSC 52, works over SSH)",
                group: "Task", hintIn: [.list, .detail]),
        Binding(.showLink, ["o"], "link", "Show the task's permalink as a clickable link (OSC 8)", group: "Task",
                hintIn: [.detail]),
        Binding(.refresh, ["r", "f5"], "refresh", "Reload what is on screen from Wrike", group: "General",
                hintIn: [.tree, .list, .detail]),
        Binding(.help, ["?", "f1"], "help", "Show or hide this help", group: "General", hintIn: [.tree, .list, .detail]),
        Binding(.quit, ["q"], "quit", "Quit", group: "General", hintIn: [.tree, .list, .detail]),
    ])

    /// The action bound to a canonical key name.
    public func action(for key: String) -> Action? { byKey[key] }

    public func keys(for action: Action) -> [String] { bindings.first { $0.action == action }?.keys ?? [] }

    public func binding(for action: Action) -> Binding? { bindings.first { $0.action == action } }

    /// Applies `[keys]` from the config file (`action = ["key", ...]`). `canonicalize` turns a
    /// config key string into the canonical name (nil when it is not a key). Returns the keymap and
    /// one message per problem: unknown actions, unknown keys, conflicts (the later wins), reserved keys.
    public func applying(_ overrides: [String: [String]], canonicalize: (String) -> String?) -> (Keymap, [String]) {
        var messages: [String] = []
        var bindings = self.bindings
        var claimed: [String: Action] = [:]
        for action in overrides.keys.sorted() {
            guard let a = Action(rawValue: action) else {
                let known = Action.allCases.map(\.rawValue).joined(separator: ", ")
                messages.append("keys: unknown action '\(action)' (known: \(known))")
                continue
            }
            var keys: [String] = []
            for raw in overrides[action] ?? [] {
                guard let k = canonicalize(raw) else {
                    messages.append("keys.\(action): '\(raw)' is not a key")
                    continue
                }
                if let other = claimed[k], other != a {
                    messages.append("keys: '\(raw)' is bound to both \(other.rawValue) and \(action); using it for \(other.rawValue)")
                    continue
                }
                if Self.reserved.contains(k) {
                    messages.append("keys.\(action): '\(raw)' is reserved for task actions; it may stop working")
                }
                claimed[k] = a
                if !keys.contains(k) { keys.append(k) }
            }
            if let i = bindings.firstIndex(where: { $0.action == a }) { bindings[i].keys = keys }
        }
        // A key now claimed by an override leaves every other action that had it by default.
        for i in bindings.indices {
            let a = bindings[i].action
            let before = bindings[i].keys
            bindings[i].keys = before.filter { k in claimed[k] == nil || claimed[k] == a }
            for k in before where !bindings[i].keys.contains(k) {
                if let other = claimed[k] {
                    messages.append("keys: '\(KeyNames.display(k, ascii: true))' was bound to \(a.rawValue) by default; now \(other.rawValue)")
                }
            }
        }
        return (Keymap(bindings: bindings), messages)
    }

    /// Markdown for docs/keys.md (a test keeps the file equal to this).
    public func markdown() -> String {
        var out = "# Keys\n\n"
        out += "Generated from the keymap table (`Sources/Browser/Keymap.swift`); a test checks this file against it.\n"
        out += "Rebind in `$XDG_CONFIG_HOME/wrike-tui/config.toml` under `[keys]`, e.g. `move-down = [\"j\", \"down\"]`.\n"
        out += "Conflicts and unknown names are reported at start.\n"
        var groups: [String] = []
        for b in bindings where !groups.contains(b.group) { groups.append(b.group) }
        for g in groups {
            out += "\n## \(g)\n\n| keys | action | what it does |\n|---|---|---|\n"
            for b in bindings where b.group == g {
                let keys = b.keys.map { "`\(KeyNames.display($0, ascii: true))`" }.joined(separator: ", ")
                out += "| \(keys) | `\(b.action.rawValue)` | \(b.help) |\n"
            }
        }
        out += "\n## While filtering\n\nType to filter; `Backspace` deletes, `Ctrl-u` clears, `Enter` keeps the filter, `Esc` removes it.\n"
        out += "Words match the title; `@name` matches an assignee, `#name` the status.\n"
        out += "\n## Reserved\n\nKept free for task actions: "
        out += Self.reserved.map { "`\(KeyNames.display($0, ascii: true))`" }.joined(separator: " ") + ".\n"
        return out
    }
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
