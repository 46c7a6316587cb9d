// The reads that serve many task details (issue 7): dependencies cached per id, a folder's time logs,
// every approval; and the writes that must drop them.
import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

@Suite struct ClientListingTests {
    static let dataset = DatasetGenerator.generate(tasks: 600, seed: 7)

    @Test func dependenciesByIdAreCachedPerIdAndDroppedByWrites() async throws {
        let env = ClientSandboxTests.inProcess(Self.dataset)
        let deps = env.sandbox.snapshot().dependencies
        #expect(deps.count >= 4)
        let ids = deps.prefix(4).map(\.id)
        env.sandbox.resetLog()
        #expect(try await env.client.dependencies(ids: Array(ids.prefix(2))).map(\.id) == Array(ids.prefix(2)))
        // Two cached, two read: one request for the missing ones only, results in input order.
        #expect(try await env.client.dependencies(ids: ids.reversed()).map(\.id) == ids.reversed())
        let log = env.sandbox.requestLog.map(\.path)
        #expect(log == ["/dependencies/\(ids[0]),\(ids[1])", "/dependencies/\(ids[3]),\(ids[2])"])
        env.sandbox.resetLog()
        _ = try await env.client.dependencies(ids: ids)
        #expect(env.sandbox.requestLog.isEmpty)
        // Changing one drops it (tagged with both tasks); the others stay cached.
        let changed = try await env.client.updateDependency(ids[0], DependencyUpdate(lagTime: 60))
        env.sandbox.resetLog()
        let again = try await env.client.dependencies(ids: ids)
        #expect(again.first { $0.id == ids[0] }?.lagTime == changed.lagTime)
        #expect(env.sandbox.requestLog.count == 1)
        // Deleting drops every cached dependency.
        try await env.client.deleteDependency(ids[1])
        env.sandbox.resetLog()
        #expect(try await env.client.dependencies(ids: [ids[2], ids[3]]).count == 2)
        #expect(env.sandbox.requestLog.count == 1)
    }

    @Test func aFoldersTimelogsCoverItsTasksAndSubtasksAndANewLogDropsThem() async throws {
        let env = ClientSandboxTests.inProcess(Self.dataset)
        let snapshot = env.sandbox.snapshot()
        // The folder with the most time logged on its tasks.
        let byFolder = Dictionary(grouping: snapshot.timelogs.compactMap(\.taskId)) { id in
            snapshot.tasks.first { $0.id == id }.flatMap { ($0.parentIds ?? []).first ?? $0.superParentIds?.first } ?? ""
        }
        let folder = try #require(byFolder.filter { !$0.key.isEmpty }.max { $0.value.count < $1.value.count }?.key)
        let logs = try await env.client.timelogs(folder: folder)
        #expect(!logs.isEmpty)
        let request = try #require(env.sandbox.requestLog.last)
        #expect(request.path == "/folders/\(folder)/timelogs")
        #expect(Set(request.query.map { "\($0.name)=\($0.value)" }) == ["descendants=true", "subTasks=true"])
        // Every task's own time logs are in it (the same as reading them task by task).
        let tasks = try await env.client.tasks(in: .folder(folder), query: TaskQuery(subTasks: true))
        #expect(!tasks.isEmpty)
        for t in tasks {
            #expect(logs.filter { $0.taskId == t.id } == (try await env.client.timelogs(task: t.id)), "\(t.id)")
        }
        // A new time log on a task that had none drops the folder's listing.
        let fresh = try #require(tasks.first { t in !logs.contains { $0.taskId == t.id } })
        env.sandbox.resetLog()
        _ = try await env.client.timelogs(folder: folder)
        #expect(env.sandbox.requestLog.isEmpty)
        let log = try await env.client.logTime(task: fresh.id, TimelogCreate(hours: 1, trackedDate: "2026-01-01", comment: "c"))
        #expect(try await env.client.timelogs(folder: folder).contains { $0.id == log.id })
    }

    @Test func allApprovalsAreReadOnceAndDroppedByApprovalWrites() async throws {
        let env = ClientSandboxTests.inProcess(Self.dataset)
        let all = try await env.client.allApprovals()
        #expect(all.map(\.id) == env.sandbox.snapshot().approvals.map(\.id))
        let q = Dictionary(env.sandbox.requestLog.last?.query.map { ($0.name, $0.value) } ?? [], uniquingKeysWith: { a, _ in a })
        #expect(q == ["pageSize": "1000"])
        env.sandbox.resetLog()
        _ = try await env.client.allApprovals()
        #expect(env.sandbox.requestLog.isEmpty)
        let task = try #require(env.sandbox.snapshot().tasks.first)
        let created = try await env.client.createApproval(task: task.id, ApprovalCreate(description: "ok?"))
        #expect(try await env.client.allApprovals().contains { $0.id == created.id })
        _ = try await env.client.cancelApproval(created.id)
        #expect(try await env.client.allApprovals().first { $0.id == created.id }?.status == .cancelled)
    }

    @Test func cachedTaskNeverRequests() async throws {
        let env = ClientSandboxTests.inProcess(Self.dataset)
        let id = try #require(env.sandbox.snapshot().tasks.first?.id)
        #expect(await env.client.cachedTask(id) == nil)
        #expect(env.sandbox.requestLog.isEmpty)
        let t = try await env.client.task(id)
        #expect(await env.client.cachedTask(id) == t)
        env.clock.advance(by: CachePolicy.detailTTL + 1)
        #expect(await env.client.cachedTask(id) == nil)
        #expect(env.sandbox.requestLog.count == 1)
    }
}
