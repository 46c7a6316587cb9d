// The `WrikeService` the app uses: the shared `WrikeClient` (cache, rate limiter, retry, ClientState).
import Foundation
import WrikeAPI

public struct ClientService: WrikeService {
    public let client: WrikeClient

    public init(client: WrikeClient) { self.client = client }

    public func bootstrap() async throws -> Bootstrap {
        async let account = client.account()
        async let contacts = client.contacts()
        async let workflows = client.workflows()
        async let spaces = client.spaces()
        async let fields = client.customFields()
        let c = try await contacts
        return Bootstrap(account: try await account, me: c.first { $0.me == true }, contacts: c,
                         workflows: try await workflows, spaces: try await spaces.filter { $0.archived != true },
                         customFields: (try? await fields) ?? [])
    }

    public func folderTree(spaceId: String) async throws -> [FolderTreeEntry] {
        try await client.folderTree(space: spaceId)
    }

    public func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage {
        var q = [QueryItem("subTasks", "true"), QueryItem("fields", TransportService.listFields),
                 QueryItem("pageSize", String(pageSize))]
        if let pageToken { q.append(QueryItem("nextPageToken", pageToken)) }
        let page = try await client.envelope(.get, "/folders/\(folderId)/tasks", query: q, as: WrikeTask.self,
                                             priority: .interactive)
        return TaskPage(tasks: page.data, nextPageToken: page.nextPageToken, total: page.responseSize)
    }

    public func tasks(ids: [String]) async throws -> [WrikeTask] { try await client.tasks(ids: ids) }
    public func dependencies(ids: [String]) async throws -> [Dependency] { try await client.dependencies(ids: ids) }
    public func comments(taskId: String) async throws -> [Comment] { try await client.comments(task: taskId) }
    public func approvals(taskId: String) async throws -> [Approval] { try await client.approvals(task: taskId) }
    public func dependencies(taskId: String) async throws -> [Dependency] { try await client.dependencies(task: taskId) }
    public func attachments(taskId: String) async throws -> [Attachment] { try await client.attachments(task: taskId) }
    public func timelogs(taskId: String) async throws -> [Timelog] { try await client.timelogs(task: taskId) }
    public func statusLine() -> String? { client.statusLine() }
    public func invalidate() async { await client.cache.removeAll() }
}
