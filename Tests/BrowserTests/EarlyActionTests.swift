// Issue 12, item 5: acting on a task while its detail is still on the way. The task is known from the
// list the moment Enter is pressed: the actions act on it, and a read that left before a change does
// not undo it on screen. (With a slow service through the app: TerminalUITests/AppEffectTests.)
import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

@Suite struct EarlyActionTests {
    /// T1 opened with Enter; nothing of its detail has arrived.
    static func opening() -> AppState {
        var s = loadedState()
        s.focus = .list
        s.list.cursor = s.list.rows.firstIndex { s.list.tasks[Int($0.task)].id == "T1" } ?? 0
        let effects = s.update(.open)
        #expect(effects.contains { if case .loadDetail(let id, _) = $0 { id == "T1" } else { false } })
        #expect(s.focus == .detail && s.detail.taskId == "T1" && s.detail.task == nil)
        return s
    }

    static func token(_ effects: [Effect]) -> Int? {
        for case .updateTask(_, _, let t) in effects { return t }
        return nil
    }

    @Test func everyActionWorksBeforeTheDetailArrives() {
        var s = Self.opening()
        _ = s.update(.action(.changeStatus))
        guard case .status(_, let ids)? = s.modal else { Issue.record("no status picker: \(s.status)"); return }
        #expect(ids == ["T1"])
        _ = s.update(.action(.picker(.cancel)))

        s = Self.opening()
        let time = s.update(.action(.logTime))
        guard case .timelog(_, let taskId, _)? = s.modal else { Issue.record("no time form: \(s.status)"); return }
        #expect(taskId == "T1" && time == [.loadTimelogCategories])

        s = Self.opening()
        #expect(s.update(.action(.comment)).isEmpty)
        #expect(s.actions.composer?.send.draft.taskId == "T1")
        #expect(s.actions.composer?.send.draft.taskTitle == "Write the spec")

        s = Self.opening()
        let assign = s.update(.action(.assignMe))
        #expect(assign == [.updateTask(taskId: "T1", TaskUpdate(removeResponsibles: ["ME"]), token: Self.token(assign) ?? -1)])

        s = Self.opening()
        let importance = s.update(.action(.cycleImportance))
        #expect(importance == [.updateTask(taskId: "T1", TaskUpdate(importance: .normal), token: Self.token(importance) ?? -1)])

        s = Self.opening()
        _ = s.update(.action(.requestApproval))
        guard case .approval(_, let approvalTask)? = s.modal else { Issue.record("no approval form"); return }
        #expect(approvalTask == "T1")
        #expect(s.status.lastError == nil)
    }

    /// The detail read left before the importance change and arrives while the write is on its way: the
    /// change stays on screen; the write's answer then replaces it.
    @Test func aReadThatLeftBeforeAPendingChangeKeepsIt() throws {
        var s = Self.opening()
        let t = try #require(Self.token(s.update(.action(.cycleImportance))))
        #expect(s.detail.task?.importance == .normal)  // optimistic, at once
        var full = Fixture.tasks[0]
        full.description = "The whole spec"
        _ = s.handle(.detailTask(taskId: "T1", .success(full)))   // still .high: read before the change
        #expect(s.detail.task?.importance == .normal)
        #expect(s.detail.task?.description == "The whole spec")
        var written = full
        written.importance = .normal
        written.updatedDate = "2024-06-15T12:00:05Z"
        _ = s.handle(.taskWrite(token: t, .success([written])))
        #expect(s.detail.task?.importance == .normal && s.status.lastError == nil)
    }

    /// The write's answer came first: an older read arriving later does not put the old value back.
    @Test func aReadOlderThanTheWritesAnswerIsNotShown() throws {
        var s = Self.opening()
        let t = try #require(Self.token(s.update(.action(.cycleImportance))))
        var written = Fixture.tasks[0]
        written.importance = .normal
        written.updatedDate = "2024-06-15T12:00:05Z"
        _ = s.handle(.taskWrite(token: t, .success([written])))
        _ = s.handle(.detailTask(taskId: "T1", .success(Fixture.tasks[0])))   // updated 2024-06-03, importance high
        #expect(s.detail.task?.importance == .normal)
        #expect(s.detail.taskStatus == .loaded)
        // A newer read is taken as it is.
        var newer = written
        newer.importance = .low
        newer.updatedDate = "2024-06-15T12:01:00Z"
        _ = s.handle(.detailTask(taskId: "T1", .success(newer)))
        #expect(s.detail.task?.importance == .low)
    }
}
