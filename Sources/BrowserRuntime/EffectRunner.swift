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

    static func writer(_ service: any WrikeService) throws -> any WrikeWriter {
        guard let w = service as? any WrikeWriter else { throw WriteFailure("This connection cannot change tasks.") }
        return w
    }

    static func write<T>(_ body: () async throws -> T) async -> Result<T, WriteFailure> {
        do { return .success(try await body()) } catch { return .failure(WriteFailure.from(error)) }
    }

    /// The journal record of a write without a draft.
    static func record<T>(_ kind: WriteRecord.Kind, _ r: Result<T, WriteFailure>, entity: (T) -> String?,
                          tasks: [String]) -> WriteRecord {
        switch r {
        case .success(let v): WriteRecord(kind: kind, outcome: .confirmed, entityId: entity(v), taskIds: tasks)
        case .failure(let f): WriteRecord(kind: kind, outcome: f.outcome == .unknown ? .unknown : .failed, taskIds: tasks,
                                          httpStatus: f.status)
        }
    }

    static func performWrite(_ effect: Effect, service: any WrikeService, journal: (@Sendable (WriteRecord) -> Void)? = nil,
                             post: @escaping @Sendable (Event) -> Void) async {
        switch effect {
        case .updateTask(let id, let update, let token):
            let r = await write { [try await writer(service).updateTask(id, update)] }
            journal?(record(update.customStatus != nil ? .status : .task, r, entity: { $0.first?.id }, tasks: [id]))
            post(.taskWrite(token: token, r))
        case .updateTasks(let ids, let update, let token):
            let r = await write { try await writer(service).updateTasks(ids: ids, update) }
            journal?(record(update.customStatus != nil ? .status : .task, r, entity: { $0.map(\.id).joined(separator: ",") }, tasks: ids))
            post(.taskWrite(token: token, r))
        case .deleteTask(let id, let token):
            let r = await write { [try await writer(service).deleteTask(id)] }
            journal?(record(.taskDelete, r, entity: { $0.first?.id }, tasks: [id]))
            post(.taskWrite(token: token, r))
        case .addDependency(let taskId, let params):
            let r = await write { try await writer(service).addDependency(taskId: taskId, params) }
            journal?(record(.dependencyAdd, r, entity: { $0.id }, tasks: [taskId]))
            post(.dependencyWrite(taskId: taskId, r.map { _ in "Dependency added." }))
        case .updateDependency(let id, let taskId, let params):
            let r = await write { try await writer(service).updateDependency(id, params) }
            journal?(record(.dependencyUpdate, r, entity: { _ in id }, tasks: [taskId]))
            post(.dependencyWrite(taskId: taskId, r.map { _ in "Relation type changed." }))
        case .deleteDependency(let id, let taskId):
            let r = await write { try await writer(service).deleteDependency(id) }
            journal?(record(.dependencyDelete, r, entity: { _ in id }, tasks: [taskId]))
            post(.dependencyWrite(taskId: taskId, r.map { _ in "Dependency removed." }))
        case .createApproval(let taskId, let params):
            let r = await write { try await writer(service).createApproval(taskId: taskId, params) }
            journal?(record(.approvalCreate, r, entity: { $0.id }, tasks: [taskId]))
            post(.approvalWrite(taskId: taskId, r.map { _ in "Approval requested." }))
        case .cancelApproval(let id, let taskId):
            let r = await write { try await writer(service).cancelApproval(id) }
            journal?(record(.approvalCancel, r, entity: { _ in id }, tasks: [taskId]))
            post(.approvalWrite(taskId: taskId, r.map { _ in "Approval cancelled." }))
        case .updateComment(let id, let taskId, let text):
            let r = await write { try await writer(service).updateComment(id, text: text) }
            journal?(record(.commentUpdate, r, entity: { _ in id }, tasks: [taskId]))
            post(.commentWrite(taskId: taskId, r.map { _ in "Comment updated." }))
        case .deleteComment(let id, let taskId):
            let r = await write { try await writer(service).deleteComment(id) }
            journal?(record(.commentDelete, r, entity: { _ in id }, tasks: [taskId]))
            post(.commentWrite(taskId: taskId, r.map { _ in "Comment deleted." }))
        case .loadTimelogCategories:
            post(.timelogCategories(await result { try await writer(service).timelogCategories() }))
        case .searchTasks(let q):
            post(.searchResults(query: q, await result { try await writer(service).searchTasks(title: q) }))
        case .resolvePermalink(let n):
            post(.permalinkResolved(number: n, await result { try await writer(service).taskId(permalinkNumber: n) }))
        case .loadMyApprovals(let me):
            post(.myApprovals(await result { try await writer(service).myPendingApprovals(meId: me) }))
        case .loadMyTime(let me, let date):
            post(.myTime(date: date, await result { try await writer(service).myTimelogs(meId: me, date: date) }))
        case .timesheet(let e):
            post(.timesheet(await performTimesheet(e, service: service, journal: journal)))
        case .goTo(let e):
            if let event = await performGoTo(e, service: service) { post(event) }
        case .loadBootstrap, .loadDirectory, .revalidateBootstrap, .loadTree, .loadTasks, .loadDependencies, .loadTasksById, .loadContacts,
             .loadDetail, .invalidateCache, .copyToClipboard, .showHyperlink, .keepDrafts, .quit, .sendSteps, .revalidateTasks,
             .revalidateDetail, .listDrafts, .timer, .descriptionDraft, .views, .inbox, .links:
            break  // `perform`'s
        }
    }

    /// Runs a send's steps in order. A draft that cannot be saved stops the steps before the POST.
    /// Every step of a send is journalled: `sending` once the draft is on disk, then `failed-kept-as-draft`,
    /// `unknown-kept-as-draft`, `confirmed` (a delete with the entity id) or `discarded` (a delete without,
    /// of a draft sent before). Saving and deleting text never sent (autosave) is not a write.
    /// `postDeadline`: the POST is abandoned then (reported as an unknown outcome), or not sent at all
    /// when the time is already up.
    public static func runSteps(draft: Draft, steps: [SendEffect], service: any WrikeService, drafts: DraftStore?,
                                gate: DraftGate = DraftGate(), journal: (@Sendable (WriteRecord) -> Void)? = nil,
                                postDeadline: ContinuousClock.Instant? = nil,
                                post: @escaping @Sendable (Event) -> Void) async {
        let kind = WriteRecord.Kind(draft.kind)
        func note(_ outcome: WriteRecord.Outcome, entity: String? = nil, saved: Bool = true) {
            journal?(WriteRecord(kind: kind, outcome: outcome, entityId: entity, taskIds: [draft.taskId], draftId: draft.id,
                                 httpStatus: nil, draftSaved: saved))
        }
        for step in steps {
            switch step {
            case .saveDraft(let state):
                var d = draft
                d.state = state
                var saved = true
                if let drafts {
                    do {
                        try gate.write(d.id) { () throws(DraftError) in try drafts.save(d) }
                    } catch {
                        saved = false
                        if state == .sending {
                            note(.notSent, saved: false)
                            post(.draftSaveFailed(draftId: draft.id, message: error.message))
                            return
                        }
                    }
                }
                switch state {
                case .sending: note(.sending, saved: saved)
                case .failed: note(.failedKeptAsDraft, saved: saved)
                case .unknownOutcome: note(.unknownKeptAsDraft, saved: saved)
                case .editing: break
                }
            case .post:
                post(.posted(draftId: draft.id, await postDraft(draft, service: service, deadline: postDeadline)))
            case .reread(let since):
                switch draft.kind {
                case .comment:
                    post(.reread(draftId: draft.id, await result { .comments(try await writer(service).freshComments(taskId: draft.taskId)) }))
                case .timelog:
                    post(.reread(draftId: draft.id, await result { .timelogs(try await writer(service).freshTimelogs(taskId: draft.taskId)) }))
                case .task:
                    let folder = draft.newTask?.folderId ?? draft.taskId
                    post(.reread(draftId: draft.id, await result {
                        .tasks(try await writer(service).createdTasks(folderId: folder, title: draft.text, since: since))
                    }))
                }
            case .deleteDraft:
                if let drafts { try? gate.write(draft.id) { () throws(DraftError) in try drafts.delete(id: draft.id) } }
                // Text never sent (an emptied or discarded draft) is no write: nothing to journal.
                if draft.entityId != nil || draft.attempts > 0 {
                    note(draft.entityId == nil ? .discarded : .confirmed, entity: draft.entityId)
                }
            }
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
