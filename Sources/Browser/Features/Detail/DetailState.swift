// The detail pane: the open task, its parts with their load status, and the laid-out lines.
import Foundation
import TermText
import WrikeAPI

public enum DetailSection: String, Sendable, Hashable, CaseIterable {
    case overview = "Overview"
    case description = "Description"
    case customFields = "Custom fields"
    case subtasks = "Subtasks"
    case dependencies = "Dependencies"
    case approvals = "Approvals"
    case comments = "Comments"
    case attachments = "Attachments"
    case timelogs = "Time"
}

/// Meaning of a piece of text in the detail pane; the renderer maps it to a theme role.
public enum TextKind: Sendable, Hashable {
    case normal, dim, label, header, section, link, mention, overdue, attention, success, error, marker
    case importanceHigh, importanceLow
    case status(StatusColor?)
}

public struct Span: Sendable, Hashable {
    public var text: String
    public var kind: TextKind
    public init(_ text: String, _ kind: TextKind = .normal) {
        self.text = text
        self.kind = kind
    }
}

/// One screen line of the detail pane (already wrapped to the pane width).
public struct DetailLine: Sendable, Hashable {
    public var spans: [Span]
    public init(_ spans: [Span]) { self.spans = spans }
    public var text: String { spans.map(\.text).joined() }
}

public struct DetailState: Sendable {
    public var taskId: String? { didSet { revision &+= 1 } }
    public var task: WrikeTask? { didSet { revision &+= 1 } }
    public var taskStatus: LoadStatus = .notLoaded { didSet { revision &+= 1 } }
    public var comments: [Comment] = [] { didSet { revision &+= 1 } }
    public var commentsStatus: LoadStatus = .notLoaded { didSet { revision &+= 1 } }
    public var approvals: [Approval] = [] { didSet { revision &+= 1 } }
    public var approvalsStatus: LoadStatus = .notLoaded { didSet { revision &+= 1 } }
    public var dependencyIds: [String] = [] { didSet { revision &+= 1 } }
    public var dependenciesStatus: LoadStatus = .notLoaded { didSet { revision &+= 1 } }
    public var attachments: [Attachment] = [] { didSet { revision &+= 1 } }
    public var attachmentsStatus: LoadStatus = .notLoaded { didSet { revision &+= 1 } }
    public var timelogs: [Timelog] = [] { didSet { revision &+= 1 } }
    public var timelogsStatus: LoadStatus = .notLoaded { didSet { revision &+= 1 } }
    /// Changes Wrike confirmed while the task's own read was on its way (kept over that read).
    public var editsWhileLoading: [(before: WrikeTask, after: WrikeTask)] = []
    /// Wrapped lines for `width`, derived by `AppState.rebuildDetail`, which only `AppState.deriveStale`
    /// calls (at the end of each update, when `builtFrom` differs from the inputs' stamp).
    public internal(set) var lines: [DetailLine] = []
    public internal(set) var sections: [(section: DetailSection, line: Int)] = []
    /// The first line of each attachment in `lines`, and the line after the last (Features/Mouse).
    public internal(set) var attachmentLines: [Int] = []
    public internal(set) var attachmentEnd = 0
    public internal(set) var width = 0
    public var scroll = 0
    /// Moves on every change of the fields above that the lines are made from.
    public internal(set) var revision = 0
    /// The inputs the lines were made from (nil: never made, or a new task's state).
    var builtFrom: DetailStamp?
    /// A section the pane scrolls to once the lines are made again (the dependency cursor, an attachment).
    var scrollToSection: DetailSection?

    public init() {}

    public var isLoading: Bool {
        [taskStatus, commentsStatus, approvalsStatus, dependenciesStatus, attachmentsStatus, timelogsStatus]
            .contains(.loading)
    }
}

/// What the detail's lines are made from, in a few numbers: `AppState.deriveStale` makes the lines again
/// when the stamp of the state differs from the one they were made from.
struct DetailStamp: Equatable {
    var detail: Int
    var catalog: Int
    var width: Int
    var minute: Int
    /// The dependency cursor while it is shown, else -1.
    var dependencyCursor: Int
    var attachment: String?
    /// While the task itself is not read: the id of the list's task under the cursor (shown until it is).
    var listTask: String?
    /// The list's data: titles and statuses of listed subtasks and dependencies come from it.
    var listData: Int
}
