// The list's rows: derived from the sorted (or matching) tasks and the expanded parents, only by the
// list's own mutators.
import Foundation
import TermText
import WrikeAPI

extension TaskListState {
    // MARK: Rows

    /// Expands or collapses the subtasks of the selected task.
    public mutating func toggleExpanded() {
        guard let id = selectedTaskId, rows.indices.contains(cursor), rows[cursor].childCount > 0 else { return }
        if expanded.contains(id) { expanded.remove(id) } else { expanded.insert(id) }
        rebuildRows(keeping: id)
    }

    /// The rows are rebuilt in the old rows' storage (no second array of every row while pages arrive).
    mutating func rebuildRows(keeping id: String?) {
        var out = rows
        rows = []
        out.removeAll(keepingCapacity: true)
        let count = store.count
        if let matches {
            out.reserveCapacity(matches.count)
            for i in matches { out.append(ListRow(task: i, depth: 0, childCount: 0, expanded: false)) }
        } else {
            out.reserveCapacity(count)
            var children: [Int32: [Int32]] = [:]
            let slots = store.slots
            for i in sorted {
                let p = slots[Int(i)].parent
                if p >= 0 { children[p, default: []].append(i) }
            }
            let open = Set(expanded.compactMap { store.ids.find($0) })
            var visited = [Bool](repeating: false, count: count)
            func visit(_ i: Int32, _ depth: Int) {
                if visited[Int(i)] { return }
                visited[Int(i)] = true
                let kids = children[i] ?? []
                let isOpen = !kids.isEmpty && open.contains(slots[Int(i)].key)
                out.append(ListRow(task: i, depth: UInt8(min(depth, 8)), childCount: Int32(kids.count), expanded: isOpen))
                if isOpen && depth < 64 { for k in kids { visit(k, depth + 1) } }
            }
            for i in sorted where slots[Int(i)].parent < 0 { visit(i, 0) }
            // Hidden subtasks are reachable through their parents; anything caught in a parent cycle
            // would be unreachable: show it at the top level.
            for i in sorted where !visited[Int(i)] && !Self.hasVisibleAncestor(i, slots, visited) { visit(i, 0) }
        }
        rows = out
        if let id, let k = store.ids.find(id), let ti = store.position(of: k), let r = rows.firstIndex(where: { $0.task == ti }) {
            cursor = r
        } else {
            cursor = max(0, min(cursor, rows.count - 1))
        }
    }

    /// True when a chain of parents leads to a task that is shown (so this one is a collapsed subtask).
    static func hasVisibleAncestor(_ i: Int32, _ slots: [Slot], _ visited: [Bool]) -> Bool {
        var p = slots[Int(i)].parent
        var steps = 0
        while p >= 0 && steps < 64 {
            if visited[Int(p)] { return true }
            p = slots[Int(p)].parent
            steps += 1
        }
        return false
    }
}
