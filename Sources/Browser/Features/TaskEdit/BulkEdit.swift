// Edits of several tasks at once (the marked tasks, or undoing such an edit): shown at once, sent as
// `PUT /tasks/{ids}` batches of at most 100 ids where Wrike's bulk update takes the field (assignees,
// folders, status), else one `PUT /tasks/{id}` per task (importance, dates: Wrike's bulk update does not
// take them). Each request rolls back its own tasks when refused; a batch refused because of one of its
// tasks (403, 404) is sent again task by task (a PUT changes nothing twice), so the report names the
// tasks Wrike refused, each with its reason in words. See docs/editing.md.
import TermText
import WrikeAPI

/// A task Wrike did not change, and why.
public struct BulkFailure: Sendable, Equatable {
    public var taskId: String
    public var title: String
    public var reason: String
}

/// One edit of several tasks, until every answer is in.
public struct BulkRun: Sendable, Equatable {
    /// Named in the status line ("Assigned Ann Lee").
    public var summary: String
    /// The tasks as they were, by id.
    public var before: [String: WrikeTask]
    /// Requests not answered yet: token → its tasks and, for a batch, its update (to send task by task).
    public var waiting: [Int: [String]] = [:]
    public var batches: [Int: BulkTaskUpdate] = [:]
    public var confirmed: [WrikeTask] = []
    public var failed: [BulkFailure] = []
    /// Remembered for undo when done (an undo is not).
    public var undoable: Bool
    /// Task count, for the report.
    public var total: Int { before.count }
}

extension TaskUpdate {
    /// The same change for one task (a batch sent again task by task).
    init(_ b: BulkTaskUpdate) {
        self.init(addParents: b.addParents, removeParents: b.removeParents, addResponsibles: b.addResponsibles,
                  removeResponsibles: b.removeResponsibles, customFields: b.customFields, customStatus: b.customStatus)
    }

    /// The same change as a bulk update, when Wrike's `PUT /tasks/{ids}` takes every field it sets.
    var asBulk: BulkTaskUpdate? {
        guard title == nil, description == nil, status == nil, importance == nil, dates == nil, addShareds == nil,
              removeShareds == nil, addFollowers == nil, follow == nil, addSuperTasks == nil, removeSuperTasks == nil,
              metadata == nil, restore == nil, billingType == nil else { return nil }
        return BulkTaskUpdate(customStatus: customStatus, addParents: addParents, removeParents: removeParents,
                              addResponsibles: addResponsibles, removeResponsibles: removeResponsibles, customFields: customFields)
    }
}

extension AppState {
    /// At most this many ids per `PUT /tasks/{ids}` (Wrike's limit).
    public static let bulkBatchSize = 100

    /// Sends one change of several tasks: `changes` pairs each task as it is with how it looks after;
    /// `update` is the same for all (batched when Wrike's bulk update takes it), `each` per task otherwise.
    mutating func sendBulk(_ summary: String, _ changes: [(before: WrikeTask, after: WrikeTask)], update: BulkTaskUpdate?,
                           each: (WrikeTask) -> TaskUpdate?, undoable: Bool = true) -> [Effect] {
        guard !changes.isEmpty else { status.message = "Nothing to change."; return [] }
        let runId = nextToken()
        var run = BulkRun(summary: summary, before: Dictionary(changes.map { ($0.before.id, $0.before) }, uniquingKeysWith: { a, _ in a }),
                          undoable: undoable)
        var effects: [Effect] = []
        if let update {
            for chunk in Self.chunks(changes.map(\.before.id), Self.bulkBatchSize) {
                let token = nextToken()
                run.waiting[token] = chunk
                run.batches[token] = update
                effects.append(.updateTasks(ids: chunk, update, token: token))
            }
        } else {
            for c in changes {
                guard let u = each(c.before) else { continue }
                let token = nextToken()
                run.waiting[token] = [c.before.id]
                effects.append(.updateTask(taskId: c.before.id, u, token: token))
            }
        }
        guard !effects.isEmpty else { status.message = "Nothing to change."; return [] }
        for token in run.waiting.keys { features.taskEdit.bulkTokens[token] = runId }
        features.taskEdit.bulk[runId] = run
        replaceTasks(changes.map(\.after))
        status.message = "\(summary): \(changes.count) tasks…"
        return effects
    }

    static func chunks(_ ids: [String], _ size: Int) -> [[String]] {
        stride(from: 0, to: ids.count, by: size).map { Array(ids[$0..<min($0 + size, ids.count)]) }
    }

    /// An answer to one request of a bulk edit; nil when the token is not one.
    mutating func bulkWritten(_ token: Int, _ result: Result<[WrikeTask], WriteFailure>) -> [Effect]? {
        guard let runId = features.taskEdit.bulkTokens.removeValue(forKey: token), var run = features.taskEdit.bulk[runId],
              let ids = run.waiting.removeValue(forKey: token) else { return nil }
        let batch = run.batches.removeValue(forKey: token)
        var effects: [Effect] = []
        switch result {
        case .success(let tasks):
            replaceTasks(tasks)
            run.confirmed += tasks
        case .failure(let f):
            if let batch, ids.count > 1, f.outcome == .notApplied, f.status == 403 || f.status == 404 {
                // One of them may be the reason: ask task by task.
                for id in ids {
                    let t = nextToken()
                    run.waiting[t] = [id]
                    features.taskEdit.bulkTokens[t] = runId
                    effects.append(.updateTask(taskId: id, TaskUpdate(batch), token: t))
                }
            } else {
                replaceTasks(ids.compactMap { run.before[$0] })
                run.failed += ids.map { BulkFailure(taskId: $0, title: taskTitle($0), reason: EditRefusal.explain(f)) }
            }
        }
        guard run.waiting.isEmpty else {
            features.taskEdit.bulk[runId] = run
            let done = run.confirmed.count + run.failed.count
            status.message = "\(run.summary): \(done) of \(run.total) tasks answered…"
            return effects
        }
        features.taskEdit.bulk[runId] = nil
        finishBulk(run)
        return effects
    }

    /// Every answer is in: remember what Wrike changed for undo, and say what it did not change.
    mutating func finishBulk(_ run: BulkRun) {
        let ok = Set(run.confirmed.map(\.id))
        if run.undoable {
            rememberForUndo(before: run.before.values.filter { ok.contains($0.id) }.sorted { $0.id < $1.id }, after: run.confirmed,
                            summary: "\(run.summary) (\(ok.count) tasks)")
        }
        guard !run.failed.isEmpty else {
            status.message = "\(run.summary): \(ok.count) task\(ok.count == 1 ? "" : "s") changed."
            status.lastError = nil
            return
        }
        status.message = nil
        status.lastError = Self.bulkReport(run.summary, changed: ok.count, total: run.total, failed: run.failed)
    }

    /// "Assigned Ann: 247 of 250 tasks changed; not changed: “A”, “B” (You do not have access…); “C" (…)."
    public static func bulkReport(_ summary: String, changed: Int, total: Int, failed: [BulkFailure]) -> String {
        var byReason: [(reason: String, titles: [String])] = []
        for f in failed {
            let title = "“\(Sanitizer.cleanLine(String((f.title.isEmpty ? f.taskId : f.title).prefix(30))))”"
            if let i = byReason.firstIndex(where: { $0.reason == f.reason }) { byReason[i].titles.append(title) } else {
                byReason.append((f.reason, [title]))
            }
        }
        let parts = byReason.map { group -> String in
            let shown = group.titles.prefix(3).joined(separator: ", ")
            let more = group.titles.count > 3 ? " and \(group.titles.count - 3) more" : ""
            return "\(shown)\(more): \(lowerFirst(group.reason))"
        }
        let head = changed == 0 ? "\(summary): no task changed" : "\(summary): \(changed) of \(total) tasks changed"
        return "\(head); not changed: " + parts.joined(separator: "; ")
    }
}

extension AppState {
    /// The dates typed for the marked tasks: read against each task's own dates, one `PUT /tasks/{id}`
    /// each (Wrike's bulk update does not take dates).
    mutating func submitBulkDates(_ text: String, ids: [String]) -> [Effect] {
        var changes: [(before: WrikeTask, after: WrikeTask)] = []
        for t in ids.compactMap({ task($0) }) {
            switch DateInput.parse(text, current: t.dates, today: today) {
            case .failure(let e):
                status.lastError = e.message
                return []
            case .success(let d):
                guard d != t.dates else { continue }
                var a = t
                a.dates = d
                changes.append((t, a))
            }
        }
        features.taskEdit.input = nil
        actions.marks.clear()
        let after = Dictionary(changes.map { ($0.before.id, $0.after.dates) }, uniquingKeysWith: { a, _ in a })
        return sendBulk("Dates: \(Sanitizer.cleanLine(text))", changes, update: nil,
                        each: { t in after[t.id].map { TaskUpdate(dates: $0 ?? TaskDates(type: .backlog)) } })
    }
}
