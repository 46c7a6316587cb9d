import Foundation
import WrikeAPI

protocol Identified { var id: String { get } }
extension Contact: Identified {}
extension Space: Identified {}
extension Folder: Identified {}
extension WrikeTask: Identified {}
extension Comment: Identified {}
extension Timelog: Identified {}
extension Dependency: Identified {}
extension Approval: Identified {}
extension Attachment: Identified {}
extension WorkSchedule: Identified {}
extension CustomField: Identified {}
extension Workflow: Identified {}
extension TimelogCategory: Identified {}

/// Entities in dataset order with an id index.
struct Table<T: Identified> {
    private(set) var items: [T]
    private(set) var index: [String: Int]

    init(_ items: [T]) {
        self.items = items
        var index = [String: Int](minimumCapacity: items.count)
        for (i, item) in items.enumerated() { index[item.id] = i }
        self.index = index
    }

    var count: Int { items.count }
    subscript(id: String) -> T? { index[id].map { items[$0] } }
    func contains(_ id: String) -> Bool { index[id] != nil }

    mutating func append(_ item: T) {
        index[item.id] = items.count
        items.append(item)
    }

    mutating func update(_ id: String, _ body: (inout T) throws -> Void) rethrows {
        guard let i = index[id] else { return }
        try body(&items[i])
    }

    mutating func replace(_ item: T) {
        if let i = index[item.id] { items[i] = item } else { append(item) }
    }

    mutating func remove(_ id: String) {
        guard let i = index.removeValue(forKey: id) else { return }
        items.remove(at: i)
        for j in i..<items.count { index[items[j].id] = j }
    }
}

/// The sandbox's mutable world, guarded by the `Sandbox` mutex.
struct State {
    var account: Account
    var meId: String
    var contacts: Table<Contact>
    var workflows: Table<Workflow>
    /// customStatusId → (workflow id, status)
    var statuses: [String: (workflowId: String, status: CustomStatus)] = [:]
    var spaces: Table<Space>
    var folders: Table<Folder>
    var tasks: Table<WrikeTask>
    var comments: Table<Comment>
    var timelogs: Table<Timelog>
    var categories: Table<TimelogCategory>
    var dependencies: Table<Dependency>
    var approvals: Table<Approval>
    var attachments: Table<Attachment>
    var customFields: Table<CustomField>
    var workSchedules: Table<WorkSchedule>
    /// Time entries tracked on or before this day are locked (`Dataset.timelogsLockedThrough`).
    var timelogsLockedThrough: String?

    /// container id (root, space or folder) → child folder ids, from the folders' `parentIds`.
    var childFolders: [String: [String]] = [:]
    /// Bumped on every write; keys the list cache.
    var version = 0
    var listCache: [String: [Int]] = [:]
    var listCacheVersion = -1
    var idCounter = 0
    /// Where deleted folders were, for `restore`.
    var deletedFolderParents: [String: [String]] = [:]

    // Faults, limits, log.
    var rng: SplitMix64
    var faults: [Fault] = []
    var window: [Date] = []
    var log: [LoggedRequest] = []

    init(dataset: Dataset, seed: UInt64) {
        let account = dataset.account ?? Account(
            id: "IEAAAAAA", name: "Sandbox", dateFormat: "MM/dd/yyyy", firstDayOfWeek: "Mon",
            workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], rootFolderId: "IEAAAAAAI7777777",
            recycleBinId: "IEAAAAAAI7777776", createdDate: "2024-01-01T00:00:00Z")
        self.account = account
        self.meId = dataset.me
            ?? dataset.contacts.first(where: { $0.me == true })?.id
            ?? dataset.contacts.first(where: { $0.type == .person })?.id
            ?? dataset.contacts.first?.id
            ?? "KUAAAAAA"
        contacts = Table(dataset.contacts)
        workflows = Table(dataset.workflows)
        spaces = Table(dataset.spaces)
        folders = Table(dataset.folders)
        tasks = Table(dataset.tasks)
        comments = Table(dataset.comments)
        timelogs = Table(dataset.timelogs)
        categories = Table(dataset.timelogCategories)
        dependencies = Table(dataset.dependencies)
        approvals = Table(dataset.approvals)
        attachments = Table(dataset.attachments)
        customFields = Table(dataset.customFields)
        workSchedules = Table(dataset.workSchedules)
        timelogsLockedThrough = dataset.timelogsLockedThrough
        rng = SplitMix64(seed: seed)
        rebuildStatuses()
        rebuildFolderChildren()
    }

    var rootId: String { account.rootFolderId ?? "\(account.id)I7777777" }
    var recycleBinId: String { account.recycleBinId ?? "\(account.id)I7777776" }

    mutating func rebuildStatuses() {
        statuses = [:]
        for wf in workflows.items {
            for st in wf.customStatuses ?? [] { statuses[st.id] = (wf.id, st) }
        }
    }

    /// childIds of folders and spaces are derived from the folders' `parentIds`.
    mutating func rebuildFolderChildren() {
        var children: [String: [String]] = [:]
        for f in folders.items {
            for p in f.parentIds ?? [] { children[p, default: []].append(f.id) }
        }
        childFolders = children
        var items = folders.items
        for i in items.indices { items[i].childIds = children[items[i].id] ?? [] }
        folders = Table(items)
    }

    func snapshot() -> Dataset {
        Dataset(account: account, me: meId, contacts: contacts.items, workflows: workflows.items, spaces: spaces.items,
                folders: folders.items, tasks: tasks.items, comments: comments.items, timelogs: timelogs.items,
                timelogCategories: categories.items, dependencies: dependencies.items, approvals: approvals.items,
                attachments: attachments.items, customFields: customFields.items, workSchedules: workSchedules.items,
                timelogsLockedThrough: timelogsLockedThrough)
    }

    /// A new id in Wrike's style (account id + kind letters + base32 counter), unused so far.
    mutating func newId(_ kind: String) -> String {
        let alphabet = Array("ABCDEFGHIJKLMNOPQRSTUVWXYZ234567")
        while true {
            idCounter += 1
            var n = idCounter + 0x40000
            var tail = ""
            while n > 0 { tail = String(alphabet[n % 32]) + tail; n /= 32 }
            let id = account.id + kind + tail
            if !(tasks.contains(id) || comments.contains(id) || timelogs.contains(id) || dependencies.contains(id)
                 || approvals.contains(id) || folders.contains(id) || attachments.contains(id)) { return id }
        }
    }

    mutating func touch() { version &+= 1 }

    // MARK: - Folder helpers

    func isContainer(_ id: String) -> Bool { spaces.contains(id) || folders.contains(id) }

    /// The container itself plus every folder below it (a DAG: each visited once).
    func subtree(of id: String, descendants: Bool = true) -> [String] {
        var out = [id]
        var seen: Set<String> = [id]
        var queue = [id]
        var head = 0
        while head < queue.count {
            let current = queue[head]
            head += 1
            for child in childFolders[current] ?? [] where seen.insert(child).inserted {
                out.append(child)
                if descendants { queue.append(child) }
            }
        }
        return out
    }

    /// The workflow a task's status belongs to (else the standard one, else the first).
    func workflow(forStatus statusId: String?) -> Workflow? {
        if let statusId, let entry = statuses[statusId] { return workflows[entry.workflowId] }
        return workflows.items.first(where: { $0.standard == true }) ?? workflows.items.first
    }

    /// The default custom status of a group in a workflow.
    func defaultStatus(group: TaskStatus, in workflow: Workflow?) -> CustomStatus? {
        let list = workflow?.customStatuses ?? []
        return list.first(where: { $0.group == group && $0.standard == true })
            ?? list.first(where: { $0.group == group && $0.hidden != true })
            ?? list.first(where: { $0.group == group })
    }
}

// MARK: - Responses

/// Answers in Wrike's shape: the envelope `{"kind", "nextPageToken", "responseSize", "data"}` and
/// errors `{"errorDescription", "error"}`, every member in Wrike's order (`WrikeKeyOrder`), stable
/// from run to run.
enum Reply {
    /// The request's `state` parameter, echoed in the envelope (developers.wrike.com, API overview).
    @TaskLocal static var state: String?

    static func json<T: Codable & Sendable>(_ kind: String, _ data: [T], nextPageToken: String? = nil, responseSize: Int? = nil) -> HTTPResponse {
        do {
            let order = WrikeKeyOrder.entityRanks[kind]
            var w = JSONWriter(capacity: 256 + data.count * 512)
            w.raw(#"{"kind":"#)
            w.string(kind)
            if let nextPageToken {
                w.raw(#","nextPageToken":"#)
                w.string(nextPageToken)
            }
            if let responseSize {
                w.raw(#","responseSize":"#)
                w.int(Int64(responseSize))
            }
            if let state {
                w.raw(#","state":"#)
                w.string(state)
            }
            w.raw(#","data":["#)
            for (i, item) in data.enumerated() {
                if i > 0 { w.raw(",") }
                try w.encode(item, order: order)
            }
            w.raw("]}")
            return HTTPResponse(status: 200, headers: ["Content-Type": "application/json; charset=utf-8"], body: w.data)
        } catch {
            return self.error(APIError(status: 500, code: "server_error", message: "Internal error"))
        }
    }

    static func error(_ error: APIError, extraHeaders: [String: String] = [:]) -> HTTPResponse {
        var w = JSONWriter(capacity: 128)
        w.raw(#"{"errorDescription":"#)
        w.string(error.message)
        w.raw(#","error":"#)
        w.string(error.code)
        w.raw("}")
        var headers = ["Content-Type": "application/json; charset=utf-8"]
        for (k, v) in extraHeaders { headers[k] = v }
        return HTTPResponse(status: error.status, headers: headers, body: w.data)
    }
}
