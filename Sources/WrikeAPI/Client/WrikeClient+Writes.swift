import Foundation

/// Writes: sent at `.interactive` priority; each updates or invalidates what it changes in the cache.
extension WrikeClient {
    // MARK: - writes

    /// `PUT /tasks/{id}`. The answer replaces the task in every cached list and detail. `sentOnce`: never
    /// repeated once it may have arrived (`HTTPRequest.sentOnce`: a draft's write, resolved by reading).
    @discardableResult
    public func updateTask(_ id: String, _ update: TaskUpdate, sentOnce: Bool = false) async throws -> WrikeTask {
        var request = Request.updateTasks(ids: id)
        request.sentOnce = sentOnce
        let task = try await writeOne(request, body: update, as: WrikeTask.self)
        await cacheUpdated([task])
        return task
    }

    /// `PUT /tasks/{ids}` (bulk, ≤100 ids per request).
    @discardableResult
    public func updateTasks(ids: [String], _ update: BulkTaskUpdate) async throws -> [WrikeTask] {
        var out: [WrikeTask] = []
        for chunk in IDList.chunks(ids, size: configuration.batchSize) {
            let tasks = try await write(Request.updateTasks(ids: IDList.join(chunk)), body: update, as: WrikeTask.self)
            await cacheUpdated(tasks)
            out += tasks
        }
        return out
    }

    /// `POST /folders/{id}/tasks`. Never retried once it may have reached Wrike
    /// (`APIError.Kind.outcomeUnknown`). Drops the cached task lists (the new task belongs in some).
    @discardableResult
    public func createTask(folder folderId: String, _ params: TaskCreate) async throws -> WrikeTask {
        let task = try await invalidating(kinds: [.taskList]) {
            try await writeOne(Request.createTask(folder: folderId), body: params, as: WrikeTask.self)
        }
        await cacheUpdated([task])
        return task
    }

    /// `DELETE /tasks/{id}`: Wrike moves it to the Recycle Bin and returns it (`scope` `RbTask`).
    @discardableResult
    public func deleteTask(_ id: String) async throws -> WrikeTask {
        let task = try await deleteOne(Request.deleteTask(id), as: WrikeTask.self)
        await cache.invalidate(kind: .taskList)
        await cache.invalidate(tag: Endpoints.Tag.taskDetail(id))
        return task
    }

    /// The tasks created in a folder since `since` with `title` in theirs, read fresh (never from the
    /// cache): whether a create whose answer was lost landed.
    public func createdTasks(folder folderId: String, title: String, since: Date) async throws -> [WrikeTask] {
        let request = Request.createdTasks(folder: folderId, title: title, since: WrikeDate.formatTimestamp(since))
        return try await envelope(request, as: WrikeTask.self, priority: .interactive).data
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
        return try await invalidating(Endpoints.Tag.comments(taskId)) {
            try await writeOne(Request.addComment(task: taskId), body: params, as: Comment.self)
        }
    }

    @discardableResult
    public func updateComment(_ id: String, _ params: CommentParams) async throws -> Comment {
        let c = try await writeOne(Request.updateComment(id), body: params, as: Comment.self)
        await cache.invalidate(kind: .comments)
        return c
    }

    public func deleteComment(_ id: String) async throws {
        _ = try await envelope(Request.deleteComment(id), as: Comment.self, priority: .interactive)
        await cache.invalidate(kind: .comments)
    }

    /// `POST /tasks/{id}/timelogs`. Never retried once it may have reached Wrike.
    @discardableResult
    public func logTime(task taskId: String, _ params: TimelogCreate) async throws -> Timelog {
        return try await invalidating(Endpoints.Tag.timelogs(taskId), Endpoints.Tag.folderTimelogs) {
            try await writeOne(Request.logTime(task: taskId), body: params, as: Timelog.self)
        }
    }

    @discardableResult
    public func updateTimelog(_ id: String, _ params: TimelogUpdate) async throws -> Timelog {
        let t = try await writeOne(Request.updateTimelog(id), body: params, as: Timelog.self)
        await cache.invalidate(kind: .timelogs)
        return t
    }

    public func deleteTimelog(_ id: String) async throws {
        _ = try await envelope(Request.deleteTimelog(id), as: Timelog.self, priority: .interactive)
        await cache.invalidate(kind: .timelogs)
    }

    /// `POST /tasks/{id}/dependencies`. Drops cached dependencies and details of both tasks.
    @discardableResult
    public func addDependency(task taskId: String, _ params: DependencyCreate) async throws -> Dependency {
        let d = try await invalidating(Endpoints.Tag.dependencies(taskId), Endpoints.Tag.taskDetail(taskId)) {
            try await writeOne(Request.addDependency(task: taskId), body: params, as: Dependency.self)
        }
        await invalidateDependency(d, also: taskId)
        return d
    }

    @discardableResult
    public func updateDependency(_ id: String, _ params: DependencyUpdate) async throws -> Dependency {
        let d = try await writeOne(Request.updateDependency(id), body: params, as: Dependency.self)
        await invalidateDependency(d, also: nil)
        return d
    }

    public func deleteDependency(_ id: String) async throws {
        _ = try await envelope(Request.deleteDependency(id), as: Dependency.self, priority: .interactive)
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
        return try await invalidating(kinds: [.approvals]) {
            try await writeOne(Request.createApproval(task: taskId), body: params, as: Approval.self)
        }
    }

    /// `POST /folders/{id}/approvals`.
    @discardableResult
    public func createApproval(folder folderId: String, _ params: ApprovalCreate) async throws -> Approval {
        let a = try await writeOne(Request.createApproval(folder: folderId), body: params, as: Approval.self)
        await cache.invalidate(kind: .approvals)
        return a
    }

    @discardableResult
    public func updateApproval(_ id: String, _ params: ApprovalUpdate) async throws -> Approval {
        let a = try await writeOne(Request.updateApproval(id), body: params, as: Approval.self)
        await cache.invalidate(kind: .approvals)
        return a
    }

    /// `DELETE /approvals/{id}` cancels the approval; returns it.
    @discardableResult
    public func cancelApproval(_ id: String) async throws -> Approval {
        let a = try await deleteOne(Request.cancelApproval(id), as: Approval.self)
        await cache.invalidate(kind: .approvals)
        return a
    }

    /// A `DELETE` whose answer is the one item it removed (or cancelled).
    func deleteOne<Item: Decodable & Sendable>(_ request: HTTPRequest, as: Item.Type) async throws -> Item {
        try one(try await envelope(request, as: Item.self, priority: .interactive).data, request.path)
    }

    /// A write whose answer is one item.
    func writeOne<Item: Decodable & Sendable, Body: Encodable>(_ request: HTTPRequest, body: Body,
                                                               as: Item.Type) async throws -> Item {
        try one(try await write(request, body: body, as: Item.self), request.path)
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
