// Runs load effects on background tasks against a `WrikeService` and posts the results as events.
import Browser
import Foundation
import WrikeAPI

public final class EffectRunner: Sendable {
    public let service: any WrikeService
    /// Where comment and time-log drafts are kept (nil: drafts are not written, e.g. in some tests).
    public let drafts: DraftStore?
    /// The timer file (nil: no timer, e.g. in tests).
    public let timer: TimerStore?
    /// The inbox file (nil: the inbox is kept in memory only, e.g. in tests).
    public let inbox: InboxStore?
    /// The remembered screen's file (nil: not remembered, e.g. in tests).
    public let viewState: ViewStateStore?
    let post: @Sendable (Event) -> Void
    /// Go-to's title search still out (EffectRunner+GoTo.swift).
    let goToSearch = GoToSearchSlot()
    /// Receives the outcome of every write (the app logs them: `WriteRecord.logLine`).
    public let journal: (@Sendable (WriteRecord) -> Void)?
    /// Each draft's send steps run one after another (its file is on disk before its POST leaves);
    /// different drafts do not wait for each other.
    private let sendQueues = SerialQueues()
    /// A comment's or time log's POST is abandoned this long after it was asked for (the deadline the
    /// model keeps in the draft, `SendTracker.requestWindow`): nothing of it leaves later.
    public let sendWindow: Duration
    /// Draft file writes of this process, one at a time; the ones saved on the way out are final.
    private let gate = DraftGate()
    /// Opening links and files, downloads (Features/Links).
    public let links: LinksRunner

    /// `post` is called from background tasks (e.g. `Inbox.post`).
    public init(service: any WrikeService, drafts: DraftStore? = nil, timer: TimerStore? = nil, inbox: InboxStore? = nil,
                viewState: ViewStateStore? = nil, journal: (@Sendable (WriteRecord) -> Void)? = nil,
                sendWindow: Duration = .seconds(SendTracker.requestWindow), links: LinksRunner = LinksRunner(),
                post: @escaping @Sendable (Event) -> Void) {
        self.service = service
        self.links = links
        self.drafts = drafts
        self.timer = timer
        self.inbox = inbox
        self.viewState = viewState
        self.journal = journal
        self.sendWindow = sendWindow
        self.post = post
    }

    /// Performs a saved views' effect now, on the caller's thread (the app, when it quits right after).
    public func performNow(_ e: ViewsEffect) { viewState?.perform(e) }

    /// Posts an event to the loop (e.g. the result of `$EDITOR`, which the app runs itself).
    public func deliver(_ event: Event) { post(event) }

    /// Starts the load effects in the list; terminal effects (clipboard, hyperlink, drafts kept on quit, quit) are ignored
    /// here (the app does them). Returns the tasks started (tests may await them).
    @discardableResult
    public func run(_ effects: [Effect]) -> [Task<Void, Never>] {
        // A refresh drops the cache before its reloads start (else they could be answered from it).
        let service = self.service
        let invalidation: Task<Void, Never>? = effects.contains(.invalidateCache)
            ? Task.detached { await service.invalidate() } : nil
        return [invalidation].compactMap { $0 } + effects.compactMap { effect in
            if effect.isTerminal || effect == .invalidateCache { return nil }
            let post = self.post
            let journal = self.journal
            if case .listDrafts(let profile) = effect {
                let store = self.drafts
                return Task.detached {
                    post(.draftsListed(store?.list(profile: profile) ?? DraftListing(drafts: [], problems: [])))
                }
            }
            if case .descriptionDraft(let profile, let taskId, let text) = effect {
                let store = self.drafts
                return sendQueues.enqueue("description-" + taskId) {
                    if let text { try? store?.saveDescription(text, profile: profile, taskId: taskId) }
                    else { store?.deleteDescription(profile: profile, taskId: taskId) }
                }
            }
            if case .goTo(let e) = effect { return runGoTo(e, slot: goToSearch) }
            if case .links(let e) = effect {
                // Its downloads are kept by token (cancellable).
                return links.perform(e, service: service, post: post)
            }
            if case .timer(let change) = effect {
                // One change at a time, in order; the file's lock keeps other processes out.
                let store = self.timer
                return sendQueues.enqueue("timer") { post(.timerFile(change, store?.apply(change) ?? TimerStore.unavailable(change))) }
            }
            if case .inbox(let e) = effect, !e.isPoll {
                // The file: one read or write at a time, in order (the last written is the newest state).
                let store = self.inbox
                return sendQueues.enqueue("inbox") { post(.inbox(Self.inboxFile(e, store: store))) }
            }
            if case .views(let e) = effect {
                // A small file, one write at a time in order.
                let store = self.viewState
                return sendQueues.enqueue("views") { store?.perform(e) }
            }
            if case .sendSteps(let draft, let steps) = effect {
                let store = self.drafts
                let gate = self.gate
                let deadline = ContinuousClock.now.advanced(by: sendWindow)
                return sendQueues.enqueue(draft.id) {
                    await Self.runSteps(draft: draft, steps: steps, service: service, drafts: store, gate: gate,
                                        journal: journal, postDeadline: deadline, post: post)
                }
            }
            // Every other effect: `perform`, whose switch names each one.
            return Task.detached {
                await invalidation?.value
                await Self.perform(effect, service: service, journal: journal, post: post)
            }
        }
    }

    static func result<T>(_ body: () async throws -> T) async -> Result<T, ServiceFailure> {
        do { return .success(try await body()) } catch { return .failure(ServiceFailure.from(error)) }
    }

    /// Performs one effect and posts its events (also used directly by tests).
    public static func perform(_ effect: Effect, service: any WrikeService, journal: (@Sendable (WriteRecord) -> Void)? = nil,
                               post: @escaping @Sendable (Event) -> Void) async {
        switch effect {
        case .loadBootstrap:
            post(.bootstrap(await Self.result { try await service.startup() }))
        case .loadDirectory:
            post(.directory(await Self.result { try await service.directory() }))
        case .revalidateBootstrap:
            post(.bootstrapRevalidated(await Self.result { try await service.revalidatedStartup() }))
        case .loadTree(let space):
            post(.tree(spaceId: space, await Self.result { try await service.folderTree(spaceId: space) }))
        case .loadTasks(let read, let generation, let token, let size):
            let r = await Self.result { try await service.tasks(read, pageSize: size, pageToken: token) }
            post(.taskPage(read: read, generation: generation, firstPage: token == nil, r))
        case .loadDependencies(let ids):
            post(.dependencies(await Self.result { try await service.dependencies(ids: ids) }))
        case .loadTasksById(let ids):
            post(.tasksById(await Self.result { try await service.tasks(ids: ids) }))
        case .loadContacts(let ids):
            post(.contactsById(ids: ids, await Self.result { try await service.contacts(ids: ids) }))
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
        case .revalidateTasks(let read, let generation, let size):
            let r = await Self.result { try await service.revalidatedTasks(read, pageSize: size) }
            post(.revalidatedTasks(read: read, generation: generation, r))
        case .revalidateDetail(let id):
            async let task = Self.result { try await service.revalidatedTask(id) }
            async let comments = Self.result { try await service.revalidatedComments(taskId: id) }
            post(.revalidatedDetail(taskId: id, task: await task, comments: await comments))
        case .invalidateCache:
            await service.invalidate()
        case .copyToClipboard, .showHyperlink, .keepDrafts, .quit:
            break
        case .sendSteps(let draft, let steps):
            await runSteps(draft: draft, steps: steps, service: service, drafts: nil, journal: journal, post: post)
        case .listDrafts:
            post(.draftsListed(DraftListing(drafts: [], problems: [])))  // no draft store here
        case .links(let e):
            await LinksRunner().perform(e, service: service, post: post)?.value
        case .timer(let change):
            post(.timerFile(change, TimerStore.unavailable(change)))  // no timer file here
        case .descriptionDraft:
            break  // no draft store here
        case .inbox(let e):
            post(.inbox(await performInbox(e, service: service)))
        case .views:
            break  // no remembered screen here
        case .updateTask, .updateTasks, .deleteTask, .addDependency, .updateDependency, .deleteDependency, .createApproval,
             .cancelApproval, .updateComment, .deleteComment, .loadTimelogCategories, .searchTasks, .loadMyApprovals,
             .loadMyTime, .timesheet, .resolvePermalink, .goTo:
            await performWrite(effect, service: service, journal: journal, post: post)
        }
    }
}

extension EffectRunner {
    /// Saves drafts now, on the caller's thread (quitting: the process ends right after), after any draft
    /// write in progress; a write of these drafts still queued (an autosave) is skipped from now on.
    /// Returns the drafts saved and the first failure.
    public func keepNow(_ list: [Draft]) -> (kept: [Draft], failure: DraftError?) {
        guard let store = drafts else { return ([], nil) }
        var kept: [Draft] = []
        var failure: DraftError?
        for d in list {
            do {
                try gate.write(d.id, final: true) { () throws(DraftError) in try store.save(d) }
                kept.append(d)
            } catch {
                failure = failure ?? error
            }
        }
        return (kept, failure)
    }
}
