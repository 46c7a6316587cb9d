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

    /// The sort key of `field` for a slot (titles are compared separately). `importanceRank`: per entry of
    /// `store.strings`.
    @inline(__always)
    static func sortKey(_ s: Slot, _ field: SortField, _ looks: UnsafeBufferPointer<StatusLook>,
                        _ importanceRank: UnsafeBufferPointer<Int64>) -> Int64 {
        switch field {
        case .status: return Int64(looks[Int(s.status)].rank)
        case .importance: return s.importance >= 0 ? importanceRank[Int(s.importance)] : 1
        case .updated: return s.updated == Store.noTime ? -1 : Int64(s.updated)
        case .due: return s.due > 0 ? Int64(s.due) : Int64.max  // no date last
        case .title: return 0
        }
    }

    /// Re-sorts every task, or (`added`: the first new position, nothing replaced) sorts the new tasks
    /// and merges them into the existing order, in place. Keys are read from the slots as compared: no
    /// array of keys or second order of every task is made (at 100,000 tasks each page would make 1.2 MB).
    mutating func resort(added: Int?) {
        let field = sort
        let asc = ascending
        let count = store.count
        let importanceRank = store.strings.values.map { v -> Int64 in
            v == Importance.high.rawValue ? 0 : v == Importance.low.rawValue ? 2 : 1
        }
        var order = sorted
        sorted = []
        let merging = added.map { $0 <= order.count && order.count == $0 } ?? false
        if !merging { order.removeAll(keepingCapacity: true) }
        FoldedTitles.with(store) { titles in
        store.statusLooks.withUnsafeBufferPointer { looks in
        importanceRank.withUnsafeBufferPointer { ranks in
            let slots = titles.slots
            // A total order: the field, then the title, then arrival (stable, independent of direction).
            func before(_ a: Int32, _ b: Int32) -> Bool {
                let x = Self.sortKey(slots[Int(a)], field, looks, ranks), y = Self.sortKey(slots[Int(b)], field, looks, ranks)
                if x != y { return asc ? x < y : x > y }
                let t = titles.compare(Int(a), Int(b))
                if t != 0 { return field == .title && !asc ? t > 0 : t < 0 }
                return a < b
            }
            if merging {
                let old = order.count
                var new = (Int32(old)..<Int32(count)).map { $0 }
                new.sort(by: before)
                order.reserveCapacity(count)
                order.append(contentsOf: new)
                // Merged from the back into the room the new positions took.
                order.withUnsafeMutableBufferPointer { o in
                    var i = old - 1, j = new.count - 1, k = count - 1
                    while j >= 0 {
                        if i >= 0 && before(new[j], o[i]) { o[k] = o[i]; i -= 1 } else { o[k] = new[j]; j -= 1 }
                        k -= 1
                    }
                }
            } else {
                order.reserveCapacity(count)
                order.append(contentsOf: 0..<Int32(count))
                order.sort(by: before)
            }
        }
        }
        }
        sorted = order
    }
}
