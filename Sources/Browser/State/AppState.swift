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
    /// The whole terminal (the forms over the panes are laid out in it).
    public var screenWidth: Int
    public var screenHeight: Int
    public init(treeRows: Int = 20, listRows: Int = 20, detailRows: Int = 20, detailWidth: Int = 60, screenWidth: Int = 80,
                screenHeight: Int = 24) {
        self.treeRows = treeRows
        self.listRows = listRows
        self.detailRows = detailRows
        self.detailWidth = detailWidth
        self.screenWidth = screenWidth
        self.screenHeight = screenHeight
    }
}

/// Everything on screen.
public struct AppState: Sendable {
    /// The app's clock, advanced by `.tick`; new status-line messages are recorded with it.
    public var now: Date { didSet { status.clock = now } }
    /// The calendar, time zone and id prefix the runtime passes in (CoreEnvironment.swift).
    public var environment: CoreEnvironment { didSet { detailInputsChanged() } }
    public var timeZone: TimeZone {
        get { environment.timeZone }
        set { environment.timeZone = newValue }
    }
    public var viewport = Viewport()
    public var focus: Pane = .tree
    public var status = StatusState()
    public var keymap: Keymap
    /// The modal on top of the panes (help, a picker, a form, a question): one at a time (Features/Modal).
    public var modal: Overlay?
    /// Starting, signing in and staying current: first load, warm start, auto retry, revalidation (Features/Session).
    public var session = SessionState()
    /// What is known of the account: names, tasks seen anywhere, dependencies, work schedules (State/Catalog.swift).
    public var catalog = Catalog()
    public var tree = TreeState()
    public var list = TaskListState()
    public var detail = DetailState()
    /// Acting on tasks: the inline comment editor, marks, pending writes, drafts (Update/Actions.swift).
    public var actions = ActionState()
    /// The timer, the timesheet, creating and editing tasks (Features/Timer, Timesheet, TaskEdit).
    public var features = FeatureStates()
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
        catalog.directory.pendingText = g.prose(Directory.pendingName)
        list.setDirectory(catalog.directory)
        detailInputsChanged()
        deriveStale()
    }
}

/// The features beside the panes, each with its own state.
public struct FeatureStates: Sendable {
    /// The timer kept on disk (Features/Timer).
    public var timer = TimerState()
    /// The week's timesheet when it is open (Features/Timesheet).
    public var timesheet: TimesheetState?
    /// Creating and editing tasks: the one-line input, what undo can revert (Features/TaskEdit).
    public var taskEdit = TaskEditState()
    /// The inbox: items, unread marks, polls, its view (Features/Inbox).
    public var inbox = InboxState()
    /// The detail following the list's cursor (config `follow-cursor`; Features/FollowCursor).
    public var followCursor = FollowCursorState()
    /// Links and files: the selected attachment, the download under way (Features/Links).
    public var links = LinksState()
    /// Saved views (`[[views]]`), the first screen, the remembered screen (Features/Views).
    public var views = ViewsState()
    public init() {}
}
