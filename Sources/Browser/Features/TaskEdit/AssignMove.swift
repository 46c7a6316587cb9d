// The edit pickers' update: `assign` (Enter adds or removes the highlighted person or group), `move`
// (Enter adds the task to the highlighted folder, or takes it out of one it is in) and `edit-importance`
// (Enter sets it). Each acts on the open task, or on the marked tasks in the list (a bulk edit,
// BulkEdit.swift); the assign and move pickers stay open, their checks following the tasks. See
// EditPicker.swift and docs/editing.md.
import TermText
import WrikeAPI

extension AppState {
    /// The tasks an edit acts on: the marked ones when the list has the focus, else the open or selected one.
    var editTargets: [WrikeTask] {
        if !actions.marks.isEmpty && focus == .list { return actions.marks.ids.compactMap { task($0) } }
        return actionTask.map { [$0] } ?? []
    }

    mutating func openEditPicker(_ kind: EditPickerKind) -> [Effect] {
        let targets = editTargets
        guard !targets.isEmpty else { status.lastError = "No task selected."; return [] }
        let ids = targets.map(\.id)
        var effects: [Effect] = []
        let picker: EditPicker
        switch kind {
        case .fields, .fieldValue:
            return beginFieldEdit()
        case .assign:
            guard catalog.directory.contactsLoaded else { status.lastError = "Still loading people; try again in a moment."; return [] }
            picker = EditPicker(kind: .assign, taskIds: ids, choices: assigneeChoices(), checked: [])
        case .move:
            effects = readUnreadSpaces()
            picker = EditPicker.folders(GoTo.places(tree), taskIds: ids, checked: [])
        case .importance:
            picker = EditPicker(kind: .importance, taskIds: ids, choices: [.importance(.high), .importance(.normal), .importance(.low)],
                                checked: [])
        }
        modal = .editPicker(picker)
        refreshEditPicker()
        return effects
    }

    /// Everyone a task can be assigned to: people and groups Wrike lists, deleted ones left out, by name.
    func assigneeChoices() -> [EditChoice] {
        catalog.directory.contacts.values.filter { $0.deleted != true && ($0.type == nil || $0.type == .person || $0.type == .group) }
            .map { EditChoice.contact(id: $0.id, name: Sanitizer.cleanLine($0.displayName), group: $0.type == .group) }
            .sorted { ($0.label.lowercased(), $0.id) < ($1.label.lowercased(), $1.id) }
    }

    /// Checks what every one of the picker's tasks has now (after a change, an answer or a rollback),
    /// and lists the folders the tree has read since.
    mutating func refreshEditPicker() {
        guard case .editPicker(var m)? = modal else { return }
        let tasks = m.taskIds.compactMap { task($0) }
        func common(_ values: (WrikeTask) -> [String]) -> Set<String> {
            guard let first = tasks.first else { return [] }
            return tasks.dropFirst().reduce(Set(values(first))) { $0.intersection(values($1)) }
        }
        switch m.kind {
        case .assign: m.check(common { $0.responsibleIds ?? [] })
        case .move:
            m.setPlaces(GoTo.places(tree))
            m.check(common { $0.parentIds ?? [] })
        case .importance: m.check(common { $0.importance.map { [$0.rawValue] } ?? [] })
        case .fields: break
        case .fieldValue(let fieldId, _, _): m.check(fieldValues(fieldId, taskId: m.taskIds.first ?? ""))
        }
        modal = .editPicker(m)
    }

    mutating func editPickerInput(_ c: PickerCommand, _ m: EditPicker) -> [Effect] {
        var m = m
        switch c {
        case .cancel:
            modal = nil
            return []
        case .accept:
            guard let choice = m.picker.current else { return [] }
            if case .fields = m.kind { return pickField(choice.id, taskId: m.taskIds.first ?? "") }
            if case .fieldValue(let fieldId, _, _) = m.kind { return pickFieldValue(choice.id, fieldId: fieldId, taskId: m.taskIds.first ?? "") }
            let tasks = m.taskIds.compactMap { task($0) }
            guard !tasks.isEmpty else { modal = nil; status.lastError = "Those tasks are no longer listed."; return [] }
            if tasks.count > 1 { actions.marks.clear() }
            let effects: [Effect]
            switch choice {
            case .contact(let id, let name, _): effects = toggleAssignee(id, name: name, on: tasks)
            case .folder(let p): effects = toggleFolder(p, on: tasks)
            case .importance(let i):
                modal = nil
                return setImportance(i, on: tasks)
            case .field, .option:
                return []
            }
            refreshEditPicker()
            return effects
        case .type, .deleteBackward, .clear, .up, .down, .pageUp, .pageDown, .top, .bottom:
            m.input(c)
            modal = .editPicker(m)
            return []
        }
    }

    /// Adds the person to every task that lacks them, or (when all have them) removes them from all.
    mutating func toggleAssignee(_ id: String, name: String, on tasks: [WrikeTask]) -> [Effect] {
        let removing = tasks.allSatisfy { ($0.responsibleIds ?? []).contains(id) }
        let summary = removing ? "Unassigned \(name)" : "Assigned \(name)"
        let changes = tasks.compactMap { t -> (before: WrikeTask, after: WrikeTask)? in
            let has = (t.responsibleIds ?? []).contains(id)
            guard has == removing else { return nil }
            var a = t
            a.responsibleIds = removing ? (t.responsibleIds ?? []).filter { $0 != id } : (t.responsibleIds ?? []) + [id]
            return (t, a)
        }
        let update = removing ? TaskUpdate(removeResponsibles: [id]) : TaskUpdate(addResponsibles: [id])
        return sendEdit(summary, changes, update)
    }

    /// Adds the tasks to the folder, or (when all are in it) takes them out: never out of their last one.
    mutating func toggleFolder(_ p: GoToPlace, on tasks: [WrikeTask]) -> [Effect] {
        let removing = tasks.allSatisfy { ($0.parentIds ?? []).contains(p.id) }
        if removing, let only = tasks.first(where: { ($0.parentIds ?? []).count <= 1 && ($0.superTaskIds ?? []).isEmpty }) {
            status.lastError = "“\(Sanitizer.cleanLine(String(only.title.prefix(40))))” is only in \(p.name): add it to another folder first (a task stays in at least one)."
            return []
        }
        let summary = removing ? "Removed from \(p.name)" : "Added to \(p.name)"
        let changes = tasks.compactMap { t -> (before: WrikeTask, after: WrikeTask)? in
            let inIt = (t.parentIds ?? []).contains(p.id)
            guard inIt == removing else { return nil }
            var a = t
            a.parentIds = removing ? (t.parentIds ?? []).filter { $0 != p.id } : (t.parentIds ?? []) + [p.id]
            return (t, a)
        }
        let update = removing ? TaskUpdate(removeParents: [p.id]) : TaskUpdate(addParents: [p.id])
        return sendEdit(summary, changes, update)
    }

    mutating func setImportance(_ i: Importance, on tasks: [WrikeTask]) -> [Effect] {
        let changes = tasks.compactMap { t -> (before: WrikeTask, after: WrikeTask)? in
            guard t.importance != i else { return nil }
            var a = t
            a.importance = i
            return (t, a)
        }
        return sendEdit("Importance: \(i.rawValue)", changes, TaskUpdate(importance: i))
    }

    /// One task: an optimistic `PUT /tasks/{id}`; several: a bulk edit (batched when Wrike's bulk takes it).
    mutating func sendEdit(_ summary: String, _ changes: [(before: WrikeTask, after: WrikeTask)], _ update: TaskUpdate) -> [Effect] {
        guard !changes.isEmpty else { status.message = "Nothing to change: \(summary.lowercased()) already."; return [] }
        if changes.count == 1, let c = changes.first {
            return optimistic(TaskEdit(taskId: c.before.id, queryItems: [], optimistic: c.after, rollback: c.before, summary: summary),
                              update: update)
        }
        return sendBulk(summary, changes, update: update.asBulk, each: { _ in update })
    }
}

extension AppState {
    /// The detail pane's "Folders" line: every folder and project the task is in, by name (a folder the
    /// tree has not read is counted, never shown by id); a subtask in none lists its super tasks' folders.
    /// Nil when Wrike's answer did not say (a list page without `parentIds`).
    public func folderLine(_ t: WrikeTask) -> String? {
        if t.scope == .rbTask { return "Recycle Bin" }
        guard t.parentIds != nil || t.superParentIds != nil else { return nil }
        func names(_ ids: [String]) -> [String] {
            let known = ids.compactMap { tree.entries[$0].map { Sanitizer.cleanLine($0.title) } }
            let unknown = ids.count - known.count
            return known + (unknown > 0 ? ["\(unknown) folder\(unknown == 1 ? "" : "s") not read yet"] : [])
        }
        let own = names(t.parentIds ?? [])
        if !own.isEmpty { return own.joined(separator: ", ") }
        let inherited = names(t.superParentIds ?? [])
        return inherited.isEmpty ? "none" : "through its super task: " + inherited.joined(separator: ", ")
    }
}
