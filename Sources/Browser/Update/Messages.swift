// Intents (what the user asked for), effects (work to do outside the model) and events (results).
import Foundation
import WrikeAPI

/// What the user (or the terminal) asks the browser to do.
public enum Intent: Sendable, Hashable {
    /// First thing after start: load the account, spaces, names.
    case start
    case move(Int)
    case page(Int)
    case halfPage(Int)
    case top, bottom
    case paneLeft, paneRight, focusNext, focusPrevious
    case focus(Pane)
    case open, back
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
}

/// Work the model asks for. Loads run on background tasks (`EffectRunner`); the terminal effects
/// (`copyToClipboard`, `showHyperlink`, `quit`) are done by the app.
public enum Effect: Sendable, Hashable {
    case loadBootstrap
    case loadTree(spaceId: String)
    case loadTasks(folderId: String, generation: Int, pageToken: String?, pageSize: Int)
    /// Dependencies by id (for the "blocked" marker).
    case loadDependencies(ids: [String])
    /// Tasks by id (dependency and subtask titles).
    case loadTasksById(ids: [String])
    /// The full task and everything the detail pane shows.
    case loadDetail(taskId: String)
    /// Drop cached answers before a refresh.
    case invalidateCache
    case copyToClipboard(String)
    case showHyperlink(url: String, text: String)
    case quit
}

/// Results of effects, posted back to the loop.
public enum Event: Sendable {
    case bootstrap(Result<Bootstrap, ServiceFailure>)
    case tree(spaceId: String, Result<[FolderTreeEntry], ServiceFailure>)
    case taskPage(folderId: String, generation: Int, firstPage: Bool, Result<TaskPage, ServiceFailure>)
    case dependencies(Result<[Dependency], ServiceFailure>)
    case tasksById(Result<[WrikeTask], ServiceFailure>)
    case detailTask(taskId: String, Result<WrikeTask?, ServiceFailure>)
    case comments(taskId: String, Result<[Comment], ServiceFailure>)
    case approvals(taskId: String, Result<[Approval], ServiceFailure>)
    case taskDependencies(taskId: String, Result<[Dependency], ServiceFailure>)
    case attachments(taskId: String, Result<[Attachment], ServiceFailure>)
    case timelogs(taskId: String, Result<[Timelog], ServiceFailure>)
    /// The client's connection sentence changed (nil: all well).
    case clientStatus(String?)
}
