// A `WrikeService` that talks to a `Transport` directly (decoding Wrike's envelopes). It has no cache,
// limiter or retry of its own: those belong to the shared client, which replaces this type.
import Browser
import Foundation
import WrikeAPI

public struct TransportService: WrikeService {
    public let transport: any Transport
    private let token: String

    public init(transport: any Transport, token: String) {
        self.transport = transport
        self.token = token
    }

    private typealias Request = Endpoints.Request

    /// Sends one of `Endpoints.Request` with the token.
    private func get<T: Codable & Sendable>(_ request: HTTPRequest, as: T.Type) async throws -> Envelope<T> {
        var request = request
        request.headers["Authorization"] = "bearer \(token)"
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
        async let account = get(Request.account, as: Account.self)
        async let contacts = get(Request.contacts(), as: Contact.self)
        async let workflows = get(Request.workflows, as: Workflow.self)
        async let spaces = get(Request.spaces(), as: Space.self)
        async let fields = get(Request.customFields, as: CustomField.self)
        let c = try await contacts.data
        return Bootstrap(account: try await account.data.first, me: c.first { $0.me == true }, contacts: c,
                         workflows: try await workflows.data,
                         spaces: try await spaces.data.filter { $0.archived != true },
                         customFields: (try? await fields.data) ?? [])
    }

    public func folderTree(spaceId: String) async throws -> [FolderTreeEntry] {
        try await get(Request.folderTree(space: spaceId), as: FolderTreeEntry.self).data
    }

    public func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage {
        let list = Request.tasks(in: .folder(folderId), query: .list())
        let e = try await get(Request.page(list, size: pageSize, token: pageToken), as: WrikeTask.self)
        return TaskPage(tasks: e.data, nextPageToken: e.nextPageToken, total: e.responseSize)
    }

    public func tasks(matching query: TaskQuery, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage {
        let list = Request.tasks(in: .account, query: query.listing(.list()))
        let e = try await get(Request.page(list, size: pageSize, token: pageToken), as: WrikeTask.self)
        return TaskPage(tasks: e.data, nextPageToken: e.nextPageToken, total: e.responseSize)
    }

    public func tasks(inFolder folderId: String, matching query: TaskQuery, pageSize: Int, pageToken: String?,
                      priority: RequestPriority) async throws -> TaskPage {
        let list = Request.tasks(in: .folder(folderId), query: query.listing(.list()))
        let e = try await get(Request.page(list, size: pageSize, token: pageToken), as: WrikeTask.self)
        return TaskPage(tasks: e.data, nextPageToken: e.nextPageToken, total: e.responseSize)
    }

    private func batched<T: Codable & Sendable>(_ ids: [String], _ request: (String) -> HTTPRequest,
                                                as: T.Type) async throws -> [T] {
        var out: [T] = []
        var i = 0
        while i < ids.count {
            let chunk = ids[i..<min(ids.count, i + 100)]
            out += try await get(request(chunk.joined(separator: ",")), as: T.self).data
            i += 100
        }
        return out
    }

    public func tasks(ids: [String]) async throws -> [WrikeTask] { try await batched(ids, { Request.tasks(ids: $0) }, as: WrikeTask.self) }
    public func dependencies(ids: [String]) async throws -> [Dependency] {
        try await batched(ids, { Request.dependencies(ids: $0) }, as: Dependency.self)
    }
    public func contacts(ids: [String]) async throws -> [Contact] { try await batched(ids, { Request.contacts(ids: $0) }, as: Contact.self) }
    public func comments(taskId: String) async throws -> [Comment] {
        try await get(Request.comments(task: taskId), as: Comment.self).data
    }
    public func approvals(taskId: String) async throws -> [Approval] {
        try await get(Request.approvals(task: taskId), as: Approval.self).data
    }
    public func dependencies(taskId: String) async throws -> [Dependency] {
        try await get(Request.dependencies(task: taskId), as: Dependency.self).data
    }
    public func attachments(taskId: String) async throws -> [Attachment] {
        try await get(Request.attachments(task: taskId), as: Attachment.self).data
    }
    public func timelogs(taskId: String) async throws -> [Timelog] {
        try await get(Request.timelogs(task: taskId), as: Timelog.self).data
    }
    public func statusLine() -> String? { nil }
    public func invalidate() async {}
}
