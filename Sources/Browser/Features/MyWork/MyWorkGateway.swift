// My Work's read in each service: one page of `GET /tasks` with `MyWork.query` (the list's subtasks
// and fields, `responsibles=[me]`, `status=["Active"]`), paged with `pageSize` and `nextPageToken` like
// a folder's list and, like it, not cached. The path and the query are made by the client
// (`TaskScope.account`, `TaskQuery`).
import WrikeAPI

extension ClientService {
    public func myWork(me: String, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage {
        let p = try await client.taskPage(in: .account, query: MyWork.query(me: me, list: listQuery), size: pageSize,
                                          token: pageToken, priority: priority)
        return TaskPage(tasks: p.items, nextPageToken: p.nextPageToken, total: p.responseSize)
    }
}

extension TransportService {
    public func myWork(me: String, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage {
        var q = MyWork.query(me: me, list: .list()).queryItems(scope: .account)
        q.append(QueryItem("pageSize", String(pageSize)))
        if let pageToken { q.append(QueryItem("nextPageToken", pageToken)) }
        let e = try await get(TaskScope.account.path, q, as: WrikeTask.self)
        return TaskPage(tasks: e.data, nextPageToken: e.nextPageToken, total: e.responseSize)
    }
}

extension WrikeService {
    /// A service that lists folders only (test doubles) says so on the status line.
    public func myWork(me: String, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage {
        throw ServiceFailure("My Work cannot be listed on this connection.")
    }
}
