import Foundation

/// Typed calls. Reads go through the cache (`use: .refresh` forces the network); writes are sent
/// at `.interactive` priority and update or invalidate what they change in the cache. Every request is one
/// of `Endpoints.Request`.
extension WrikeClient {
    typealias Request = Endpoints.Request

    func one<T>(_ items: [T], _ path: String) throws -> T {
        guard let first = items.first else {
            throw APIError(kind: .malformedResponse, method: .get, path: path, detail: "empty data")
        }
        return first
    }

    // MARK: - reads

    public func account(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> Account {
        try one(try await read(Endpoints.account(), use: use, priority: priority), Request.account.path)
    }

    /// The signed-in user (`GET /contacts?me=true`).
    public func me(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> Contact {
        try one(try await read(Endpoints.me(), use: use, priority: priority), Request.me.path)
    }

    public func contacts(use: CacheUse = .useCache, priority: RequestPriority = .normal) async throws -> [Contact] {
        try await read(Endpoints.contacts(), use: use, priority: priority)
    }

    /// Contacts by id, 100 per request, in the order of `ids`.
    public func contacts(ids: [String], priority: RequestPriority = .normal) async throws -> [Contact] {
        try await batch(ids: ids, request: { Request.contacts(ids: $0) }, id: { $0.id }, priority: priority).value
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
        try one(try await read(Endpoints.space(id), use: use, priority: priority), Request.space(id).path)
    }

    /// The folder tree entries of the account, a space or a folder subtree.
    public func folderTree(space: String? = nil, folder: String? = nil, use: CacheUse = .useCache,
                           priority: RequestPriority = .normal) async throws -> [FolderTreeEntry] {
        try await read(Endpoints.folderTree(space: space, folder: folder), use: use, priority: priority)
    }

    /// Full folder models by id (100 per request, input order).
    public func folders(ids: [String], priority: RequestPriority = .normal) async throws -> [Folder] {
        try await batch(ids: ids, request: { Request.folders(ids: $0) }, id: { $0.id }, priority: priority).value
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
                for try await page in pages(Request.tasks(in: scope, query: query), pageSize: pageSize,
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
        try await firstPage(Request.tasks(in: scope, query: query), pageSize: query.pageSize ?? configuration.pageSize,
                            as: WrikeTask.self, priority: priority)
    }

    /// One task (full model), cached.
    public func task(_ id: String, fields: [String]? = nil, use: CacheUse = .useCache,
                     priority: RequestPriority = .normal) async throws -> WrikeTask {
        try one(try await read(Endpoints.task(id, fields: fields), use: use, priority: priority),
                Request.tasks(ids: id).path)
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
            let loaded = try await batch(ids: missing, request: { Request.tasks(ids: $0, fields: fields) },
                                         id: { (t: WrikeTask) in t.id }, priority: priority)
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
            let read = try await batchSplittingNotFound(ids: toRead, request: { Request.dependencies(ids: $0) },
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
        try await batch(ids: ids, request: { Request.approvals(ids: $0) }, id: { $0.id }, priority: priority).value
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
        try await send(Request.downloadAttachment(id), priority: priority).body
    }

    /// Streams an attachment's bytes to `sink` as they arrive (not cached, nothing kept in memory).
    public func downloadAttachment(_ id: String, to sink: @escaping @Sendable (Data) throws -> Void,
                                   priority: RequestPriority = .interactive) async throws {
        _ = try await stream(Request.downloadAttachment(id), to: sink, priority: priority)
    }

    /// A link to the attachment's file that works without a token (`GET /attachments/{id}/url`).
    public func attachmentURL(_ id: String, priority: RequestPriority = .interactive) async throws -> String {
        let page = try await envelope(Request.attachmentURL(id), as: AttachmentLink.self, priority: priority)
        guard let url = page.data.first?.url, !url.isEmpty else {
            throw APIError(kind: .malformedResponse, method: .get, path: "/attachments/\(id)/url", detail: "no url in the answer")
        }
        return url
    }

    /// One page of a task list (`token` nil for the first), not cached: the browser's paged lists.
    public func taskPage(in scope: TaskScope, query: TaskQuery, size: Int, token: String?,
                         priority: RequestPriority = .interactive) async throws -> Page<WrikeTask> {
        try await page(Request.tasks(in: scope, query: query), size: size, token: token, as: WrikeTask.self,
                       priority: priority)
    }

    /// Tasks whose title contains `title` (the first `limit`, with the list fields; not cached).
    public func searchTasks(title: String, limit: Int = 50, priority: RequestPriority = .interactive) async throws -> [WrikeTask] {
        try await envelope(Request.searchTasks(title: title, limit: limit), as: WrikeTask.self, priority: priority).data
    }

    /// The API id of the task with permalink number `n` (`open.htm?id=N`); nil when Wrike knows none
    /// (it answers 404 for an unknown number).
    public func taskId(permalinkNumber n: String, priority: RequestPriority = .interactive) async throws -> String? {
        do {
            return try await envelope(Request.legacyTaskIds([n]), as: IdMapping.self, priority: priority).data
                .first { $0.apiV2Id == n }?.id
        } catch let e as APIError where e.status == 404 {
            return nil
        }
    }

    /// The signed-in user's time logs tracked on `date` (`yyyy-MM-dd`; not cached).
    public func myTimelogs(date: String, priority: RequestPriority = .normal) async throws -> [Timelog] {
        try await envelope(Request.myTimelogs(date: date), as: Timelog.self, priority: priority).data
    }

    /// The signed-in user's time logs tracked from `first` through `last` (`yyyy-MM-dd`; one request, not cached).
    public func myTimelogs(from first: String, through last: String,
                           priority: RequestPriority = .interactive) async throws -> [Timelog] {
        try await envelope(Request.myTimelogs(from: first, through: last), as: Timelog.self, priority: priority).data
    }

    /// The account's work schedules with their users (not cached).
    public func workSchedules(priority: RequestPriority = .normal) async throws -> [WorkSchedule] {
        try await envelope(Request.workSchedules, as: WorkSchedule.self, priority: priority).data
    }
}

/// `GET /ids` answer: today's id for an API v2 id (the number of a permalink `open.htm?id=N`).
public struct LegacyId: Codable, Sendable, Hashable {
    public var id: String
    public var apiV2Id: String
}

extension WrikeClient {
    /// The task id behind a permalink's number (`https://www.wrike.com/open.htm?id=N` → `GET /ids?type=ApiV2Task&ids=[N]`).
    public func taskId(permalinkNumber: String, priority: RequestPriority = .interactive) async throws -> String {
        let page = try await envelope(Request.legacyIds(type: "ApiV2Task", ids: [permalinkNumber]), as: LegacyId.self,
                                      priority: priority)
        return try one(page.data, "/ids").id
    }
}

/// `GET /attachments/{id}/url` answer: `{"kind":"url","data":[{"url":"https://…"}]}`.
public struct AttachmentLink: Codable, Sendable, Hashable {
    public var url: String
}
