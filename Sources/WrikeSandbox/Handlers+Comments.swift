import Foundation
import WrikeAPI

extension State {
    func commentOut(_ c: Comment, plainText: Bool, withType: Bool) -> Comment {
        var c = c
        if plainText { c.text = HTMLText.plain(c.text) }
        if !withType { c.type = nil }
        return c
    }

    func getComments(_ p: Params, scope: ParentScope, now: Date) throws -> HTTPResponse {
        switch scope {
        case .ids: try p.allow(["plainText", "fields"])
        case .account: try p.allow(["plainText", "types", "fields", "createdDate", "updatedDate", "limit"])
        default: try p.allow(["plainText", "types", "fields"])
        }
        let fields = try fieldList(p, allowed: ["type"])
        let plain = try p.bool("plainText") ?? false
        let types = try p.stringArray("types").map(Set.init)
        if let types { for t in types where t != "Email" && t != "Regular" { throw APIError.invalidParameter("types") } }
        var out: [Comment] = []
        switch scope {
        case .ids(let ids):
            for id in ids {
                guard let c = comments[id] else { throw APIError.notFound("Comment") }
                out.append(commentOut(c, plainText: plain, withType: fields.contains("type")))
            }
            return Reply.json("comments", out)
        case .account:
            let window = try accountCommentWindow(p, now: now)
            let limit = try p.int("limit") ?? 1000
            for c in comments.items where out.count < limit && Self.typeMatches(c, types) {
                let stamp = window.byUpdate ? (c.updatedDate ?? c.createdDate) : c.createdDate
                guard let d = stamp.flatMap(WrikeDate.parseTimestamp), window.range.contains(d) else { continue }
                out.append(commentOut(c, plainText: plain, withType: fields.contains("type")))
            }
            return Reply.json("comments", out)
        case .task(let id):
            for c in comments.items where c.taskId == id && Self.typeMatches(c, types) {
                out.append(commentOut(c, plainText: plain, withType: fields.contains("type")))
            }
        case .folder(let id):
            for c in comments.items where c.folderId == id && Self.typeMatches(c, types) {
                out.append(commentOut(c, plainText: plain, withType: fields.contains("type")))
            }
        case .contact, .category:
            break
        }
        return Reply.json("comments", out)
    }

    /// The range of `GET /comments`: `createdDate` or `updatedDate` (created or updated in it), at most
    /// 7 days; without either, the last 7 days (official 2020 method model: `updatedDate` "default: last
    /// 7 days"). A range may leave one end open: it then spans 7 days from the other.
    func accountCommentWindow(_ p: Params, now: Date) throws -> (range: DateRange, byUpdate: Bool) {
        let week: TimeInterval = 7 * 86_400
        let name = p.has("createdDate") ? "createdDate" : "updatedDate"
        guard let given = try p.range(name, .timestamps) else {
            return (DateRange(start: now.addingTimeInterval(-week), end: now.addingTimeInterval(1), semiOpen: true), true)
        }
        var r = given
        if r.equal == nil {
            if r.start == nil { r.start = r.end.map { $0.addingTimeInterval(-week) } }
            if r.end == nil { r.end = r.start.map { $0.addingTimeInterval(week) } }
        }
        if let s = r.start, let e = r.end, e.timeIntervalSince(s) > week {
            throw APIError.invalidParameter(name, "the range must not exceed 7 days")
        }
        return (r, name == "updatedDate")
    }

    static func typeMatches(_ c: Comment, _ types: Set<String>?) -> Bool {
        guard let types else { return true }
        return types.contains(c.type ?? "Regular")
    }

    mutating func postComment(_ p: Params, on scope: ParentScope, now: Date) throws -> HTTPResponse {
        try p.allow(["text", "plainText", "fields"])
        let fields = try fieldList(p, allowed: ["type"])
        let raw = try p.requiredString("text")
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.invalidParameter("text", "must not be empty")
        }
        let plain = try p.bool("plainText") ?? false
        let stamp = WrikeDate.formatTimestamp(now)
        let id = newId("IM")
        var c = Comment(id: id, authorId: meId, text: plain ? HTMLText.html(fromPlain: raw) : raw,
                        createdDate: stamp, updatedDate: stamp, type: "Regular")
        switch scope {
        case .task(let taskId):
            c.taskId = taskId
            tasks.update(taskId) { $0.updatedDate = stamp }
        case .folder(let folderId):
            c.folderId = folderId
            folders.update(folderId) { $0.updatedDate = stamp }
        default: throw APIError.methodNotFound
        }
        comments.append(c)
        touch()
        return Reply.json("comments", [commentOut(c, plainText: plain, withType: fields.contains("type"))])
    }

    mutating func putComment(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow(["text", "plainText", "fields"])
        let fields = try fieldList(p, allowed: ["type"])
        guard var c = comments[id] else { throw APIError.notFound("Comment") }
        let raw = try p.requiredString("text")
        guard !raw.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else {
            throw APIError.invalidParameter("text", "must not be empty")
        }
        if c.authorId != meId { throw APIError.forbidden("Only the author can edit a comment") }
        if let created = c.createdDate.flatMap(WrikeDate.parseTimestamp), now.timeIntervalSince(created) > 300 {
            throw APIError.invalidRequest("A comment is available for updates only during the 5 minutes after creation")
        }
        let plain = try p.bool("plainText") ?? false
        c.text = plain ? HTMLText.html(fromPlain: raw) : raw
        c.updatedDate = WrikeDate.formatTimestamp(now)
        comments.replace(c)
        touch()
        return Reply.json("comments", [commentOut(c, plainText: plain, withType: fields.contains("type"))])
    }

    mutating func deleteComment(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow([])
        guard comments.contains(id) else { throw APIError.notFound("Comment") }
        comments.remove(id)
        touch()
        return Reply.json("comments", [Comment]())
    }
}
