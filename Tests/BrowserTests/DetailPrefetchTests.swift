// The detail pane reads less (issue 7: a batch of tasks, dependencies by id, time logs per folder,
// approvals once, attachments only when the task has some) but must show exactly what the per-task
// reads show, also after writes.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct DetailPrefetchTests {
    /// The benchmark's shape: every task in one folder; subtasks placed only through their parent
    /// (`superParentIds`), as Wrike does.
    static func oneFolder(tasks: Int, seed: UInt64) throws -> (Dataset, String) {
        var d = DatasetGenerator.generate(tasks: tasks, seed: seed)
        let space = try #require(d.spaces.first?.id)
        let folder = try #require(d.folders.first { $0.parentIds?.contains(space) == true && $0.project == nil }?.id)
        for i in d.tasks.indices {
            if d.tasks[i].superTaskIds?.isEmpty ?? true {
                d.tasks[i].parentIds = [folder]
            } else {
                d.tasks[i].parentIds = []
                d.tasks[i].superParentIds = [folder]
            }
        }
        return (d, folder)
    }

    struct Opened {
        var state: AppState
        var sandbox: Sandbox
        var service: ClientService
        var reference: TransportService
    }

    /// Starts on the app's service and lists `folder` completely.
    static func open(_ dataset: Dataset, folder: String) async throws -> Opened {
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        // Wrike's rate is not what this test is about: no client-side pacing.
        let fast = RateLimiterConfiguration(ceilingPerMinute: 1_000_000, burst: 100_000)
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test"),
                                                        configuration: WrikeClientConfiguration(rateLimit: fast)))
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 47, listRows: 46, detailRows: 47, detailWidth: 85)))
        _ = await drive(&s, .start, service: service)
        s.tree.cursor = try #require(s.tree.rows.firstIndex { $0.id == folder })
        _ = await drive(&s, .open, service: service)
        while s.list.nextPageToken != nil { _ = await drive(&s, .bottom, service: service) }
        _ = await drive(&s, .top, service: service)
        #expect(s.list.status == .loaded)
        return Opened(state: s, sandbox: sandbox, service: service,
                      reference: TransportService(transport: sandbox, token: "test"))
    }

    /// Opens a listed task (as Enter on its row does, also when its parent is collapsed) and runs every load.
    static func openTask(_ o: inout Opened, _ id: String) async {
        o.state.focus = .detail
        var pending = o.state.openDetail(id)
        while !pending.isEmpty {
            let e = pending.removeFirst()
            let box = EventBox()
            await EffectRunner.perform(e, service: o.service) { box.post($0) }
            for ev in box.take() { pending += o.state.handle(ev) }
        }
    }

    /// Opens row `row` of the list (Enter) and runs every load.
    static func openRow(_ o: inout Opened, _ row: Int) async -> String? {
        o.state.focus = .list
        o.state.list.cursor = row
        let id = o.state.list.selectedTask?.id
        _ = await drive(&o.state, .open, service: o.service)
        return id
    }

    /// The detail in `o.state` equals the per-task reads (what the detail read before issue 7).
    static func expectSameAsPerTaskReads(_ o: Opened, _ id: String, sourceLocation: SourceLocation = #_sourceLocation) async throws {
        let d = o.state.detail
        let r = o.reference
        #expect(d.taskId == id, sourceLocation: sourceLocation)
        #expect(!d.isLoading, sourceLocation: sourceLocation)
        #expect(d.task == (try await r.tasks(ids: [id]).first), "task \(id)", sourceLocation: sourceLocation)
        #expect(d.comments == (try await r.comments(taskId: id)), "comments of \(id)", sourceLocation: sourceLocation)
        #expect(d.approvals == (try await r.approvals(taskId: id)), "approvals of \(id)", sourceLocation: sourceLocation)
        #expect(d.dependencyIds == (try await r.dependencies(taskId: id)).map(\.id), "dependencies of \(id)",
                sourceLocation: sourceLocation)
        #expect(d.attachments == (try await r.attachments(taskId: id)), "attachments of \(id)", sourceLocation: sourceLocation)
        #expect(d.timelogs == (try await r.timelogs(taskId: id)), "time logs of \(id)", sourceLocation: sourceLocation)
    }

    @Test func everyTaskOfAFolderShowsWhatPerTaskReadsShow() async throws {
        let (dataset, folder) = try Self.oneFolder(tasks: 700, seed: 11)
        var o = try await Self.open(dataset, folder: folder)
        var withParts = (comments: 0, approvals: 0, dependencies: 0, attachments: 0, timelogs: 0, subtasksWithTime: 0)
        for id in o.state.list.tasks.map(\.id) {
            await Self.openTask(&o, id)
            try await Self.expectSameAsPerTaskReads(o, id)
            let d = o.state.detail
            if !d.comments.isEmpty { withParts.comments += 1 }
            if !d.approvals.isEmpty { withParts.approvals += 1 }
            if !d.dependencyIds.isEmpty { withParts.dependencies += 1 }
            if !d.attachments.isEmpty { withParts.attachments += 1 }
            if !d.timelogs.isEmpty {
                withParts.timelogs += 1
                if !(d.task?.superTaskIds?.isEmpty ?? true) { withParts.subtasksWithTime += 1 }
            }
        }
        // The comparison covered every kind of part (subtasks' time logs included).
        #expect(o.state.list.tasks.count == 700)
        #expect(withParts.comments > 20 && withParts.approvals > 0 && withParts.dependencies > 10)
        #expect(withParts.attachments > 5 && withParts.timelogs > 20 && withParts.subtasksWithTime > 0)
    }

    @Test func aTaskOutsideTheListIsReadOnItsOwn() async throws {
        let dataset = DatasetGenerator.generate(tasks: 600, seed: 7)
        let folder = try #require(dataset.folders.first { f in dataset.tasks.contains { $0.parentIds == [f.id] } }?.id)
        var o = try await Self.open(dataset, folder: folder)
        // A task of another folder with time logs (as a dependency jump would open it).
        let listed = Set(o.state.list.tasks.map(\.id))
        let snapshot = o.sandbox.snapshot()
        let other = try #require(snapshot.timelogs.compactMap(\.taskId).first { !listed.contains($0) })
        #expect(o.state.detailContext(for: other) == DetailContext())
        for e in o.state.openDetail(other) {
            let box = EventBox()
            await EffectRunner.perform(e, service: o.service) { box.post($0) }
            for ev in box.take() { _ = o.state.handle(ev) }
        }
        try await Self.expectSameAsPerTaskReads(o, other)
        #expect(!o.state.detail.timelogs.isEmpty)
        #expect(o.sandbox.requestLog.contains { $0.path == "/tasks/\(other)/timelogs" })
    }

    @Test func writesShowOnTheNextOpenAndTheReload() async throws {
        let (dataset, folder) = try Self.oneFolder(tasks: 300, seed: 5)
        var o = try await Self.open(dataset, folder: folder)
        // Two planned tasks without dependencies between them.
        let planned = o.state.list.tasks.filter { $0.dates?.type == .planned && ($0.superTaskIds?.isEmpty ?? true) }
        let a = try #require(planned.first), b = try #require(planned.dropFirst().first { $0.id != a.id })
        let rowA = try #require(o.state.list.rows.firstIndex { o.state.list.tasks[Int($0.task)].id == a.id })
        let rowB = try #require(o.state.list.rows.firstIndex { o.state.list.tasks[Int($0.task)].id == b.id })
        _ = await Self.openRow(&o, rowA)
        _ = await Self.openRow(&o, rowB)
        let me = o.sandbox.meId

        // A time log, a comment, an approval and a dependency on A, written behind the detail's back.
        let log = try await o.service.logTime(taskId: a.id, TimelogCreate(hours: 1.5, trackedDate: "2024-06-15", comment: "w"))
        let comment = try await o.service.addComment(taskId: a.id, text: "hello")
        let approval = try await o.service.createApproval(taskId: a.id, ApprovalCreate(description: "ok?", approvers: [me]))
        let dep = try await o.service.addDependency(taskId: b.id, .predecessor(a.id))
        _ = await Self.openRow(&o, rowA)
        try await Self.expectSameAsPerTaskReads(o, a.id)
        #expect(o.state.detail.timelogs.contains { $0.id == log.id })
        #expect(o.state.detail.comments.contains { $0.id == comment.id })
        #expect(o.state.detail.approvals.contains { $0.id == approval.id })
        #expect(o.state.detail.dependencyIds.contains(dep.id))
        _ = await Self.openRow(&o, rowB)
        try await Self.expectSameAsPerTaskReads(o, b.id)
        #expect(o.state.detail.dependencyIds.contains(dep.id))

        // Through the app: removing the dependency and cancelling the approval reload the detail.
        for (effect, taskId) in [(Effect.deleteDependency(id: dep.id, taskId: b.id), b.id)] {
            let box = EventBox()
            await EffectRunner.perform(effect, service: o.service) { box.post($0) }
            var pending: [Effect] = []
            for ev in box.take() { pending += o.state.handle(ev) }
            #expect(pending.contains { if case .loadDetail(taskId, _) = $0 { true } else { false } })
            for e in pending {
                let box2 = EventBox()
                await EffectRunner.perform(e, service: o.service) { box2.post($0) }
                for ev in box2.take() { _ = o.state.handle(ev) }
            }
        }
        try await Self.expectSameAsPerTaskReads(o, b.id)
        #expect(!o.state.detail.dependencyIds.contains(dep.id))
        _ = await Self.openRow(&o, rowA)
        let box = EventBox()
        await EffectRunner.perform(.cancelApproval(id: approval.id, taskId: a.id), service: o.service) { box.post($0) }
        var pending: [Effect] = []
        for ev in box.take() { pending += o.state.handle(ev) }
        for e in pending {
            let box2 = EventBox()
            await EffectRunner.perform(e, service: o.service) { box2.post($0) }
            for ev in box2.take() { _ = o.state.handle(ev) }
        }
        try await Self.expectSameAsPerTaskReads(o, a.id)
        #expect(o.state.detail.approvals.first { $0.id == approval.id }?.status == .cancelled)
        #expect(!o.state.detail.dependencyIds.contains(dep.id))
    }

    @Test func anUnknownNeighbourDoesNotBreakTheBatch() async throws {
        let (dataset, _) = try Self.oneFolder(tasks: 60, seed: 3)
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        let service = RequestCountTests.appService(sandbox)
        let ids = dataset.tasks.prefix(3).map(\.id)
        // A neighbour Wrike does not know (deleted meanwhile): the batch fails, the task alone is read.
        let t = try await service.detailTask(ids[0], context: DetailContext(prefetch: [ids[1], "IEAGONEGONE", ids[2]]))
        #expect(t?.id == ids[0])
        #expect(sandbox.requestLog.map(\.path).last == "/tasks/\(ids[0])")
        // Cached now: no request.
        let before = sandbox.requestLog.count
        #expect(try await service.detailTask(ids[0], context: DetailContext()) == t)
        #expect(sandbox.requestLog.count == before)
    }

    @Test func refreshDropsTheCacheBeforeItsReloadsStart() async throws {
        let (dataset, folder) = try Self.oneFolder(tasks: 80, seed: 9)
        var o = try await Self.open(dataset, folder: folder)
        let id = try #require(await Self.openRow(&o, 0))
        // Someone else comments and logs time (another client: ours still caches the old answers).
        let other = ClientService(client: WrikeClient(transport: o.sandbox, tokens: StaticTokenProvider("other")))
        let c = try await other.addComment(taskId: id, text: "from elsewhere")
        let l = try await other.logTime(taskId: id, TimelogCreate(hours: 2, trackedDate: "2024-06-14", comment: "x"))
        _ = await Self.openRow(&o, 0)
        #expect(!o.state.detail.comments.contains { $0.id == c.id })   // cached: as expected until a refresh
        // `r`, run the way the app runs effects (all at once, in the background).
        let box = EventBox()
        let runner = EffectRunner(service: o.service) { box.post($0) }
        for t in runner.run(o.state.update(.refresh)) { await t.value }
        for ev in box.take() { _ = o.state.handle(ev) }
        #expect(o.state.detail.comments.contains { $0.id == c.id })
        #expect(o.state.detail.timelogs.contains { $0.id == l.id })
        try await Self.expectSameAsPerTaskReads(o, id)
    }

    /// Records the order of calls; `invalidate` takes a while.
    final class OrderService: WrikeService, @unchecked Sendable {
        let lock = NSLock()
        var calls: [String] = []
        func note(_ s: String) { lock.lock(); calls.append(s); lock.unlock() }
        func bootstrap() async throws -> Bootstrap { note("bootstrap"); return Fixture.bootstrap }
        func folderTree(spaceId: String) async throws -> [FolderTreeEntry] { note("tree"); return Fixture.tree }
        func tasks(inFolder folderId: String, pageSize: Int, pageToken: String?) async throws -> TaskPage {
            note("list"); return TaskPage(tasks: Fixture.tasks)
        }
        func tasks(ids: [String]) async throws -> [WrikeTask] { note("tasks"); return Fixture.tasks.filter { ids.contains($0.id) } }
        func dependencies(ids: [String]) async throws -> [Dependency] { note("deps"); return [] }
        func comments(taskId: String) async throws -> [WrikeAPI.Comment] { note("comments"); return [] }
        func approvals(taskId: String) async throws -> [Approval] { note("approvals"); return [] }
        func dependencies(taskId: String) async throws -> [Dependency] { note("deps"); return [] }
        func attachments(taskId: String) async throws -> [WrikeAPI.Attachment] { note("attachments"); return [] }
        func timelogs(taskId: String) async throws -> [Timelog] { note("timelogs"); return [] }
        func statusLine() -> String? { nil }
        func invalidate() async {
            try? await Task.sleep(for: .milliseconds(50))
            note("invalidated")
        }
    }

    @Test func aRefreshsReadsStartAfterTheCacheIsDropped() async {
        var s = loadedState()
        s.focus = .list
        _ = s.update(.open)
        let service = OrderService()
        let runner = EffectRunner(service: service) { _ in }
        let effects = s.update(.refresh)
        #expect(effects.contains(.invalidateCache) && effects.contains { if case .loadDetail = $0 { true } else { false } })
        for t in runner.run(effects) { await t.value }
        #expect(service.calls.first == "invalidated", "\(service.calls)")
        #expect(service.calls.count > 3)
    }
}
