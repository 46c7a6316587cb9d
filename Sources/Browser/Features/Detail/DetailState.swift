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
    public var taskId: String?
    public var task: WrikeTask?
    public var taskStatus: LoadStatus = .notLoaded
    public var comments: [Comment] = []
    public var commentsStatus: LoadStatus = .notLoaded
    public var approvals: [Approval] = []
    public var approvalsStatus: LoadStatus = .notLoaded
    public var dependencyIds: [String] = []
    public var dependenciesStatus: LoadStatus = .notLoaded
    public var attachments: [Attachment] = []
    public var attachmentsStatus: LoadStatus = .notLoaded
    public var timelogs: [Timelog] = []
    public var timelogsStatus: LoadStatus = .notLoaded
    /// Changes Wrike confirmed while the task's own read was on its way (kept over that read).
    public var editsWhileLoading: [(before: WrikeTask, after: WrikeTask)] = []
    /// Wrapped lines for `width` (rebuilt when inputs or width change).
    public internal(set) var lines: [DetailLine] = []
    public internal(set) var sections: [(section: DetailSection, line: Int)] = []
    public internal(set) var width = 0
    public var scroll = 0

    public init() {}

    public var isLoading: Bool {
        [taskStatus, commentsStatus, approvalsStatus, dependenciesStatus, attachmentsStatus, timelogsStatus]
            .contains(.loading)
    }
}
