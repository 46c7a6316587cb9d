// What the task list shows (`ListSource`) and what is read from Wrike for it (`ListRead`). Loading,
// paging, the refresh, the periodic revalidation, the automatic retry, the signed-out answers and the
// detail's context all go through these two. A new kind of list (a space, a saved view) is one case in
// each; the compiler then lists every switch that must handle it.
import WrikeAPI

/// What the task list shows, as the user chose it (from the tree or a key).
public enum ListSource: Sendable, Hashable {
    /// A folder, project or space of the tree (`GET /folders/{id}/tasks`).
    case folder(String)
    /// The tasks assigned to me, in an active status, across the account (Features/MyWork).
    case myWork

    /// The read behind the source, with what it needs filled in; nil while that is not known yet
    /// (My Work before contacts said who "me" is). The list then waits, showing "loading".
    public func read(me: String?) -> ListRead? {
        switch self {
        case .folder(let id): .folder(id)
        case .myWork: me.map { .myWork(me: $0) }
        }
    }

    /// The folder listed, when the source is a folder (a project or a space included).
    public var folderId: String? {
        switch self {
        case .folder(let id): id
        case .myWork: nil
        }
    }
}

/// One read of a list, as the gateway (`WrikeService.tasks(_:pageSize:pageToken:)`) makes it.
public enum ListRead: Sendable, Hashable {
    case folder(String)
    /// `GET /tasks` with `responsibles=[me]`, `status=Active` (Features/MyWork).
    case myWork(me: String)
}
