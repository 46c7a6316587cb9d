// The list's filter: words, @assignee and #status terms over the folded title buffer; a query that
// extends the last one narrows its matches.
import Foundation
import TermText
import WrikeAPI

extension TaskListState {
    // MARK: Filter

    /// Sets the filter query. Words must all match: plain words the title, `@name` an assignee,
    /// `#name` the status. When the new query extends the old one only the old matches are checked.
    public mutating func setFilter(_ query: String) {
        let keep = selectedTaskId
        let narrowing = !filter.isEmpty && query.hasPrefix(filter) && matches != nil
        filter = query
        refilter(from: narrowing ? matches : nil)
        rebuildRows(keeping: keep)
    }

    struct Term {
        enum Field { case title, assignee, status }
        var field: Field
        var needle: [UInt8]
    }

    static func terms(_ query: String) -> [Term] {
        var out: [Term] = []
        for word in query.split(separator: " ") {
            var field = Term.Field.title
            var w = Substring(word)
            if w.first == "@" { field = .assignee; w = w.dropFirst() } else if w.first == "#" { field = .status; w = w.dropFirst() }
            if w.isEmpty { continue }
            out.append(Term(field: field, needle: fold(String(w))))
        }
        return out
    }

    mutating func refilter(from candidates: [Int32]?) {
        guard !filter.isEmpty else {
            matches = nil
            matchesQuery = ""
            return
        }
        let terms = Self.terms(filter)
        let source = candidates ?? sorted
        if terms.isEmpty {
            matches = source
        } else {
            // Assignee and status words are tested once per distinct assignee set and status.
            let people = terms.map { t in t.field == .assignee ? store.assigneeLooks.map { Self.contains($0.folded, t.needle) } : [] }
            let states = terms.map { t in t.field == .status ? store.statusLooks.map { Self.contains($0.folded, t.needle) } : [] }
            var out: [Int32] = []
            out.reserveCapacity(source.count)
            let count = store.count
            FoldedTitles.with(store) { titles in
                let slots = titles.slots
                func test(_ i: Int) -> Bool {
                    for (n, t) in terms.enumerated() {
                        let found: Bool
                        switch t.field {
                        case .title:
                            found = titles.contains(i, t.needle)
                        case .assignee:
                            let a = slots[i].assignees
                            found = a >= 0 && people[n][Int(a)]
                        case .status: found = states[n][Int(slots[i].status)]
                        }
                        if !found { return false }
                    }
                    return true
                }
                if source.count > count / 8 {
                    // Many candidates: test them in storage order (the title buffer is read sequentially
                    // instead of jumping around in sort order), then keep the sort order.
                    var flag = [UInt8](repeating: candidates == nil ? 1 : 0, count: count)
                    flag.withUnsafeMutableBufferPointer { flag in
                        if candidates != nil { for i in source { flag[Int(i)] = 1 } }
                        for i in 0..<count where flag[i] == 1 && test(i) { flag[i] = 2 }
                        for i in source where flag[Int(i)] == 2 { out.append(i) }
                    }
                } else {
                    for i in source where test(Int(i)) { out.append(i) }
                }
            }
            matches = out
        }
        matchesQuery = filter
    }

    static func contains(_ hay: [UInt8], _ needle: [UInt8]) -> Bool {
        hay.withUnsafeBufferPointer { contains($0, needle) }
    }

    /// Whether `hb` (lower-cased byte by byte first when `foldingASCII`) contains `needle`.
    static func contains(_ hb: UnsafeBufferPointer<UInt8>, _ needle: [UInt8], foldingASCII: Bool = false) -> Bool {
        let n = needle.count, h = hb.count
        if n == 0 { return true }
        if n > h { return false }
        return needle.withUnsafeBufferPointer { nb in
            let first = nb[0]
            var i = 0
            while i <= h - n {
                if FoldedTitles.lower(hb[i], foldingASCII) == first {
                    var j = 1
                    while j < n && FoldedTitles.lower(hb[i + j], foldingASCII) == nb[j] { j += 1 }
                    if j == n { return true }
                }
                i += 1
            }
            return false
        }
    }
}
