// Tasks seen outside the list (State/Catalog.swift `knownTasks`): for dependency and subtask titles, the
// "blocked" marker and the detail's fallbacks. A task put by id (`known[id] = t`: a detail read, a write's
// answer, a search result) is kept whole. The tasks resolved by id for the list's markers (`addResolved`:
// the predecessors and successors of listed tasks, thousands while a big folder pages in) are kept as the
// list keeps its tasks (Features/List/TaskStore.swift): their list fields in ~100 bytes each instead of
// a full model with its description (~1–2 KB).
import TermText
import WrikeAPI

/// Tasks known by id, whole or compact.
public struct KnownTasks: Sendable {
    private var whole: [String: WrikeTask] = [:]
    private var resolved = Store()
    /// Resolved tasks set to nil since (rare: the subscript's setter).
    private var dropped: Set<String> = []

    public init() {}

    /// The task: the whole model when one was put, else the list fields of a resolved one.
    public subscript(id: String) -> WrikeTask? {
        get {
            if let t = whole[id] { return t }
            return resolvedPosition(id).map { resolved.task(Int($0)) }
        }
        set {
            whole[id] = newValue
            if newValue == nil, resolvedPosition(id) != nil { dropped.insert(id) } else if newValue != nil { dropped.remove(id) }
        }
    }

    /// Tasks resolved by id: kept compactly (their list fields, as `TaskListState.tasks` gives them). A task already
    /// kept whole stays whole (and is updated).
    public mutating func addResolved(_ tasks: [WrikeTask]) {
        for t in tasks {
            if whole[t.id] != nil {
                whole[t.id] = t
                continue
            }
            _ = resolved.put(t, Directory())
            dropped.remove(t.id)
        }
    }

    public func contains(_ id: String) -> Bool { whole[id] != nil || resolvedPosition(id) != nil }

    /// What the list's markers and titles need: the title (one clean line) and the status as Wrike sent it.
    public func summary(_ id: String) -> (title: String, customStatusId: String?, status: TaskStatus?)? {
        if let t = whole[id] { return (Sanitizer.cleanLine(t.title), t.customStatusId, t.status) }
        guard let i = resolvedPosition(id) else { return nil }
        let s = resolved.statuses[resolved.slots[Int(i)].status]
        return (resolved.title(Int(i)), s.custom, s.status)
    }

    /// Every known task (whole ones first).
    public var values: [WrikeTask] {
        var out = Array(whole.values)
        for i in 0..<resolved.count {
            let id = resolved.id(i)
            if whole[id] == nil && !dropped.contains(id) { out.append(resolved.task(i)) }
        }
        return out
    }

    private func resolvedPosition(_ id: String) -> Int32? {
        guard let k = resolved.ids.find(id), let i = resolved.position(of: k), !dropped.contains(id) else { return nil }
        return i
    }

    /// Tasks kept compactly, and their approximate heap bytes (tests, the benchmark).
    public var resolvedCount: Int { resolved.count }
    public var resolvedBytes: Int { resolved.bytes }
}
