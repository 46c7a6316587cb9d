import Foundation
import WrikeAPI

extension State {
    func getAttachments(_ p: Params, scope: ParentScope) throws -> HTTPResponse {
        try p.allow(["versions", "withUrls", "createdDate"])
        let withUrls = try p.bool("withUrls") ?? false
        _ = try p.bool("versions")
        func out(_ a: Attachment) -> Attachment {
            var a = a
            if withUrls { a.url = a.url ?? "https://www.wrike.com/attachments/\(a.id)/download/\(a.name)" } else { a.url = nil }
            return a
        }
        switch scope {
        case .ids(let ids):
            let found = try ids.map { id -> Attachment in
                guard let a = attachments[id] else { throw APIError.notFound("Attachment") }
                return out(a)
            }
            return Reply.json("attachments", found)
        case .task(let id):
            return Reply.json("attachments", attachments.items.filter { $0.taskId == id }.map(out))
        case .folder(let id):
            return Reply.json("attachments", attachments.items.filter { $0.folderId == id }.map(out))
        default:
            return Reply.json("attachments", attachments.items.map(out))
        }
    }

    /// Deterministic bytes of the attachment's `size` (a repeating pattern seeded by the id).
    func downloadAttachment(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow([])
        guard let a = attachments[id] else { throw APIError.notFound("Attachment") }
        let size = a.size ?? 0
        guard size >= 0 else { throw APIError.invalidRequest("External attachments cannot be downloaded") }
        var rng = SplitMix64(seed: UInt64(Self.numericId(a.id)))
        var bytes = [UInt8](repeating: 0, count: min(size, 64 * 1024 * 1024))
        var i = 0
        while i < bytes.count {
            var word = rng.next()
            for _ in 0..<8 where i < bytes.count {
                bytes[i] = UInt8(word & 0xFF)
                word >>= 8
                i += 1
            }
        }
        return HTTPResponse(status: 200, headers: [
            "Content-Type": a.contentType ?? "application/octet-stream",
            "Content-Disposition": "attachment; filename=\"\(a.name.replacingOccurrences(of: "\"", with: ""))\"",
        ], body: Data(bytes))
    }

    func attachmentURL(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow([])
        guard let a = attachments[id] else { throw APIError.notFound("Attachment") }
        return Reply.json("url", [AttachmentURL(url: "https://www.wrike.com/attachments/\(a.id)/download")])
    }
}

struct AttachmentURL: Codable, Sendable, Hashable {
    var url: String
}
