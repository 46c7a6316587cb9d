// My Work: the tasks assigned to me, in an active status, across the account. It is a list source
// (`ListSource.myWork`), so everything a folder's list has comes with the task list: sort, filter,
// columns, subtasks, the detail pane, every task action, paging, the refresh, the periodic
// revalidation, the automatic retry and the signed-out answers. This feature adds what is its own:
// its row above the spaces (`treeRow`), what it reads (`query`: the gateway's read of the account's
// tasks, `ListRead.tasks`), its key (`my-work`, a row of Keymap.swift) and its drawing (TerminalUI
// MyWorkRender.swift). Opened before contacts said who "me" is, the list waits for them
// (Features/List/ListLoading.swift): never everyone's tasks.
import WrikeAPI

public enum MyWork {
    public static let title = "My Work"

    /// Its row at the top of the tree (`TreeState.views`).
    public static let treeRow = TreeRow(id: "my-work", path: "my-work", depth: 0, kind: .view, title: title,
                                        hasChildren: false, expanded: false, view: .myWork)

    /// Wrike's Active status group. A task's `status` is the group of its custom status, so this holds
    /// every custom status of the group ("New", "In Progress", "In Review"...), whatever the workflow;
    /// the Deferred, Completed and Cancelled groups (and their custom statuses) are left out.
    public static let statuses: [TaskStatus] = [.active]

    /// Its filters on the account's tasks (`GET /tasks`): `me` among the responsibles, an active status.
    /// The gateway adds the list's subtasks and fields, and the paging (`pageSize`, `nextPageToken`).
    public static func query(me: String) -> TaskQuery {
        TaskQuery(status: statuses, responsibles: [me])
    }
}
