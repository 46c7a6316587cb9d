import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

/// Creating and deleting tasks through the client's one door (`Endpoints.Request`), against the sandbox.
@Suite struct ClientTaskWriteTests {
    @Test func createListsTheTaskAndALostAnswerIsNotSentTwice() async throws {
        let env = ClientSandboxTests.inProcess()
        let folder = try #require(env.sandbox.snapshot().folders.first { $0.scope == .wsFolder })
        let before = try await env.client.tasks(in: .folder(folder.id), query: TaskQuery(fields: TaskQuery.listFields))
        let sent = env.clock.now
        let t = try await env.client.createTask(folder: folder.id, TaskCreate(title: "Fresh one", importance: .high))
        #expect(t.title == "Fresh one" && t.importance == .high && t.parentIds == [folder.id])
        let log = env.sandbox.requestLog.filter { $0.method == .post }
        #expect(log.map(\.path) == ["/folders/\(folder.id)/tasks"])
        // The cached list was dropped: the next read has it.
        let after = try await env.client.tasks(in: .folder(folder.id), query: TaskQuery(fields: TaskQuery.listFields))
        #expect(after.count == before.count + 1 && after.contains { $0.id == t.id })
        // Its answer lost: an unknown outcome, one POST; the read for resolving finds it.
        env.sandbox.schedule(.applyThenDrop(method: .post, pathPrefix: "/folders/\(folder.id)/tasks"))
        env.sandbox.resetLog()
        do {
            _ = try await env.client.createTask(folder: folder.id, TaskCreate(title: "Lost answer"))
            Issue.record("expected outcomeUnknown")
        } catch let e as APIError {
            #expect(e.kind == .outcomeUnknown)
        }
        #expect(env.sandbox.requestLog.filter { $0.method == .post }.count == 1)
        let found = try await env.client.createdTasks(folder: folder.id, title: "Lost answer", since: sent.addingTimeInterval(-300))
        #expect(found.map(\.title) == ["Lost answer"])
        #expect(found.first?.authorIds == [env.sandbox.snapshot().me ?? ""])
    }

    @Test func deleteGoesToTheRecycleBin() async throws {
        let env = ClientSandboxTests.inProcess()
        let folder = try #require(env.sandbox.snapshot().folders.first { $0.scope == .wsFolder })
        let t = try await env.client.createTask(folder: folder.id, TaskCreate(title: "Short-lived"))
        let gone = try await env.client.deleteTask(t.id)
        #expect(gone.scope == .rbTask)
        let list = try await env.client.tasks(in: .folder(folder.id), query: TaskQuery(fields: TaskQuery.listFields))
        #expect(!list.contains { $0.id == t.id })
        #expect(env.sandbox.requestLog.contains { $0.method == .delete && $0.path == "/tasks/\(t.id)" })
    }
}
