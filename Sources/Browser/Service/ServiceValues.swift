// What the gateway to Wrike answers, as the core sees it: plain values carried by events
// (`Event.bootstrap`, `.taskPage`, failures in words). The gateway itself (`WrikeService`,
// `ClientService`) is in BrowserRuntime.
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
    /// Whether account, contacts (me) and custom fields were read. False for `WrikeService.startup()`'s
    /// answer, which leaves them to `WrikeService.directory()` after the first frame.
    public var hasDirectory: Bool
    /// Workflows and spaces come from the warm-start file (`WarmStartCache`), not from Wrike: the app
    /// revalidates them right after the first frame (`Effect.revalidateBootstrap`).
    public var fromDiskCache: Bool

    public init(account: Account? = nil, me: Contact? = nil, contacts: [Contact] = [], workflows: [Workflow] = [],
                spaces: [Space] = [], customFields: [CustomField] = [], hasDirectory: Bool = true,
                fromDiskCache: Bool = false) {
        self.fromDiskCache = fromDiskCache
        self.account = account
        self.me = me
        self.contacts = contacts
        self.workflows = workflows
        self.spaces = spaces
        self.customFields = customFields
        self.hasDirectory = hasDirectory
    }
}

/// Where an opened task sits, so that a service can read its detail cheaply: the other tasks of the
/// list around it (read with it in one batch) and the folder whose whole time-log listing covers it.
public struct DetailContext: Sendable, Hashable {
    /// The folder or project listed when the task is in that listing (nil for a space or another task).
    public var folderId: String?
    /// Tasks near it in the list (without the task itself), to read in the same `GET /tasks/{ids}`.
    public var prefetch: [String]

    public init(folderId: String? = nil, prefetch: [String] = []) {
        self.folderId = folderId
        self.prefetch = prefetch
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
    /// Wrike answered "not found" (deleted, or not visible to this user). Not part of equality.
    public var notFound: Bool
    public init(_ message: String, retryable: Bool = false, notFound: Bool = false) {
        self.message = message
        self.retryable = retryable
        self.notFound = notFound
    }
    public var description: String { message }
    public static func == (a: ServiceFailure, b: ServiceFailure) -> Bool { a.message == b.message }
    public func hash(into h: inout Hasher) { h.combine(message) }
}

/// A write failed: plain words plus what the send tracker needs to classify it.
public struct WriteFailure: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Outcome: Sendable, Hashable { case notApplied, unknown }
    public var message: String
    public var outcome: Outcome
    public var status: Int?
    public var code: String?
    public init(_ message: String, outcome: Outcome = .notApplied, status: Int? = nil, code: String? = nil) {
        self.message = message
        self.outcome = outcome
        self.status = status
        self.code = code
    }
    public var description: String { message }
}
