// A `WrikeService` that talks to a `Transport` directly (decoding Wrike's envelopes). It has no cache,
// limiter or retry of its own: those belong to the shared client, which replaces this type.
import Foundation
import WrikeAPI

public struct TransportService: WrikeService {
    public let transport: any Transport
    private let token: String

    public init(transport: any Transport, token: String) {
        self.transport = transport
        self.token = token
    }

    static let listFields = #"["responsibleIds","superTaskIds","subTaskIds","dependencyIds","parentIds"]"#

    private func get<T: Codable & Sendable>(_ path: String, _ query: [QueryItem] = [], as: T.Type) async throws -> Envelope<T> {
        let request = HTTPRequest(method: .get, path: path, query: query,
                                  headers: ["Authorization": "bearer \(token)"])
        let response = try await transport.send(request)
        guard (200..<300).contains(response.status) else {
            let body = try? JSONDecoder().decode(WrikeErrorBody.self, from: response.body)
            throw ServiceFailure(Self.plain(status: response.status, body: body))
        }
        return try JSONDecoder().decode(Envelope<T>.self, from: response.body)
    }

    /// Plain words for an error answer.
    static func plain(status: Int?, body: WrikeErrorBody?) -> String {
        let code = body?.error ?? ""
        switch (status, code) {
        case (401, _), (_, "not_authorized"): return "Wrike did not accept the token: sign in again."
        case (403, _), (_, "access_forbidden"), (_, "not_allowed"): return "You do not have access to this in Wrike."
        case (404, _), (_, "resource_not_found"): return "Not found in Wrike (deleted or moved?)."
        case (429, _), (_, "rate_limit_exceeded"): return "Rate limited by Wrike; try again in a minute."
        case (let s?, _) where s >= 500: return "Wrike is having trouble (HTTP \(s)); try again soon."
        default:
            if let d = body?.errorDescription, !d.isEmpty { return "Wrike refused the request: \(d)" }
            return "Wrike answered with an error" + (status.map { " (HTTP \($0))" } ?? "") + "."
        }
    }

    public func bootstrap() async throws -> Bootstrap {
        async let account = get("/account", as: Account.self)
        async let contacts = get("/contacts", as: Contact.self)
        async let workflows = get("/workflows", as: Workflow.self)
        async let spaces = get("/spaces", as: Space.self)
        async let fields = get("/customfields", as: CustomField.self)
        let c = try await contacts.data
        return Bootstrap(account: try await account.data.first, me: c.first { $0.me == true }, contacts: c,
                         workflows: try await workflows.data,
                         spaces: try await spaces.data.filter { $0.archived != true },
                         customFields: (try? await fields.data) ?? [])
    }

    public func folderTree(spaceId: String) async throws -> [FolderTreeEntry] {
        try await get("/spaces/\(spaceId)/folders", as: FolderTreeEntry.self).data
    }

    public func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage {
        var q = [QueryItem("subTasks", "true"), QueryItem("fields", Self.listFields),
                 QueryItem("pageSize", String(pageSize))]
        if let pageToken { q.append(QueryItem("nextPageToken", pageToken)) }
        let e = try await get("/folders/\(folderId)/tasks", q, as: WrikeTask.self)
        return TaskPage(tasks: e.data, nextPageToken: e.nextPageToken, total: e.responseSize)
    }

    private func batched<T: Codable & Sendable>(_ ids: [String], _ path: String, as: T.Type) async throws -> [T] {
        var out: [T] = []
        var i = 0
        while i < ids.count {
            let chunk = ids[i..<min(ids.count, i + 100)]
            out += try await get("\(path)/\(chunk.joined(separator: ","))", as: T.self).data
            i += 100
        }
        return out
    }

    public func tasks(ids: [String]) async throws -> [WrikeTask] { try await batched(ids, "/tasks", as: WrikeTask.self) }
    public func dependencies(ids: [String]) async throws -> [Dependency] {
        try await batched(ids, "/dependencies", as: Dependency.self)
    }
    public func contacts(ids: [String]) async throws -> [Contact] { try await batched(ids, "/contacts", as: Contact.self) }
    public func comments(taskId: String) async throws -> [Comment] {
        try await get("/tasks/\(taskId)/comments", as: Comment.self).data
    }
    public func approvals(taskId: String) async throws -> [Approval] {
        try await get("/tasks/\(taskId)/approvals", as: Approval.self).data
    }
    public func dependencies(taskId: String) async throws -> [Dependency] {
        try await get("/tasks/\(taskId)/dependencies", as: Dependency.self).data
    }
    public func attachments(taskId: String) async throws -> [Attachment] {
        try await get("/tasks/\(taskId)/attachments", as: Attachment.self).data
    }
    public func timelogs(taskId: String) async throws -> [Timelog] {
        try await get("/tasks/\(taskId)/timelogs", as: Timelog.self).data
    }
    public func statusLine() -> String? { nil }
    public func invalidate() async {}
}
