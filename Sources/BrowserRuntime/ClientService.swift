// The browser's service on top of the shared `WrikeClient`: reads and writes share one rate limiter,
// retry budget and cache (issue 3: one client per account).
import Browser
import Foundation
import WrikeAPI

extension WriteFailure {
    /// Classifies any error a write throws.
    public static func from(_ error: any Error) -> WriteFailure {
        if let w = error as? WriteFailure { return w }
        if let a = error as? APIError {
            switch a.kind {
            case .outcomeUnknown: return WriteFailure(a.plainMessage, outcome: .unknown, status: a.status, code: a.code)
            case .serverError:
                let s = a.status ?? 500
                return WriteFailure(a.plainMessage, outcome: s == 503 ? .notApplied : .unknown, status: s, code: a.code)
            case .malformedResponse:
                return WriteFailure(a.plainMessage, outcome: .unknown, status: a.status, code: a.code)
            default: return WriteFailure(a.plainMessage, outcome: .notApplied, status: a.status, code: a.code)
            }
        }
        if let t = error as? TransportError {
            switch t {
            case .notSent(let m), .refused(let m):
                return WriteFailure("Cannot reach Wrike" + (TransportError.proxyProblem(m).map { " (\($0))" } ?? "") + "; nothing was sent.")
            case .outcomeUnknown: return WriteFailure("No answer from Wrike: the change may or may not be saved.", outcome: .unknown)
            case .cancelled: return WriteFailure("Cancelled.")
            }
        }
        return WriteFailure(ServiceFailure.from(error).message)
    }
}

/// Writes and the extra reads the actions need. Default implementations refuse (test fakes that only
/// read keep compiling).
public protocol WrikeWriter: Sendable {
    func updateTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask
    func updateTasks(ids: [String], _ update: BulkTaskUpdate) async throws -> [WrikeTask]
    func addComment(taskId: String, text: String) async throws -> Comment
    func logTime(taskId: String, _ params: TimelogCreate) async throws -> Timelog
    func addDependency(taskId: String, _ params: DependencyCreate) async throws -> Dependency
    func updateDependency(_ id: String, _ params: DependencyUpdate) async throws -> Dependency
    func deleteDependency(_ id: String) async throws
    func createApproval(taskId: String, _ params: ApprovalCreate) async throws -> Approval
    func cancelApproval(_ id: String) async throws -> Approval
    func timelogCategories() async throws -> [TimelogCategory]
    func searchTasks(title: String) async throws -> [WrikeTask]
    /// The API id of the task whose permalink number (`open.htm?id=N`) is `n`; nil: no such task.
    func taskId(permalinkNumber n: String) async throws -> String?
    func myPendingApprovals(meId: String) async throws -> [Approval]
    func myTimelogs(meId: String, date: String) async throws -> [Timelog]
    /// The timesheet: my entries of a week (one request), the work schedules, an entry changed or deleted.
    func myTimelogs(from first: String, through last: String) async throws -> [Timelog]
    func workSchedules() async throws -> [WorkSchedule]
    func updateTimelog(_ id: String, _ update: TimelogUpdate) async throws -> Timelog
    func deleteTimelog(_ id: String) async throws
    /// Fresh comments / time logs (bypassing the cache) for resolving an unknown outcome.
    func freshComments(taskId: String) async throws -> [Comment]
    func freshTimelogs(taskId: String) async throws -> [Timelog]
    /// Own comments, within Wrike's 5-minute window.
    func updateComment(_ id: String, text: String) async throws -> Comment
    func deleteComment(_ id: String) async throws
    /// A new task in a folder (`POST /folders/{id}/tasks`), never retried once it may have arrived.
    func createTask(folderId: String, _ params: TaskCreate) async throws -> WrikeTask
    /// Tasks created in a folder since `since` with `title` in theirs, fresh: resolving a lost create.
    func createdTasks(folderId: String, title: String, since: Date) async throws -> [WrikeTask]
    /// To the Recycle Bin.
    func deleteTask(_ id: String) async throws -> WrikeTask
    /// `PUT /tasks/{id}` of a draft (a new title, a field value): never repeated once it may have
    /// arrived (a lost answer is resolved by reading the task back).
    func changeTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask
    /// A task and a task's approvals read fresh: resolving a lost new title, field value or approval request.
    func freshTask(_ id: String) async throws -> WrikeTask?
    func freshApprovals(taskId: String) async throws -> [Approval]
}

extension WrikeWriter {
    public func myTimelogs(from first: String, through last: String) async throws -> [Timelog] {
        throw WriteFailure("The timesheet is not available on this connection.")
    }
    public func workSchedules() async throws -> [WorkSchedule] { [] }
    public func updateTimelog(_ id: String, _ update: TimelogUpdate) async throws -> Timelog {
        throw WriteFailure("Editing time entries is not available on this connection.")
    }
    public func deleteTimelog(_ id: String) async throws {
        throw WriteFailure("Deleting time entries is not available on this connection.")
    }
    public func updateComment(_ id: String, text: String) async throws -> Comment {
        throw WriteFailure("Editing comments is not available on this connection.")
    }
    public func deleteComment(_ id: String) async throws {
        throw WriteFailure("Deleting comments is not available on this connection.")
    }
    public func createTask(folderId: String, _ params: TaskCreate) async throws -> WrikeTask {
        throw WriteFailure("Creating tasks is not available on this connection.")
    }
    public func createdTasks(folderId: String, title: String, since: Date) async throws -> [WrikeTask] {
        throw WriteFailure("Reading new tasks is not available on this connection.")
    }
    public func deleteTask(_ id: String) async throws -> WrikeTask {
        throw WriteFailure("Deleting tasks is not available on this connection.")
    }
    public func changeTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask { try await updateTask(id, update) }
    public func freshTask(_ id: String) async throws -> WrikeTask? {
        throw WriteFailure("Reading a task again is not available on this connection.")
    }
    public func freshApprovals(taskId: String) async throws -> [Approval] {
        throw WriteFailure("Reading approvals again is not available on this connection.")
    }
    public func taskId(permalinkNumber n: String) async throws -> String? {
        throw WriteFailure("Looking up permalinks is not available on this connection.")
    }
}

public struct ClientService: WrikeService, WrikeWriter {
    public let client: WrikeClient
    /// The query of list reads: subtasks, the list fields, plus `authorIds` when the `author` column is shown.
    let listQuery: TaskQuery
    /// Workflows and spaces kept on disk between runs (nil: always read them from Wrike, as `--demo` and tests do).
    public let warmStart: WarmStartCache?

    public init(client: WrikeClient, extraListFields: [String] = [], warmStart: WarmStartCache? = nil) {
        self.client = client
        self.warmStart = warmStart
        listQuery = TaskQuery.list(extraFields: extraListFields)
    }

    public func bootstrap() async throws -> Bootstrap {
        async let account = client.account()
        async let contacts = client.contacts()
        async let workflows = client.workflows()
        async let spaces = client.spaces()
        async let fields = client.customFields()
        let c = try await contacts
        return Bootstrap(account: try await account, me: c.first { $0.me == true }, contacts: c,
                         workflows: try await workflows,
                         spaces: try await spaces.filter { $0.archived != true },
                         customFields: (try? await fields) ?? [])
    }

    /// The first frame needs only workflows (status names) and spaces (the tree): two requests, or none
    /// when the warm-start file has them (then `revalidatedStartup()` follows the first frame).
    public func startup() async throws -> Bootstrap {
        if let warmStart, let cached = warmStart.load() { return cached }
        async let workflows = client.workflows(priority: .interactive)
        async let spaces = client.spaces(priority: .interactive)
        let b = Bootstrap(workflows: try await workflows, spaces: try await spaces.filter { $0.archived != true },
                          hasDirectory: false)
        warmStart?.save(b)
        return b
    }

    /// Workflows and spaces from Wrike (bypassing the response cache), at background priority; the
    /// warm-start file is rewritten with them.
    public func revalidatedStartup() async throws -> Bootstrap {
        async let workflows = client.workflows(use: .refresh, priority: .background)
        async let spaces = client.spaces(use: .refresh, priority: .background)
        let b = Bootstrap(workflows: try await workflows, spaces: try await spaces.filter { $0.archived != true },
                          hasDirectory: false)
        warmStart?.save(b)
        return b
    }

    /// Account, contacts (and me), custom fields: read after the first frame. Only contacts are
    /// required (without the account the status line shows no account name).
    public func directory() async throws -> Bootstrap {
        async let account = client.account()
        async let contacts = client.contacts()
        async let fields = client.customFields()
        let c = try await contacts
        let b = Bootstrap(account: try? await account, me: c.first { $0.me == true }, contacts: c,
                          customFields: (try? await fields) ?? [])
        warmStart?.saveDirectory(b)
        return b
    }

    /// The task from the cache when it is there; otherwise it and the uncached tasks of
    /// `context.prefetch` in one `GET /tasks/{ids}` (so the next tasks opened cost nothing). If that
    /// batch fails (a neighbour deleted meanwhile), the task alone.
    public func detailTask(_ id: String, context: DetailContext) async throws -> WrikeTask? {
        if let t = await client.cachedTask(id) { return t }
        let others = context.prefetch.filter { $0 != id }.prefix(client.configuration.batchSize - 1)
        if !others.isEmpty, let all = try? await client.tasks(ids: [id] + others, priority: .interactive),
           let t = all.first(where: { $0.id == id }) {
            return t
        }
        return try await client.tasks(ids: [id], priority: .interactive).first
    }

    /// Resolves the task's `dependencyIds` (`GET /dependencies/{ids}`, cached per dependency; the list
    /// already read those of its first page).
    public func dependencies(of task: WrikeTask) async throws -> [Dependency] {
        guard let ids = task.dependencyIds else { return try await dependencies(taskId: task.id) }
        if ids.isEmpty { return [] }
        return try await client.dependencies(ids: ids)
    }

    /// The task's own time logs out of its folder's listing (read once per folder, cached); per task
    /// when it is not in a listed folder.
    public func timelogs(taskId: String, folderId: String?) async throws -> [Timelog] {
        guard let folderId else { return try await timelogs(taskId: taskId) }
        return try await client.timelogs(folder: folderId).filter { $0.taskId == taskId }
    }

    public func folderTree(spaceId: String) async throws -> [FolderTreeEntry] {
        try await client.folderTree(space: spaceId)
    }

    public func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage {
        let p = try await client.taskPage(in: .folder(folderId), query: listQuery, size: pageSize, token: pageToken,
                                          priority: .interactive)
        return TaskPage(tasks: p.items, nextPageToken: p.nextPageToken, total: p.responseSize)
    }

    public func tasks(matching query: TaskQuery, pageSize: Int, pageToken: String?, priority: RequestPriority) async throws -> TaskPage {
        let p = try await client.taskPage(in: .account, query: query.listing(listQuery), size: pageSize, token: pageToken,
                                          priority: priority)
        return TaskPage(tasks: p.items, nextPageToken: p.nextPageToken, total: p.responseSize)
    }

    public func tasks(inFolder folderId: String, matching query: TaskQuery, pageSize: Int, pageToken: String?,
                      priority: RequestPriority) async throws -> TaskPage {
        let p = try await client.taskPage(in: .folder(folderId), query: query.listing(listQuery), size: pageSize,
                                          token: pageToken, priority: priority)
        return TaskPage(tasks: p.items, nextPageToken: p.nextPageToken, total: p.responseSize)
    }

    public func tasks(ids: [String]) async throws -> [WrikeTask] { try await client.tasks(ids: ids) }
    public func dependencies(ids: [String]) async throws -> [Dependency] { try await client.dependencies(ids: ids) }
    /// People by id, 100 per request. Wrike answers a batch naming someone it does not know with 404:
    /// the ids are then read one by one and the unknown ones left out.
    public func contacts(ids: [String]) async throws -> [Contact] {
        do {
            return try await client.contacts(ids: ids, priority: .normal)
        } catch let e as APIError where e.kind == .notFound && ids.count > 1 {
            var found: [Contact] = []
            for id in ids {
                do {
                    found += try await client.contacts(ids: [id], priority: .normal)
                } catch let e as APIError where e.kind == .notFound {
                    continue
                }
            }
            return found
        }
    }
    public func comments(taskId: String) async throws -> [Comment] { try await client.comments(task: taskId) }
    /// The task's approvals out of every approval shared with the user (`GET /approvals`, read once and
    /// cached): Wrike has no per-folder listing of task approvals, and tasks do not say whether they have any.
    public func approvals(taskId: String) async throws -> [Approval] {
        try await client.allApprovals().filter { $0.taskId == taskId }
    }
    public func dependencies(taskId: String) async throws -> [Dependency] { try await client.dependencies(task: taskId) }
    public func attachments(taskId: String) async throws -> [Attachment] { try await client.attachments(task: taskId) }
    public func timelogs(taskId: String) async throws -> [Timelog] { try await client.timelogs(task: taskId) }
    public func statusLine() -> String? { client.statusLine() }

    // The periodic revalidation: network reads (the cache is refreshed with the answers), background priority.
    public func revalidatedTasks(inFolder folderId: String, pageSize: Int) async throws -> TaskPage {
        let p = try await client.taskPage(in: .folder(folderId), query: listQuery, size: pageSize, token: nil,
                                          priority: .background)
        return TaskPage(tasks: p.items, nextPageToken: p.nextPageToken, total: p.responseSize)
    }
    public func revalidatedTask(_ id: String) async throws -> WrikeTask? {
        try await client.tasks(ids: [id], use: .refresh, priority: .background).first
    }
    public func revalidatedComments(taskId: String) async throws -> [Comment] {
        try await client.comments(task: taskId, use: .refresh, priority: .background)
    }
    /// Requests waiting for the limiter, a backoff or server pause under way, or a rate cut below
    /// three quarters of the ceiling after 429s.
    public func isUnderPressure() -> Bool {
        let s = client.state
        if s.queued > 0 { return true }
        if let until = s.backingOffUntil, until > Date() { return true }
        let ceiling = client.configuration.rateLimit.ceilingPerMinute
        return s.ratePerMinute > 0 && s.ratePerMinute < ceiling * 0.75
    }
    public func invalidate() async { await client.cache.removeAll() }

    // MARK: writes

    public func updateTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask {
        try await client.updateTask(id, update)
    }
    public func updateTasks(ids: [String], _ update: BulkTaskUpdate) async throws -> [WrikeTask] {
        try await client.updateTasks(ids: ids, update)
    }
    public func addComment(taskId: String, text: String) async throws -> Comment {
        try await client.addComment(task: taskId, CommentParams(text: text, plainText: true))
    }
    public func logTime(taskId: String, _ params: TimelogCreate) async throws -> Timelog {
        try await client.logTime(task: taskId, params)
    }
    public func addDependency(taskId: String, _ params: DependencyCreate) async throws -> Dependency {
        try await client.addDependency(task: taskId, params)
    }
    public func updateDependency(_ id: String, _ params: DependencyUpdate) async throws -> Dependency {
        try await client.updateDependency(id, params)
    }
    public func deleteDependency(_ id: String) async throws { try await client.deleteDependency(id) }
    public func createApproval(taskId: String, _ params: ApprovalCreate) async throws -> Approval {
        try await client.createApproval(task: taskId, params)
    }
    public func cancelApproval(_ id: String) async throws -> Approval { try await client.cancelApproval(id) }
    public func timelogCategories() async throws -> [TimelogCategory] { try await client.timelogCategories() }
    public func searchTasks(title: String) async throws -> [WrikeTask] {
        try await client.searchTasks(title: title)
    }
    public func taskId(permalinkNumber n: String) async throws -> String? {
        try await client.taskId(permalinkNumber: n)
    }
    public func myPendingApprovals(meId: String) async throws -> [Approval] {
        try await client.approvals(ApprovalQuery(statuses: [.pending], pendingApprovers: [meId]))
    }
    /// The day's time logs (`Endpoints.Request.myTimelogs`: a range Wrike accepts).
    public func myTimelogs(meId: String, date: String) async throws -> [Timelog] {
        try await client.myTimelogs(date: date)
    }
    public func updateComment(_ id: String, text: String) async throws -> Comment {
        try await client.updateComment(id, CommentParams(text: text, plainText: true))
    }
    public func deleteComment(_ id: String) async throws { try await client.deleteComment(id) }
    public func freshComments(taskId: String) async throws -> [Comment] {
        try await client.comments(task: taskId, use: .refresh)
    }
    public func myTimelogs(from first: String, through last: String) async throws -> [Timelog] {
        try await client.myTimelogs(from: first, through: last)
    }
    public func workSchedules() async throws -> [WorkSchedule] { try await client.workSchedules() }
    public func updateTimelog(_ id: String, _ update: TimelogUpdate) async throws -> Timelog {
        try await client.updateTimelog(id, update)
    }
    public func deleteTimelog(_ id: String) async throws { try await client.deleteTimelog(id) }

    public func freshTimelogs(taskId: String) async throws -> [Timelog] {
        try await client.timelogs(task: taskId, use: .refresh)
    }
    public func createTask(folderId: String, _ params: TaskCreate) async throws -> WrikeTask {
        try await client.createTask(folder: folderId, params)
    }
    public func createdTasks(folderId: String, title: String, since: Date) async throws -> [WrikeTask] {
        try await client.createdTasks(folder: folderId, title: title, since: since)
    }
    public func deleteTask(_ id: String) async throws -> WrikeTask { try await client.deleteTask(id) }
    public func changeTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask {
        try await client.updateTask(id, update, sentOnce: true)
    }
    public func freshTask(_ id: String) async throws -> WrikeTask? { try await client.task(id, use: .refresh) }
    public func freshApprovals(taskId: String) async throws -> [Approval] {
        try await client.approvals(task: taskId, use: .refresh)
    }
}
