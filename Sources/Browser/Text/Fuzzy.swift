/// Fuzzy matching for pickers and finders: every query character must appear in order
/// (case-insensitive). Higher scores for consecutive runs, word starts and shorter candidates.
public enum Fuzzy {
    /// Score of `candidate` for `query`, or nil when it does not match. An empty query matches everything with 0.
    public static func score(_ query: String, _ candidate: String) -> Int? {
        if query.isEmpty { return 0 }
        return score(folded: fold(query), fold(candidate))
    }

    /// Text as `score(folded:_:)` takes it (lower case, scalars): fold candidates once when a list is
    /// matched at every keystroke.
    public static func fold(_ s: String) -> [Unicode.Scalar] { Array(s.lowercased().unicodeScalars) }

    /// `score` of texts already folded (`fold`).
    public static func score(folded q: [Unicode.Scalar], _ c: [Unicode.Scalar]) -> Int? {
        if q.isEmpty { return 0 }
        var qi = 0
        var score = 0
        var run = 0
        var prev: Unicode.Scalar = " "
        for (index, ch) in c.enumerated() {
            if qi < q.count && ch == q[qi] {
                qi += 1
                run += 1
                score += 1 + run * 4
                if prev == " " || prev == "-" || prev == "_" || prev == "/" || prev == "." { score += 6 }
                if qi == 1 && index == 0 { score += 8 }   // the candidate starts with the query
            } else {
                run = 0
            }
            prev = ch
        }
        guard qi == q.count else { return nil }
        return score * 100 - min(c.count, 99)
    }

    /// Candidates that match, best first; ties keep the input order.
    public static func rank<T>(_ query: String, _ items: [T], key: (T) -> String) -> [T] {
        if query.isEmpty { return items }
        var scored: [(Int, Int, T)] = []
        for (index, item) in items.enumerated() {
            if let s = score(query, key(item)) { scored.append((s, index, item)) }
        }
        scored.sort { $0.0 != $1.0 ? $0.0 > $1.0 : $0.1 < $1.1 }
        return scored.map { $0.2 }
    }
}
