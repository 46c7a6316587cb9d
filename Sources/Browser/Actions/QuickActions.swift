// One-key actions: assign to me / unassign me (`a`), importance (`i`), marks (`Space`), and the
// optimistic status change with its rollback. Pure: they return the request parameters and the task
// as it should look until Wrike answers. See docs/actions.md.
import WrikeAPI

/// Encodes an id list as Wrike wants it in a query: `["A","B"]`.
func jsonIdList(_ ids: [String]) -> String {
    "[" + ids.map { "\"" + $0.replacingOccurrences(of: "\\", with: "\\\\").replacingOccurrences(of: "\"", with: "\\\"") + "\"" }
        .joined(separator: ",") + "]"
}

/// A `PUT /tasks/{id}` with its optimistic result and the task to restore if Wrike refuses.
public struct TaskEdit: Sendable, Equatable {
    public var taskId: String
    public var queryItems: [QueryItem]
    /// Show this at once.
    public var optimistic: WrikeTask
    /// Put this back (with `failureMessage`) when Wrike refuses.
    public var rollback: WrikeTask
    /// What the status line says while it is sent ("Assigned to you").
    public var summary: String
}

public enum QuickActions {
    /// `a`: adds me to the task's assignees, or removes me when I am one.
    public static func toggleAssignMe(_ task: WrikeTask, me: String) -> TaskEdit {
        var t = task
        let assigned = (task.responsibleIds ?? []).contains(me)
        if assigned {
            t.responsibleIds = (task.responsibleIds ?? []).filter { $0 != me }
            return TaskEdit(taskId: task.id, queryItems: [QueryItem("removeResponsibles", jsonIdList([me]))],
                            optimistic: t, rollback: task, summary: "Unassigned you")
        }
        t.responsibleIds = (task.responsibleIds ?? []) + [me]
        return TaskEdit(taskId: task.id, queryItems: [QueryItem("addResponsibles", jsonIdList([me]))],
                        optimistic: t, rollback: task, summary: "Assigned to you")
    }

    /// `i` cycles High → Normal → Low → High.
    public static func nextImportance(_ current: Importance?) -> Importance {
        switch current ?? .normal {
        case .high: .normal
        case .normal: .low
        default: .high
        }
    }

    public static func setImportance(_ task: WrikeTask, to importance: Importance) -> TaskEdit {
        var t = task
        t.importance = importance
        return TaskEdit(taskId: task.id, queryItems: [QueryItem("importance", importance.rawValue)],
                        optimistic: t, rollback: task, summary: "Importance: \(importance.rawValue)")
    }

    /// A status change on one task: the custom status and its group at once (Wrike sets the group
    /// from the custom status; `completedDate` is left for the server's answer).
    public static func setStatus(_ task: WrikeTask, to option: StatusOption) -> TaskEdit {
        var t = task
        t.customStatusId = option.id
        t.status = option.group
        return TaskEdit(taskId: task.id, queryItems: [QueryItem("customStatus", option.id)],
                        optimistic: t, rollback: task, summary: "Status: \(option.name)")
    }

    /// The message shown when a status change is rolled back.
    public static func rollbackMessage(_ edit: TaskEdit, reason: String) -> String {
        "\(edit.summary) was not applied: \(reason)"
    }
}

/// Marked tasks (`Space`) for bulk actions, in the order they were marked.
public struct TaskMarks: Sendable, Equatable {
    public private(set) var ids: [String] = []
    private var set: Set<String> = []

    public init() {}

    public var count: Int { ids.count }
    public var isEmpty: Bool { ids.isEmpty }
    public func contains(_ id: String) -> Bool { set.contains(id) }

    public mutating func toggle(_ id: String) {
        if set.remove(id) != nil { ids.removeAll { $0 == id } } else { set.insert(id); ids.append(id) }
    }

    public mutating func clear() { ids = []; set = [] }

    /// Keeps only ids still present (after a refresh).
    public mutating func retain(_ present: Set<String>) {
        ids = ids.filter { present.contains($0) }
        set = Set(ids)
    }
}
