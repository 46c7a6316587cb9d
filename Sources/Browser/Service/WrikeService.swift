// The browser's door to Wrike: a small protocol the effect runner calls. Two implementations:
// `TransportService` (talks to any `Transport`: the in-process sandbox or HTTP) and fakes in tests.
// When the shared `WrikeClient` is available, an adapter implements this protocol on top of it;
// view models never see either.
import Foundation
import WrikeAPI

/// What the browser needs at start: who I am, the account, names for ids, workflows, spaces.
public struct Bootstrap: Sendable, Hashable {
    public var account: Account?
    public var me: Contact?
    public var contacts: [Contact]
    public var workflows: [Workflow]
    public var spaces: [Space]
    public var customFields: [CustomField]

    public init(account: Account? = nil, me: Contact? = nil, contacts: [Contact] = [], workflows: [Workflow] = [],
                spaces: [Space] = [], customFields: [CustomField] = []) {
        self.account = account
        self.me = me
        self.contacts = contacts
        self.workflows = workflows
        self.spaces = spaces
        self.customFields = customFields
    }
}

/// One page of a task list.
public struct TaskPage: Sendable, Hashable {
    public var tasks: [WrikeTask]
    public var nextPageToken: String?
    /// The total count when the server says it.
    public var total: Int?

    public init(tasks: [WrikeTask], nextPageToken: String? = nil, total: Int? = nil) {
        self.tasks = tasks
        self.nextPageToken = nextPageToken
        self.total = total
    }
}

/// A failure in plain words, ready for the status line.
public struct ServiceFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public var message: String
    /// The failure may pass by itself (5xx, 429, network): the first loads are retried automatically.
    /// Not part of equality (the message is what tests and the screen compare).
    public var retryable: Bool
    public init(_ message: String, retryable: Bool = false) {
        self.message = message
        self.retryable = retryable
    }
    public var description: String { message }
    public static func == (a: ServiceFailure, b: ServiceFailure) -> Bool { a.message == b.message }
    public func hash(into h: inout Hasher) { h.combine(message) }
}

/// The reads the browser makes. Every method may throw; runners turn errors into `ServiceFailure`
/// with `ServiceFailure.from(_:)`.
public protocol WrikeService: Sendable {
    func bootstrap() async throws -> Bootstrap
    /// The folder tree under a space (every descendant folder and project, as tree entries).
    func folderTree(spaceId: String) async throws -> [FolderTreeEntry]
    /// A page of the tasks in a folder, project or space (subtasks included). `pageToken` nil = first page.
    func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage
    /// Full task models by ids (any number; implementations batch).
    func tasks(ids: [String]) async throws -> [WrikeTask]
    func dependencies(ids: [String]) async throws -> [Dependency]
    func comments(taskId: String) async throws -> [Comment]
    func approvals(taskId: String) async throws -> [Approval]
    func dependencies(taskId: String) async throws -> [Dependency]
    func attachments(taskId: String) async throws -> [Attachment]
    func timelogs(taskId: String) async throws -> [Timelog]
    /// A short sentence about the connection for the status line ("Rate limited, retrying in 3 s"), or nil.
    func statusLine() -> String?
    /// Drops cached answers so the next reads go to Wrike (refresh).
    func invalidate() async
}

extension ServiceFailure {
    /// Plain words for any error a service throws.
    public static func from(_ error: any Error) -> ServiceFailure {
        if let f = error as? ServiceFailure { return f }
        if error is CancellationError { return ServiceFailure("Cancelled.") }
        if let a = error as? APIError {
            let passing: Set<APIError.Kind> = [.rateLimited, .offline, .outcomeUnknown, .serverError]
            return ServiceFailure(a.plainMessage, retryable: passing.contains(a.kind))
        }
        if let t = error as? TransportError {
            switch t {
            case .notSent: return ServiceFailure("Cannot reach Wrike (offline or the server is down).", retryable: true)
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
