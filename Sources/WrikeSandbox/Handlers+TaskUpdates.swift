// PUT /tasks/{id} and the bulk PUT: the parameters allowed, how each changes a task (status, dates, work
// minutes), and the commit of the changed task.
import Foundation
import WrikeAPI

extension State {
    static let putTaskParams: Set<String> = [
        "title", "description", "status", "importance", "dates", "addParents", "removeParents", "addShareds",
        "removeShareds", "addResponsibles", "removeResponsibles", "addResponsiblePlaceholders",
        "removeResponsiblePlaceholders", "addFollowers", "follow", "priorityBefore", "priorityAfter", "addSuperTasks",
        "removeSuperTasks", "metadata", "customFields", "customStatus", "restore", "effortAllocation",
        "setResponsibleAllocation", "billingType", "withInvitations", "convertToCustomItemType", "plainTextCustomFields",
        "workScheduleId", "fields",
    ]
    static let bulkPutTaskParams: Set<String> = [
        "customFields", "effortAllocation", "setResponsibleAllocation", "convertToCustomItemType", "addParents",
        "removeParents", "addResponsibles", "removeResponsibles", "addResponsiblePlaceholders",
        "removeResponsiblePlaceholders", "customStatus",
    ]

    mutating func putTask(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow(Self.putTaskParams)
        let fields = try fieldList(p, allowed: Self.taskDetailFields)
        guard var t = tasks[id] else { throw APIError.notFound("Task") }
        try applyTaskUpdate(&t, p, now: now)
        try commitTask(t, old: tasks[id], p)
        return Reply.json("tasks", [fullTask(tasks[id] ?? t, fields)])
    }

    mutating func putTasksBulk(_ p: Params, ids: [String], now: Date) throws -> HTTPResponse {
        try p.allow(Self.bulkPutTaskParams)
        var updated: [WrikeTask] = []
        for id in ids {
            guard var t = tasks[id] else { throw APIError.notFound("Task") }
            try applyTaskUpdate(&t, p, now: now)
            updated.append(t)
        }
        for t in updated { try commitTask(t, old: tasks[t.id], p) }
        return Reply.json("tasks", updated.map { fullTask(tasks[$0.id] ?? $0) })
    }

    /// Validates and applies every parameter to `t` (nothing is stored until `commitTask`).
    func applyTaskUpdate(_ t: inout WrikeTask, _ p: Params, now: Date) throws {
        if let title = try p.string("title") {
            guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError.invalidParameter("title") }
            t.title = title
        }
        if p.has("description") {
            let d = try p.string("description") ?? ""
            t.description = d
            t.briefDescription = Self.brief(d)
        }
        if let importance = try p.enumValue("importance", Importance.self) { t.importance = importance }
        if let customStatus = try p.string("customStatus") {
            guard let entry = statuses[customStatus] else { throw APIError.invalidParameter("customStatus") }
            t.customStatusId = customStatus
            setStatusGroup(&t, entry.status.group ?? .active, now: now)
        } else if let status = try p.enumValue("status", TaskStatus.self) {
            let wf = workflow(forStatus: t.customStatusId)
            if let st = defaultStatus(group: status, in: wf) { t.customStatusId = st.id }
            setStatusGroup(&t, status, now: now)
        }
        if p.has("dates") {
            guard let o = try p.object("dates") else { throw APIError.invalidParameter("dates") }
            t.dates = try Self.parseDates(o, current: t.dates)
        }
        func contactList(_ name: String) throws -> [String]? {
            guard let ids = try p.stringArray(name) else { return nil }
            for id in ids where !contacts.contains(id) { throw APIError.invalidParameter(name, "unknown contact '\(id)'") }
            return ids
        }
        func folderList(_ name: String) throws -> [String]? {
            guard let ids = try p.stringArray(name) else { return nil }
            // "Cannot contain RecycleBin folder" (official 2020 model, `modify_task` add/removeParents).
            for id in ids where id == recycleBinId { throw APIError.invalidParameter(name, "cannot contain the Recycle Bin") }
            for id in ids where !isContainer(id) { throw APIError.invalidParameter(name, "unknown folder '\(id)'") }
            return ids
        }
        func taskList(_ name: String) throws -> [String]? {
            guard let ids = try p.stringArray(name) else { return nil }
            for id in ids where !tasks.contains(id) || id == t.id { throw APIError.invalidParameter(name, "bad task '\(id)'") }
            return ids
        }
        if let add = try contactList("addResponsibles") { t.responsibleIds = Self.union(t.responsibleIds, add) }
        if let remove = try contactList("removeResponsibles") { t.responsibleIds = Self.minus(t.responsibleIds, remove) }
        if let add = try contactList("addShareds") { t.sharedIds = Self.union(t.sharedIds, add) }
        if let remove = try contactList("removeShareds") { t.sharedIds = Self.minus(t.sharedIds, remove) }
        if let add = try contactList("addFollowers") { t.followerIds = Self.union(t.followerIds, add) }
        if let follow = try p.bool("follow") {
            t.followerIds = follow ? Self.union(t.followerIds, [meId]) : Self.minus(t.followerIds, [meId])
        }
        if let add = try folderList("addParents") { t.parentIds = Self.union(t.parentIds, add) }
        if let remove = try folderList("removeParents") {
            let left = Self.minus(t.parentIds, remove)
            if left.isEmpty && (t.superTaskIds ?? []).isEmpty {
                throw APIError.invalidParameter("removeParents", "a task must keep at least one parent")
            }
            t.parentIds = left
        }
        if let add = try taskList("addSuperTasks") { t.superTaskIds = Self.union(t.superTaskIds, add) }
        if let remove = try taskList("removeSuperTasks") { t.superTaskIds = Self.minus(t.superTaskIds, remove) }
        if let meta = try mergedMetadata(t.metadata, p) { t.metadata = meta }
        if let values = try mergedCustomFields(t.customFields, p) { t.customFields = values }
        if let restore = try p.bool("restore"), restore, t.scope == .rbTask {
            t.scope = .wsTask
            t.parentIds = deletedTaskParents[t.id] ?? [rootId]
        }
        if let billing = try p.string("billingType") {
            guard ["Billable", "NonBillable", "Automatic"].contains(billing) else { throw APIError.invalidParameter("billingType") }
            t.billingType = billing
        }
        // Accepted, not modelled: priorityBefore/After, placeholders, effortAllocation, workScheduleId...
        t.updatedDate = WrikeDate.formatTimestamp(now)
    }

    func setStatusGroup(_ t: inout WrikeTask, _ group: TaskStatus, now: Date) {
        let wasCompleted = t.status == .completed
        t.status = group
        if group == .completed {
            if !wasCompleted || t.completedDate == nil { t.completedDate = WrikeDate.formatTimestamp(now) }
        } else {
            t.completedDate = nil
        }
    }

    /// `dates` object: `{type, start, due, duration, workOnWeekends}` with Wrike's rules.
    static func parseDates(_ o: [String: JSONValue], current: TaskDates?) throws -> TaskDates {
        for key in o.keys where !["type", "start", "due", "duration", "workOnWeekends"].contains(key) {
            throw APIError.invalidParameter("dates", "unknown key '\(key)'")
        }
        var d = current ?? TaskDates(type: .backlog)
        func localDate(_ key: String) throws -> String? {
            guard let v = o[key] else { return nil }
            if case .null = v { return nil }
            guard case .string(let s) = v, WrikeDate.parseLocal(s) != nil, !s.hasSuffix("Z") else {
                throw APIError.invalidParameter("dates", "bad \(key)")
            }
            return s.count == 10 ? s + (key == "start" ? "T09:00:00" : "T17:00:00") : s
        }
        let start = try localDate("start")
        let due = try localDate("due")
        if let v = o["type"] {
            guard case .string(let s) = v, DateType(rawValue: s).isKnown else { throw APIError.invalidParameter("dates", "bad type") }
            d.type = DateType(rawValue: s)
        } else if start != nil || due != nil {
            d.type = (start != nil) ? .planned : (d.type == .milestone ? .milestone : .planned)
        }
        if o["start"] != nil { d.start = start }
        if o["due"] != nil { d.due = due }
        if let v = o["duration"] {
            guard case .number(let n) = v, n >= 0 else { throw APIError.invalidParameter("dates", "bad duration") }
            d.duration = Int(n)
        }
        if let v = o["workOnWeekends"] {
            guard case .bool(let b) = v else { throw APIError.invalidParameter("dates", "bad workOnWeekends") }
            d.workOnWeekends = b
        }
        switch d.type {
        case .some(.backlog):
            d.start = nil; d.due = nil; d.duration = nil
        case .some(.milestone):
            d.start = nil
            guard d.due != nil else { throw APIError.invalidParameter("dates", "a milestone needs due") }
            d.duration = nil
        default:
            if d.start == nil, let due = d.due { d.start = String(due.prefix(10)) + "T09:00:00" }
            if d.due == nil, let start = d.start { d.due = String(start.prefix(10)) + "T17:00:00" }
            guard let s = d.start, let e = d.due, let sd = WrikeDate.parseLocal(s), let ed = WrikeDate.parseLocal(e) else {
                throw APIError.invalidParameter("dates", "a planned task needs start or due")
            }
            guard sd <= ed else { throw APIError.invalidParameter("dates", "start is after due") }
            if o["duration"] == nil { d.duration = Self.workMinutes(from: sd, to: ed) }
        }
        return d
    }

    /// Working minutes between two local dates, 8 h per weekday (inclusive days).
    static func workMinutes(from start: Date, to end: Date) -> Int {
        let startDay = Int((start.timeIntervalSince1970 / 86_400).rounded(.down))
        let endDay = Int((end.timeIntervalSince1970 / 86_400).rounded(.down))
        var days = 0
        var d = startDay
        while d <= endDay && days < 10_000 {
            let weekday = ((d % 7) + 7 + 4) % 7  // 0 = Sunday (1970-01-01 was a Thursday)
            if weekday != 0 && weekday != 6 { days += 1 }
            d += 1
        }
        return max(days, 1) * 480
    }

    /// Stores an updated task and keeps the other sides (super/sub tasks) in sync.
    mutating func commitTask(_ t: WrikeTask, old: WrikeTask?, _ p: Params) throws {
        let oldSupers = Set(old?.superTaskIds ?? [])
        let newSupers = Set(t.superTaskIds ?? [])
        var t = t
        if oldSupers != newSupers { t.superParentIds = inheritedFolders(of: t) }
        tasks.replace(t)
        let stamp = t.updatedDate
        for added in newSupers.subtracting(oldSupers) {
            tasks.update(added) { s in s.subTaskIds = Self.union(s.subTaskIds, [t.id]); s.updatedDate = stamp }
        }
        for removed in oldSupers.subtracting(newSupers) {
            tasks.update(removed) { s in s.subTaskIds = Self.minus(s.subTaskIds, [t.id]); s.updatedDate = stamp }
        }
        touch()
    }

    static func union(_ a: [String]?, _ b: [String]) -> [String] {
        var out = a ?? []
        for x in b where !out.contains(x) { out.append(x) }
        return out
    }

    static func minus(_ a: [String]?, _ b: [String]) -> [String] {
        let drop = Set(b)
        return (a ?? []).filter { !drop.contains($0) }
    }
}
