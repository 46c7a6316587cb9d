// The screen remembered between runs: the last list (a saved view, My Work or a folder), its sort and
// filter, and the folder open in the tree. Kept in the state directory (`view.json`, ViewStateStore in
// BrowserRuntime) whenever it changes; applied at start when the last screen kept on disk for the instant
// start (Features/Snapshot, which holds the same and more) was not drawn: `--demo`, `--base-url`, a
// screen too old. It shares the snapshot's description of a list (`ScreenSnapshotScreen.List`).
import Foundation
import WrikeAPI

public struct RememberedView: Codable, Sendable, Hashable {
    public static let formatVersion = 1
    public var version = RememberedView.formatVersion
    /// The list: its source, title, sort, filter (the cursor and scroll are the snapshot's).
    public var list: ScreenSnapshotScreen.List
    /// The tree path of the folder (or view row) whose tasks are listed.
    public var openedPath: String?

    public init(list: ScreenSnapshotScreen.List, openedPath: String?) {
        self.list = list
        self.openedPath = openedPath
    }
}

extension AppState {
    /// The screen to remember now (nil: no list settled yet, or remembering is off).
    var rememberedNow: RememberedView? {
        guard features.views.remember, session.bootstrap == .loaded, list.source != nil, !list.waiting else { return nil }
        var l = ScreenSnapshotScreen.List(list)
        l.cursorTaskId = nil
        l.scroll = 0
        return RememberedView(list: l, openedPath: tree.openedPath)
    }

    /// On ticks and on quit: the remembered screen when it changed since it was last handed over.
    mutating func rememberTick() -> [Effect] {
        guard let r = rememberedNow, r != features.views.kept else { return [] }
        features.views.kept = r
        return [.views(.remember(r))]
    }

    /// The first screen, once the bootstrap came: the remembered one, else `startup-view`, else none.
    mutating func openStartScreen() -> [Effect] {
        guard features.views.startPending else { return [] }
        features.views.startPending = false
        guard list.source == nil else { return [] }
        if let r = features.views.remembered, let source = r.list.source, reopenable(source) {
            features.views.kept = r
            let effects: [Effect]
            if case .view(let name) = source {
                effects = openView(name, applySort: false)
            } else {
                focus = .list
                effects = openList(source, title: r.list.title)
            }
            tree.openedPath = r.openedPath ?? tree.openedPath
            var reveal: [Effect] = []
            if let path = r.openedPath, !path.hasPrefix(SavedViews.rowPrefix) { reveal = revealInTree(path) }
            list.setSort(SortField(rawValue: r.list.sort) ?? list.sort, ascending: r.list.ascending)
            if let f = r.list.filter, !f.isEmpty { list.setFilter(f) }
            return effects + reveal
        }
        if let name = features.views.startup, features.views.view(named: name) != nil { return openView(name) }
        if let name = features.views.startup { status.lastError = "startup-view “\(name)” is not one of the [[views]] in config.toml." }
        return []
    }

    /// Expands the tree down to `path` (a remembered folder's), reading its space's folders when needed,
    /// and puts the cursor on it once shown.
    private mutating func revealInTree(_ path: String) -> [Effect] {
        let parts = path.split(separator: "/").map(String.init)
        guard let space = parts.first, tree.spaces.contains(where: { $0.id == space }) else { return [] }
        for n in 1..<max(1, parts.count) { tree.expanded.insert(parts.prefix(n).joined(separator: "/")) }
        var effects: [Effect] = []
        switch tree.spaceLoad[space] ?? .notLoaded {
        case .notLoaded, .failed:
            tree.spaceLoad[space] = .loading
            effects.append(.loadTree(spaceId: space))
        case .loading, .loaded: break
        }
        tree.reveal(path)
        return effects
    }

    /// A remembered list can be opened again: a view still in the config, My Work, or a folder.
    private func reopenable(_ s: ListSource) -> Bool {
        if case .view(let name) = s { return features.views.view(named: name) != nil }
        return true
    }
}

extension ScreenSnapshotScreen.List {
    /// The description of `list` (its source, title, sort, filter, cursor and scroll).
    init(_ list: TaskListState) {
        self.init()
        switch list.source {
        case .folder(let id)?: folderId = id
        case .myWork?: myWork = true
        case .view(let name)?: view = name
        case nil: break
        }
        title = list.title
        sort = list.sort.rawValue
        ascending = list.ascending
        filter = list.filter.isEmpty ? nil : list.filter
        cursorTaskId = list.selectedTaskId
        scroll = list.scroll
    }

    /// The list's source (nil: none).
    public var source: ListSource? {
        if let view { return .view(view) }
        if myWork { return .myWork }
        return folderId.map { .folder($0) }
    }
}
