import Foundation
import WrikeAPI

extension State {
    func commentOut(_ c: Comment, plainText: Bool, withType: Bool) -> Comment {
        var c = c
        if plainText { c.text = HTMLText.plain(c.text) }
        if !withType { c.type = nil }
        return c
    }

    func getComments(_ p: Params, scope: ParentScope) throws -> HTTPResponse {
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
            guard let created = try p.range("createdDate", timestamps: true) ?? p.range("updatedDate", timestamps: true),
                  let start = created.start, let end = created.end else {
                throw APIError.parameterRequired("createdDate")
            }
            if end.timeIntervalSince(start) > 7 * 86_400 {
                throw APIError.invalidParameter("createdDate", "the range must not exceed 7 days")
            }
            let limit = try p.int("limit") ?? 1000
            for c in comments.items where out.count < limit {
                guard let d = c.createdDate.flatMap(WrikeDate.parseTimestamp), created.contains(d) else { continue }
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
        case .contact:
            break
        }
        return Reply.json("comments", out)
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
