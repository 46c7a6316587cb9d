// Go-to: a palette (action `goto`) that finds a space, folder or project by name or path (the tree's
// folders), a task by its API id or by a pasted permalink (`…open.htm?id=N`: the number is looked up
// with `GET /ids`), and every key-table action by name and help text (choosing one runs it). Typing
// ranks the candidates here (pure); the update is GoToUpdate.swift, the drawing TerminalUI
// GoToRender.swift. See docs/goto.md.
import Foundation
import TermText
import WrikeAPI

/// What a go-to row leads to.
public enum GoToTarget: Sendable, Equatable {
    /// List the folder's tasks (`path`: the tree path of ids, as `TreeRow.path`).
    case folder(id: String, path: String, title: String)
    /// Show the task with this API id.
    case task(id: String)
    /// A permalink's number: looked up (`GET /ids`), then shown.
    case permalink(number: String)
    /// Run a key-table action.
    case action(Action)
    /// A line that says something (the title search's progress or failure): not chosen.
    case note
}

/// A space, folder or project the tree knows.
public struct GoToPlace: Sendable, Equatable {
    public var id: String
    /// Ids from the space down, joined by "/" (`TreeRow.path`).
    public var treePath: String
    public var name: String
    /// Titles from the space down to its parent, joined by " / " (empty for a space).
    public var parents: String
    public var kind: TreeRow.Kind
}

/// A key-table action as go-to lists it.
public struct GoToAction: Sendable, Equatable {
    public var action: Action
    public var keys: String
    public var help: String
}

public struct GoToItem: Sendable, Equatable {
    public var target: GoToTarget
    public var label: String
}

public struct GoToModel: Sendable {
    public private(set) var query = ""
    public var places: [GoToPlace] { index.places }
    public let actions: [GoToAction]
    /// The places folded for matching.
    private var index: GoToIndex
    /// The places each prefix of the query matched.
    private var narrowing = GoToNarrowing()
    /// The ranked rows for `query`; its own query stays empty (the ranking is `GoTo.rank`), then the
    /// title search's tasks and its note.
    public private(set) var picker: PickerModel<GoToItem>
    /// The server-side title search (GoToSearch.swift).
    public private(set) var search = GoToSearch()

    public init(places: [GoToPlace], actions: [GoToAction]) {
        index = GoToIndex(places)
        self.actions = actions
        picker = PickerModel(items: GoTo.rank("", places: places, actions: actions), ordering: .stable) { $0.label }
    }

    /// Sets the query; returns what the runner must do (cancel a search still out).
    @discardableResult
    public mutating func setQuery(_ q: String) -> [GoToEffect] {
        let clean = Sanitizer.cleanLine(q)
        guard clean != query else { return [] }
        query = clean
        let effects = search.queryChanged(clean)
        rerank()
        return effects
    }

    /// The clock moved: the search starts once the typing paused.
    mutating func tick(_ now: Date) -> [GoToEffect] {
        let before = search.phase
        let effects = search.tick(now)
        if search.phase != before { rerank(keepCursor: true) }
        return effects
    }

    /// The title search answered; false when the answer was stale and dropped.
    mutating func searchAnswered(_ q: String, generation: Int, _ r: Result<[WrikeTask], ServiceFailure>,
                                 directory: Directory) -> Bool {
        guard search.answer(q, generation: generation, r, directory: directory) else { return false }
        rerank(keepCursor: true)
        return true
    }

    public mutating func setPlaces(_ p: [GoToPlace]) {
        guard p != places else { return }
        index = GoToIndex(p)
        narrowing = GoToNarrowing()
        rerank(keepCursor: true)
    }

    /// Moves the cursor (typed text goes to `setQuery`).
    public mutating func move(_ c: PickerCommand) { picker.navigate(c, typing: false) }

    /// `keepCursor`: stay on the row under the cursor (rows arriving); else the best match.
    private mutating func rerank(keepCursor: Bool = false) {
        var items = GoTo.rank(query, index: index, actions: actions, narrowing: &narrowing)
        let taken = Set(items.compactMap { if case .task(let id) = $0.target { id } else { nil } })
        for h in search.hits(matching: query) where !taken.contains(h.id) {
            items.append(GoToItem(target: .task(id: h.id), label: "\(h.title)  · \(h.status)  (task)"))
        }
        var disabled: Set<Int> = []
        if let note = search.note(for: query) {
            disabled.insert(items.count)
            items.append(GoToItem(target: .note, label: note))
        }
        let keep = keepCursor ? picker.current?.target : nil
        picker = PickerModel(items: items, ordering: .stable, disabled: disabled) { $0.label }
        if let keep, keep != .note, let i = items.firstIndex(where: { $0.target == keep }) { picker.select(index: i) }
    }
}

public enum GoTo {
    /// At most this many rows are listed.
    public static let limit = 200

    /// The number of a Wrike permalink (`https://www.wrike.com/open.htm?id=123`, `open.htm?id=123`) or a
    /// bare number; nil otherwise.
    public static func permalinkNumber(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        if !t.isEmpty, t.count <= 19, t.allSatisfy(\.isASCIIDigit) { return t }
        guard t.contains("wrike.com") || t.contains(".htm"), let r = t.range(of: "id=") else { return nil }
        let digits = t[r.upperBound...].prefix { $0.isASCIIDigit }
        return digits.isEmpty || digits.count > 19 ? nil : String(digits)
    }

    /// Whether `text` names one task by itself: a permalink address (`…open.htm?id=N`, not a bare number,
    /// which may be part of a name) or an API id.
    public static func isWholeAddress(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        return (permalinkNumber(t) != nil && t.contains("id=")) || looksLikeAPIId(t)
    }

    /// Whether `text` has the shape of a Wrike API id (`IEAAAAAQKQAAAAAA`: 8 to 32 capital letters and
    /// digits, some letters).
    public static func looksLikeAPIId(_ text: String) -> Bool {
        let t = text.trimmingCharacters(in: .whitespaces)
        return (8...32).contains(t.count) && t.allSatisfy { $0.isASCIIDigit || ("A"..."Z").contains($0) }
            && t.contains { ("A"..."Z").contains($0) }
    }

    /// The rows for `query`: a permalink or task id first, then places matched by name, actions by name,
    /// places by path, actions by help text; best match first within each. An empty query lists the
    /// places in tree order, then the actions.
    public static func rank(_ query: String, places: [GoToPlace], actions: [GoToAction]) -> [GoToItem] {
        var narrowing = GoToNarrowing()
        return rank(query, index: GoToIndex(places), actions: actions, narrowing: &narrowing)
    }

    /// `rank` over folded places; `narrowing` keeps the places each query prefix matched, so a longer
    /// query tests only those (a fuzzy match of "abc" is a match of "ab").
    static func rank(_ query: String, index: GoToIndex, actions: [GoToAction], narrowing: inout GoToNarrowing) -> [GoToItem] {
        let q = query.trimmingCharacters(in: .whitespaces)
        let places = index.places
        if q.isEmpty {
            narrowing = GoToNarrowing()
            return Array((places.prefix(limit).map(item) + actions.prefix(limit).map(item)).prefix(limit))
        }
        var out: [GoToItem] = []
        if let n = permalinkNumber(q) {
            out.append(GoToItem(target: .permalink(number: n), label: "Task with permalink number \(n)"))
        } else if looksLikeAPIId(q) {
            out.append(GoToItem(target: .task(id: q), label: "Task \(q)"))
        }
        let folded = Fuzzy.fold(q)
        var scored: [(tier: Int, score: Int, order: Int, place: Int)] = []
        var matched: [Int] = []
        for i in narrowing.candidates(for: q, count: places.count) {
            if let s = Fuzzy.score(folded: folded, index.names[i]) {
                scored.append((0, s, i, i))
            } else if let s = Fuzzy.score(folded: folded, index.paths[i]) {
                scored.append((2, s, i, i))
            } else {
                continue
            }
            matched.append(i)
        }
        narrowing.push(q, matched)
        for (i, a) in actions.enumerated() {
            if let s = Fuzzy.score(q, a.action.rawValue) {
                scored.append((1, s, i, -1 - i))
            } else if let r = a.help.range(of: q, options: .caseInsensitive) {
                // Help text: the words as typed (a fuzzy match in a sentence matches nearly anything).
                scored.append((3, -a.help.distance(from: a.help.startIndex, to: r.lowerBound), i, -1 - i))
            }
        }
        scored.sort { ($0.tier, -$0.score, $0.order) < ($1.tier, -$1.score, $1.order) }
        // Labels only for the rows listed.
        out += scored.prefix(limit).map { $0.place >= 0 ? item(places[$0.place]) : item(actions[-1 - $0.place]) }
        return out
    }

    static func item(_ p: GoToPlace) -> GoToItem {
        let kind = switch p.kind {
        case .space: "space"
        case .project: "project"
        case .folder, .placeholder, .view, .inbox: "folder"
        }
        let label = p.parents.isEmpty ? "\(p.name)  (\(kind))" : "\(p.name)  (\(kind) in \(p.parents))"
        return GoToItem(target: .folder(id: p.id, path: p.treePath, title: p.name), label: label)
    }

    static func item(_ a: GoToAction) -> GoToItem {
        let keys = a.keys.isEmpty ? "" : " [\(a.keys)]"
        return GoToItem(target: .action(a.action), label: "\(a.help)  · \(a.action.rawValue)\(keys)")
    }

    /// Every space, folder and project of the loaded trees, once each (the first path found), in tree
    /// order; the recycle bin is left out.
    public static func places(_ tree: TreeState) -> [GoToPlace] {
        var out: [GoToPlace] = []
        var seen: Set<String> = []
        func walk(_ id: String, path: String, parents: String, depth: Int) {
            guard depth < 64 else { return }
            for child in tree.entries[id]?.childIds ?? [] {
                guard let e = tree.entries[child], !seen.contains(child), e.scope?.isRecycleBin != true else { continue }
                seen.insert(child)
                let name = Sanitizer.cleanLine(e.title)
                out.append(GoToPlace(id: child, treePath: path + "/" + child, name: name, parents: parents,
                                     kind: e.project != nil ? .project : .folder))
                walk(child, path: path + "/" + child, parents: parents + " / " + name, depth: depth + 1)
            }
        }
        for s in tree.spaces {
            let name = Sanitizer.cleanLine(s.title)
            seen.insert(s.id)
            out.append(GoToPlace(id: s.id, treePath: s.id, name: name, parents: "", kind: .space))
            walk(s.id, path: s.id, parents: name, depth: 1)
        }
        return out
    }

    /// The panes' key-table rows (but go-to's own), with their keys as shown.
    public static func actions(_ keymap: Keymap, ascii: Bool) -> [GoToAction] {
        keymap.bindings(in: .browse).filter { $0.action != .goTo }.map { b in
            GoToAction(action: b.action, keys: b.keys.map { KeyNames.display($0, ascii: ascii) }.joined(separator: ", "),
                       help: b.help)
        }
    }
}

private extension Character {
    var isASCIIDigit: Bool { ("0"..."9").contains(self) }
}

/// The places of the tree, folded once for fuzzy matching (name; "parents / name").
struct GoToIndex: Sendable {
    let places: [GoToPlace]
    let names: [[Unicode.Scalar]]
    let paths: [[Unicode.Scalar]]

    init(_ places: [GoToPlace]) {
        self.places = places
        names = places.map { Fuzzy.fold($0.name) }
        paths = places.map { Fuzzy.fold($0.parents + " / " + $0.name) }
    }
}

/// The places matched by each prefix of the query typed so far: typing on tests only the places the
/// shorter query matched; Backspace goes back to the shorter query's set.
struct GoToNarrowing: Sendable {
    private var stack: [(query: String, matched: [Int])] = []

    /// The places to test for `query`: those of its longest prefix on the stack, else all.
    mutating func candidates(for query: String, count: Int) -> [Int] {
        while let last = stack.last, !query.hasPrefix(last.query) { stack.removeLast() }
        if let last = stack.last { return last.matched }
        return Array(0..<count)
    }

    mutating func push(_ query: String, _ matched: [Int]) {
        if stack.last?.query == query { stack.removeLast() }
        stack.append((query, matched))
    }
}
