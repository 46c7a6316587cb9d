// Intents (what the user asked for), effects (work to do outside the model) and events (results).
import Foundation
import WrikeAPI

/// What the user (or the terminal) asks the browser to do.
public enum Intent: Sendable, Equatable {
    /// First thing after start: load the account, spaces, names.
    case start
    case move(Int)
    case page(Int)
    case halfPage(Int)
    case top, bottom
    case paneLeft, paneRight, focusNext, focusPrevious
    case focus(Pane)
    case open, back
    /// List the tasks of `source` (e.g. My Work from its key), whichever pane has the focus.
    case openList(ListSource)
    /// Creating and editing tasks (Features/TaskEdit).
    case taskEdit(TaskEditIntent)
    case toggleExpand
    case refresh
    case copyPermalink, showPermalink
    case beginFilter
    /// Replace the whole filter text (e.g. pasted).
    case setFilter(String)
    case filterType(String)
    case filterBackspace
    case filterDeleteWord
    case filterClear
    /// Leave filter editing: `keep` true keeps the filter (Enter), false removes it (Esc).
    case endFilter(keep: Bool)
    case cycleSort, reverseSort
    case setSort(SortField, ascending: Bool)
    case nextSection, previousSection
    case toggleHelp
    case quit
    /// The pane sizes changed (terminal resized or focus moved in a narrow layout).
    case layout(Viewport)
    /// Time passed (status countdowns, relative dates).
    case tick(Date)
    /// Acting on tasks (status, comments, time, dependencies, approvals): see Update/Actions.swift.
    case action(ActionIntent)
    /// Text the user pasted (bracketed paste): into the focused text input, never run as keys
    /// (Update/Paste.swift). `truncated`: the terminal sent more than the reader keeps.
    case paste(String, truncated: Bool)
    /// The week's timesheet (Features/Timesheet).
    case timesheet(TimesheetIntent)
    /// The inbox (Features/Inbox).
    case inbox(InboxIntent)
    /// Move the list's cursor by n and show that task, from the list or the detail pane (Features/FollowCursor).
    case stepTask(Int)
    /// A click or the wheel on a pane (Features/Mouse).
    case mouse(MouseIntent)
    /// Saved views: open one by number, the views menu (Features/Views).
    case views(ViewsIntent)
}

/// Work the model asks for. Loads run on background tasks (`EffectRunner`); the terminal effects
/// (`copyToClipboard`, `showHyperlink`, `keepDrafts`, `quit`) are done by the app.
public enum Effect: Sendable, Equatable {
    /// What the first frame needs (workflows, spaces).
    case loadBootstrap
    /// Account, contacts and custom fields: started once the first frame is complete.
    case loadDirectory
    /// After a warm start's first frame: workflows and spaces again, from Wrike.
    case revalidateBootstrap
    case loadTree(spaceId: String)
    /// A page of the list (`read` is its source's read, ListSource.swift).
    case loadTasks(read: ListRead, generation: Int, pageToken: String?, pageSize: Int)
    /// Dependencies by id (for the "blocked" marker).
    case loadDependencies(ids: [String])
    /// Tasks by id (dependency and subtask titles).
    case loadTasksById(ids: [String])
    /// People `/contacts` did not list, by id (`ContactLookup.swift`).
    case loadContacts(ids: [String])
    /// The full task and everything the detail pane shows; `context` lets the service read it with
    /// its neighbours in the list and its folder's time logs.
    case loadDetail(taskId: String, context: DetailContext = DetailContext())
    /// Drop cached answers before a refresh.
    case invalidateCache
    case copyToClipboard(String)
    case showHyperlink(url: String, text: String)
    /// Before `.quit`: text being typed, saved as drafts by the app itself before it exits (not in the
    /// background: the process ends right after). A failed save stops the quit once (`draftsNotKept`).
    case keepDrafts([Draft])
    case quit
    // Writes (through the shared client) and the reads the actions need.
    case updateTask(taskId: String, TaskUpdate, token: Int)
    /// `PUT /tasks/{ids}`, at most 100 ids per request (the client chunks).
    case updateTasks(ids: [String], BulkTaskUpdate, token: Int)
    /// `DELETE /tasks/{id}`: to the Recycle Bin; answered as `.taskWrite` with the deleted task.
    case deleteTask(taskId: String, token: Int)
    /// A comment or time-log send: these steps run in order (the draft is saved before the POST leaves).
    case sendSteps(Draft, [SendEffect])
    case addDependency(taskId: String, DependencyCreate)
    case updateDependency(id: String, taskId: String, DependencyUpdate)
    case deleteDependency(id: String, taskId: String)
    case createApproval(taskId: String, ApprovalCreate)
    case cancelApproval(id: String, taskId: String)
    case updateComment(id: String, taskId: String, text: String)
    case deleteComment(id: String, taskId: String)
    case loadTimelogCategories
    /// Server title search for the dependency finder (one per query).
    case searchTasks(query: String)
    case loadMyApprovals(meId: String)
    case loadMyTime(meId: String, date: String)
    /// The periodic revalidation: the open list's first page (covering what is loaded), read again.
    case revalidateTasks(read: ListRead, generation: Int, pageSize: Int)
    /// The periodic revalidation: the open task and its comments, read again (bypassing the cache).
    case revalidateDetail(taskId: String)
    /// The drafts on disk for the drafts list (`DraftStore.list(profile:)`).
    case listDrafts(profile: String)
    /// Go-to: the task id of a permalink's number (`GET /ids?type=ApiV2Task`).
    case resolvePermalink(number: String)
    /// Go-to's title search (Features/GoTo/GoToSearch.swift).
    case goTo(GoToEffect)
    /// The timesheet's reads and writes (Features/Timesheet).
    case timesheet(TimesheetEffect)
    /// The inbox's file and polls (Features/Inbox).
    case inbox(InboxEffect)
    /// A change to the timer file under its lock (`TimerStore.apply`) → `Event.timerFile`.
    case timer(TimerChange)
    /// The kept text of a task's description edit: saved (nil: deleted) next to the drafts (Features/Description).
    case descriptionDraft(profile: String, taskId: String, text: String?)
    /// Opening links and files, downloads (Features/Links; `LinksRunner`).
    case links(LinksEffect)
    /// Saved views: the remembered screen written to the state directory (Features/Views).
    case views(ViewsEffect)
}

extension Effect {
    /// Done by the app (clipboard, hyperlink, keeping drafts on quit, quit), not by `EffectRunner`.
    public var isTerminal: Bool {
        if case .copyToClipboard = self { return true }
        if case .showHyperlink = self { return true }
        if case .keepDrafts = self { return true }
        return self == .quit
    }
}

/// What a comment or time-log POST created.
public enum PostedEntity: Sendable {
    case comment(Comment)
    case timelog(Timelog)
    case task(WrikeTask)
    /// An approval request created on a task.
    case approval(Approval)
    /// A task as Wrike has it after a new title or field value (`PUT /tasks/{id}`).
    case changedTask(WrikeTask)
    public var id: String {
        switch self {
        case .comment(let c): c.id
        case .timelog(let t): t.id
        case .task(let t), .changedTask(let t): t.id
        case .approval(let a): a.id
        }
    }
}

/// A re-read of a task's comments or time logs (resolving an unknown outcome).
public enum RereadResult: Sendable {
    case comments([Comment])
    case timelogs([Timelog])
    /// Tasks created in a folder lately with a new task's title.
    case tasks([WrikeTask])
    /// The task read fresh (a new title or field value): nil when Wrike did not return it.
    case task(WrikeTask?)
    /// The task's approvals read fresh (an approval request).
    case approvals([Approval])
}

/// Results of effects, posted back to the loop.
public enum Event: Sendable {
    case bootstrap(Result<Bootstrap, ServiceFailure>)
    /// Account, contacts and custom fields (`.loadDirectory`).
    case directory(Result<Bootstrap, ServiceFailure>)
    /// Workflows and spaces re-read after a warm start (`.revalidateBootstrap`).
    case bootstrapRevalidated(Result<Bootstrap, ServiceFailure>)
    case tree(spaceId: String, Result<[FolderTreeEntry], ServiceFailure>)
    case taskPage(read: ListRead, generation: Int, firstPage: Bool, Result<TaskPage, ServiceFailure>)
    case dependencies(Result<[Dependency], ServiceFailure>)
    case tasksById(Result<[WrikeTask], ServiceFailure>)
    /// Answer to `.loadContacts(ids)`: the people Wrike returned (maybe not all of `ids`).
    case contactsById(ids: [String], Result<[Contact], ServiceFailure>)
    case detailTask(taskId: String, Result<WrikeTask?, ServiceFailure>)
    case comments(taskId: String, Result<[Comment], ServiceFailure>)
    case approvals(taskId: String, Result<[Approval], ServiceFailure>)
    case taskDependencies(taskId: String, Result<[Dependency], ServiceFailure>)
    case attachments(taskId: String, Result<[Attachment], ServiceFailure>)
    case timelogs(taskId: String, Result<[Timelog], ServiceFailure>)
    /// The client's connection sentence changed (nil: all well).
    case clientStatus(String?)
    /// Answer to `.updateTask` / `.updateTasks` with that token.
    case taskWrite(token: Int, Result<[WrikeTask], WriteFailure>)
    /// A draft could not be saved before sending: nothing was sent.
    case draftSaveFailed(draftId: String, message: String)
    case posted(draftId: String, Result<PostedEntity, WriteFailure>)
    case reread(draftId: String, Result<RereadResult, ServiceFailure>)
    /// A dependency or approval write finished; the task's detail is reloaded.
    case dependencyWrite(taskId: String, Result<String, WriteFailure>)
    case approvalWrite(taskId: String, Result<String, WriteFailure>)
    /// An edit or delete of my comment finished.
    case commentWrite(taskId: String, Result<String, WriteFailure>)
    case timelogCategories(Result<[TimelogCategory], ServiceFailure>)
    case searchResults(query: String, Result<[WrikeTask], ServiceFailure>)
    case myApprovals(Result<[Approval], ServiceFailure>)
    case myTime(date: String, Result<[Timelog], ServiceFailure>)
    /// `$EDITOR` finished (`C`): the text, or an error in plain words.
    case externalComment(text: String?, error: String?)
    /// `$EDITOR` finished editing a description (edit-description; Features/Description).
    case descriptionEdited(DescriptionEdited)
    /// A custom command ended (the app ran it): its output or failure in plain words.
    case customCommandDone(message: String?, error: String?)
    /// Wrike refused to refresh the sign-in (`TokenEvent.signInRequired`): the user must sign in again.
    case signInRequired
    case revalidatedTasks(read: ListRead, generation: Int, Result<TaskPage, ServiceFailure>)
    case revalidatedDetail(taskId: String, task: Result<WrikeTask?, ServiceFailure>, comments: Result<[Comment], ServiceFailure>)
    /// The drafts on disk (`.listDrafts`).
    case draftsListed(DraftListing)
    /// Answer to `.resolvePermalink`: the task's id (nil: no such task).
    case permalinkResolved(number: String, Result<String?, ServiceFailure>)
    /// Go-to's title search answers.
    case goTo(GoToEvent)
    /// The timesheet's results (Features/Timesheet).
    case timesheet(TimesheetEvent)
    case inbox(InboxEvent)
    /// Opening, downloads and attachment links (Features/Links).
    case links(LinksEvent)
    /// The timer file after a change.
    case timerFile(TimerChange, TimerOutcome)
}
