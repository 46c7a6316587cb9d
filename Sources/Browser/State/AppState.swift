// The browser's state as plain values. No curses, no I/O, no clocks: `now` is set by `.tick` intents.
import Foundation
import TermText
import WrikeAPI

/// The three panes.
public enum Pane: Int, Sendable, Hashable, CaseIterable {
    case tree, list, detail
    public var title: String {
        switch self {
        case .tree: "Spaces"
        case .list: "Tasks"
        case .detail: "Task"
        }
    }
}

/// Loading state of something fetched in the background.
public enum LoadStatus: Sendable, Hashable {
    case notLoaded, loading, loaded
    case failed(String)
    public var isLoading: Bool { self == .loading }
}

/// Rows visible in each pane (set by the renderer's layout through `.layout`).
public struct Viewport: Sendable, Hashable {
    public var treeRows: Int
    public var listRows: Int
    public var detailRows: Int
    public var detailWidth: Int
    public init(treeRows: Int = 20, listRows: Int = 20, detailRows: Int = 20, detailWidth: Int = 60) {
        self.treeRows = treeRows
        self.listRows = listRows
        self.detailRows = detailRows
        self.detailWidth = detailWidth
    }
}

/// Names for ids: contacts, custom statuses, custom fields; who I am.
public struct Directory: Sendable {
    public var accountName: String?
    public var meId: String?
    public var contacts: [String: Contact] = [:]
    public var statuses: [String: CustomStatus] = [:]
    /// Position of each custom status across workflows (for sorting by status).
    public var statusOrder: [String: Int] = [:]
    public var customFields: [String: CustomField] = [:]
    /// Whether contacts were read (they follow the first frame); until then names are `pendingName`.
    public var contactsLoaded = false

    /// People `/contacts` did not list (Wrike Bot, removed users), read by id (`Effect.loadContacts`).
    /// Kept when the listing is read again.
    public var contactsById: [String: Contact] = [:]
    /// Ids asked for by id: while in `lookingUp` the name is `pendingName`; after the answer, a person
    /// Wrike did not return is `unknownName`.
    public var askedById: Set<String> = []
    public var lookingUp: Set<String> = []

    /// Drawn for a person while contacts are still loading (never the raw id).
    public static let pendingName = "…"
    /// `pendingName` in the screen's symbols (`AppState.setGlyphs`).
    public var pendingText = pendingName
    /// Drawn for a person Wrike does not name (never the raw id).
    public static let unknownName = "unknown user"

    public init() {}

    public init(_ b: Bootstrap) {
        merge(b)
    }

    /// Takes what `b` carries: workflows when it has some, the directory part when `b.hasDirectory`.
    public mutating func merge(_ b: Bootstrap) {
        if !b.workflows.isEmpty {
            statuses = [:]
            statusOrder = [:]
            var n = 0
            for w in b.workflows {
                for s in w.customStatuses ?? [] {
                    statuses[s.id] = s
                    statusOrder[s.id] = n
                    n += 1
                }
            }
        }
        guard b.hasDirectory else { return }
        accountName = b.account?.name ?? accountName
        meId = b.me?.id ?? meId
        contacts = [:]
        for c in b.contacts { contacts[c.id] = c }
        contactsLoaded = true
        customFields = [:]
        for f in b.customFields { customFields[f.id] = f }
    }

    /// A contact's display name (sanitized, one line); `pendingName` while contacts (or this one, by id)
    /// are loading; `unknownName` for a person Wrike does not name. Never the id.
    public func name(_ id: String) -> String {
        guard let c = contacts[id] ?? contactsById[id] else {
            return !contactsLoaded || lookingUp.contains(id) ? pendingText : Self.unknownName
        }
        let name = c.displayName
        return name == c.id ? Self.unknownName : Sanitizer.cleanLine(name)
    }

    /// Status name and colour of a task: the custom status when known, else the status group.
    public func status(of task: WrikeTask) -> (name: String, color: StatusColor?, group: TaskStatus) {
        status(customStatusId: task.customStatusId, status: task.status)
    }

    public func status(customStatusId: String?, status: TaskStatus?) -> (name: String, color: StatusColor?, group: TaskStatus) {
        if let id = customStatusId, let s = statuses[id] {
            return (Sanitizer.cleanLine(s.name), s.color, s.group ?? status ?? .active)
        }
        let group = status ?? .active
        return (group.rawValue, nil, group)
    }
}

/// A warm start's revalidation of workflows and spaces (read from disk for the first frame).
public enum WarmStartStatus: Sendable, Hashable {
    /// A cold start (or the disk data was already replaced by Wrike's).
    case notWarm
    /// The disk data is on screen; the re-read follows the first frame.
    case pending
    case revalidating
    case revalidated
}

/// Everything on screen.
public struct AppState: Sendable {
    /// The app's clock, advanced by `.tick`; new status-line messages are recorded with it.
    public var now: Date { didSet { status.clock = now } }
    /// The calendar, time zone and id prefix the runtime passes in (CoreEnvironment.swift).
    public var environment: CoreEnvironment
    public var timeZone: TimeZone {
        get { environment.timeZone }
        set { environment.timeZone = newValue }
    }
    public var viewport = Viewport()
    public var directory = Directory()
    public var bootstrap: LoadStatus = .notLoaded
    /// Account, contacts and custom fields, read once the first frame is complete.
    public var directoryStatus: LoadStatus = .notLoaded
    /// Where the first frame's workflows and spaces stand after a warm start (read from disk).
    public var warmStart: WarmStartStatus = .notWarm
    public var focus: Pane = .tree
    public var tree = TreeState()
    public var list = TaskListState()
    public var detail = DetailState()
    /// Tasks seen anywhere (list pages, detail, resolved ids): for dependency and subtask titles.
    public var knownTasks: [String: WrikeTask] = [:]
    public var dependencies: [String: Dependency] = [:]
    /// Dependency ids already requested (not requested again).
    public var requestedDependencies: Set<String> = []
    public var requestedTasks: Set<String> = []
    public var status = StatusState()
    public var help: HelpState?
    public var keymap: Keymap
    /// Acting on tasks: overlays, the inline comment editor, marks, pending writes.
    public var actions = ActionState()
    /// Creating and editing tasks: the one-line input, what undo can revert (Features/TaskEdit).
    public var taskEdit = TaskEditState()
    /// A retry of failed first loads (account, folders, the list), scheduled by itself (Update/AutoRetry.swift).
    public var autoRetry: AutoRetry?
    /// Wrike refused to refresh the sign-in: nothing more is read or sent (Update/SignedOut.swift).
    public var signedOut = false
    /// The periodic quiet re-read of what is on screen (config `refresh-interval`; Update/Revalidate.swift).
    public var revalidation = Revalidation()
    /// The task list's columns, in order (config `columns`).
    public var listColumns: [ListColumn] = ListColumn.defaults
    /// The screen's symbols, for the text laid out here (the detail's lines, names still loading).
    public private(set) var glyphs: Glyphs = .unicode

    public init(now: Date, environment: CoreEnvironment, keymap: Keymap = .defaults) {
        self.now = now
        self.environment = environment
        self.keymap = keymap
        status.clock = now
    }

    /// A state in `timeZone`'s Gregorian calendar with a fixed id prefix (tests and tools).
    public init(now: Date, timeZone: TimeZone, keymap: Keymap = .defaults) {
        self.init(now: now, environment: CoreEnvironment(timeZone: timeZone), keymap: keymap)
    }

    /// Today as `yyyy-MM-dd` in the user's time zone (for overdue checks).
    public var today: String { WrikeDate.formatDate(now, timeZone: timeZone) }

    /// Uses the screen's symbols (`--ascii`, a non-UTF-8 locale, the Linux console) for what is laid out
    /// here; the list's names and the detail are derived again.
    public mutating func setGlyphs(_ g: Glyphs) {
        guard g != glyphs else { return }
        glyphs = g
        directory.pendingText = g.prose(Directory.pendingName)
        list.setDirectory(directory)
        rebuildDetail()
    }
}

/// The `?` overlay.
public struct HelpState: Sendable, Hashable {
    public var scroll = 0
    public init() {}
}

// MARK: - Tree

public struct TreeRow: Sendable, Hashable {
    /// `view`: a list that is not a folder (My Work), above the spaces.
    public enum Kind: Sendable, Hashable { case space, folder, project, placeholder, view }
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
        case .placeholder: nil
        }
    }
}

public struct TreeState: Sendable {
    /// The rows of the lists that are not folders (`ListSource.views`: My Work), drawn above the spaces.
    public var views: [TreeRow] = ListSource.views.compactMap(\.treeRow)
    public var spaces: [Space] = []
    public var entries: [String: FolderTreeEntry] = [:]
    public var spaceLoad: [String: LoadStatus] = [:]
    public var expanded: Set<String> = []
    public private(set) var rows: [TreeRow] = []
    public var cursor = 0
    public var scroll = 0
    /// The path of the node whose tasks are listed.
    public var openedPath: String?

    public init() { rebuild() }

    public var selected: TreeRow? { rows.indices.contains(cursor) ? rows[cursor] : nil }

    /// Rebuilds `rows` from views, spaces, entries and expansion (keeps the cursor on the same path; when
    /// the spaces first arrive, the cursor goes to the first of them).
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
        if !hadSpaces, let first = rows.firstIndex(where: { $0.kind == .space }) {
            cursor = first
        } else if let keep, let i = rows.firstIndex(where: { $0.path == keep }) {
            cursor = i
        }
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

// MARK: - Detail

public enum DetailSection: String, Sendable, Hashable, CaseIterable {
    case overview = "Overview"
    case description = "Description"
    case customFields = "Custom fields"
    case subtasks = "Subtasks"
    case dependencies = "Dependencies"
    case approvals = "Approvals"
    case comments = "Comments"
    case attachments = "Attachments"
    case timelogs = "Time"
}

/// Meaning of a piece of text in the detail pane; the renderer maps it to a theme role.
public enum TextKind: Sendable, Hashable {
    case normal, dim, label, header, section, link, mention, overdue, attention, success, error, marker
    case importanceHigh, importanceLow
    case status(StatusColor?)
}

public struct Span: Sendable, Hashable {
    public var text: String
    public var kind: TextKind
    public init(_ text: String, _ kind: TextKind = .normal) {
        self.text = text
        self.kind = kind
    }
}

/// One screen line of the detail pane (already wrapped to the pane width).
public struct DetailLine: Sendable, Hashable {
    public var spans: [Span]
    public init(_ spans: [Span]) { self.spans = spans }
    public var text: String { spans.map(\.text).joined() }
}

public struct DetailState: Sendable {
    public var taskId: String?
    public var task: WrikeTask?
    public var taskStatus: LoadStatus = .notLoaded
    public var comments: [Comment] = []
    public var commentsStatus: LoadStatus = .notLoaded
    public var approvals: [Approval] = []
    public var approvalsStatus: LoadStatus = .notLoaded
    public var dependencyIds: [String] = []
    public var dependenciesStatus: LoadStatus = .notLoaded
    public var attachments: [Attachment] = []
    public var attachmentsStatus: LoadStatus = .notLoaded
    public var timelogs: [Timelog] = []
    public var timelogsStatus: LoadStatus = .notLoaded
    /// Changes Wrike confirmed while the task's own read was on its way (kept over that read).
    public var editsWhileLoading: [(before: WrikeTask, after: WrikeTask)] = []
    /// Wrapped lines for `width` (rebuilt when inputs or width change).
    public internal(set) var lines: [DetailLine] = []
    public internal(set) var sections: [(section: DetailSection, line: Int)] = []
    public internal(set) var width = 0
    public var scroll = 0

    public init() {}

    public var isLoading: Bool {
        [taskStatus, commentsStatus, approvalsStatus, dependenciesStatus, attachmentsStatus, timelogsStatus]
            .contains(.loading)
    }
}
