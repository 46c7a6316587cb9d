// What the app knows of the account, shared by the features: names for ids, every task seen, dependencies,
// what was already asked for, work schedules. Features read it; the events that bring data fill it.
import Foundation
import TermText
import WrikeAPI

/// Known data, kept across views.
public struct Catalog: Sendable {
    public var directory = Directory() { didSet { revision &+= 1 } }
    /// Tasks seen anywhere (list pages, detail, resolved ids): for dependency and subtask titles.
    public var knownTasks = KnownTasks() { didSet { revision &+= 1 } }
    public var dependencies = DependencyTable() { didSet { revision &+= 1 } }
    /// Moves on every change of the three above (the detail and the blocked markers are made from them).
    public private(set) var revision = 0
    /// Dependency ids already requested (not requested again).
    public var requestedDependencies: Set<String> = []
    /// Requested dependency ids waiting for the read in flight (`AppState.sendDependencyLoad`): one read at a
    /// time, so a big folder's pages do not pile up a read per page behind the rate limiter.
    public var dependencyQueue: [String] = []
    /// `.loadDependencies` effects whose answer has not arrived.
    public var dependencyLoadsInFlight = 0
    public var requestedTasks: Set<String> = []
    public var workSchedules = WorkScheduleState()
    public init() {}
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
