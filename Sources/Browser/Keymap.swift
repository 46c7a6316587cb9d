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
    case myWork = "my-work"
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
    case status
    case mark
    case assignMe = "assign-me"
    case importance
    case comment
    case commentInEditor = "comment-in-editor"
    case retrySend = "retry-send"
    case drafts
    case discardDraft = "discard-draft"
    case copyDraftText = "copy-draft-text"
    case editComment = "edit-comment"
    case deleteComment = "delete-comment"
    case logTime = "log-time"
    case addDependency = "add-dependency"
    case removeDependency = "remove-dependency"
    case relationType = "relation-type"
    case nextDependency = "next-dependency"
    case previousDependency = "previous-dependency"
    case jumpBack = "jump-back"
    case requestApproval = "request-approval"
    case cancelApproval = "cancel-approval"
    case approvalsWaiting = "approvals-waiting"
    case messages
    // Creating and editing tasks (Features/TaskEdit).
    case newTask = "new-task"
    case newSubtask = "new-subtask"
    case editTitle = "edit-title"
    case editDates = "edit-dates"
    case undo
    // In the one-line input (`KeyMode.lineInput`).
    case inputSubmit = "input-submit"
    case inputCancel = "input-cancel"
    case inputDeleteChar = "input-delete-char"
    case inputDeleteWord = "input-delete-word"
    case inputClear = "input-clear"
    // In pickers (`KeyMode.picker`).
    case pickerUp = "picker-up"
    case pickerDown = "picker-down"
    case pickerPageUp = "picker-page-up"
    case pickerPageDown = "picker-page-down"
    case pickerTop = "picker-top"
    case pickerBottom = "picker-bottom"
    case pickerDeleteChar = "picker-delete-char"
    case pickerChoose = "picker-choose"
    case pickerClose = "picker-close"

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
        case .myWork: .openList(.myWork)
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
        case .status: .action(.changeStatus)
        case .mark: .action(.toggleMark)
        case .assignMe: .action(.assignMe)
        case .importance: .action(.cycleImportance)
        case .comment: .action(.comment)
        // The app runs $EDITOR (it needs the terminal) and then sends `.externalComment`.
        case .commentInEditor: .action(.externalComment(text: nil, error: nil))
        case .retrySend: .action(.retrySend)
        case .drafts: .action(.listDrafts)
        case .discardDraft: .action(.discardDraft)
        case .copyDraftText: .action(.copyDraftText)
        case .editComment: .action(.editMyComment)
        case .deleteComment: .action(.deleteMyComment)
        case .logTime: .action(.logTime)
        case .addDependency: .action(.addDependency)
        case .removeDependency: .action(.removeDependency)
        case .relationType: .action(.changeRelation)
        case .nextDependency: .action(.selectDependency(1))
        case .previousDependency: .action(.selectDependency(-1))
        case .jumpBack: .action(.jumpBack)
        case .requestApproval: .action(.requestApproval)
        case .cancelApproval: .action(.cancelApproval)
        case .approvalsWaiting: .action(.approvalsWaiting)
        case .messages: .action(.showMessages)
        case .newTask: .taskEdit(.newTask)
        case .newSubtask: .taskEdit(.newSubtask)
        case .editTitle: .taskEdit(.editTitle)
        case .editDates: .taskEdit(.editDates)
        case .undo: .taskEdit(.undo)
        case .inputSubmit: .taskEdit(.input(.submit))
        case .inputCancel: .taskEdit(.input(.cancel))
        case .inputDeleteChar: .taskEdit(.input(.deleteBackward))
        case .inputDeleteWord: .taskEdit(.input(.deleteWord))
        case .inputClear: .taskEdit(.input(.clear))
        case .pickerUp: .action(.picker(.up))
        case .pickerDown: .action(.picker(.down))
        case .pickerPageUp: .action(.picker(.pageUp))
        case .pickerPageDown: .action(.picker(.pageDown))
        case .pickerTop: .action(.picker(.top))
        case .pickerBottom: .action(.picker(.bottom))
        case .pickerDeleteChar: .action(.picker(.deleteBackward))
        case .pickerChoose: .action(.picker(.accept))
        case .pickerClose: .action(.picker(.cancel))
        }
    }
}

/// Where a row of the key table applies.
public enum KeyMode: String, Sendable, Hashable, CaseIterable {
    /// The panes: tree, list, detail.
    case browse
    /// An open picker (status, dependency finder, relation type, drafts, approvals waiting, messages).
    /// Typed characters narrow its list, so its rows take no printable key.
    case picker
    /// The one-line input at the top of the list (a new task's title, a title, dates): typed characters
    /// are text, so its rows take no printable key.
    case lineInput
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

    public init(_ action: Action, _ keys: [String], _ label: String, _ help: String, group: String,
                hintIn: Set<Pane> = [], mode: KeyMode = .browse) {
        self.action = action
        self.keys = keys
        self.label = label
        self.help = help
        self.group = group
        self.hintIn = hintIn
        self.mode = mode
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
        Binding(.myWork, ["w"], "my work", "My Work: the tasks assigned to me, in an active status, across the account",
                group: "Tree and list", hintIn: [.tree]),
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
        Binding(.status, ["s"], "status", "Change the status (of the marked tasks when some are marked)", group: "Act on tasks",
                hintIn: [.list, .detail]),
        Binding(.mark, ["space"], "mark", "Mark or unmark the task for a bulk status change", group: "Act on tasks",
                hintIn: [.list]),
        Binding(.assignMe, ["a"], "assign me", "Assign the task to me, or unassign me", group: "Act on tasks",
                hintIn: [.list, .detail]),
        Binding(.importance, ["i"], "importance", "Change the importance: High → Normal → Low", group: "Act on tasks"),
        Binding(.comment, ["c"], "comment", "Write a comment in the detail pane (Ctrl-S sends, Esc cancels; saved as a draft first)",
                group: "Act on tasks", hintIn: [.list, .detail]),
        Binding(.commentInEditor, ["C"], "comment in $EDITOR", "Write a comment in $VISUAL / $EDITOR (vi by default)",
                group: "Act on tasks"),
        Binding(.retrySend, ["ctrl-r"], "retry",
                "Retry a comment or time entry that failed, or check now whether one with an unknown outcome arrived",
                group: "Act on tasks"),
        Binding(.drafts, ["u"], "drafts",
                "Unsent drafts: comments and time entries kept on disk (typed text is saved as you type); Enter reopens one",
                group: "Act on tasks"),
        Binding(.editComment, ["E"], "edit comment", "Edit your newest comment on the task (Wrike allows it for 5 minutes)",
                group: "Act on tasks"),
        Binding(.deleteComment, ["D"], "delete comment", "Delete your newest comment on the task, within 5 minutes (asks first)",
                group: "Act on tasks"),
        Binding(.logTime, ["t"], "log time", "Log time: hours (1.5, 1h30m, 90m), date, category, comment", group: "Act on tasks",
                hintIn: [.detail]),
        Binding(.addDependency, ["d"], "add dep", "Add a dependency: find the other task, its side, the relation type",
                group: "Dependencies", hintIn: [.detail]),
        Binding(.nextDependency, ["n"], "next dep", "Select the next dependency of the open task", group: "Dependencies"),
        Binding(.previousDependency, ["N"], "prev dep", "Select the previous dependency", group: "Dependencies"),
        Binding(.removeDependency, ["x"], "remove dep", "Remove the selected dependency (asks first)", group: "Dependencies"),
        Binding(.relationType, ["T"], "relation", "Change the selected dependency's relation type", group: "Dependencies"),
        Binding(.jumpBack, ["b"], "back to task", "Return to the task you came from after Enter on a dependency",
                group: "Dependencies"),
        Binding(.requestApproval, ["A"], "approval", "Request an approval: approvers, due date, description",
                group: "Approvals", hintIn: [.detail]),
        Binding(.cancelApproval, ["X"], "cancel approval", "Cancel the task's open approval (asks first)", group: "Approvals"),
        Binding(.approvalsWaiting, ["W"], "waiting on me",
                "Approvals waiting for my decision, across the account (decide in Wrike: the API has no call for it; y copies the link)",
                group: "Approvals"),
        Binding(.newTask, ["+"], "new task",
                "New task in the listed folder or project: type its title, Enter creates it (saved as a draft first)",
                group: "Create and edit", hintIn: [.list]),
        Binding(.newSubtask, ["O"], "new subtask", "New subtask of the selected or open task: its title, Enter creates it",
                group: "Create and edit"),
        Binding(.editTitle, ["f2"], "rename", "Edit the task's title in the line above the list; Enter saves",
                group: "Create and edit", hintIn: [.detail]),
        Binding(.editDates, ["ctrl-t"], "dates",
                "Set the task's dates: fri, +3d, 2026-12-20, a..b, a duration in working days (3d), none",
                group: "Create and edit"),
        Binding(.undo, ["U"], "undo",
                "Undo the last change of this session Wrike can revert (status, assignees, importance, dates, title); again for the one before",
                group: "Create and edit"),
        Binding(.refresh, ["r", "f5"], "refresh", "Reload what is on screen from Wrike", group: "General",
                hintIn: [.tree, .list, .detail]),
        Binding(.help, ["?", "f1"], "help", "Show or hide this help", group: "General", hintIn: [.tree, .list, .detail]),
        Binding(.messages, ["m"], "messages", "Show the last \(StatusState.historyLimit) status-line messages with their times",
                group: "General"),
        Binding(.quit, ["q"], "quit", "Quit", group: "General", hintIn: [.tree, .list, .detail]),
        Binding(.pickerUp, ["up", "ctrl-p"], "up", "Move up", group: "In pickers", mode: .picker),
        Binding(.pickerDown, ["down", "ctrl-n"], "down", "Move down", group: "In pickers", mode: .picker),
        Binding(.pickerPageUp, ["pgup"], "page up", "Move one page up", group: "In pickers", mode: .picker),
        Binding(.pickerPageDown, ["pgdn"], "page down", "Move one page down", group: "In pickers", mode: .picker),
        Binding(.pickerTop, ["home"], "first", "Go to the first choice", group: "In pickers", mode: .picker),
        Binding(.pickerBottom, ["end"], "last", "Go to the last choice", group: "In pickers", mode: .picker),
        Binding(.pickerDeleteChar, ["backspace"], "delete", "Delete the last typed character (typing narrows the list)",
                group: "In pickers", mode: .picker),
        Binding(.pickerChoose, ["enter"], "choose", "Take the highlighted choice", group: "In pickers", mode: .picker),
        Binding(.pickerClose, ["esc"], "close", "Close the picker (the dependency finder: one step back)",
                group: "In pickers", mode: .picker),
        Binding(.discardDraft, ["delete"], "discard",
                "In the drafts list: delete the highlighted draft (asks first; only y deletes it)", group: "In pickers",
                mode: .picker),
        Binding(.copyDraftText, ["ctrl-y"], "copy text",
                "In the drafts list: copy the highlighted draft's text to the clipboard (OSC 52)", group: "In pickers",
                mode: .picker),
        Binding(.inputSubmit, ["enter"], "save", "Create the task, or save the title or dates", group: "In the line input",
                mode: .lineInput),
        Binding(.inputCancel, ["esc"], "cancel", "Close the input (a refused new task's title stays as a draft)",
                group: "In the line input", mode: .lineInput),
        Binding(.inputDeleteChar, ["backspace"], "delete", "Delete the last character", group: "In the line input",
                mode: .lineInput),
        Binding(.inputDeleteWord, ["ctrl-w"], "delete word", "Delete the last word", group: "In the line input",
                mode: .lineInput),
        Binding(.inputClear, ["ctrl-u"], "clear", "Clear the input", group: "In the line input", mode: .lineInput),
    ])

    /// The action bound to a canonical key name in `mode`.
    public func action(for key: String, in mode: KeyMode = .browse) -> Action? { byKey[mode]?[key] }

    public func keys(for action: Action) -> [String] { bindings.first { $0.action == action }?.keys ?? [] }

    public func binding(for action: Action) -> Binding? { bindings.first { $0.action == action } }

    /// Markdown for docs/keys.md (a test keeps the file equal to this).
    public func markdown() -> String {
        var out = "# Keys\n\n"
        out += "Generated from the keymap table (`Sources/Browser/Keymap.swift`); a test checks this file against it.\n"
        out += "Rebind in `$XDG_CONFIG_HOME/wrike-tui/config.toml` under `[keys]`, e.g. `move-down = [\"j\", \"down\"]`.\n"
        out += "Conflicts and unknown names are reported at start. A value with something that is not a key keeps "
        out += "the action's default keys; `quit`, `help`, `back` and `picker-close` always keep a key (an empty list is refused).\n"
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
        out += "A paste goes into the filter as text (newlines and tabs as spaces).\n"
        out += "Words match the title; `@name` matches an assignee, `#name` the status.\n"
        out += "\n## In the comment editor\n\nType; `Enter` new line; arrows, `Home`/`End`, `Ctrl-W` delete word; "
        out += "**`Ctrl-S` sends** (flow control is turned off so the terminal does not swallow it); "
        out += "`Ctrl-R` retries a failed send or checks an unknown one; `Esc` closes (asks first when text would be lost). "
        out += "A paste is text, newlines and tabs included: nothing in it runs a key. The text is saved as a draft "
        out += "about a second after you stop typing, and kept as a draft when you quit.\n"
        out += "\n## In forms and confirmations\n\nIn pickers, typed characters narrow the list (the keys above move and choose). "
        out += "Forms: `Tab`/`S-Tab` between fields, `Enter`/`Ctrl-S` submit, `Esc` cancel (`Space` marks approvers). "
        out += "Confirmations: `y` yes, `n`/`Esc` no, `Enter` No. Every question the app asks loses something on yes "
        out += "(discard, delete, remove, cancel): only `y` says yes there; arrows, `Tab`, `h`/`l` do not move to it. "
        out += "A paste goes into a picker's query or a form's field as text; where no text field has the focus it is ignored.\n"
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
