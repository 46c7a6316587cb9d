// Deleting a task (`delete-task`): asks first, then `DELETE /tasks/{id}` moves it to Wrike's Recycle Bin.
// The list drops it at once and takes it back, with Wrike's reason, when Wrike refuses. Undo restores it
// (`PUT /tasks/{id}` with `restore=true`, API v4's "Restore task from Recycled Bin") into its folders.
// See docs/editing.md.
import TermText
import WrikeAPI

/// A delete or a restore waiting for Wrike's answer.
public struct DeleteWrite: Sendable, Equatable {
    /// The task as it was before.
    public var task: WrikeTask
    /// Undoing a delete (`restore=true`) rather than deleting.
    public var restore: Bool
    /// It was in the list (it goes back there when the delete is refused).
    public var wasListed: Bool
}

extension TaskListState {
    /// Drops tasks from the list (a delete), keeping the cursor's row.
    mutating func remove(_ ids: Set<String>, directory: Directory) {
        guard ids.contains(where: { index[$0] != nil }) else { return }
        let c = cursor
        replace(tasks.filter { !ids.contains($0.id) }, directory: directory)
        cursor = max(0, min(c, rows.count - 1))
    }
}

extension AppState {
    /// The `delete-task` key: asks before moving the open (or selected) task to the Recycle Bin.
    mutating func askDeleteTask() -> [Effect] {
        guard let t = actionTask else { status.lastError = "No task selected."; return [] }
        if !actions.marks.isEmpty && focus == .list {
            status.message = "Delete takes one task at a time: the selected one is asked about, the marks stay."
        }
        let title = Sanitizer.cleanLine(String(t.title.prefix(60)))
        modal = .confirm(ConfirmModel(title: "Delete task",
                                                message: "Move “\(title)” to Wrike's Recycle Bin? (undo brings it back)",
                                                yesLabel: "Delete", needsY: true), .deleteTask(id: t.id))
        return []
    }

    /// `y` in the confirmation: the task leaves the list at once and the DELETE is sent.
    mutating func deleteTaskConfirmed(_ id: String) -> [Effect] {
        guard let t = task(id) else { status.lastError = "That task is no longer listed."; return [] }
        let token = nextToken()
        let listed = list.index[id] != nil
        features.taskEdit.deletes[token] = DeleteWrite(task: t, restore: false, wasListed: listed)
        list.remove([id], directory: catalog.directory)
        if actions.marks.contains(id) { actions.marks.toggle(id) }
        status.message = "Deleting “\(Sanitizer.cleanLine(String(t.title.prefix(50))))”…"
        return [.deleteTask(taskId: id, token: token)]
    }

    /// Undo of a delete: back into its folders (and the list, when it was there) at once.
    mutating func restoreDeleted(_ before: WrikeTask, name: String) -> [Effect] {
        let token = nextToken()
        let belongs = belongsInList(before)
        features.taskEdit.deletes[token] = DeleteWrite(task: before, restore: true, wasListed: belongs)
        catalog.knownTasks[before.id] = before
        if belongs && list.index[before.id] == nil { list.append([before], directory: catalog.directory) }
        status.message = "Undoing “\(name)”…"
        return [.updateTask(taskId: before.id, TaskUpdate(restore: true), token: token)]
    }

    func belongsInList(_ t: WrikeTask) -> Bool {
        guard let f = list.folderId else { return false }
        return (t.parentIds ?? []).contains(f) || (t.superParentIds ?? []).contains(f)
    }

    /// The answer to a delete or a restore; nil when the token is not one.
    mutating func deleteWritten(_ token: Int, _ result: Result<[WrikeTask], WriteFailure>) -> [Effect]? {
        guard let w = features.taskEdit.deletes.removeValue(forKey: token) else { return nil }
        let title = "“\(Sanitizer.cleanLine(String(w.task.title.prefix(50))))”"
        switch (result, w.restore) {
        case (.success(let ts), false):
            // Known (and shown, when open) as it is now: in the Recycle Bin; the list does not hold it.
            if let gone = ts.first(where: { $0.id == w.task.id }) { replaceTask(gone) }
            features.taskEdit.remember(UndoEntry(summary: "Deleted \(title)", before: [w.task], updates: [w.task.id: TaskUpdate(restore: true)]))
            status.message = "\(title) is in Wrike's Recycle Bin (undo brings it back)."
            status.lastError = nil
        case (.failure(let f), false):
            if w.wasListed && list.index[w.task.id] == nil { list.append([w.task], directory: catalog.directory) }
            catalog.knownTasks[w.task.id] = w.task
            status.lastError = f.outcome == .unknown
                ? "\(title) may or may not be deleted: no answer from Wrike; refresh (r) to see."
                : "\(title) was not deleted: \(Self.lowerFirst(EditRefusal.explain(f)))"
        case (.success(let ts), true):
            replaceTasks(ts)
            if let back = ts.first(where: { $0.id == w.task.id }), belongsInList(back), list.index[back.id] == nil {
                list.append([back], directory: catalog.directory)
            }
            status.message = "Undid “Deleted \(title)”: it is back in its folders."
            status.lastError = nil
        case (.failure(let f), true):
            if list.index[w.task.id] != nil { list.remove([w.task.id], directory: catalog.directory) }
            status.lastError = "\(title) could not be brought back from the Recycle Bin: \(Self.lowerFirst(EditRefusal.explain(f)))"
        }
        return []
    }
}

extension AppState {
    /// A task write of this feature's own (a delete, a restore, part of a bulk edit); nil for any other.
    mutating func taskEditWritten(_ token: Int, _ result: Result<[WrikeTask], WriteFailure>) -> [Effect]? {
        guard let effects = deleteWritten(token, result) ?? bulkWritten(token, result) else { return nil }
        refreshEditPicker()
        return effects
    }
}
