// Adding a dependency (`d`): choose the other task (fuzzy over loaded tasks plus a server title search),
// then its side, then the relation type. Also the relation-type change picker and plain-words
// explanations of Wrike's refusals. See docs/actions.md.
import Foundation
import WrikeAPI

/// A task the finder can offer.
public struct DependencyCandidate: Sendable, Equatable {
    public var id: String
    public var title: String
    /// Custom status name, if known.
    public var status: String?
    /// Scheduling type (an undated/Backlog task cannot take most dependencies).
    public var dateType: DateType?
    /// "2026-11-20 → 2026-11-28" or nil.
    public var dates: String?

    public init(id: String, title: String, status: String? = nil, dateType: DateType? = nil, dates: String? = nil) {
        self.id = id
        self.title = title
        self.status = status
        self.dateType = dateType
        self.dates = dates
    }

    /// From a loaded task; `statusName` resolves its custom status.
    public init(task: WrikeTask, statusName: String? = nil) {
        let d = task.dates
        var dates: String?
        switch (d?.start, d?.due) {
        case (let s?, let e?): dates = String(s.prefix(10)) + " → " + String(e.prefix(10))
        case (nil, let e?): dates = "due " + String(e.prefix(10))
        case (let s?, nil): dates = "from " + String(s.prefix(10))
        default: dates = nil
        }
        self.init(id: task.id, title: task.title, status: statusName, dateType: d?.type ?? .backlog, dates: dates)
    }
}

/// Which side the other task takes.
public enum DependencySide: String, Sendable, Equatable, CaseIterable {
    /// The other task comes first.
    case predecessor
    /// The other task comes after this one.
    case successor

    public func explanation(other: String) -> String {
        switch self {
        case .predecessor: "“\(other)” comes before this task (it is the predecessor)"
        case .successor: "“\(other)” comes after this task (it is the successor)"
        }
    }
}

extension RelationType {
    /// Short name: "Finish → Start".
    public var shortName: String {
        switch self {
        case .finishToStart: "Finish → Start"
        case .startToStart: "Start → Start"
        case .finishToFinish: "Finish → Finish"
        case .startToFinish: "Start → Finish"
        default: rawValue
        }
    }

    /// One line on what the relation means.
    public var explanation: String {
        switch self {
        case .finishToStart: "the successor starts when the predecessor finishes (the usual one)"
        case .startToStart: "the successor starts when the predecessor starts"
        case .finishToFinish: "the successor finishes when the predecessor finishes"
        case .startToFinish: "the successor finishes when the predecessor starts (rare)"
        default: "a relation this app does not know"
        }
    }

    /// Scheduling types Wrike accepts for (predecessor, successor).
    public var allowedDateTypes: (predecessor: Set<DateType>, successor: Set<DateType>) {
        let dated: Set<DateType> = [.planned, .milestone]
        switch self {
        case .finishToStart: return (dated, [.planned])
        case .startToStart: return ([.planned], [.planned])
        case .finishToFinish: return (dated, dated)
        case .startToFinish: return ([.planned], dated)
        default: return (dated, dated)
        }
    }
}

/// What to send: `POST /tasks/{taskId}/dependencies` with exactly one of predecessorId / successorId.
public struct DependencyRequest: Sendable, Equatable {
    public var taskId: String
    public var otherId: String
    public var side: DependencySide
    public var relationType: RelationType

    public var predecessorId: String { side == .predecessor ? otherId : taskId }
    public var successorId: String { side == .predecessor ? taskId : otherId }

    public var queryItems: [QueryItem] {
        [QueryItem(side == .predecessor ? "predecessorId" : "successorId", otherId),
         QueryItem("relationType", relationType.rawValue)]
    }
}

public struct DependencyFinderModel: Sendable {
    public enum Step: Sendable, Equatable { case task, side, relation }

    public let taskId: String
    /// The task itself and tasks already linked to it (either side): never offered.
    public let excluded: Set<String>
    public private(set) var step: Step = .task
    public private(set) var finder: PickerModel<DependencyCandidate>
    public private(set) var sides: PickerModel<DependencySide>
    public private(set) var relations: PickerModel<RelationType>
    /// The chosen other task (after the first step).
    public private(set) var chosen: DependencyCandidate?
    /// Queries already sent to the server (not asked twice).
    public private(set) var searched: Set<String> = []
    /// Queries shorter than this are not searched on the server.
    public static let minSearchLength = 3

    public init(taskId: String, existing: [Dependency], loaded: [DependencyCandidate]) {
        self.taskId = taskId
        var ex: Set<String> = [taskId]
        for d in existing where d.predecessorId == taskId || d.successorId == taskId {
            ex.insert(d.predecessorId)
            ex.insert(d.successorId)
        }
        excluded = ex
        var seen = Set<String>()
        let offered = loaded.filter { !ex.contains($0.id) && seen.insert($0.id).inserted }
        finder = PickerModel(items: offered) { $0.title }
        sides = PickerModel(items: DependencySide.allCases) { $0.rawValue }
        relations = PickerModel(items: RelationType.known) { $0.shortName }
    }

    public var query: String { finder.query }

    // MARK: - Step 1: the other task

    /// Adds typed text to the query. Returns a title to search on the server when it is worth asking
    /// (long enough, not asked before); the caller debounces and later calls `mergeSearchResults`.
    public mutating func type(_ text: String) -> String? {
        guard step == .task else { return nil }
        finder.type(text)
        return searchWanted()
    }

    public mutating func deleteBackward() {
        guard step == .task else { return }
        finder.deleteBackward()
    }

    private mutating func searchWanted() -> String? {
        let q = finder.query.trimmingCharacters(in: .whitespaces)
        guard q.count >= Self.minSearchLength, !searched.contains(q) else { return nil }
        searched.insert(q)
        return q
    }

    /// Server search results (`GET /tasks?title=...`): merged with what is there (deduplicated by id,
    /// the task itself and linked tasks left out); the query and cursor stay.
    public mutating func mergeSearchResults(_ tasks: [DependencyCandidate]) {
        var seen = Set(finder.items.map(\.id))
        var merged = finder.items
        for t in tasks where !excluded.contains(t.id) && seen.insert(t.id).inserted { merged.append(t) }
        finder.replaceItems(merged, id: \.id, label: \.title)
    }

    public mutating func moveUp() {
        switch step {
        case .task: finder.moveUp()
        case .side: sides.moveUp()
        case .relation: relations.moveUp()
        }
    }

    public mutating func moveDown() {
        switch step {
        case .task: finder.moveDown()
        case .side: sides.moveDown()
        case .relation: relations.moveDown()
        }
    }

    /// Moves in the current step's list. Typed text goes through `type` (it may ask for a search), Enter
    /// is `confirm`, Esc `back`. Backspace edits the query of the first step only.
    public mutating func navigate(_ c: PickerCommand) {
        switch step {
        case .task:
            if case .type = c { return }
            finder.navigate(c)
        case .side: sides.navigate(c, typing: false)
        case .relation: relations.navigate(c, typing: false)
        }
    }

    /// Enter: takes the highlighted choice and goes to the next step; on the last step returns the request.
    public mutating func confirm() -> DependencyRequest? {
        switch step {
        case .task:
            guard let c = finder.current else { return nil }
            chosen = c
            step = .side
        case .side:
            step = .relation
        case .relation:
            guard let other = chosen, let side = sides.current, let rel = relations.current else { return nil }
            return DependencyRequest(taskId: taskId, otherId: other.id, side: side, relationType: rel)
        }
        return nil
    }

    /// Esc: one step back. False when already at the first step (close the finder).
    public mutating func back() -> Bool {
        switch step {
        case .task: return false
        case .side: step = .task
        case .relation: step = .side
        }
        return true
    }

    /// A warning before sending, when the scheduling types are known to be refused (Wrike may still
    /// decide otherwise: this is advice, not a block).
    public func schedulingWarning(thisTask: DateType?) -> String? {
        guard let other = chosen, let side = sides.current, let rel = relations.current else { return nil }
        let (pt, st) = side == .predecessor ? (other.dateType, thisTask) : (thisTask, other.dateType)
        let (pn, sn) = side == .predecessor ? (other.title, "this task") : ("this task", other.title)
        return DependencyErrors.schedulingAdvice(rel, predecessor: (pn, pt), successor: (sn, st))
    }
}
