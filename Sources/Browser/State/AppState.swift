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
    /// The week's timesheet when it is open (Features/Timesheet).
    public var timesheet: TimesheetState?
    public var workSchedules = WorkScheduleState()
    public var viewport = Viewport()
    public var directory = Directory()
    public var bootstrap: LoadStatus = .notLoaded
    /// Account, contacts and custom fields, read once the first frame is complete.
    public var directoryStatus: LoadStatus = .notLoaded
    /// Where the first frame's workflows and spaces stand after a warm start (read from disk).
    public var warmStart: WarmStartStatus = .notWarm
    /// The last screen, kept on disk, drawn at start before any request (Features/Snapshot).
    public var fromDisk = FromDisk()
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
    /// The timer kept on disk (Features/Timer).
    public var timer = TimerState()
    /// Links and files (Features/Links).
    public var links = LinksState()
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
