// The tree pane's state: views (My Work), spaces and their folders, expanded by path. Its update is
// TreeUpdate.swift.
import Foundation
import TermText
import WrikeAPI

public struct TreeRow: Sendable, Hashable {
    /// `view`: a list that is not a folder (My Work), above the spaces.
    public enum Kind: Sendable, Hashable { case space, folder, project, placeholder, view, inbox }
    public var id: String
    /// Ids from the space down to this node, joined by "/": a folder with two parents has two paths.
    public var path: String
    public var depth: Int
    public var kind: Kind
    public var title: String
    public var hasChildren: Bool
    public var expanded: Bool
    public var project: Project?
    /// For placeholders: loading or an error message.
    public var failed: Bool = false
    /// For view rows: what they list.
    public var view: ListSource?

    /// What Enter on the row lists: its view, or the folder, project or space (nil for a placeholder).
    public var source: ListSource? {
        switch kind {
        case .view: view
        case .space, .folder, .project: .folder(id)
        case .placeholder, .inbox: nil
        }
    }
}

public struct TreeState: Sendable {
    /// The rows of the lists that are not folders (`ListSource.views`: My Work), drawn above the spaces.
    public var views: [TreeRow] = ListSource.views.compactMap(\.treeRow) + [InboxState.treeRow] { didSet { revision &+= 1 } }
    public var spaces: [Space] = [] { didSet { revision &+= 1 } }
    public var entries: [String: FolderTreeEntry] = [:] { didSet { revision &+= 1 } }
    public var spaceLoad: [String: LoadStatus] = [:] { didSet { revision &+= 1 } }
    public var expanded: Set<String> = [] { didSet { revision &+= 1 } }
    /// Derived from the five above by `rebuild`, which only `AppState.deriveStale` calls (at the end of
    /// each update): read in an update after changing them, they are the rows the update began with.
    public private(set) var rows: [TreeRow] = []
    public var cursor = 0
    public var scroll = 0
    /// The path of the node whose tasks are listed.
    public var openedPath: String?
    /// Moves on every change of what the rows are made from.
    public private(set) var revision = 0
    /// The `revision` the rows were made from.
    private(set) var rowsRevision = 0
    /// A path the cursor goes to when the rows are made next (go-to, the remembered view, the screen from disk).
    private(set) var revealPath: String?

    /// The rows of a tree with no spaces yet: the views.
    public init() { rows = views }

    /// The rows no longer match what they are made from.
    var isStale: Bool { rowsRevision != revision || revealPath != nil }

    /// Puts the cursor on `path` once the rows are made again (it stays where it is if the path is not shown).
    mutating func reveal(_ path: String) { revealPath = path }

    /// A space's folders are being read.
    public var isLoading: Bool { spaceLoad.values.contains(.loading) }

    public var selected: TreeRow? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// Rebuilds `rows` from views, spaces, entries and expansion (keeps the cursor on the same path or puts
    /// it on the revealed one; when the spaces first arrive, the cursor goes to the first of them).
    public mutating func rebuild() {
        let keep = selected?.path
        let hadSpaces = rows.contains { $0.kind == .space }
        var out: [TreeRow] = views
        for s in spaces {
            let path = s.id
            let open = expanded.contains(path)
            let load = spaceLoad[s.id] ?? .notLoaded
            let kids = entries[s.id]?.childIds ?? []
            let hasChildren = load != .loaded || !kids.isEmpty
            out.append(TreeRow(id: s.id, path: path, depth: 0, kind: .space, title: Sanitizer.cleanLine(s.title),
                               hasChildren: hasChildren, expanded: open))
            guard open else { continue }
            switch load {
            case .loading, .notLoaded:
                out.append(TreeRow(id: "", path: path + "/…", depth: 1, kind: .placeholder, title: "loading…",
                                   hasChildren: false, expanded: false))
            case .failed(let m):
                out.append(TreeRow(id: "", path: path + "/!", depth: 1, kind: .placeholder, title: m,
                                   hasChildren: false, expanded: false, failed: true))
            case .loaded:
                appendChildren(of: s.id, path: path, depth: 1, into: &out, seen: [s.id])
            }
        }
        rows = out
        rowsRevision = revision
        if let want = revealPath, let i = rows.firstIndex(where: { $0.path == want }) {
            cursor = i
        } else if !hadSpaces, let first = rows.firstIndex(where: { $0.kind == .space }) {
            cursor = first
        } else if let keep, let i = rows.firstIndex(where: { $0.path == keep }) {
            cursor = i
        }
        revealPath = nil
        cursor = max(0, min(cursor, rows.count - 1))
    }

    private func appendChildren(of id: String, path: String, depth: Int, into out: inout [TreeRow], seen: Set<String>) {
        guard depth < 64 else { return }
        for child in entries[id]?.childIds ?? [] {
            guard let e = entries[child], !seen.contains(child) else { continue }
            if e.scope?.isRecycleBin == true { continue }
            let p = path + "/" + child
            let kids = (e.childIds ?? []).filter { entries[$0] != nil && !seen.contains($0) }
            let open = expanded.contains(p)
            out.append(TreeRow(id: child, path: p, depth: depth, kind: e.project != nil ? .project : .folder,
                               title: Sanitizer.cleanLine(e.title), hasChildren: !kids.isEmpty, expanded: open,
                               project: e.project))
            if open { appendChildren(of: child, path: p, depth: depth + 1, into: &out, seen: seen.union([child])) }
        }
    }
}
