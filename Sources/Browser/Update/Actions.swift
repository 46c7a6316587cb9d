// Acting on tasks from the keyboard: status (single and bulk), marks, assign me, importance, the inline
// comment editor with drafts, the time-log form, dependencies and approvals. Intents change state and
// return effects; the effect runner does the writes through the shared client; results come back as
// events. The pure models live in Browser/Actions. See docs/actions.md.
import Foundation
import TermText
import WrikeAPI

/// Picker inputs: the rows of `KeyMode.picker` in the key table, and typed text.
public enum PickerCommand: Sendable, Equatable {
    case type(String), deleteBackward, clear, up, down, pageUp, pageDown, top, bottom, accept, cancel
}

/// What the user asked for on a task.
public enum ActionIntent: Sendable, Equatable {
    case changeStatus
    case toggleMark
    case assignMe
    case cycleImportance
    case comment
    /// `C`: the app ran `$EDITOR`; `text` is what came back (nil: the editor failed or was quit).
    case externalComment(text: String?, error: String?)
    case logTime
    /// Edit / delete my newest comment on the open task (Wrike allows it for 5 minutes).
    case editMyComment
    case deleteMyComment
    case addDependency
    case removeDependency
    case changeRelation
    case requestApproval
    case cancelApproval
    case approvalsWaiting
    /// Go back to the task before the last dependency jump.
    case jumpBack
    /// Move the dependency selection in the detail pane.
    case selectDependency(Int)
    /// The drafts found at start.
    case offerDrafts([Draft], problems: [String])
    /// The drafts key: list the drafts on disk (Update/Drafts.swift).
    case listDrafts
    /// The app could not save text as a draft on quit: say why; the next quit goes ahead.
    case draftsNotKept(String)
    /// Retry a failed send / check an unknown one (the composer's and the time entry form's retry key).
    case retrySend
    /// In the drafts list: delete the highlighted draft (asks first; only `y` deletes) / copy its text.
    case discardDraft
    case copyDraftText
    /// The status line's recent messages, newest first, in an overlay.
    case showMessages
    /// Start, stop or log the timer (Features/Timer).
    case timer
    /// The go-to palette (Features/GoTo).
    case goTo
    case picker(PickerCommand)
    case editor(EditorCommand)
    case form(FormInput)
    case confirm(ConfirmModel.Input)
    /// A custom command's key (asks first when it says `confirm`); the app runs it (Features/CustomCommands).
    case customCommand(name: String)
    /// A custom command ended: its output or exit status in plain words.
    case customCommandDone(message: String?, error: String?)
    /// The attachment keys (Features/Links).
    case links(LinksIntent)
}

/// A modal on top of the panes.
public enum Overlay: Sendable {
    case status(StatusPickerModel, taskIds: [String])
    case confirm(ConfirmModel, ConfirmPurpose)
    case timelog(TimeLogForm, taskId: String, send: DraftSend?)
    /// Changing one of my time entries from the timesheet (`PUT /timelogs/{id}` on Enter).
    case timelogEdit(TimeLogForm, entry: Timelog)
    case dependency(DependencyFinderModel)
    case relation(RelationTypePicker, dependencyId: String)
    case approval(ApprovalRequestForm, taskId: String)
    case drafts(PickerModel<Draft>)
    case approvalsWaiting(PickerModel<Approval>)
    /// The status line's recent messages, newest first.
    case messages(PickerModel<StatusEntry>)
    /// The go-to palette (Features/GoTo).
    case goTo(GoToModel)
    /// Assignees, folders or importance of the open or marked tasks (Features/TaskEdit).
    case editPicker(EditPicker)
    /// A new task with more fields than its title (Features/TaskEdit/NewTaskForm.swift).
    case newTaskForm(NewTaskForm)
    /// The saved views menu (Features/Views).
    case views(PickerModel<SavedView>)
    /// The `?` overlay: every mode's keys.
    case help(HelpState)
}

/// The `?` overlay.
public struct HelpState: Sendable, Hashable {
    public var scroll = 0
    public init(scroll: Int = 0) { self.scroll = scroll }
}

/// What a confirmation is for.
public enum ConfirmPurpose: Sendable, Equatable {
    case removeDependency(id: String, taskId: String)
    case cancelApproval(id: String, taskId: String)
    case discardComment
    case discardTimelog
    case deleteComment(id: String, taskId: String)
    /// Delete a draft from the drafts list.
    case discardDraft(id: String)
    /// Delete one of my time entries (the timesheet).
    case deleteTimelog(id: String)
    case runCustomCommand(name: String)
    /// Stop the running timer and start `entry`.
    case replaceTimer(TimerEntry, replacing: TimerEntry)
    /// Throw away the stopped timer's time.
    case discardTimer(TimerEntry)
    /// Move a task to Wrike's Recycle Bin (Features/TaskEdit).
    case deleteTask(id: String)
}

/// A draft on its way to Wrike: the draft, the send state machine, the ids known before the send.
public struct DraftSend: Sendable, Equatable {
    public var draft: Draft
    public var tracker: SendTracker
    /// Ids of the task's comments / time logs known before the send: never taken for the one sent. Kept in
    /// the draft's file too (not for a new task: the list can hold 100,000), so a check after a restart
    /// does not take an earlier comment with the same text for this one.
    public var knownIds: Set<String> { didSet { keepKnownIds() } }
    /// Its file exists (autosaved, resumed from disk, or a send started): closing without sending deletes it.
    public var onDisk: Bool
    public init(draft: Draft, tracker: SendTracker = SendTracker(), knownIds: Set<String> = [], onDisk: Bool = false) {
        self.draft = draft
        self.tracker = tracker
        self.knownIds = knownIds.isEmpty ? Set(draft.knownIds ?? []) : knownIds
        self.onDisk = onDisk
        keepKnownIds()
    }

    mutating func keepKnownIds() {
        switch draft.kind {
        case .comment, .timelog, .approval: draft.knownIds = knownIds.isEmpty ? nil : knownIds.sorted()
        case .task, .title, .field: draft.knownIds = nil
        }
    }

    /// Whether a file of this draft may exist (to delete when it is discarded).
    public var hasFile: Bool { onDisk || tracker.attempts > 0 }

    /// The state its file gets while it is not being sent: `failed` after a refusal not edited since.
    public var restingState: Draft.State {
        if case .failed = tracker.phase { return .failed }
        return .editing
    }
}

/// The inline comment editor in the detail pane.
public struct Composer: Sendable, Equatable {
    public var editor: TextEditorState
    public var send: DraftSend
    /// Esc with text: asking whether to lose it.
    public var confirmingDiscard = false
    /// Editing my own comment (within Wrike's 5-minute window) instead of writing a new one.
    public var editingCommentId: String?
    public var savingEdit = false
}

/// A task write waiting for Wrike's answer, with what to put back if it is refused.
public struct PendingEdit: Sendable, Equatable {
    public var rollback: [WrikeTask]
    public var summary: String
    /// Remembered for undo once Wrike confirms it (an undo itself is not).
    public var undoable = true
    /// A description edit: its text is kept (in memory and on disk) until Wrike confirms it.
    public var keptDescription = false
}

/// State of the actions (kept in AppState).
public struct ActionState: Sendable {
    public var overlay: Overlay?
    public var composer: Composer?
    public var marks = TaskMarks()
    public var workflows: [Workflow] = []
    public var categories: [TimelogCategory]?
    public var pending: [Int: PendingEdit] = [:]
    public var nextToken = 1
    /// Draft ids given so far (`AppState.newDraftId`).
    public var draftCount = 0
    /// Task ids to return to with the back key after a dependency jump.
    public var jumpStack: [String] = []
    /// Hours I logged today (status line), nil until known.
    public var myTimeToday: Double?
    public var profile = "default"
    /// What kind of sign-in the app runs on: it decides what the signed-out line tells the user to do.
    public var signIn: SignInKind = .oauth
    /// The last server title search asked for (only the newest query's answer is used).
    public var lastSearch: String?
    /// A query typed in the dependency finder, sent on the next tick (at most one search per tick).
    public var pendingSearch: String?
    /// Which of the open task's dependencies `x`, `T` and `Enter` act on.
    public var dependencyCursor = 0
    /// n/N was used: the selected dependency is marked in the detail pane.
    public var dependencySelectionActive = false
    var pendingTimelog: PendingTimelog?
    /// Sends whose editor or form was closed while in flight (Esc): still followed to the end, so a
    /// confirmed one deletes its draft and a refused one is saved as failed (ActionEvents.swift).
    public var detachedSends: [String: DraftSend] = [:]
    /// A custom command to run now (the app takes it after the update: it may need the terminal).
    public var pendingCommand: String?
    /// Drafts on disk that no editor or form holds (offered at start, listed with the drafts key, or a
    /// send refused after its editor closed): `c` / `t` on their task reopens them (Update/Drafts.swift).
    public var savedDrafts: [Draft] = []
    /// When the editor's and the time-log form's text last changed without being saved (Autosave).
    public var autosave = Autosave()
    /// Saving text as a draft on quit failed once: the next quit goes ahead anyway.
    public var quitLosingText = false
    /// The status-line sentence a send wrote last (replaced by its next one: Sends.swift).
    public var sendLine: String?
    public init() {}

    /// A task write, a detached send or the editor's send or save is on its way.
    public var isWriting: Bool {
        if !pending.isEmpty || !detachedSends.isEmpty { return true }
        if let c = composer, !c.send.tracker.canEdit || c.savingEdit { return true }
        return false
    }
}

struct PendingTimelog: Sendable {
    var form: TimeLogForm
    var taskId: String
    var send: DraftSend?
}
