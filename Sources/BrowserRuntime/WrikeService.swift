// The browser's door to Wrike: a small protocol the effect runner calls. Two implementations:
// `TransportService` (talks to any `Transport`: the in-process sandbox or HTTP) and fakes in tests.
// When the shared `WrikeClient` is available, an adapter implements this protocol on top of it;
// view models never see either.
import Browser
import Foundation
import WrikeAPI

/// The reads the browser makes. Every method may throw; runners turn errors into `ServiceFailure`
/// with `ServiceFailure.from(_:)`.
public protocol WrikeService: Sendable {
    /// Everything the browser needs at start, in one go (names, account and custom fields included).
    func bootstrap() async throws -> Bootstrap
    /// Only what the first frame needs (workflows, spaces). Default: `bootstrap()`.
    func startup() async throws -> Bootstrap
    /// Workflows and spaces read from Wrike (not any cache) after a warm start's first frame. Default: `startup()`.
    func revalidatedStartup() async throws -> Bootstrap
    /// What may follow the first frame (account, contacts and me, custom fields). Default: `bootstrap()`.
    func directory() async throws -> Bootstrap
    /// The full task for the detail pane; a service may read `context.prefetch` in the same request.
    /// Default: `tasks(ids: [id])`.
    func detailTask(_ id: String, context: DetailContext) async throws -> WrikeTask?
    /// The dependencies of a task (already read in full). Default: `dependencies(taskId:)`.
    func dependencies(of task: WrikeTask) async throws -> [Dependency]
    /// The attachments of a task (already read in full). Default: none when `hasAttachments` is
    /// false, else `attachments(taskId:)`.
    func attachments(of task: WrikeTask) async throws -> [Attachment]
    /// A task's own time logs; `folderId` is a listed folder that holds it. Default: `timelogs(taskId:)`.
    func timelogs(taskId: String, folderId: String?) async throws -> [Timelog]
    /// The folder tree under a space (every descendant folder and project, as tree entries).
    func folderTree(spaceId: String) async throws -> [FolderTreeEntry]
    /// A page of the tasks in a folder, project or space (subtasks included). `pageToken` nil = first page.
    func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage
    /// Full task models by ids (any number; implementations batch).
    func tasks(ids: [String]) async throws -> [WrikeTask]
    func dependencies(ids: [String]) async throws -> [Dependency]
    /// People by id (any number; implementations batch); those Wrike does not return are left out.
    /// Default: the ones of `directory()`'s contacts.
    func contacts(ids: [String]) async throws -> [Contact]
    func comments(taskId: String) async throws -> [Comment]
    func approvals(taskId: String) async throws -> [Approval]
    func dependencies(taskId: String) async throws -> [Dependency]
    func attachments(taskId: String) async throws -> [Attachment]
    func timelogs(taskId: String) async throws -> [Timelog]
    /// A short sentence about the connection for the status line ("Rate limited, retrying in 3 s"), or nil.
    func statusLine() -> String?
    /// Drops cached answers so the next reads go to Wrike (refresh).
    func invalidate() async
    /// The periodic revalidation's reads: from Wrike, not the cache, at background priority.
    /// Defaults: `tasks(inFolder:pageSize:pageToken: nil)`, `tasks(ids: [id]).first`, `comments(taskId:)`.
    func revalidatedTasks(inFolder folderId: String, pageSize: Int) async throws -> TaskPage
    func revalidatedTask(_ id: String) async throws -> WrikeTask?
    func revalidatedComments(taskId: String) async throws -> [Comment]
    /// A page of the account's tasks matching `query`'s filters (`GET /tasks`), with the list's subtasks
    /// and fields; not cached. Default: refused (services that list folders only).
    func tasks(matching query: TaskQuery, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage
    /// A page of a folder's, project's or space's tasks matching `query`'s filters (`GET /folders/{id}/tasks`;
    /// a saved view), with the list's subtasks and fields; not cached. Default: refused.
    func tasks(inFolder folderId: String, matching query: TaskQuery, pageSize: Int, pageToken: String?,
               priority: RequestPriority) async throws -> TaskPage
    /// Whether the client is queueing requests or slowed down by the rate limiter (the periodic
    /// revalidation then waits). Default: false.
    func isUnderPressure() -> Bool
}

extension WrikeService {
    public func startup() async throws -> Bootstrap { try await bootstrap() }
    public func directory() async throws -> Bootstrap { try await bootstrap() }
    public func revalidatedStartup() async throws -> Bootstrap { try await startup() }
    public func detailTask(_ id: String, context: DetailContext) async throws -> WrikeTask? {
        try await tasks(ids: [id]).first
    }
    public func dependencies(of task: WrikeTask) async throws -> [Dependency] { try await dependencies(taskId: task.id) }
    public func attachments(of task: WrikeTask) async throws -> [Attachment] {
        if task.hasAttachments == false { return [] }
        return try await attachments(taskId: task.id)
    }
    public func timelogs(taskId: String, folderId: String?) async throws -> [Timelog] { try await timelogs(taskId: taskId) }
    public func contacts(ids: [String]) async throws -> [Contact] {
        let wanted = Set(ids)
        return try await directory().contacts.filter { wanted.contains($0.id) }
    }
    public func revalidatedTasks(inFolder folderId: String, pageSize: Int) async throws -> TaskPage {
        try await tasks(inFolder: folderId, pageSize: pageSize, pageToken: nil)
    }
    public func revalidatedTask(_ id: String) async throws -> WrikeTask? { try await tasks(ids: [id]).first }

    /// A page of a list's read (`pageToken` nil = the first page).
    public func tasks(_ read: ListRead, pageSize: Int, pageToken: String?) async throws -> TaskPage {
        switch read {
        case .folder(let id): try await tasks(inFolder: id, pageSize: pageSize, pageToken: pageToken)
        case .tasks(let query): try await tasks(matching: query, pageSize: pageSize, pageToken: pageToken, priority: .interactive)
        case .folderTasks(let id, let query):
            try await tasks(inFolder: id, matching: query, pageSize: pageSize, pageToken: pageToken, priority: .interactive)
        }
    }

    /// The first page of a list's read, for the periodic revalidation (from Wrike, background priority).
    public func revalidatedTasks(_ read: ListRead, pageSize: Int) async throws -> TaskPage {
        switch read {
        case .folder(let id): try await revalidatedTasks(inFolder: id, pageSize: pageSize)
        case .tasks(let query): try await tasks(matching: query, pageSize: pageSize, pageToken: nil, priority: .background)
        case .folderTasks(let id, let query):
            try await tasks(inFolder: id, matching: query, pageSize: pageSize, pageToken: nil, priority: .background)
        }
    }
    public func revalidatedComments(taskId: String) async throws -> [Comment] { try await comments(taskId: taskId) }
    public func isUnderPressure() -> Bool { false }
    public func tasks(matching query: TaskQuery, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage {
        throw ServiceFailure("This list cannot be read on this connection.")
    }
    public func tasks(inFolder folderId: String, matching query: TaskQuery, pageSize: Int, pageToken: String?,
                      priority: RequestPriority) async throws -> TaskPage {
        throw ServiceFailure("This list cannot be read on this connection.")
    }
}

extension ServiceFailure {
    /// Plain words for any error a service throws.
    public static func from(_ error: any Error) -> ServiceFailure {
        if let f = error as? ServiceFailure { return f }
        if error is CancellationError { return ServiceFailure("Cancelled.") }
        if let a = error as? APIError {
            let passing: Set<APIError.Kind> = [.rateLimited, .offline, .outcomeUnknown, .serverError]
            return ServiceFailure(a.plainMessage, retryable: passing.contains(a.kind), notFound: a.kind == .notFound)
        }
        if let t = error as? TransportError {
            switch t {
            case .notSent(let m):
                return ServiceFailure("Cannot reach Wrike (\(TransportError.proxyProblem(m) ?? "offline or the server is down")).",
                                      retryable: true)
            case .refused(let m): return ServiceFailure("Cannot reach Wrike: \(TransportError.proxyProblem(m) ?? m).")
            case .outcomeUnknown: return ServiceFailure("The connection to Wrike was lost before it answered.", retryable: true)
            case .cancelled: return ServiceFailure("Cancelled.")
            }
        }
        if let w = error as? WrikeErrorBody {
            return ServiceFailure(TransportService.plain(status: nil, body: w))
        }
        if let a = error as? APIError { return ServiceFailure(a.plainMessage) }
        if error is DecodingError { return ServiceFailure("Wrike sent an answer this version cannot read.") }
        // Other error types (e.g. the shared client's APIError) describe themselves.
        let text = String(describing: error)
        return ServiceFailure(text.isEmpty ? "Something went wrong." : text)
    }
}
