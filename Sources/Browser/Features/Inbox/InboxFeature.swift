// The inbox (action `inbox`, and its row at the top of the tree): what is new for me, assembled by
// polling Wrike (InboxPoll.swift, InboxAssembly.swift), with unread marks kept on disk (the runtime's
// `InboxStore`, through `InboxEffect.load` / `.save`). Polls come from ticks: every `interval`
// (config `inbox-interval`), one at a time, not while signed out or before "me" is known; a failure
// is said on the status line. The view is drawn in place of the panes (TerminalUI InboxRender.swift);
// Enter opens the task in the detail pane. See docs/inbox.md.
import Foundation
import WrikeAPI

/// What the user asks of the inbox.
public enum InboxIntent: Sendable, Equatable {
    case open, close, refresh
    case move(Int)
    case top, bottom
    /// Open the selected item's task (and mark the item read).
    case openTask
    /// Mark the selected item read (unread again when it is read).
    case toggleRead
    case markAllRead
}

/// The inbox's work outside the core.
public enum InboxEffect: Sendable, Equatable {
    /// Read the inbox file.
    case load
    /// Write the inbox file (one write at a time, in order).
    case save(InboxRecord)
    /// Read what changed in Wrike.
    case poll(InboxPoll)
}

/// Their results.
public enum InboxEvent: Sendable {
    /// The file (nil: none yet), or why it could not be used.
    case loaded(Result<InboxRecord?, InboxFileProblem>)
    /// A save finished (nil: written).
    case saved(InboxFileProblem?)
    case polled(InboxPoll, Result<InboxAnswer, ServiceFailure>)
}

/// The inbox: its record, its polls and its view.
public struct InboxState: Sendable {
    /// Seconds between polls (config `inbox-interval`); 0: no polls by themselves (opening and `r` still poll).
    public var interval: TimeInterval = 120
    /// The first poll goes out this long after the first tick (the first frame's reads go first).
    public static let firstDelay: TimeInterval = 10
    /// Opening the inbox polls when the last poll is older than this.
    public static let staleOnOpen: TimeInterval = 30
    public var record: InboxRecord?
    /// The file: `.loading` until its answer; polls wait for it.
    public var file: LoadStatus = .notLoaded
    public var inFlight = false
    /// When the last poll went out, and when the last one answered.
    public var lastAttempt: Date?
    public var lastPolled: Date?
    public var lastError: String?
    public internal(set) var generation = 0
    /// Polls answered, and the requests the last one made.
    public var polls = 0
    public var lastRequests = 0
    /// The view: shown or not, and the selected item.
    public var isOpen = false
    public var cursor = 0
    public var items: [InboxItem] { record?.items ?? [] }
    public var unread: Int { record?.unread ?? 0 }
    public var selected: InboxItem? { items.indices.contains(cursor) ? items[cursor] : nil }

    public init() {}

    /// The tree's row (beside My Work).
    public static let treeRow = TreeRow(id: "inbox", path: "inbox", depth: 0, kind: .inbox, title: "Inbox",
                                        hasChildren: false, expanded: false)
}

extension AppState {
    mutating func inboxIntent(_ intent: InboxIntent) -> [Effect] {
        let count = features.inbox.items.count
        switch intent {
        case .open:
            features.inbox.isOpen = true
            features.inbox.cursor = min(features.inbox.cursor, max(0, count - 1))
            let stale = features.inbox.lastAttempt.map { now.timeIntervalSince($0) >= InboxState.staleOnOpen } ?? true
            return stale ? startInboxPoll() : []
        case .close: features.inbox.isOpen = false
        case .refresh: return startInboxPoll(said: true)
        case .move(let d): features.inbox.cursor = max(0, min(count - 1, features.inbox.cursor + d))
        case .top: features.inbox.cursor = 0
        case .bottom: features.inbox.cursor = max(0, count - 1)
        case .openTask:
            guard let item = features.inbox.selected else { return [] }
            features.inbox.isOpen = false
            focus = .detail
            return markRead([item.id], read: true) + openDetail(item.taskId)
        case .toggleRead:
            guard let item = features.inbox.selected else { return [] }
            return markRead([item.id], read: !item.read)
        case .markAllRead:
            return markRead(features.inbox.items.filter { !$0.read }.map(\.id), read: true)
        }
        return []
    }

    /// Marks items read (or unread) and saves the record.
    mutating func markRead(_ ids: [String], read: Bool) -> [Effect] {
        guard var r = features.inbox.record, !ids.isEmpty else { return [] }
        let set = Set(ids)
        for i in r.items.indices where set.contains(r.items[i].id) { r.items[i].read = read }
        features.inbox.record = r
        inboxCountChanged()
        return [.inbox(.save(r))]
    }

    /// A poll, when one can go out now (`said`: the user asked; say why not).
    mutating func startInboxPoll(said: Bool = false) -> [Effect] {
        guard features.inbox.file != .loading, features.inbox.file != .notLoaded else { return [] }
        guard !session.signedOut else {
            if said { status.lastError = "The inbox is not checked while signed out." }
            return []
        }
        guard let me = catalog.directory.meId else {
            if said { status.message = "The inbox is checked once Wrike has said who you are." }
            return []
        }
        guard !features.inbox.inFlight else { return [] }
        features.inbox.generation += 1
        features.inbox.inFlight = true
        features.inbox.lastAttempt = now
        return [.inbox(.poll(InboxPoll.next(me: me, record: features.inbox.record, now: now,
                                            generation: features.inbox.generation)))]
    }

    /// At start: the inbox file is read (polls wait for it).
    mutating func loadInboxFile() -> [Effect] {
        guard features.inbox.file == .notLoaded else { return [] }
        features.inbox.file = .loading
        return [.inbox(.load)]
    }

    /// On every tick: a poll when the interval has passed.
    mutating func inboxTick() -> [Effect] {
        guard features.inbox.interval > 0, !session.signedOut else { return [] }
        guard let last = features.inbox.lastAttempt else {
            // The first poll: `firstDelay` after the first tick.
            features.inbox.lastAttempt = now.addingTimeInterval(-max(0, features.inbox.interval - InboxState.firstDelay))
            return []
        }
        guard now.timeIntervalSince(last) >= features.inbox.interval, !status.clientUnderPressure else { return [] }
        return startInboxPoll()
    }

    mutating func inboxEvent(_ event: InboxEvent) -> [Effect] {
        switch event {
        case .loaded(let result):
            features.inbox.file = .loaded
            switch result {
            case .success(let r): features.inbox.record = r
            case .failure(let p): status.lastError = p.message
            }
            inboxCountChanged()
        case .saved(let problem):
            if let problem { status.lastError = problem.message }
        case .polled(let poll, let result):
            return inboxPolled(poll, result)
        }
        return []
    }

    mutating func inboxPolled(_ poll: InboxPoll, _ result: Result<InboxAnswer, ServiceFailure>) -> [Effect] {
        guard poll.generation == features.inbox.generation else { return [] }
        features.inbox.inFlight = false
        switch result {
        case .failure(let f):
            features.inbox.lastError = "Could not check the inbox: \(f.message)"
            status.lastError = features.inbox.lastError
            return []
        case .success(let answer):
            let keep = features.inbox.selected?.id
            let (record, added) = InboxAssembly.apply(answer, poll: poll, to: features.inbox.record)
            features.inbox.record = record
            features.inbox.lastPolled = now
            features.inbox.lastError = answer.commentsUnavailable.map { "Mentions are not checked: \($0)" }
            features.inbox.polls += 1
            features.inbox.lastRequests = answer.requests
            if let keep, let i = record.items.firstIndex(where: { $0.id == keep }) { features.inbox.cursor = i }
            inboxCountChanged()
            if !added.isEmpty {
                status.message = added.count == 1 ? "Inbox: 1 new item." : "Inbox: \(added.count) new items."
            }
            return [.inbox(.save(record))]
        }
    }

    /// The tree's Inbox row says how many are unread.
    mutating func inboxCountChanged() {
        let n = features.inbox.unread
        let title = n > 0 ? "Inbox (\(n))" : "Inbox"
        guard let i = tree.views.firstIndex(where: { $0.kind == .inbox }), tree.views[i].title != title else { return }
        tree.views[i].title = title
    }
}
