import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// `POST /folders/{id}/tasks`, `PUT /tasks/{id}` (edits of issue 16), `DELETE /tasks/{id}` and bulk
/// `PUT /tasks/{ids}` with Wrike's validation (docs/sandbox.md, "Task writes").
@Suite struct TaskWriteTests {
    @Test func createTakesEveryFieldAndValidatesThem() throws {
        let clock = TestClock()
        let api = APICaller(dataset: tinyDataset(), clock: clock)
        let body = #"{"title":"Ship it","description":"<b>now</b>","importance":"High","responsibles":["U2"],"#
            + #""dates":{"type":"Planned","start":"2026-12-07","due":"2026-12-09"},"customStatus":"CS_WIP","#
            + #""parents":["F2"]}"#
        let t = try #require(try api.ok(WrikeTask.self, .post, "/folders/F1/tasks", json: body).data.first)
        #expect(t.title == "Ship it" && t.description == "<b>now</b>" && t.briefDescription == "now")
        #expect(t.importance == .high && t.responsibleIds == ["U2"] && t.authorIds == ["ME"])
        #expect(t.dates?.start == "2026-12-07T09:00:00" && t.dates?.due == "2026-12-09T17:00:00" && t.dates?.duration == 3 * 480)
        #expect(t.customStatusId == "CS_WIP" && t.status == .active)
        #expect(t.parentIds == ["F1", "F2"] && t.scope == .wsTask)
        #expect(t.createdDate == WrikeDate.formatTimestamp(clock.now) && t.updatedDate == t.createdDate)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks", json: #"{"title":"  "}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks", json: #"{"title":"x","responsibles":["GHOST"]}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks", json: #"{"title":"x","customStatus":"NOPE"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks", json: #"{"title":"x","parents":["NOPE"]}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks", json: #"{"title":"x","importance":"Urgent"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks",
                         json: #"{"title":"x","dates":{"type":"Planned","start":"2026-12-09","due":"2026-12-07"}}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/folders/F1/tasks", json: #"{"title":"x","dates":{"type":"Milestone"}}"#)
        // What the new-task form sends for `fri`: a milestone with Wrike's due time.
        let m = try api.ok(WrikeTask.self, .post, "/folders/F1/tasks",
                           json: #"{"title":"Due fri","dates":{"type":"Milestone","due":"2026-12-11T17:00:00"}}"#).data.first
        #expect(m?.dates?.type == .milestone && m?.dates?.due == "2026-12-11T17:00:00")
        _ = try api.fail(400, "invalid_request", .post, "/folders/F1/tasks", json: #"{"title":"x","addResponsibles":["U2"]}"#)
        _ = try api.fail(404, "resource_not_found", .post, "/folders/F3/tasks", json: #"{"title":"in the bin"}"#)
        _ = try api.fail(404, "resource_not_found", .post, "/folders/NOPE/tasks", json: #"{"title":"x"}"#)
        #expect(api.sandbox.snapshot().tasks.filter { $0.title == "x" }.isEmpty)
    }

    @Test func aSubtaskInheritsItsSuperTasksFolders() throws {
        let api = APICaller(dataset: tinyDataset())
        let sub = try #require(try api.ok(WrikeTask.self, .post, "/folders/F2/tasks", json: #"{"title":"Part","superTasks":["T4"]}"#).data.first)
        #expect(sub.superTaskIds == ["T4"] && sub.superParentIds == ["F1"])
        #expect(api.sandbox.task("T4")?.subTaskIds == [sub.id])
        let moved = try api.ok(WrikeTask.self, .put, "/tasks/\(sub.id)", json: #"{"removeSuperTasks":["T4"],"addSuperTasks":["T1"]}"#)
        #expect(moved.data[0].superParentIds == ["F2"])
        #expect(api.sandbox.task("T4")?.subTaskIds == [])
    }

    @Test func editsEachFieldAndRefusesBadOnes() throws {
        let api = APICaller(dataset: tinyDataset())
        let r = try api.ok(WrikeTask.self, .put, "/tasks/T3", json: #"{"title":"Idea","description":"<i>why</i>","importance":"Low","addParents":["F2"],"removeParents":["F1"],"addResponsibles":["U2"],"dates":{"type":"Milestone","due":"2026-12-20"}}"#)
        let t = r.data[0]
        #expect(t.title == "Idea" && t.description == "<i>why</i>" && t.importance == .low)
        #expect(t.parentIds == ["F2"] && t.responsibleIds == ["U2"])
        #expect(t.dates?.type == .milestone && t.dates?.due == "2026-12-20T17:00:00" && t.dates?.start == nil)
        let cleared = try api.ok(WrikeTask.self, .put, "/tasks/T3", json: #"{"dates":{"type":"Backlog"},"removeResponsibles":["U2"]}"#)
        #expect(cleared.data[0].dates == TaskDates(type: .backlog) && cleared.data[0].responsibleIds == [])
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T3", json: #"{"removeParents":["F2"]}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T3", json: #"{"dates":{"type":"Milestone"}}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T3", json: #"{"dates":{"due":"2026-12-20Z"}}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T3", json: #"{"addParents":["NOPE"]}"#)
        // "Cannot contain RecycleBin folder": delete moves a task there, never addParents.
        let bin = try api.fail(400, "invalid_parameter", .put, "/tasks/T3", json: #"{"addParents":["IEAAAAAAI7777776"]}"#)
        #expect(bin.errorDescription == "Parameter 'addParents' value is invalid: cannot contain the Recycle Bin")
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T3,T4", json: #"{"removeParents":["IEAAAAAAI7777776"]}"#)
        #expect(api.sandbox.task("T3")?.parentIds == ["F2"])
    }

    @Test func deleteGoesToTheRecycleBinAndRestoreBringsItBack() throws {
        let api = APICaller(dataset: tinyDataset())
        let gone = try api.ok(WrikeTask.self, .delete, "/tasks/T3").data[0]
        #expect(gone.scope == .rbTask && gone.parentIds == ["IEAAAAAAI7777776"])
        #expect(try api.ok(WrikeTask.self, .get, "/tasks/T3").data[0].scope == .rbTask)
        #expect(try api.ok(WrikeTask.self, .get, "/folders/F1/tasks").data.allSatisfy { $0.id != "T3" })
        #expect(try api.ok(WrikeTask.self, .get, "/tasks").data.allSatisfy { $0.id != "T3" })
        #expect(try api.ok(WrikeTask.self, .delete, "/tasks/T3").data[0].parentIds == ["IEAAAAAAI7777776"])
        let back = try api.ok(WrikeTask.self, .put, "/tasks/T3", json: #"{"restore":true}"#).data[0]
        #expect(back.scope == .wsTask && back.parentIds == ["F1"])
        _ = try api.fail(404, "resource_not_found", .delete, "/tasks/NOPE")
        _ = try api.fail(400, "invalid_request", .delete, "/tasks/T1,T2")
    }

    @Test func bulkTakesAtMostAHundredIdsAndIsAllOrNothing() throws {
        let api = APICaller(dataset: tinyDataset())
        let r = try api.ok(WrikeTask.self, .put, "/tasks/T3,T4", json: #"{"addResponsibles":["U2"],"addParents":["F2"]}"#)
        #expect(r.data.allSatisfy { ($0.parentIds ?? []).contains("F2") && ($0.responsibleIds ?? []).contains("U2") })
        let many = (0..<101).map { _ in "T3" }.joined(separator: ",")
        _ = try api.fail(400, "invalid_request", .put, "/tasks/\(many)", json: #"{"addResponsibles":["ME"]}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T3,T4", json: #"{"addResponsibles":["GHOST"]}"#)
        _ = try api.fail(400, "invalid_request", .put, "/tasks/T3,T4", json: #"{"importance":"High"}"#)
        #expect(api.sandbox.task("T3")?.responsibleIds == ["U2"] && api.sandbox.task("T3")?.importance == .normal)
    }
}
