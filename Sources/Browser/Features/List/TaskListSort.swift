// The list's sort: keys per field read in place from the store; a page that only adds tasks is
// sorted alone and merged.
import Foundation
import TermText
import WrikeAPI

extension TaskListState {
    // MARK: Sort

    public mutating func setSort(_ field: SortField, ascending: Bool) {
        let keep = selectedTaskId
        sort = field
        self.ascending = ascending
        resort(added: nil)
        refilter(from: nil)
        rebuildRows(keeping: keep)
    }

    /// Sort keys of `field` for every task (titles are compared separately).
    func sortKeys(_ field: SortField) -> [Int64] {
        let looks = store.statusLooks, strings = store.strings
        let importanceRank = strings.values.map { v -> Int64 in v == Importance.high.rawValue ? 0 : v == Importance.low.rawValue ? 2 : 1 }
        return store.slots.map { s in
            switch field {
            case .status: return Int64(looks[Int(s.status)].rank)
            case .importance: return s.importance >= 0 ? importanceRank[Int(s.importance)] : 1
            case .updated: return s.updated == Store.noTime ? -1 : Int64(s.updated)
            case .due: return s.due > 0 ? Int64(s.due) : Int64.max  // no date last
            case .title: return 0
            }
        }
    }

    /// Re-sorts every task, or (`added`: the first new position, nothing replaced) sorts the new tasks
    /// and merges them into the existing order.
    mutating func resort(added: Int?) {
        let field = sort
        let asc = ascending
        let keys = sortKeys(field)
        let count = store.count
        var order: [Int32] = []
        FoldedTitles.with(store) { titles in
        keys.withUnsafeBufferPointer { keys in
            // A total order: the field, then the title, then arrival (stable, independent of direction).
            func before(_ a: Int32, _ b: Int32) -> Bool {
                let x = keys[Int(a)], y = keys[Int(b)]
                if x != y { return asc ? x < y : x > y }
                let t = titles.compare(Int(a), Int(b))
                if t != 0 { return field == .title && !asc ? t > 0 : t < 0 }
                return a < b
            }
            if let added, added <= sorted.count, sorted.count == added {
                var new = (Int32(added)..<Int32(count)).map { $0 }
                new.sort(by: before)
                order.reserveCapacity(count)
                var i = 0, j = 0
                let old = sorted
                while i < old.count && j < new.count {
                    if before(new[j], old[i]) { order.append(new[j]); j += 1 } else { order.append(old[i]); i += 1 }
                }
                order.append(contentsOf: old[i...])
                order.append(contentsOf: new[j...])
            } else {
                order = (0..<Int32(count)).map { $0 }
                order.sort(by: before)
            }
        }
        }
        sorted = order
    }
}
