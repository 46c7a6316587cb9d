// Undo: the changes of this session that Wrike can revert (status, assignees, importance, dates, title,
// description, folders), most recent first. Each confirmed change is remembered with the update that
// puts it back; undo sends that update like any other change (shown at once, rolled back when refused)
// and is not itself remembered. A create cannot be undone this way: undo says so. See docs/editing.md.
import TermText
import WrikeAPI

public enum UndoPlan {
    /// The `PUT /tasks/{id}` that turns `after` back into `before` (nil: nothing Wrike can revert changed).
    public static func inverse(before b: WrikeTask, after a: WrikeTask) -> TaskUpdate? {
        var u = TaskUpdate()
        var any = false
        if b.title != a.title { u.title = b.title; any = true }
        if (b.description ?? "") != (a.description ?? ""), b.description != nil { u.description = b.description; any = true }
        if b.importance != a.importance, let i = b.importance { u.importance = i; any = true }
        if !sameDates(b.dates, a.dates) {
            var d = b.dates ?? TaskDates(type: .backlog)
            d.workOnWeekends = nil
            u.dates = d
            any = true
        }
        if b.customStatusId != a.customStatusId, let s = b.customStatusId { u.customStatus = s; any = true }
        let (addR, removeR) = diff(b.responsibleIds, a.responsibleIds)
        if !addR.isEmpty { u.addResponsibles = addR; any = true }
        if !removeR.isEmpty { u.removeResponsibles = removeR; any = true }
        let (addP, removeP) = diff(b.parentIds, a.parentIds)
        if !addP.isEmpty { u.addParents = addP; any = true }
        if !removeP.isEmpty { u.removeParents = removeP; any = true }
        if let fields = customFieldsBack(b.customFields, a.customFields) { u.customFields = fields; any = true }
        return any ? u : nil
    }

    /// The custom field values that put `after`'s back to `before`'s (nil value: remove), nil when equal.
    static func customFieldsBack(_ before: [CustomFieldValue]?, _ after: [CustomFieldValue]?) -> [CustomFieldUpdate]? {
        guard let before, let after else { return nil }
        func value(_ list: [CustomFieldValue], _ id: String) -> String? { list.first { $0.id == id }?.value.flatMap { $0.isEmpty ? nil : $0 } }
        var ids: [String] = []
        for v in before + after where !ids.contains(v.id) { ids.append(v.id) }
        let back = ids.filter { value(before, $0) != value(after, $0) }.map { CustomFieldUpdate(id: $0, value: value(before, $0)) }
        return back.isEmpty ? nil : back
    }

    /// Dates equal as a list row holds them: the type and the days (a list keeps no time of day and no
    /// duration, a task read in full has them; those alone are no change to undo).
    static func sameDates(_ x: TaskDates?, _ y: TaskDates?) -> Bool {
        if x == y { return true }
        let bx = x ?? TaskDates(type: .backlog), by = y ?? TaskDates(type: .backlog)
        return (bx.type ?? .backlog) == (by.type ?? .backlog) && bx.start?.prefix(10) == by.start?.prefix(10)
            && bx.due?.prefix(10) == by.due?.prefix(10)
    }

    /// What `before` has that `after` lacks (to add back) and the reverse (to remove).
    static func diff(_ before: [String]?, _ after: [String]?) -> (add: [String], remove: [String]) {
        let b = before ?? [], a = after ?? []
        return (b.filter { !a.contains($0) }, a.filter { !b.contains($0) })
    }

    /// `current` with the fields the inverse update sets taken from `before` (what undo shows at once).
    public static func restored(_ current: WrikeTask, from before: WrikeTask) -> WrikeTask {
        var t = current
        t.title = before.title
        t.description = before.description ?? t.description
        t.importance = before.importance
        t.dates = before.dates
        t.customStatusId = before.customStatusId
        t.status = before.status
        t.completedDate = before.completedDate
        t.responsibleIds = before.responsibleIds
        t.parentIds = before.parentIds
        if before.customFields != nil { t.customFields = before.customFields }
        return t
    }
}

extension AppState {
    /// Remembers a confirmed change (`before` → `after`) for undo.
    mutating func rememberForUndo(before: [WrikeTask], after: [WrikeTask], summary: String) {
        var updates: [String: TaskUpdate] = [:]
        for b in before {
            guard let a = after.first(where: { $0.id == b.id }), let u = UndoPlan.inverse(before: b, after: a) else { continue }
            updates[b.id] = u
        }
        guard !updates.isEmpty else { return }
        features.taskEdit.remember(UndoEntry(summary: summary, before: before.filter { updates[$0.id] != nil }, updates: updates))
    }

    /// The undo key: reverts the most recent change this session made, or says why it cannot.
    mutating func undoLast() -> [Effect] {
        guard let entry = features.taskEdit.undo.popLast() else {
            status.message = "Nothing to undo: no change made in this session is left."
            return []
        }
        let name = Sanitizer.cleanLine(entry.summary)
        if let why = entry.cannotUndo {
            status.lastError = "“\(name)” cannot be undone: \(why)"
            return []
        }
        if entry.before.count == 1, let b = entry.before.first, entry.updates[b.id]?.restore == true {
            return restoreDeleted(b, name: name)
        }
        if entry.before.count > 1 { return undoBulk(entry, name: name) }
        var effects: [Effect] = []
        for b in entry.before {
            guard let update = entry.updates[b.id] else { continue }
            let current = task(b.id) ?? b
            let token = nextToken()
            actions.pending[token] = PendingEdit(rollback: [current], summary: "Undid “\(name)”", undoable: false)
            replaceTask(UndoPlan.restored(current, from: b))
            effects.append(.updateTask(taskId: b.id, update, token: token))
        }
        status.message = "Undoing “\(name)”…"
        return effects
    }

    /// Undo of an edit of several tasks: tasks whose inverse is the same bulk-able update go back in
    /// batches of at most 100 ids, the others one by one; a refused part is reported task by task.
    mutating func undoBulk(_ entry: UndoEntry, name: String) -> [Effect] {
        let changes = entry.before.map { b in (before: task(b.id) ?? b, after: UndoPlan.restored(task(b.id) ?? b, from: b)) }
        let updates = entry.updates
        let bulkable = Set(entry.before.compactMap { updates[$0.id]?.asBulk })
        if bulkable.count == 1, let only = bulkable.first, entry.before.allSatisfy({ updates[$0.id]?.asBulk == only }) {
            return sendBulk("Undid “\(name)”", changes, update: only, each: { _ in nil }, undoable: false)
        }
        return sendBulk("Undid “\(name)”", changes, update: nil, each: { updates[$0.id] }, undoable: false)
    }
}
