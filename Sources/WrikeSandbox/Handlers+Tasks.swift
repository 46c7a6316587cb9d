import Foundation
import WrikeAPI

extension State {
    static let taskListParams: Set<String> = [
        "descendants", "subTasks", "title", "status", "importance", "customStatuses", "responsibles", "authors",
        "startDate", "dueDate", "scheduledDate", "createdDate", "updatedDate", "completedDate", "type", "permalink",
        "sortField", "sortOrder", "limit", "pageSize", "nextPageToken", "metadata", "customField", "customFields",
        "withInvitations", "billingTypes", "plainTextCustomFields", "customItemTypes", "responsiblePlaceholders", "fields",
    ]
    /// Optional `fields` of task lists.
    static let taskListFields: Set<String> = [
        "metadata", "responsibleIds", "customItemTypeId", "customFields", "followerIds", "parentIds", "sharedIds",
        "description", "superTaskIds", "responsiblePlaceholderIds", "superParentIds", "dependencyIds", "billingType",
        "attachmentCount", "workScheduleId", "effortAllocation", "hasAttachments", "subTaskIds", "recurrent",
        "authorIds", "briefDescription", "finance",
    ]
    /// Optional `fields` of `GET /tasks/{ids}` (everything else is in the full model already).
    static let taskDetailFields: Set<String> = [
        "recurrent", "attachmentCount", "effortAllocation", "billingType", "customItemTypeId", "workScheduleId",
        "responsiblePlaceholderIds", "cascadingFields", "finance",
    ]
    static let sortFields: Set<String> = [
        "CreatedDate", "UpdatedDate", "CompletedDate", "DueDate", "Status", "Importance", "Title", "LastAccessDate",
        "StartFinishInterval",
    ]

    // MARK: Projections

    /// The thin list item plus the requested `fields`.
    static func listItem(_ t: WrikeTask, _ fields: Set<String>) -> WrikeTask {
        var o = WrikeTask(id: t.id, accountId: t.accountId, title: t.title, status: t.status, importance: t.importance,
                          createdDate: t.createdDate, updatedDate: t.updatedDate, completedDate: t.completedDate,
                          dates: t.dates, scope: t.scope, customStatusId: t.customStatusId, permalink: t.permalink,
                          priority: t.priority)
        guard !fields.isEmpty else { return o }
        if fields.contains("metadata") { o.metadata = t.metadata ?? [] }
        if fields.contains("responsibleIds") { o.responsibleIds = t.responsibleIds ?? [] }
        if fields.contains("customItemTypeId") { o.customItemTypeId = t.customItemTypeId }
        if fields.contains("customFields") { o.customFields = t.customFields ?? [] }
        if fields.contains("followerIds") { o.followerIds = t.followerIds ?? [] }
        if fields.contains("parentIds") { o.parentIds = t.parentIds ?? [] }
        if fields.contains("sharedIds") { o.sharedIds = t.sharedIds ?? [] }
        if fields.contains("description") { o.description = t.description ?? "" }
        if fields.contains("superTaskIds") { o.superTaskIds = t.superTaskIds ?? [] }
        if fields.contains("responsiblePlaceholderIds") { o.responsiblePlaceholderIds = t.responsiblePlaceholderIds ?? [] }
        if fields.contains("superParentIds") { o.superParentIds = t.superParentIds ?? [] }
        if fields.contains("dependencyIds") { o.dependencyIds = t.dependencyIds ?? [] }
        if fields.contains("billingType") { o.billingType = t.billingType }
        if fields.contains("attachmentCount") { o.attachmentCount = t.attachmentCount ?? 0 }
        if fields.contains("workScheduleId") { o.workScheduleId = t.workScheduleId }
        if fields.contains("effortAllocation") { o.effortAllocation = t.effortAllocation }
        if fields.contains("hasAttachments") { o.hasAttachments = t.hasAttachments ?? false }
        if fields.contains("subTaskIds") { o.subTaskIds = t.subTaskIds ?? [] }
        if fields.contains("recurrent") { o.recurrent = t.recurrent ?? false }
        if fields.contains("authorIds") { o.authorIds = t.authorIds ?? [] }
        if fields.contains("briefDescription") { o.briefDescription = t.briefDescription ?? "" }
        return o
    }

    /// The full model (`GET /tasks/{ids}`, PUT answers) plus the requested optional `fields`.
    func fullTask(_ t: WrikeTask, _ fields: Set<String> = []) -> WrikeTask {
        var o = t
        o.description = t.description ?? ""
        o.briefDescription = t.briefDescription ?? Self.brief(t.description ?? "")
        o.parentIds = t.parentIds ?? []
        o.superParentIds = t.superParentIds ?? []
        o.sharedIds = t.sharedIds ?? []
        o.responsibleIds = t.responsibleIds ?? []
        o.authorIds = t.authorIds ?? []
        o.hasAttachments = t.hasAttachments ?? false
        o.followerIds = t.followerIds ?? []
        o.followedByMe = (t.followerIds ?? []).contains(meId)
        o.superTaskIds = t.superTaskIds ?? []
        o.subTaskIds = t.subTaskIds ?? []
        o.dependencyIds = t.dependencyIds ?? []
        o.metadata = t.metadata ?? []
        o.customFields = t.customFields ?? []
        if !fields.contains("recurrent") { o.recurrent = nil } else { o.recurrent = t.recurrent ?? false }
        if !fields.contains("attachmentCount") { o.attachmentCount = nil } else { o.attachmentCount = t.attachmentCount ?? 0 }
        if !fields.contains("effortAllocation") { o.effortAllocation = nil }
        if !fields.contains("billingType") { o.billingType = nil }
        if !fields.contains("customItemTypeId") { o.customItemTypeId = nil }
        if !fields.contains("workScheduleId") { o.workScheduleId = nil }
        if !fields.contains("responsiblePlaceholderIds") { o.responsiblePlaceholderIds = nil }
        return o
    }

    /// Plain text of an HTML description, cut like Wrike's briefDescription.
    static func brief(_ html: String) -> String {
        let text = HTMLText.plain(html).replacingOccurrences(of: "\n", with: " ")
        return text.count > 130 ? String(text.prefix(127)) + "..." : text
    }

    // MARK: Lists

    /// `GET /tasks`, `/folders/{id}/tasks`, `/spaces/{id}/tasks`.
    mutating func getTasks(_ p: Params, container: String?) throws -> HTTPResponse {
        try p.allow(Self.taskListParams)
        let fields = try fieldList(p, allowed: Self.taskListFields)
        if let limit = try p.int("limit"), limit < 1 { throw APIError.invalidParameter("limit") }
        let matched = try matchingTasks(p, container: container)
        var total = matched.count
        if let limit = try p.int("limit") { total = min(total, limit) }
        let window = try Paging.window(total: total, params: p, cap: 1000)
        var out: [WrikeTask] = []
        out.reserveCapacity(window.range.count)
        for i in window.range { out.append(Self.listItem(tasks.items[matched[i]], fields)) }
        return Reply.json("tasks", out, nextPageToken: window.nextPageToken, responseSize: window.responseSize)
    }

    /// Indexes of matching tasks, sorted; cached per (query, data version) so paging through a big
    /// result does not refilter for every page.
    mutating func matchingTasks(_ p: Params, container: String?) throws -> [Int] {
        let key = cacheKey(p, container: container)
        if listCacheVersion == version, let hit = listCache[key] { return hit }
        if listCacheVersion != version {
            listCache.removeAll(keepingCapacity: true)
            listCacheVersion = version
        }
        let filter = try TaskFilter(p, state: self)
        let descendants = try p.bool("descendants") ?? true
        let subTasks = try p.bool("subTasks") ?? false
        var scope: Set<String>?
        if let container { scope = descendants ? Set(subtree(of: container)) : [container] }
        var result: [Int] = []
        tasks.items.withUnsafeBufferPointer { buf in
            for i in buf.indices {
                if buf[i].scope == .rbTask { continue }
                let isSubtask = !(buf[i].superTaskIds?.isEmpty ?? true)
                if isSubtask && !subTasks { continue }
                if let scope {
                    var inside = false
                    if let parents = buf[i].parentIds {
                        for pid in parents where scope.contains(pid) { inside = true; break }
                    }
                    if !inside && subTasks && isSubtask, let supers = buf[i].superParentIds {
                        for pid in supers where scope.contains(pid) { inside = true; break }
                    }
                    if !inside { continue }
                }
                if !filter.isEmpty && !filter.matches(buf[i]) { continue }
                result.append(i)
            }
        }
        try sortTasks(&result, p)
        if listCache.count > 64 { listCache.removeAll(keepingCapacity: true) }
        listCache[key] = result
        return result
    }

    func cacheKey(_ p: Params, container: String?) -> String {
        var parts = [container ?? "*"]
        for name in p.names.sorted() where !["nextPageToken", "pageSize", "fields", "limit"].contains(name) {
            parts.append("\(name)=\(p.json(name).map { "\($0)" } ?? "")")
        }
        return parts.joined(separator: "&")
    }

    func sortTasks(_ idx: inout [Int], _ p: Params) throws {
        let order = try p.string("sortOrder")
        if let order, order != "Asc" && order != "Desc" { throw APIError.invalidParameter("sortOrder") }
        guard let field = try p.string("sortField") else {
            if order == "Desc" { idx.reverse() }
            return
        }
        guard Self.sortFields.contains(field) else { throw APIError.invalidParameter("sortField") }
        let desc = order == "Desc"
        let items = tasks.items
        func key(_ t: WrikeTask) -> String {
            switch field {
            case "CreatedDate": return t.createdDate ?? ""
            case "UpdatedDate", "LastAccessDate": return t.updatedDate ?? ""
            case "CompletedDate": return t.completedDate ?? ""
            case "DueDate": return t.dates?.due ?? ""
            case "StartFinishInterval": return (t.dates?.start ?? t.dates?.due ?? "") + "|" + (t.dates?.due ?? "")
            case "Status":
                let order = ["Active": "0", "Completed": "1", "Deferred": "2", "Cancelled": "3"]
                return order[t.status?.rawValue ?? ""] ?? "9"
            case "Importance":
                let order = ["High": "0", "Normal": "1", "Low": "2"]
                return order[t.importance?.rawValue ?? ""] ?? "9"
            case "Title": return t.title.lowercased()
            default: return ""
            }
        }
        let keyed = idx.map { (key(items[$0]), $0) }
        let sorted = keyed.sorted { a, b in
            // Empty keys (no due date, not completed...) sort last in both orders.
            if a.0.isEmpty != b.0.isEmpty { return !a.0.isEmpty }
            if a.0 != b.0 { return desc ? a.0 > b.0 : a.0 < b.0 }
            return a.1 < b.1
        }
        idx = sorted.map(\.1)
    }

    // MARK: By ids

    func getTasksByIds(_ p: Params, ids: [String]) throws -> HTTPResponse {
        try p.allow(["fields", "withInvitations", "plainTextCustomFields"])
        let fields = try fieldList(p, allowed: Self.taskDetailFields)
        let out = try ids.map { id -> WrikeTask in
            guard let t = tasks[id] else { throw APIError.notFound("Task") }
            return fullTask(t, fields)
        }
        return Reply.json("tasks", out)
    }

    // MARK: Updates

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

/// The filters of a task list query, parsed once.
struct TaskFilter {
    var statuses: Set<TaskStatus>?
    var importance: Set<Importance>?
    var customStatuses: Set<String>?
    var responsibles: Set<String>?
    var authors: Set<String>?
    var title: String?
    var type: Set<DateType>?
    var permalink: String?
    var startDate: DateRange?
    var dueDate: DateRange?
    var scheduled: DateRange?
    var created: DateRange?
    var updated: DateRange?
    var completed: DateRange?
    var metadata: [String: JSONValue]?
    var customFieldConditions: [(id: String, comparator: String, values: [String])] = []

    init(_ p: Params, state: State) throws {
        statuses = try p.enumValues("status", TaskStatus.self).map(Set.init)
        importance = try p.enumValues("importance", Importance.self).map(Set.init)
        customStatuses = try p.stringArray("customStatuses").map(Set.init)
        responsibles = try p.stringArray("responsibles").map(Set.init)
        authors = try p.stringArray("authors").map(Set.init)
        title = try p.string("title")
        type = try p.enumValues("type", DateType.self).map(Set.init)
        permalink = try p.string("permalink")
        startDate = try p.range("startDate", .dates)
        dueDate = try p.range("dueDate", .dates)
        scheduled = try p.range("scheduledDate", .dates)
        if let s = scheduled, s.start == nil || s.end == nil { throw APIError.invalidParameter("scheduledDate", "start and end are required") }
        created = try p.range("createdDate", .timestamps)
        updated = try p.range("updatedDate", .timestamps)
        completed = try p.range("completedDate", .timestamps)
        metadata = try p.object("metadata")
        var conditions = try p.objectArray("customFields") ?? []
        if let single = try p.object("customField") { conditions.append(single) }
        let comparators: Set<String> = ["EqualTo", "NotEqualTo", "Contains", "StartsWith", "IsEmpty", "IsNotEmpty", "ContainsAny", "ContainsAll"]
        for c in conditions {
            guard let id = c["id"]?.scalarText else { throw APIError.invalidParameter("customFields") }
            let comparator = c["comparator"]?.scalarText ?? "EqualTo"
            guard comparators.contains(comparator) else { throw APIError.invalidParameter("customFields", "unsupported comparator") }
            var values: [String] = []
            if let v = c["value"]?.scalarText { values.append(v) }
            if case .array(let vs)? = c["values"] { values += vs.compactMap(\.scalarText) }
            customFieldConditions.append((id, comparator, values))
        }
    }

    /// True when no filter parameter was given.
    var isEmpty: Bool {
        statuses == nil && importance == nil && customStatuses == nil && responsibles == nil && authors == nil
            && title == nil && type == nil && permalink == nil && startDate == nil && dueDate == nil && scheduled == nil
            && created == nil && updated == nil && completed == nil && metadata == nil && customFieldConditions.isEmpty
    }

    func matches(_ t: borrowing WrikeTask) -> Bool {
        if let statuses, !statuses.contains(t.status ?? "") { return false }
        if let importance, !importance.contains(t.importance ?? "") { return false }
        if let customStatuses, !customStatuses.contains(t.customStatusId ?? "") { return false }
        if let responsibles, (t.responsibleIds ?? []).allSatisfy({ !responsibles.contains($0) }) { return false }
        if let authors, (t.authorIds ?? []).allSatisfy({ !authors.contains($0) }) { return false }
        if let title, t.title.range(of: title, options: [.caseInsensitive, .diacriticInsensitive]) == nil { return false }
        if let type, !type.contains(t.dates?.type ?? "") { return false }
        if let permalink, t.permalink != permalink { return false }
        if let startDate {
            guard let s = t.dates?.start.flatMap({ WrikeDate.parseLocal($0) }), startDate.containsLocal(s) else { return false }
        }
        if let dueDate {
            guard let d = t.dates?.due.flatMap({ WrikeDate.parseLocal($0) }), dueDate.containsLocal(d) else { return false }
        }
        if let scheduled, let from = scheduled.start, let to = scheduled.end {
            guard let due = t.dates?.due.flatMap({ WrikeDate.parseLocal($0) }) else { return false }
            let start = t.dates?.start.flatMap { WrikeDate.parseLocal($0) } ?? due
            if start > to.addingTimeInterval(86_399) || due < from { return false }
        }
        if let created, !(t.createdDate.flatMap(WrikeDate.parseTimestamp).map(created.contains) ?? false) { return false }
        if let updated, !(t.updatedDate.flatMap(WrikeDate.parseTimestamp).map(updated.contains) ?? false) { return false }
        if let completed, !(t.completedDate.flatMap(WrikeDate.parseTimestamp).map(completed.contains) ?? false) { return false }
        if let metadata, !State.metadataMatches(t.metadata, metadata) { return false }
        for c in customFieldConditions {
            let value = t.customFields?.first(where: { $0.id == c.id })?.value ?? ""
            switch c.comparator {
            case "EqualTo": if value != (c.values.first ?? "") { return false }
            case "NotEqualTo": if value == (c.values.first ?? "") { return false }
            case "Contains": if !value.localizedCaseInsensitiveContains(c.values.first ?? "") { return false }
            case "StartsWith": if !value.lowercased().hasPrefix((c.values.first ?? "").lowercased()) { return false }
            case "IsEmpty": if !value.isEmpty { return false }
            case "IsNotEmpty": if value.isEmpty { return false }
            case "ContainsAny":
                let parts = Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                if parts.isDisjoint(with: c.values) { return false }
            case "ContainsAll":
                let parts = Set(value.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) })
                if !Set(c.values).isSubset(of: parts) { return false }
            default: return false
            }
        }
        return true
    }
}
