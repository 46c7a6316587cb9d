// The outcome of every write, as the app saw it, in one structured log line each (`write-outcome ...`).
// Ids only: never the text the user typed, never a token. The effect runner produces the records
// (`EffectRunner(journal:)`); the app writes them to its log file; the monkey test reads them back and
// matches each "confirmed" against the sandbox's data and each unconfirmed comment or time log against
// the drafts on disk. See docs/reliability.md.

/// One write's outcome.
public struct WriteRecord: Sendable, Equatable {
    public enum Kind: String, Sendable, CaseIterable {
        case comment, timelog
        /// `POST /folders/{id}/tasks` (a new task, sent from a draft like a comment).
        case taskCreate = "task-create"
        /// `PUT /tasks/{ids}` changing the custom status; `task`: any other task change (assignee, importance).
        case status, task
        /// `DELETE /tasks/{id}` (to the Recycle Bin).
        case taskDelete = "task-delete"
        case dependencyAdd = "dependency-add", dependencyUpdate = "dependency-update", dependencyDelete = "dependency-delete"
        case approvalCreate = "approval-create", approvalCancel = "approval-cancel"
        case commentUpdate = "comment-update", commentDelete = "comment-delete"
        case timelogUpdate = "timelog-update", timelogDelete = "timelog-delete"
    }

    public enum Outcome: String, Sendable, CaseIterable {
        /// A comment/time log: the draft is on disk (state `sending`) and the POST is about to leave.
        case sending
        /// Wrike has it: `entityId` is the id it returned (or the one found by a re-read).
        case confirmed
        /// Refused, never left, or not found after a lost answer: the draft stays (state `failed`).
        case failedKeptAsDraft = "failed-kept-as-draft"
        /// No usable answer: the draft stays (state `unknownOutcome`) until a re-read resolves it.
        case unknownKeptAsDraft = "unknown-kept-as-draft"
        /// The draft could not be saved, so the POST was not sent.
        case notSent = "not-sent"
        /// The user discarded the draft after a failed send (it did not land).
        case discarded
        /// A write without a draft (status, dependency, approval...) that Wrike refused or that never left.
        case failed
        /// A write without a draft whose answer was lost.
        case unknown
    }

    public var kind: Kind
    public var outcome: Outcome
    /// The id Wrike returned (created or changed entity); nil when none came back.
    public var entityId: String?
    public var taskIds: [String]
    public var draftId: String?
    /// The HTTP status of a failure, when there was one.
    public var httpStatus: Int?
    /// False when the draft file could not be written at this step (the previous version stays on disk).
    public var draftSaved: Bool

    public init(kind: Kind, outcome: Outcome, entityId: String? = nil, taskIds: [String] = [], draftId: String? = nil,
                httpStatus: Int? = nil, draftSaved: Bool = true) {
        self.kind = kind
        self.outcome = outcome
        self.entityId = entityId
        self.taskIds = taskIds
        self.draftId = draftId
        self.httpStatus = httpStatus
        self.draftSaved = draftSaved
    }

    public static let marker = "write-outcome"

    /// `write-outcome kind=comment outcome=confirmed entity=ID task=ID[,ID] draft=ID [http=503] [draft-saved=no]`;
    /// `-` for a missing id. Ids keep only letters, digits, `-` and `_` (server data is not trusted).
    public var logLine: String {
        var s = "\(Self.marker) kind=\(kind.rawValue) outcome=\(outcome.rawValue) entity=\(Self.safe(entityId))"
        s += " task=\(taskIds.isEmpty ? "-" : taskIds.map { Self.safe($0) }.joined(separator: ","))"
        s += " draft=\(Self.safe(draftId))"
        if let httpStatus { s += " http=\(httpStatus)" }
        if !draftSaved { s += " draft-saved=no" }
        return s
    }

    static func safe(_ id: String?) -> String {
        guard let id else { return "-" }
        let kept = String(id.unicodeScalars.filter { ($0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0)))
            || $0 == "-" || $0 == "_" }.prefix(80).map(Character.init))
        return kept.isEmpty ? "-" : kept
    }

    /// Reads a log line back (nil for any other line).
    public static func parse<S: StringProtocol>(_ line: S) -> WriteRecord? {
        guard let r = line.range(of: marker + " ") else { return nil }
        var fields: [String: String] = [:]
        for part in line[r.upperBound...].split(separator: " ") {
            let kv = part.split(separator: "=", maxSplits: 1)
            if kv.count == 2 { fields[String(kv[0])] = String(kv[1]) }
        }
        guard let kind = fields["kind"].flatMap(Kind.init(rawValue:)),
              let outcome = fields["outcome"].flatMap(Outcome.init(rawValue:)) else { return nil }
        func id(_ k: String) -> String? { fields[k].flatMap { $0 == "-" ? nil : $0 } }
        return WriteRecord(kind: kind, outcome: outcome, entityId: id("entity"),
                           taskIds: id("task").map { $0.split(separator: ",").map(String.init) } ?? [],
                           draftId: id("draft"), httpStatus: fields["http"].flatMap { Int($0) },
                           draftSaved: fields["draft-saved"] != "no")
    }
}

extension WriteRecord.Kind {
    /// The journal kind of a draft's send.
    public init(_ kind: Draft.Kind) {
        switch kind {
        case .comment: self = .comment
        case .timelog: self = .timelog
        case .task: self = .taskCreate
        case .approval: self = .approvalCreate
        case .title, .field: self = .task
        }
    }
}
