// Creating and editing tasks from the keyboard: the one-line input (a new task's title, a new title, a
// due date), the changes this session can undo, and the intents. Pure. See docs/editing.md.
import WrikeAPI

/// What the one-line input is for.
public enum EditLinePurpose: Sendable, Equatable {
    /// A new task in `folderId` (a subtask of `superTaskId` when set); `place` names where, for the prompt.
    case newTask(folderId: String, superTaskId: String?, place: String)
    /// A new title for the task.
    case rename(taskId: String)
    /// New dates for the task, in natural words (`fri`, `+3d`, `2026-12-20`, `none`, `3d`).
    case dates(taskId: String)
    /// A custom field's new value, in words; `hint` says what the field takes.
    case fieldValue(taskId: String, fieldId: String, title: String, hint: String)
    /// New dates for the marked tasks (each read against its own current dates).
    case bulkDates(taskIds: [String])
}

/// The one-line input at the top of the task list.
public struct EditLine: Sendable, Equatable {
    public var purpose: EditLinePurpose
    /// The text (sanitized as typed: one line, no control characters).
    public var line: LineInput
    /// Its draft once saved (autosave, a draft reopened, or a send refused): sending again reuses its file.
    public var draft: Draft?
    /// What the task has (a title, a field's value in words): text equal to it is no draft.
    public var original: String

    public init(purpose: EditLinePurpose, text: String = "", draft: Draft? = nil, original: String? = nil) {
        self.purpose = purpose
        line = LineInput(text, maxLength: Self.maxLength)
        self.draft = draft
        self.original = original ?? text
    }

    public var text: String { line.text }

    /// Longest title the input takes (Wrike's own limit is higher; a longer line is a paste mistake).
    public static let maxLength = 1_000

    /// The prompt before the text.
    public var prompt: String {
        switch purpose {
        case .newTask(_, let sup, let place): sup == nil ? "New task in \(place): " : "New subtask of \(place): "
        case .rename: "Title: "
        case .dates: "Dates (fri, +3d, 2026-12-20, 3d, none): "
        case .fieldValue(_, _, let title, let hint): "\(title) (\(hint); empty clears): "
        case .bulkDates(let ids): "Dates of \(ids.count) marked tasks (fri, +3d, 2026-12-20, 3d, none): "
        }
    }
}

/// Keys and results of the one-line input.
public enum LineInputCommand: Sendable, Equatable {
    case type(String)
    case deleteBackward
    case deleteWord
    case clear
    case submit
    case cancel
    /// A new task's title line opens the form with more fields (Features/TaskEdit/NewTaskForm.swift).
    case moreFields
}

public enum TaskEditIntent: Sendable, Equatable {
    case newTask
    case newSubtask
    case editTitle
    case editDates
    /// Runs `$EDITOR` (the app does; Features/Description); the reducer only says so.
    case editDescription
    case editField
    case undo
    case input(LineInputCommand)
    /// The assignee picker (people and groups) for the open or the marked tasks.
    case assign
    /// The folder picker: add or remove the open (or marked) tasks' folders.
    case move
    /// Importance: High, Normal or Low, for the open or the marked tasks.
    case editImportance
    /// Move the task to Wrike's Recycle Bin (asks first).
    case deleteTask
}

/// One change this session made that Wrike can revert: the update that puts each task back.
public struct UndoEntry: Sendable, Equatable {
    /// Named in the status line ("Importance: High").
    public var summary: String
    /// The tasks as they were before the change.
    public var before: [WrikeTask]
    /// The inverse updates, one per task; empty for a change Wrike cannot revert (a create).
    public var updates: [String: TaskUpdate]
    /// Why it cannot be undone, for a change that cannot.
    public var cannotUndo: String?

    public init(summary: String, before: [WrikeTask], updates: [String: TaskUpdate], cannotUndo: String? = nil) {
        self.summary = summary
        self.before = before
        self.updates = updates
        self.cannotUndo = cannotUndo
    }
}

public struct TaskEditState: Sendable, Equatable {
    public var input: EditLine?
    /// Most recent last; at most `undoLimit`.
    public var undo: [UndoEntry] = []
    /// Description text edited but not confirmed by Wrike yet, by task id (also on disk): offered again.
    public var descriptionKept: [String: String] = [:]
    /// The task whose description was just said to hold what Markdown cannot (the next press edits it).
    public var descriptionLossWarned: String?
    public static let undoLimit = 50
    /// Deletes and restores waiting for Wrike's answer, by token (DeleteTask.swift).
    public var deletes: [Int: DeleteWrite] = [:]
    /// Edits of several tasks waiting for Wrike's answers, by run id; `bulkTokens`: token → run id (BulkEdit.swift).
    public var bulk: [Int: BulkRun] = [:]
    public var bulkTokens: [Int: Int] = [:]
    /// User intents so far (not the clock or a resize), and the count when each new task was sent, by draft
    /// id: a refused new task reopens its input only if no key came since, so a key meant for something
    /// else (`q`, `j`) never lands in an input that opened by itself.
    public var userIntents = 0
    public var sentAtIntent: [String: Int] = [:]
    /// The task as it was before a new title or field value being sent, by draft id: put back when Wrike
    /// refuses it, remembered for undo once it confirms (EditDraftsUpdate.swift).
    public var editBefore: [String: WrikeTask] = [:]

    public init() {}

    mutating func remember(_ e: UndoEntry) {
        undo.append(e)
        if undo.count > Self.undoLimit { undo.removeFirst(undo.count - Self.undoLimit) }
    }
}
