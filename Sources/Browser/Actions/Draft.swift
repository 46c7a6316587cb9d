// A draft of a comment, time log, new task, approval request, new title or field value as the core keeps it: the value saved to disk by `DraftStore`
// (BrowserRuntime), its errors in words, and the listing read at start. See docs/actions.md.
import Foundation
import WrikeAPI

/// A saved draft.
public struct Draft: Codable, Sendable, Equatable {
    public enum Kind: String, Codable, Sendable {
        case comment, timelog
        /// A new task: `text` is its title, `newTask` where it is created.
        case task
        /// An approval request on `taskId`: `text` is its description, `approval` its approvers and due date.
        case approval
        /// A new title for `taskId` (`text`).
        case title
        /// A custom field's value on `taskId`: `text` as typed, `field` which field and the value sent.
        case field

        /// How messages name it: "comment", "time entry", "new task", ...
        public var noun: String {
            switch self {
            case .comment: "comment"
            case .timelog: "time entry"
            case .task: "new task"
            case .approval: "approval request"
            case .title: "new title"
            case .field: "field value"
            }
        }
    }
    /// An approval request's fields (kind `approval`); `Draft.text` holds its description.
    public struct ApprovalFields: Codable, Sendable, Equatable {
        public var approverIds: [String]
        /// The due date as typed, and as resolved when the form was submitted (what the POST sends).
        public var dueDateText: String?
        public var dueDate: String?
        public init(approverIds: [String], dueDateText: String? = nil, dueDate: String? = nil) {
            self.approverIds = approverIds
            self.dueDateText = dueDateText
            self.dueDate = dueDate
        }
    }
    /// A custom field's value (kind `field`): the field, and the value as sent (nil clears it; set when
    /// the typed text was checked for the field's type, before the `PUT` leaves).
    public struct FieldFields: Codable, Sendable, Equatable {
        public var fieldId: String
        public var fieldTitle: String
        public var value: String?
        public init(fieldId: String, fieldTitle: String, value: String? = nil) {
            self.fieldId = fieldId
            self.fieldTitle = fieldTitle
            self.value = value
        }
    }
    /// Where a new task (kind `task`) is created: the folder or project, and its super task for a subtask;
    /// and the new-task form's fields (Features/TaskEdit/NewTaskForm.swift), each nil when not given.
    public struct NewTaskFields: Codable, Sendable, Equatable {
        public var folderId: String
        public var superTaskId: String?
        /// The description as typed (Markdown; sent as Wrike's HTML).
        public var description: String?
        /// The dates as typed, and as resolved when the form was submitted (what the POST sends).
        public var datesText: String?
        public var dates: TaskDates?
        /// Contact ids.
        public var responsibles: [String]?
        /// `High`, `Normal` or `Low`.
        public var importance: String?
        /// A custom status id.
        public var customStatus: String?
        public init(folderId: String, superTaskId: String? = nil) {
            self.folderId = folderId
            self.superTaskId = superTaskId
        }
    }
    public enum State: String, Codable, Sendable {
        /// Being written; not sent yet.
        case editing
        /// A send started (saved just before the request left). Found on start: the outcome is unknown.
        case sending
        /// Sent, but no answer came back; must be resolved by re-reading before any new send.
        case unknownOutcome
        /// Wrike refused it or it never left: safe to send again.
        case failed
    }
    /// The time-log fields (kind `timelog`); `Draft.text` holds the time log's comment.
    public struct TimelogFields: Codable, Sendable, Equatable {
        public var hours: Double
        public var trackedDate: String
        public var categoryId: String?
        public init(hours: Double, trackedDate: String, categoryId: String? = nil) {
            self.hours = hours
            self.trackedDate = trackedDate
            self.categoryId = categoryId
        }
    }

    public var version: Int = 1
    /// Unique id, also the file name (`<id>.json`). Letters, digits, `-` and `_` only.
    public var id: String
    public var kind: Kind
    /// The account profile the draft belongs to (drafts of other profiles are not offered).
    public var profile: String
    /// The task it goes on (or changes); for a new task, its super task or else its folder.
    public var taskId: String
    /// That task's (or folder's) title, for messages.
    public var taskTitle: String
    /// Comment text, the time log's comment, a new task's title, an approval's description, a new title,
    /// or a field's value as typed.
    public var text: String
    public var timelog: TimelogFields?
    public var newTask: NewTaskFields?
    public var approval: ApprovalFields?
    public var field: FieldFields?
    public var created: Date
    public var updated: Date
    /// When the last send started (to find it again when its outcome is unknown).
    public var sendStartedAt: Date?
    /// The latest moment that send's request could leave (its time limit): until this plus a margin,
    /// not finding it means "may still arrive", never "did not arrive".
    public var deadline: Date?
    public var lastError: String?
    public var attempts: Int
    public var state: State
    /// The id Wrike gave it, once confirmed (set on the copy that goes with `.deleteDraft`; a draft
    /// deleted without one was discarded by the user). Never on disk in practice: a confirmed draft is deleted.
    public var entityId: String?
    /// The ids known before the send (`DraftSend.knownIds`), so a check after a restart excludes them.
    public var knownIds: [String]?

    public init(id: String, kind: Kind, profile: String, taskId: String, taskTitle: String, text: String,
                timelog: TimelogFields? = nil, created: Date, updated: Date? = nil, sendStartedAt: Date? = nil,
                lastError: String? = nil, attempts: Int = 0, state: State = .editing) {
        self.id = id
        self.kind = kind
        self.profile = profile
        self.taskId = taskId
        self.taskTitle = taskTitle
        self.text = text
        self.timelog = timelog
        self.created = created
        self.updated = updated ?? created
        self.sendStartedAt = sendStartedAt
        self.lastError = lastError
        self.attempts = attempts
        self.state = state
    }
}

/// Why a draft could not be saved or read, in words the status line can show.
public struct DraftError: Error, Sendable, Equatable, CustomStringConvertible {
    public enum Reason: Sendable, Equatable { case readOnly, full, notADirectory, invalidId, tooLarge, other }
    public var reason: Reason
    public var message: String
    public var description: String { message }

    public init(reason: Reason, message: String) {
        self.reason = reason
        self.message = message
    }
}

/// The result of listing drafts at start: the drafts, and a message for each file that could not be read.
public struct DraftListing: Sendable, Equatable {
    public var drafts: [Draft]
    public var problems: [String]

    public init(drafts: [Draft], problems: [String]) {
        self.drafts = drafts
        self.problems = problems
    }
}
