import Foundation

/// Typed calls. Reads go through the cache (`use: .refresh` forces the network); writes are sent
/// at `.interactive` priority and update or invalidate what they change in the cache.
extension WrikeClient {
    func one<T>(_ items: [T], _ path: String) throws -> T {
        guard let first = items.first else {
            throw APIError(kind: .malformedResponse, method: .get, path: path, detail: "empty data")
        }
        return first
    }

    // MARK: - reads

    public func account(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> Account {
        try one(try await read(Endpoints.account(), use: use, priority: priority), "/account")
    }

    /// The signed-in user (`GET /contacts?me=true`).
    public func me(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> Contact {
        try one(try await read(Endpoints.me(), use: use, priority: priority), "/contacts")
    }

    public func contacts(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [Contact] {
        try await read(Endpoints.contacts(), use: use, priority: priority)
    }

    /// Contacts by id, 100 per request, in the order of `ids`.
    public func contacts(ids: [String], priority: RequestPriority = .normal) async throws -> [Contact] {
        try await batch(ids: ids, path: { "/contacts/\($0)" }, id: { $0.id }, priority: priority).value
    }

    public func workflows(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [Workflow] {
        try await read(Endpoints.workflows(), use: use, priority: priority)
    }

    public func customFields(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [CustomField] {
        try await read(Endpoints.customFields(), use: use, priority: priority)
    }

    public func timelogCategories(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [TimelogCategory] {
        try await read(Endpoints.timelogCategories(), use: use, priority: priority)
    }

    public func spaces(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [Space] {
        try await read(Endpoints.spaces(), use: use, priority: priority)
    }

    public func space(_ id: String, use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> Space {
        try one(try await read(Endpoints.space(id), use: use, priority: priority), "/spaces/\(id)")
    }

    /// The folder tree entries of the account, a space or a folder subtree.
    public func folderTree(space: String? = nil, folder: String? = nil, use: CacheUse = .useCache,
                           priority: RequestPriority = .normal) async throws -> [FolderTreeEntry] {
        try await read(Endpoints.folderTree(space: space, folder: folder), use: use, priority: priority)
    }

    /// Full folder models by id (100 per request, input order).
    public func folders(ids: [String], priority: RequestPriority = .normal) async throws -> [Folder] {
        try await batch(ids: ids, path: { "/folders/\($0)" }, id: { $0.id }, priority: priority).value
    }

    /// All tasks of a list (every page, filters and fields resent each time), cached as one entry.
    public func tasks(in scope: TaskScope, query: TaskQuery = TaskQuery(), use: CacheUse = .useCache,
                      priority: RequestPriority = .normal) async throws -> [WrikeTask] {
        try await read(Endpoints.tasks(in: scope, query: query, pageSize: configuration.pageSize), use: use,
                       priority: priority)
    }

    /// A task list page by page: the first page as soon as it arrives, then the rest. When the
    /// whole list is cached and fresh it comes as a single page without a request; a completed
    /// stream stores the whole list in the cache.
    public func taskPages(in scope: TaskScope, query: TaskQuery = TaskQuery(), use: CacheUse = .useCache,
                          priority: RequestPriority = .interactive) -> AsyncThrowingStream<Page<WrikeTask>, any Error> {
        let endpoint = Endpoints.tasks(in: scope, query: query, pageSize: configuration.pageSize)
        let pageSize = query.pageSize ?? configuration.pageSize
        let (stream, continuation) = AsyncThrowingStream<Page<WrikeTask>, any Error>.makeStream()
        let task = Task { [self] in
            do {
                if use == .useCache, let hit = await cache.peek(endpoint.key, as: [WrikeTask].self), hit.isFresh {
                    continuation.yield(Page(items: hit.value, index: 0, nextPageToken: nil,
                                            responseSize: hit.value.count, bytes: 0))
                    continuation.finish()
                    return
                }
                var all: [WrikeTask] = []
                var bytes = 0
                for try await page in pages(scope.path, query: query.queryItems(scope: scope), pageSize: pageSize,
                                            as: WrikeTask.self, priority: priority) {
                    all += page.items
                    bytes += page.bytes
                    continuation.yield(page)
                }
                await cache.store(endpoint.key, all, bytes: bytes, kind: .taskList, tags: Endpoints.taskTags(all))
                continuation.finish()
            } catch {
                continuation.finish(throwing: error)
            }
        }
        continuation.onTermination = { _ in task.cancel() }
        return stream
    }

    /// The first page of a task list now, the rest streamed (not cached).
    public func firstTaskPage(in scope: TaskScope, query: TaskQuery = TaskQuery(),
                              priority: RequestPriority = .interactive) async throws -> PagedResult<WrikeTask> {
        try await firstPage(scope.path, query: query.queryItems(scope: scope),
                            pageSize: query.pageSize ?? configuration.pageSize, as: WrikeTask.self, priority: priority)
    }

    /// One task (full model), cached.
    public func task(_ id: String, fields: [String]? = nil, use: CacheUse = .useCache,
                     priority: RequestPriority = .normal) async throws -> WrikeTask {
        try one(try await read(Endpoints.task(id, fields: fields), use: use, priority: priority), "/tasks/\(id)")
    }

    /// Tasks by id (full model): fresh cached ones are taken from the cache, the others fetched 100
    /// per request, all requests together. Results follow `ids` (first occurrence); ids Wrike did
    /// not return are left out. Each task is cached like `task(_:)`.
    public func tasks(ids: [String], fields: [String]? = nil, use: CacheUse = .useCache,
                      priority: RequestPriority = .normal) async throws -> [WrikeTask] {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        var found: [String: WrikeTask] = [:]
        var missing: [String] = []
        for id in unique {
            if use == .useCache, let hit = await cache.peek(Endpoints.task(id, fields: fields).key, as: [WrikeTask].self),
               hit.isFresh, let t = hit.value.first {
                found[id] = t
            } else {
                missing.append(id)
            }
        }
        if !missing.isEmpty {
            let q = Endpoints.fieldsQuery(fields)
            let loaded = try await batch(ids: missing, path: { "/tasks/\($0)" }, query: q, id: { (t: WrikeTask) in t.id },
                                         priority: priority)
            let share = loaded.value.isEmpty ? 0 : loaded.bytes / loaded.value.count
            for t in loaded.value {
                found[t.id] = t
                await cache.store(Endpoints.task(t.id, fields: fields).key, [t], bytes: share, kind: .task,
                                  tags: [Endpoints.Tag.task(t.id), Endpoints.Tag.taskDetail(t.id)])
            }
        }
        return unique.compactMap { found[$0] }
    }

    public func comments(task taskId: String, plainText: Bool? = nil, use: CacheUse = .useCache,
                         priority: RequestPriority = .normal) async throws -> [Comment] {
        try await read(Endpoints.comments(task: taskId, plainText: plainText), use: use, priority: priority)
    }

    public func timelogs(task taskId: String, use: CacheUse = .useCache,
                         priority: RequestPriority = .normal) async throws -> [Timelog] {
        try await read(Endpoints.timelogs(task: taskId), use: use, priority: priority)
    }

    public func dependencies(task taskId: String, use: CacheUse = .useCache,
                             priority: RequestPriority = .normal) async throws -> [Dependency] {
        try await read(Endpoints.dependencies(task: taskId), use: use, priority: priority)
    }

    /// Dependencies by id: fresh cached ones from the cache, the others 100 per request. Results follow
    /// `ids` (first occurrence); ids Wrike did not return are left out. Each is cached like
    /// `Endpoints.dependency(_:)`, tagged with both tasks (writes on either task drop it). Wrike answers
    /// 404 for the whole request when one id is gone or not visible: the others are still read
    /// (`batchSplittingNotFound`), and the missing one is remembered (cached as empty) so that the next
    /// read within the cache's lifetime does not ask again.
    public func dependencies(ids: [String], use: CacheUse = .useCache,
                             priority: RequestPriority = .normal) async throws -> [Dependency] {
        var seen = Set<String>()
        let unique = ids.filter { seen.insert($0).inserted }
        var found: [String: Dependency] = [:]
        var toRead: [String] = []
        for id in unique {
            if use == .useCache, let hit = await cache.peek(Endpoints.dependency(id).key, as: [Dependency].self), hit.isFresh {
                if let d = hit.value.first { found[id] = d }  // empty: Wrike answered 404 for it
            } else {
                toRead.append(id)
            }
        }
        if !toRead.isEmpty {
            let read = try await batchSplittingNotFound(ids: toRead, path: { "/dependencies/\($0)" },
                                                        id: { (d: Dependency) in d.id }, priority: priority)
            let loaded = read.items
            let share = loaded.value.isEmpty ? 0 : loaded.bytes / loaded.value.count
            for d in loaded.value {
                found[d.id] = d
                await cache.store(Endpoints.dependency(d.id).key, [d], bytes: share, kind: .dependencies,
                                  tags: [Endpoints.Tag.dependencies(d.predecessorId), Endpoints.Tag.dependencies(d.successorId)])
            }
            for id in read.notFound {
                await cache.store(Endpoints.dependency(id).key, [Dependency](), bytes: 0, kind: .dependencies)
            }
        }
        return unique.compactMap { found[$0] }
    }

    /// The time logs of every task in a folder's subtree and of their subtasks (one request, cached).
    public func timelogs(folder folderId: String, use: CacheUse = .useCache,
                         priority: RequestPriority = .normal) async throws -> [Timelog] {
        try await read(Endpoints.timelogs(folder: folderId), use: use, priority: priority)
    }

    /// A task's full model when the cache holds it fresh (no request).
    public func cachedTask(_ id: String, fields: [String]? = nil) async -> WrikeTask? {
        guard let hit = await cache.peek(Endpoints.task(id, fields: fields).key, as: [WrikeTask].self), hit.isFresh else {
            return nil
        }
        return hit.value.first
    }

    public func approvals(task taskId: String, use: CacheUse = .useCache,
                          priority: RequestPriority = .normal) async throws -> [Approval] {
        try await read(Endpoints.approvals(task: taskId), use: use, priority: priority)
    }

    public func approvals(folder folderId: String, use: CacheUse = .useCache,
                          priority: RequestPriority = .normal) async throws -> [Approval] {
        try await read(Endpoints.approvals(folder: folderId), use: use, priority: priority)
    }

    public func approvals(ids: [String], priority: RequestPriority = .normal) async throws -> [Approval] {
        try await batch(ids: ids, path: { "/approvals/\($0)" }, id: { $0.id }, priority: priority).value
    }

    /// Every approval shared with the user (`GET /approvals` without filters, 1000 per page, all pages;
    /// cached). Approval writes drop it.
    public func allApprovals(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [Approval] {
        try await read(Endpoints.approvals(ApprovalQuery(), pageSize: 1000), use: use, priority: priority)
    }

    /// Account-wide approvals with filters (all pages).
    public func approvals(_ query: ApprovalQuery, use: CacheUse = .useCache,
                          priority: RequestPriority = .normal) async throws -> [Approval] {
        try await read(Endpoints.approvals(query, pageSize: configuration.pageSize), use: use, priority: priority)
    }

    public func attachments(task taskId: String, withUrls: Bool? = nil, use: CacheUse = .useCache,
                            priority: RequestPriority = .normal) async throws -> [Attachment] {
        try await read(Endpoints.attachments(task: taskId, withUrls: withUrls), use: use, priority: priority)
    }

    /// The bytes of an attachment (not cached).
    public func downloadAttachment(_ id: String, priority: RequestPriority = .normal) async throws -> Data {
        try await send(HTTPRequest(path: "/attachments/\(id)/download", headers: ["Accept": "*/*"]),
                       priority: priority).body
    }

    // MARK: - writes

    /// `PUT /tasks/{id}`. The answer replaces the task in every cached list and detail.
    @discardableResult
    public func updateTask(_ id: String, _ update: TaskUpdate) async throws -> WrikeTask {
        let task = try one(try await write(.put, "/tasks/\(id)", body: update, as: WrikeTask.self), "/tasks/\(id)")
        await cacheUpdated([task])
        return task
    }

    /// `PUT /tasks/{ids}` (bulk, ≤100 ids per request).
    @discardableResult
    public func updateTasks(ids: [String], _ update: BulkTaskUpdate) async throws -> [WrikeTask] {
        var out: [WrikeTask] = []
        for chunk in IDList.chunks(ids, size: configuration.batchSize) {
            let tasks = try await write(.put, "/tasks/\(IDList.join(chunk))", body: update, as: WrikeTask.self)
            await cacheUpdated(tasks)
            out += tasks
        }
        return out
    }

    /// Puts fresh task models into every cached list and detail that holds them.
    public func cacheUpdated(_ tasks: [WrikeTask]) async {
        for task in tasks {
            await cache.patch(tag: Endpoints.Tag.task(task.id)) { value in
                if let list = value as? [WrikeTask] { return list.map { $0.id == task.id ? task : $0 } }
                return value
            }
            await cache.store(Endpoints.task(task.id).key, [task], bytes: 0, kind: .task,
                              tags: [Endpoints.Tag.task(task.id), Endpoints.Tag.taskDetail(task.id)])
        }
    }

    /// `POST /tasks/{id}/comments`. Never retried once it may have reached Wrike
    /// (`APIError.Kind.outcomeUnknown`). Drops the task's cached comments.
    @discardableResult
    public func addComment(task taskId: String, _ params: CommentParams) async throws -> Comment {
        let path = "/tasks/\(taskId)/comments"
        return try await invalidating(Endpoints.Tag.comments(taskId)) {
            try one(try await write(.post, path, body: params, as: Comment.self), path)
        }
    }

    @discardableResult
    public func updateComment(_ id: String, _ params: CommentParams) async throws -> Comment {
        let c = try one(try await write(.put, "/comments/\(id)", body: params, as: Comment.self), "/comments/\(id)")
        await cache.invalidate(kind: .comments)
        return c
    }

    public func deleteComment(_ id: String) async throws {
        _ = try await envelope(.delete, "/comments/\(id)", as: Comment.self, priority: .interactive)
        await cache.invalidate(kind: .comments)
    }

    /// `POST /tasks/{id}/timelogs`. Never retried once it may have reached Wrike.
    @discardableResult
    public func logTime(task taskId: String, _ params: TimelogCreate) async throws -> Timelog {
        let path = "/tasks/\(taskId)/timelogs"
        return try await invalidating(Endpoints.Tag.timelogs(taskId), Endpoints.Tag.folderTimelogs) {
            try one(try await write(.post, path, body: params, as: Timelog.self), path)
        }
    }

    @discardableResult
    public func updateTimelog(_ id: String, _ params: TimelogUpdate) async throws -> Timelog {
        let t = try one(try await write(.put, "/timelogs/\(id)", body: params, as: Timelog.self), "/timelogs/\(id)")
        await cache.invalidate(kind: .timelogs)
        return t
    }

    public func deleteTimelog(_ id: String) async throws {
        _ = try await envelope(.delete, "/timelogs/\(id)", as: Timelog.self, priority: .interactive)
        await cache.invalidate(kind: .timelogs)
    }

    /// `POST /tasks/{id}/dependencies`. Drops cached dependencies and details of both tasks.
    @discardableResult
    public func addDependency(task taskId: String, _ params: DependencyCreate) async throws -> Dependency {
        let path = "/tasks/\(taskId)/dependencies"
        let d = try await invalidating(Endpoints.Tag.dependencies(taskId), Endpoints.Tag.taskDetail(taskId)) {
            try one(try await write(.post, path, body: params, as: Dependency.self), path)
        }
        await invalidateDependency(d, also: taskId)
        return d
    }

    @discardableResult
    public func updateDependency(_ id: String, _ params: DependencyUpdate) async throws -> Dependency {
        let d = try one(try await write(.put, "/dependencies/\(id)", body: params, as: Dependency.self),
                        "/dependencies/\(id)")
        await invalidateDependency(d, also: nil)
        return d
    }

    public func deleteDependency(_ id: String) async throws {
        _ = try await envelope(.delete, "/dependencies/\(id)", as: Dependency.self, priority: .interactive)
        await cache.invalidate(kind: .dependencies)
        await cache.invalidate(kind: .task)
    }

    private func invalidateDependency(_ d: Dependency, also taskId: String?) async {
        for id in Set([d.predecessorId, d.successorId] + (taskId.map { [$0] } ?? [])) {
            await cache.invalidate(tag: Endpoints.Tag.dependencies(id))
            await cache.invalidate(tag: Endpoints.Tag.taskDetail(id))
        }
    }

    /// `POST /tasks/{id}/approvals`.
    @discardableResult
    public func createApproval(task taskId: String, _ params: ApprovalCreate) async throws -> Approval {
        let path = "/tasks/\(taskId)/approvals"
        return try await invalidating(kinds: [.approvals]) {
            try one(try await write(.post, path, body: params, as: Approval.self), path)
        }
    }

    /// `POST /folders/{id}/approvals`.
    @discardableResult
    public func createApproval(folder folderId: String, _ params: ApprovalCreate) async throws -> Approval {
        let path = "/folders/\(folderId)/approvals"
        let a = try one(try await write(.post, path, body: params, as: Approval.self), path)
        await cache.invalidate(kind: .approvals)
        return a
    }

    @discardableResult
    public func updateApproval(_ id: String, _ params: ApprovalUpdate) async throws -> Approval {
        let a = try one(try await write(.put, "/approvals/\(id)", body: params, as: Approval.self), "/approvals/\(id)")
        await cache.invalidate(kind: .approvals)
        return a
    }

    /// `DELETE /approvals/{id}` cancels the approval; returns it.
    @discardableResult
    public func cancelApproval(_ id: String) async throws -> Approval {
        let a = try one(try await envelope(.delete, "/approvals/\(id)", as: Approval.self, priority: .interactive).data,
                        "/approvals/\(id)")
        await cache.invalidate(kind: .approvals)
        return a
    }

    /// Runs a write, then drops the cached entries it may have changed, whether it succeeded,
    /// failed or its outcome is unknown (the next read shows what Wrike really has).
    private func invalidating<T>(_ tags: String..., kinds: [CacheKind] = [],
                                 _ body: () async throws -> T) async throws -> T {
        do {
            let v = try await body()
            for t in tags { await cache.invalidate(tag: t) }
            for k in kinds { await cache.invalidate(kind: k) }
            return v
        } catch {
            for t in tags { await cache.invalidate(tag: t) }
            for k in kinds { await cache.invalidate(kind: k) }
            throw error
        }
    }
}
