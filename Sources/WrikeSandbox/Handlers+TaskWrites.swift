import Foundation
import WrikeAPI

/// Creating and deleting tasks (official 2020 method model `create_task`/`delete_task`; answers as the
/// docs' `createdTaskData`/`deletedTaskData` examples, /work/shared/wrike/samples).
extension State {
    static let postTaskParams: Set<String> = [
        "title", "description", "status", "importance", "dates", "shareds", "parents", "responsibles", "followers",
        "follow", "priorityBefore", "priorityAfter", "superTasks", "metadata", "customFields", "customStatus",
        "fields", "withInvitations", "plainTextCustomFields", "billingType",
    ]

    /// `POST /folders/{id}/tasks`: `title` required and not blank; `parents` add folders besides `id`;
    /// `superTasks` make it a subtask (it inherits their folders as `superParentIds`); every other
    /// parameter is validated as in `PUT /tasks/{id}`.
    mutating func postTask(_ p: Params, folderId: String, now: Date) throws -> HTTPResponse {
        try p.allow(Self.postTaskParams)
        guard isContainer(folderId) || folderId == rootId else { throw APIError.notFound("Folder") }
        if let f = folders[folderId], f.scope == .rbFolder { throw APIError.notFound("Folder") }
        let title = try p.requiredString("title")
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError.invalidParameter("title") }
        let stamp = WrikeDate.formatTimestamp(now)
        let id = newId("KQ")
        let wf = folders[folderId].flatMap { $0.workflowId }.flatMap { workflows[$0] } ?? workflow(forStatus: nil)
        var t = WrikeTask(id: id, accountId: account.id, title: title, description: "", briefDescription: "",
                          parentIds: [folderId], superParentIds: [], sharedIds: [meId], responsibleIds: [],
                          status: .active, importance: .normal, createdDate: stamp, updatedDate: stamp,
                          dates: TaskDates(type: .backlog), scope: .wsTask, authorIds: [meId],
                          customStatusId: defaultStatus(group: .active, in: wf)?.id, hasAttachments: false,
                          permalink: "https://www.wrike.com/open.htm?id=\(Self.numericId(id))",
                          priority: String(format: "%024x", tasks.count + 1), followerIds: [meId],
                          superTaskIds: [], subTaskIds: [], dependencyIds: [], metadata: [], customFields: [])
        var values = p.names.reduce(into: [String: JSONValue]()) { acc, name in acc[name] = p.json(name) }
        // Map creation names onto the update machinery.
        for (from, to) in [("responsibles", "addResponsibles"), ("shareds", "addShareds"), ("followers", "addFollowers"),
                           ("superTasks", "addSuperTasks"), ("parents", "addParents")] {
            if let v = values.removeValue(forKey: from) { values[to] = v }
        }
        values.removeValue(forKey: "title")
        try applyTaskUpdate(&t, Params(values), now: now)
        t.updatedDate = stamp
        try commitTask(t, old: nil, p)
        let fields = try fieldList(p, allowed: Self.taskDetailFields)
        return Reply.json("tasks", [fullTask(tasks[id] ?? t, fields)])
    }

    /// The folders a subtask inherits: its super tasks' own and inherited folders (`createdTaskData`:
    /// a subtask in one folder lists its super task's two folders as `superParentIds`).
    func inheritedFolders(of t: WrikeTask) -> [String] {
        var out: [String] = []
        for sid in t.superTaskIds ?? [] {
            guard let s = tasks[sid] else { continue }
            for f in (s.parentIds ?? []) + (s.superParentIds ?? []) where !out.contains(f) && f != recycleBinId {
                out.append(f)
            }
        }
        return out
    }

    /// `DELETE /tasks/{id}`: moves the task to the Recycle Bin and returns it: `scope` `RbTask` and
    /// `parentIds` the account's Recycle Bin (`deletedTaskData`); lists no longer hold it, `GET
    /// /tasks/{id}` still does, and `PUT … restore=true` puts it back where it was.
    mutating func deleteTask(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow([])
        guard var t = tasks[id] else { throw APIError.notFound("Task") }
        if t.scope != .rbTask { deletedTaskParents[id] = t.parentIds ?? [] }
        t.scope = .rbTask
        t.parentIds = [recycleBinId]
        t.updatedDate = WrikeDate.formatTimestamp(now)
        tasks.replace(t)
        touch()
        return Reply.json("tasks", [fullTask(t)])
    }
}
