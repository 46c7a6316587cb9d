// The saved views' state: the views of the config, the one to start on, the day the open view was opened
// (its relative days count from it), and the screen remembered between runs (RememberedView.swift).
import WrikeAPI

/// What the user asks of the saved views.
public enum ViewsIntent: Sendable, Equatable {
    /// The n-th view (1-based: the `view-1` … `view-9` keys).
    case number(Int)
    /// The views menu.
    case menu
}

/// The saved views' effects (performed by the runtime).
public enum ViewsEffect: Sendable, Equatable {
    /// Write the remembered screen to the state directory.
    case remember(RememberedView)
}

public struct ViewsState: Sendable {
    /// `[[views]]` of the config, in order (the first nine have the number keys).
    public internal(set) var all: [SavedView] = []
    /// `startup-view`: the view a run without a remembered screen starts on.
    public var startup: String?
    /// `remember-view`: keep the last list, its sort and filter, and the open folder across runs (the app
    /// sets it from the config, where it is on by default).
    public var remember = false
    /// The remembered screen read at start (applied once the bootstrap came, unless the last screen from
    /// disk was drawn).
    public var remembered: RememberedView?
    /// The first screen is still to be chosen (after the bootstrap).
    var startPending = true
    /// The day the open view was opened (days since 1970-01-01).
    var openedDay: Int?
    /// The last remembered screen handed to the runtime (written again only when it changes).
    var kept: RememberedView?

    public init() {}

    public func view(named name: String) -> SavedView? { all.first { $0.name == name } }
}

/// The views' rows in the tree (after My Work) and their numbers.
public enum SavedViews {
    static let rowPrefix = "view:"

    public static func treeRow(_ name: String) -> TreeRow {
        TreeRow(id: rowPrefix + name, path: rowPrefix + name, depth: 0, kind: .view, title: name, hasChildren: false,
                expanded: false, view: .view(name))
    }

    /// Number keys reach the first nine views.
    public static let numbered = 9

    public static let noViews = "No saved views: add [[views]] to config.toml (see docs/views.md)."
}

extension AppState {
    /// Sets the config's views: their rows follow My Work and the Inbox at the top of the tree.
    public mutating func setViews(_ views: [SavedView], startup: String?, remember: Bool) {
        self.features.views.all = views
        self.features.views.startup = startup
        self.features.views.remember = remember
        let kept = tree.views.filter { row in if case .view? = row.source { false } else { true } }
        tree.views = kept + views.map { SavedViews.treeRow($0.name) }
        deriveStale()
    }

    /// The number of view `name` (1…9) when it has a number key.
    public func viewNumber(_ name: String) -> Int? {
        guard let i = features.views.all.firstIndex(where: { $0.name == name }), i < SavedViews.numbered else { return nil }
        return i + 1
    }

    /// The columns of the list: the open view's own, else the config's.
    public var shownColumns: [ListColumn] {
        if case .view(let name)? = list.source, let c = features.views.view(named: name)?.columns, !c.isEmpty { return c }
        return list.columns
    }

    /// What the open view is resolved against.
    var viewContext: ViewContext {
        ViewContext(meId: catalog.directory.meId, directoryLoaded: session.directoryStatus == .loaded, contacts: catalog.directory.contacts,
                    statuses: catalog.directory.statuses, bootstrapped: session.bootstrap == .loaded, spaces: tree.spaces,
                    entries: tree.entries, spaceLoad: tree.spaceLoad,
                    today: features.views.openedDay ?? DateInput.day(today) ?? 0, timeZone: timeZone)
    }

    /// The open view's resolution (nil when the list is not a view).
    var openViewResolution: ViewResolution? {
        guard case .view(let name)? = list.source else { return nil }
        guard let v = features.views.view(named: name) else {
            return .failed("No view is named “\(name)” in config.toml any more.")
        }
        return v.resolve(viewContext)
    }
}
