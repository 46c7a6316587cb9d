// Runs load effects on background tasks against a `WrikeService` and posts the results as events.
import Foundation
import WrikeAPI

public final class EffectRunner: Sendable {
    public let service: any WrikeService
    /// Where comment and time-log drafts are kept (nil: drafts are not written, e.g. in some tests).
    public let drafts: DraftStore?
    private let post: @Sendable (Event) -> Void
    /// Send steps run one after another (the draft is on disk before its POST leaves).
    private let sendQueue = SerialQueue()

    /// `post` is called from background tasks (e.g. `Inbox.post`).
    public init(service: any WrikeService, drafts: DraftStore? = nil, post: @escaping @Sendable (Event) -> Void) {
        self.service = service
        self.drafts = drafts
        self.post = post
    }

    /// Posts an event to the loop (e.g. the result of `$EDITOR`, which the app runs itself).
    public func deliver(_ event: Event) { post(event) }

    /// Starts the load effects in the list; terminal effects (clipboard, hyperlink, quit) are ignored
    /// here (the app does them). Returns the tasks started (tests may await them).
    @discardableResult
    public func run(_ effects: [Effect]) -> [Task<Void, Never>] {
        // A refresh drops the cache before its reloads start (else they could be answered from it).
        let service = self.service
        let invalidation: Task<Void, Never>? = effects.contains(.invalidateCache)
            ? Task.detached { await service.invalidate() } : nil
        return [invalidation].compactMap { $0 } + effects.compactMap { effect in
            switch effect {
            case .copyToClipboard, .showHyperlink, .quit, .invalidateCache: return nil
            case .sendSteps(let draft, let steps):
                let service = self.service
                let post = self.post
                let store = self.drafts
                return sendQueue.enqueue {
                    await Self.runSteps(draft: draft, steps: steps, service: service, drafts: store, post: post)
                }
            default:
                let service = self.service
                let post = self.post
                return Task.detached {
                    await invalidation?.value
                    await Self.perform(effect, service: service, post: post)
                }
            }
        }
    }

    static func result<T>(_ body: () async throws -> T) async -> Result<T, ServiceFailure> {
        do { return .success(try await body()) } catch { return .failure(ServiceFailure.from(error)) }
    }

    /// Performs one effect and posts its events (also used directly by tests).
    public static func perform(_ effect: Effect, service: any WrikeService, post: @escaping @Sendable (Event) -> Void) async {
        switch effect {
        case .loadBootstrap:
            post(.bootstrap(await Self.result { try await service.startup() }))
        case .loadDirectory:
            post(.directory(await Self.result { try await service.directory() }))
        case .loadTree(let space):
            post(.tree(spaceId: space, await Self.result { try await service.folderTree(spaceId: space) }))
        case .loadTasks(let folder, let generation, let token, let size):
            let r = await Self.result { try await service.tasks(inFolder: folder, pageSize: size, pageToken: token) }
            post(.taskPage(folderId: folder, generation: generation, firstPage: token == nil, r))
        case .loadDependencies(let ids):
            post(.dependencies(await Self.result { try await service.dependencies(ids: ids) }))
        case .loadTasksById(let ids):
            post(.tasksById(await Self.result { try await service.tasks(ids: ids) }))
        case .loadDetail(let id, let context):
            // The task first (the header; its dependency ids and attachment flag decide what else is
            // read), then the parts concurrently, each posted as it arrives.
            let taskResult = await Self.result { try await service.detailTask(id, context: context) }
            post(.detailTask(taskId: id, taskResult))
            let task: WrikeTask? = if case .success(let t?) = taskResult { t } else { nil }
            await withTaskGroup(of: Void.self) { group in
                group.addTask { post(.comments(taskId: id, await Self.result { try await service.comments(taskId: id) })) }
                group.addTask { post(.approvals(taskId: id, await Self.result { try await service.approvals(taskId: id) })) }
                group.addTask {
                    let r = await Self.result {
                        if let task { try await service.dependencies(of: task) } else { try await service.dependencies(taskId: id) }
                    }
                    post(.taskDependencies(taskId: id, r))
                }
                group.addTask {
                    let r = await Self.result {
                        if let task { try await service.attachments(of: task) } else { try await service.attachments(taskId: id) }
                    }
                    post(.attachments(taskId: id, r))
                }
                group.addTask {
                    post(.timelogs(taskId: id, await Self.result {
                        try await service.timelogs(taskId: id, folderId: context.folderId)
                    }))
                }
            }
        case .invalidateCache:
            await service.invalidate()
        case .copyToClipboard, .showHyperlink, .quit:
            break
        case .sendSteps(let draft, let steps):
            await runSteps(draft: draft, steps: steps, service: service, drafts: nil, post: post)
        default:
            await performWrite(effect, service: service, post: post)
        }
    }

    static func writer(_ service: any WrikeService) throws -> any WrikeWriter {
        guard let w = service as? any WrikeWriter else { throw WriteFailure("This connection cannot change tasks.") }
        return w
    }

    static func write<T>(_ body: () async throws -> T) async -> Result<T, WriteFailure> {
        do { return .success(try await body()) } catch { return .failure(WriteFailure.from(error)) }
    }

    static func performWrite(_ effect: Effect, service: any WrikeService, post: @escaping @Sendable (Event) -> Void) async {
        switch effect {
        case .updateTask(let id, let update, let token):
            post(.taskWrite(token: token, await write { [try await writer(service).updateTask(id, update)] }))
        case .updateTasks(let ids, let update, let token):
            post(.taskWrite(token: token, await write { try await writer(service).updateTasks(ids: ids, update) }))
        case .addDependency(let taskId, let params):
            let r = await write { _ = try await writer(service).addDependency(taskId: taskId, params); return "Dependency added." }
            post(.dependencyWrite(taskId: taskId, r))
        case .updateDependency(let id, let taskId, let params):
            let r = await write { _ = try await writer(service).updateDependency(id, params); return "Relation type changed." }
            post(.dependencyWrite(taskId: taskId, r))
        case .deleteDependency(let id, let taskId):
            let r = await write { try await writer(service).deleteDependency(id); return "Dependency removed." }
            post(.dependencyWrite(taskId: taskId, r))
        case .createApproval(let taskId, let params):
            let r = await write { _ = try await writer(service).createApproval(taskId: taskId, params); return "Approval requested." }
            post(.approvalWrite(taskId: taskId, r))
        case .cancelApproval(let id, let taskId):
            let r = await write { _ = try await writer(service).cancelApproval(id); return "Approval cancelled." }
            post(.approvalWrite(taskId: taskId, r))
        case .updateComment(let id, let taskId, let text):
            let r = await write { _ = try await writer(service).updateComment(id, text: text); return "Comment updated." }
            post(.commentWrite(taskId: taskId, r))
        case .deleteComment(let id, let taskId):
            let r = await write { try await writer(service).deleteComment(id); return "Comment deleted." }
            post(.commentWrite(taskId: taskId, r))
        case .loadTimelogCategories:
            post(.timelogCategories(await result { try await writer(service).timelogCategories() }))
        case .searchTasks(let q):
            post(.searchResults(query: q, await result { try await writer(service).searchTasks(title: q) }))
        case .loadMyApprovals(let me):
            post(.myApprovals(await result { try await writer(service).myPendingApprovals(meId: me) }))
        case .loadMyTime(let me, let date):
            post(.myTime(date: date, await result { try await writer(service).myTimelogs(meId: me, date: date) }))
        default:
            break
        }
    }

    /// Runs a send's steps in order. A draft that cannot be saved stops the steps before the POST.
    public static func runSteps(draft: Draft, steps: [SendEffect], service: any WrikeService, drafts: DraftStore?,
                                post: @escaping @Sendable (Event) -> Void) async {
        for step in steps {
            switch step {
            case .saveDraft(let state):
                var d = draft
                d.state = state
                if let drafts {
                    do {
                        try drafts.save(d)
                    } catch {
                        if state == .sending {
                            post(.draftSaveFailed(draftId: draft.id, message: error.message))
                            return
                        }
                    }
                }
            case .post:
                switch draft.kind {
                case .comment:
                    let r = await write { PostedEntity.comment(try await writer(service).addComment(taskId: draft.taskId, text: draft.text)) }
                    post(.posted(draftId: draft.id, r))
                case .timelog:
                    guard let f = draft.timelog else {
                        post(.posted(draftId: draft.id, .failure(WriteFailure("The time entry has no hours."))))
                        return
                    }
                    let params = TimelogCreate(hours: f.hours, trackedDate: f.trackedDate, comment: draft.text, categoryId: f.categoryId)
                    let r = await write { PostedEntity.timelog(try await writer(service).logTime(taskId: draft.taskId, params)) }
                    post(.posted(draftId: draft.id, r))
                }
            case .reread:
                switch draft.kind {
                case .comment:
                    post(.reread(draftId: draft.id, await result { .comments(try await writer(service).freshComments(taskId: draft.taskId)) }))
                case .timelog:
                    post(.reread(draftId: draft.id, await result { .timelogs(try await writer(service).freshTimelogs(taskId: draft.taskId)) }))
                }
            case .deleteDraft:
                try? drafts?.delete(id: draft.id)
            }
        }
    }
}

/// Runs closures one after another, in the order they were enqueued.
final class SerialQueue: @unchecked Sendable {
    private let lock = NSLock()
    private var last: Task<Void, Never>?

    func enqueue(_ body: @escaping @Sendable () async -> Void) -> Task<Void, Never> {
        lock.lock()
        defer { lock.unlock() }
        let before = last
        let t = Task.detached {
            await before?.value
            await body()
        }
        last = t
        return t
    }
}
