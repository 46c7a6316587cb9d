// The task list's filter and sort intents.
import Foundation
import TermText

extension AppState {
    mutating func setFilter(_ q: String) -> [Effect] {
        list.setFilter(q)
        return afterFilterChange()
    }

    /// Typed text extends the filter (sanitized; nothing printable, nothing changes).
    mutating func typeInFilter(_ s: String) -> [Effect] {
        let clean = Sanitizer.cleanLine(s)
        guard !clean.isEmpty else { return [] }
        return setFilter(list.filter + clean)
    }

    /// Deletes the filter's last word (and the spaces after it).
    mutating func deleteFilterWord() -> [Effect] {
        var q = list.filter
        while q.last == " " { q.removeLast() }
        while let c = q.last, c != " " { q.removeLast() }
        return setFilter(q)
    }

    /// Leaves the filter line, keeping the filter or clearing it.
    mutating func endFilter(keep: Bool) {
        list.editingFilter = false
        if !keep { list.setFilter("") }
        follow(.list)
    }

    mutating func sortList(by field: SortField, ascending: Bool) {
        list.setSort(field, ascending: ascending)
        follow(.list)
    }
}
