// What the task list shows (`ListSource`) and what is read from Wrike for it (`ListRead`). Loading,
// paging, the refresh, the periodic revalidation, the automatic retry, the signed-out answers and the
// detail's context all go through these two. A new list is one `ListSource` case; its read is a
// `ListRead` the gateway already makes (a folder's tasks, or the account's tasks matching a query), or
// one new `ListRead` case when Wrike reads it another way. The compiler lists every switch to extend.
import WrikeAPI

/// What the task list shows, as the user chose it (from the tree or a key).
public enum ListSource: Sendable, Hashable {
    /// A folder, project or space of the tree (`GET /folders/{id}/tasks`).
    case folder(String)
    /// The tasks assigned to me, in an active status, across the account (Features/MyWork).
    case myWork
    /// A saved view (`[[views]]` in config.toml) by its name (Features/Views).
    case view(String)

    /// The lists that are not folders, in the order of their rows above the spaces.
    public static let views: [ListSource] = [.myWork]

    /// A view's row at the top of the tree (nil for a folder: the tree makes those rows).
    public var treeRow: TreeRow? {
        switch self {
        case .folder: nil
        case .myWork: MyWork.treeRow
        case .view(let name): SavedViews.treeRow(name)
        }
    }

    /// The read behind the source, with what it needs filled in; nil while that is not known yet
    /// (My Work before contacts said who "me" is). The list then waits, showing "loading". A saved view's
    /// read is resolved by the state (`AppState.listRead`, Features/Views): nil here.
    public func read(me: String?) -> ListRead? {
        switch self {
        case .folder(let id): .folder(id)
        case .myWork: me.map { .tasks(MyWork.query(me: $0)) }
        case .view: nil
        }
    }

    /// The folder listed, when the source is a folder (a project or a space included).
    public var folderId: String? {
        switch self {
        case .folder(let id): id
        case .myWork, .view: nil
        }
    }
}

/// One read of a list, as the gateway (`WrikeService.tasks(_:pageSize:pageToken:)`) makes it; the gateway
/// adds the list's own query (subtasks, the list fields) and the paging.
public enum ListRead: Sendable, Hashable {
    /// `GET /folders/{id}/tasks`.
    case folder(String)
    /// `GET /tasks` (the whole account) with these filters (My Work: `responsibles`, `status`).
    case tasks(TaskQuery)
    /// `GET /folders/{id}/tasks` with these filters (a saved view on a folder, project or space).
    case folderTasks(String, TaskQuery)
}
