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
}
