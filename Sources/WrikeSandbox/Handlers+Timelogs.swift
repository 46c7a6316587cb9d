import Foundation
import WrikeAPI

extension State {
    func getTimelogs(_ p: Params, scope: ParentScope) throws -> HTTPResponse {
        if case .ids(let ids) = scope {
            try p.allow(["plainText", "fields"])
            _ = try fieldList(p, allowed: Self.timelogFields)
            let plain = try p.bool("plainText") ?? false
            let out = try ids.map { id -> Timelog in
                guard let t = timelogs[id] else { throw APIError.notFound("Timelog") }
                return timelogOut(t, plain)
            }
            return Reply.json("timelogs", out)
        }
        try p.allow(["createdDate", "updatedDate", "trackedDate", "me", "descendants", "subTasks", "plainText",
                     "timelogCategories", "exportStatuses", "billingTypes", "approvalStatuses", "limit", "pageSize",
                     "nextPageToken", "fields"])
        _ = try fieldList(p, allowed: Self.timelogFields)
        let plain = try p.bool("plainText") ?? false
        let created = try p.range("createdDate", .timestamps)
        let updated = try p.range("updatedDate", .timestamps)
        let tracked = try p.range("trackedDate", .tracked)
        let me = try p.bool("me") ?? false
        let categoriesFilter = try p.stringArray("timelogCategories").map(Set.init)
        let limit = try p.int("limit")
        var taskSet: Set<String>?
        switch scope {
        case .task(let id):
            taskSet = [id]
            if try p.bool("subTasks") ?? false { taskSet?.formUnion(tasks[id]?.subTaskIds ?? []) }
        case .folder(let id):
            // As the task list: tasks placed in the subtree, plus (`subTasks`, default true) subtasks
            // whose inherited folders (`superParentIds`) are in it.
            let folderIds = Set(subtree(of: id, descendants: try p.bool("descendants") ?? true))
            let withSubtasks = try p.bool("subTasks") ?? true
            taskSet = Set(tasks.items.filter {
                !folderIds.isDisjoint(with: $0.parentIds ?? [])
                    || (withSubtasks && !($0.superTaskIds?.isEmpty ?? true) && !folderIds.isDisjoint(with: $0.superParentIds ?? []))
            }.map(\.id))
        default: break
        }
        var out: [Timelog] = []
        for t in timelogs.items {
            if let taskSet, !taskSet.contains(t.taskId ?? "") { continue }
            if case .contact(let cid) = scope, t.userId != cid { continue }
            if case .category(let cid) = scope, t.categoryId != cid { continue }
            if me && t.userId != meId { continue }
            if let categoriesFilter, !categoriesFilter.contains(t.categoryId ?? "") { continue }
            if let created, !(t.createdDate.flatMap(WrikeDate.parseTimestamp).map(created.contains) ?? false) { continue }
            if let updated, !(t.updatedDate.flatMap(WrikeDate.parseTimestamp).map(updated.contains) ?? false) { continue }
            if let tracked, !(t.trackedDate.flatMap { WrikeDate.parseLocal($0) }.map(tracked.containsLocal) ?? false) { continue }
            out.append(timelogOut(t, plain))
            if let limit, out.count >= limit { break }
        }
        let window = try Paging.window(total: out.count, params: p, cap: nil)
        return Reply.json("timelogs", Array(out[window.range]), nextPageToken: window.nextPageToken, responseSize: window.responseSize)
    }

    static let timelogFields: Set<String> = ["approvalStatus", "lockStatus", "exportStatus", "billingType", "finance"]

    func timelogOut(_ t: Timelog, _ plain: Bool) -> Timelog {
        var t = t
        if plain, let c = t.comment { t.comment = HTMLText.plain(c) }
        return t
    }

    /// `GET /workschedules[/{ids}]` (`fields`: `userIds`; without it the users are left out, as documented).
    func getWorkSchedules(_ p: Params, ids: [String]?) throws -> HTTPResponse {
        try p.allow(["fields"])
        let withUsers = try fieldList(p, allowed: ["userIds"]).contains("userIds")
        let found = try (ids ?? workSchedules.items.map(\.id)).map { id -> WorkSchedule in
            guard var w = workSchedules[id] else { throw APIError.notFound("Work schedule") }
            if !withUsers { w.userIds = nil }
            return w
        }
        return Reply.json("workschedules", found)
    }

    /// The longest comment the sandbox takes. Wrike documents none; this bound lets the app's handling of
    /// a refused comment be tested (docs/sandbox.md).
    static let timelogCommentLimit = 4000

    func parseComment(_ p: Params) throws -> String? {
        guard let c = try p.string("comment") else { return nil }
        guard c.count <= Self.timelogCommentLimit else {
            throw APIError.invalidParameter("comment", "at most \(Self.timelogCommentLimit) characters")
        }
        return c
    }

    /// Refuses a write to a time entry tracked in a locked period (`timelogsLockedThrough`).
    func checkUnlocked(_ trackedDates: String?...) throws {
        guard let through = timelogsLockedThrough else { return }
        for d in trackedDates.compactMap({ $0 }) where d <= through {
            throw APIError.forbidden("Time entries tracked on or before \(through) are locked")
        }
    }

    /// hours: 0 < h <= 24 (Wrike accepts fractions).
    func parseHours(_ p: Params) throws -> Double? {
        guard let hours = try p.double("hours") else { return nil }
        guard hours > 0 && hours <= 24 else { throw APIError.invalidParameter("hours", "must be greater than 0 and at most 24") }
        return (hours * 100).rounded() / 100
    }

    func parseTrackedDate(_ p: Params) throws -> String? {
        guard let d = try p.string("trackedDate") else { return nil }
        guard WrikeDate.isDate(d) else { throw APIError.invalidParameter("trackedDate", "expected yyyy-MM-dd") }
        return d
    }

    func parseCategory(_ p: Params) throws -> String?? {
        guard p.has("categoryId") else { return .none }
        guard let id = try p.string("categoryId") else { return .some(nil) }
        guard categories.contains(id) else { throw APIError.invalidParameter("categoryId", "unknown category") }
        return .some(id)
    }

    /// `POST /tasks/{id}/timelogs`: `hours`, `trackedDate` and `comment` are required. As observed
    /// live, a missing `trackedDate` or `comment` is 400 `invalid_parameter`; missing `hours` is
    /// `parameter_required`.
    mutating func postTimelog(_ p: Params, taskId: String, now: Date) throws -> HTTPResponse {
        try p.allow(["hours", "trackedDate", "comment", "categoryId", "plainText", "onBehalfOf", "billingType", "fields"])
        _ = try fieldList(p, allowed: Self.timelogFields)
        guard let hours = try parseHours(p) else { throw APIError.parameterRequired("hours") }
        guard let tracked = try parseTrackedDate(p) else { throw APIError.invalidParameter("trackedDate", "is required") }
        guard let comment = try parseComment(p) else { throw APIError.invalidParameter("comment", "is required") }
        let category = try parseCategory(p) ?? nil
        try checkUnlocked(tracked)
        var user = meId
        if let onBehalf = try p.string("onBehalfOf") {
            guard contacts.contains(onBehalf) else { throw APIError.invalidParameter("onBehalfOf") }
            user = onBehalf
        }
        let plain = try p.bool("plainText") ?? false
        let stamp = WrikeDate.formatTimestamp(now)
        let id = newId("TL")
        let log = Timelog(id: id, taskId: taskId, userId: user, categoryId: category, hours: hours, createdDate: stamp,
                          updatedDate: stamp, trackedDate: tracked, comment: plain ? HTMLText.html(fromPlain: comment) : comment)
        timelogs.append(log)
        tasks.update(taskId) { $0.updatedDate = stamp }
        touch()
        return Reply.json("timelogs", [timelogOut(log, plain)])
    }

    mutating func putTimelog(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow(["hours", "trackedDate", "comment", "categoryId", "plainText", "billingType", "fields"])
        _ = try fieldList(p, allowed: Self.timelogFields)
        guard var log = timelogs[id] else { throw APIError.notFound("Timelog") }
        let plain = try p.bool("plainText") ?? false
        try checkUnlocked(log.trackedDate)
        if let hours = try parseHours(p) { log.hours = hours }
        if let tracked = try parseTrackedDate(p) { try checkUnlocked(tracked); log.trackedDate = tracked }
        if let comment = try parseComment(p) { log.comment = plain ? HTMLText.html(fromPlain: comment) : comment }
        if let category = try parseCategory(p) { log.categoryId = category }
        log.updatedDate = WrikeDate.formatTimestamp(now)
        timelogs.replace(log)
        touch()
        return Reply.json("timelogs", [timelogOut(log, plain)])
    }

    mutating func deleteTimelog(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow([])
        guard let log = timelogs[id] else { throw APIError.notFound("Timelog") }
        try checkUnlocked(log.trackedDate)
        timelogs.remove(id)
        touch()
        return Reply.json("timelogs", [Timelog]())
    }
}
