// The inbox's items and what is kept of them on disk (`InboxRecord`, written by the runtime's
// `InboxStore`): the items with their read marks, which tasks are known to be mine (so that a task is
// "assigned to you" once, when it becomes mine), and where the next poll's window starts.
import Foundation

/// Why an item is in the inbox.
public enum InboxReason: String, Codable, Sendable, Hashable, CaseIterable {
    /// A task that became mine (my id among its responsibles) since the last poll.
    case assigned
    /// A comment that @mentions me (or the assignees of a task of mine).
    case mentioned
    /// An approval whose decision waits on me.
    case approval
    /// A predecessor of a task of mine was completed.
    case unblocked

    /// The reason as the inbox says it.
    public var text: String {
        switch self {
        case .assigned: "assigned to you"
        case .mentioned: "mentioned you"
        case .approval: "approval waiting on you"
        case .unblocked: "predecessor completed"
        }
    }
}

/// One thing in the inbox. `title`, `note` are Wrike's text as received: sanitize before drawing.
public struct InboxItem: Codable, Sendable, Hashable {
    /// Stable across polls: `assigned:<task>`, `mentioned:<comment>`, `approval:<approval>`,
    /// `unblocked:<task>:<predecessor>`; a poll that sees the same thing again adds nothing.
    public var id: String
    public var reason: InboxReason
    public var taskId: String
    /// The task's title (empty when Wrike did not return the task).
    public var title: String
    /// What else says why: the comment as plain text, the approval's description, the predecessor's title.
    public var note: String
    /// Who did it (a contact id: the comment's or approval's author), when Wrike says.
    public var by: String?
    /// When it happened (the comment, the assignment seen, the approval's update, the completion).
    public var at: Date
    public var read: Bool

    public init(id: String, reason: InboxReason, taskId: String, title: String, note: String = "", by: String? = nil,
                at: Date, read: Bool = false) {
        self.id = id
        self.reason = reason
        self.taskId = taskId
        self.title = title
        self.note = note
        self.by = by
        self.at = at
        self.read = read
    }
}

/// The inbox as kept on disk (`$XDG_STATE_HOME/wrike-tui/inbox-<profile>.json`).
public struct InboxRecord: Codable, Sendable, Equatable {
    public static let formatVersion = 1
    /// At most this many items are kept (the newest).
    public static let maxItems = 500
    /// Known-mine task ids kept at most (a bound on the file, not on the account).
    public static let maxMine = 50_000

    public var version = formatVersion
    /// Whose inbox (a different "me" starts a new one).
    public var me: String
    /// The next poll reads what changed from here (the previous poll's start, less the overlap).
    public var polledThrough: Date?
    /// Tasks known to be assigned to me (sorted).
    public var mine: [String]
    /// Newest first.
    public var items: [InboxItem]
    /// What the last poll saw (comments `c:`, approvals `a:`, completed tasks `t:`): the next poll's window
    /// overlaps the last one's, and what was seen there is not read about again.
    public var handled: [String]?

    public init(me: String, polledThrough: Date? = nil, mine: [String] = [], items: [InboxItem] = []) {
        self.me = me
        self.polledThrough = polledThrough
        self.mine = mine
        self.items = items
    }

    public var unread: Int { items.reduce(0) { $0 + ($1.read ? 0 : 1) } }

    /// The file's bytes (JSON, sorted keys, dates as seconds since 1970).
    public func encoded() throws -> Data {
        let e = JSONEncoder()
        e.outputFormatting = [.sortedKeys]
        e.dateEncodingStrategy = .secondsSince1970
        return try e.encode(self)
    }

    /// A record from the file's bytes; why not, in words, when they are not one.
    public static func decode(_ bytes: [UInt8]) -> Result<InboxRecord, InboxFileProblem> {
        let d = JSONDecoder()
        d.dateDecodingStrategy = .secondsSince1970
        guard let r = try? d.decode(InboxRecord.self, from: Data(bytes)) else {
            return .failure(.damaged("not an inbox file"))
        }
        guard r.version == formatVersion else { return .failure(.damaged("format version \(r.version)")) }
        guard r.items.count <= maxItems * 2, r.mine.count <= maxMine * 2 else { return .failure(.damaged("too many entries")) }
        return .success(r)
    }
}

/// What went wrong with the inbox file.
public enum InboxFileProblem: Error, Sendable, Equatable {
    /// Not readable as an inbox (set aside as `.damaged`; the inbox starts again).
    case damaged(String)
    /// Reading or writing failed.
    case io(String)

    public var message: String {
        switch self {
        case .damaged(let why): "The inbox file was damaged (\(why)); it was set aside and the inbox starts anew."
        case .io(let why): "The inbox file cannot be used: \(why)"
        }
    }
}
