import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

@Suite struct TaskEndpointTests {
    @Test func listIsThinAndFieldsAddData() throws {
        let api = APICaller(dataset: tinyDataset())
        let list = try api.ok(WrikeTask.self, .get, "/folders/F2/tasks")
        #expect(list.kind == "tasks")
        #expect(list.data.map(\.id) == ["T1", "T2"])
        let t1 = list.data[0]
        #expect(t1.title == "Write spec" && t1.status == .active && t1.customStatusId == "CS_NEW")
        #expect(t1.responsibleIds == nil && t1.description == nil && t1.parentIds == nil)
        #expect(list.nextPageToken == nil && list.responseSize == nil)
        let rich = try api.ok(WrikeTask.self, .get, "/folders/F2/tasks", [("fields", #"["responsibleIds","parentIds","subTaskIds","description"]"#)])
        #expect(rich.data[0].responsibleIds == ["ME"])
        #expect(rich.data[0].parentIds == ["F2"])
        #expect(rich.data[0].subTaskIds == ["T1a"])
        #expect(rich.data[0].description?.contains("<b>Write spec</b>") == true)
        let bad = try api.fail(400, "invalid_parameter", .get, "/tasks", [("fields", #"["nope"]"#)])
        #expect(bad.errorDescription?.contains("fields") == true)
        let unknown = try api.fail(400, "invalid_request", .get, "/tasks", [("firstName", "x")])
        #expect(unknown.errorDescription == "Parameter 'firstName' is not allowed")
    }

    @Test func scopesDescendantsAndSubtasks() throws {
        let api = APICaller(dataset: tinyDataset())
        #expect(try api.ok(WrikeTask.self, .get, "/tasks").data.map(\.id) == ["T1", "T2", "T3", "T4"])
        #expect(try api.ok(WrikeTask.self, .get, "/tasks", [("subTasks", "true")]).data.map(\.id) == ["T1", "T2", "T3", "T4", "T1a"])
        #expect(try api.ok(WrikeTask.self, .get, "/folders/F1/tasks").data.map(\.id) == ["T1", "T2", "T3", "T4"])
        #expect(try api.ok(WrikeTask.self, .get, "/folders/F1/tasks", [("descendants", "false")]).data.map(\.id) == ["T3", "T4"])
        #expect(try api.ok(WrikeTask.self, .get, "/spaces/SP1/tasks").data.count == 4)
        #expect(try api.ok(WrikeTask.self, .get, "/folders/F2/tasks", [("subTasks", "true")]).data.map(\.id) == ["T1", "T2", "T1a"])
        _ = try api.fail(404, "resource_not_found", .get, "/folders/NOPE/tasks")
        _ = try api.fail(404, "resource_not_found", .get, "/spaces/NOPE/tasks")
    }

    @Test func filters() throws {
        let api = APICaller(dataset: tinyDataset())
        func ids(_ q: [(String, String)]) throws -> [String] { try api.ok(WrikeTask.self, .get, "/tasks", q).data.map(\.id) }
        #expect(try ids([("status", "Completed")]) == ["T2"])
        #expect(try ids([("status", #"["Active","Completed"]"#)]) == ["T1", "T2", "T3", "T4"])
        #expect(try ids([("importance", "High")]) == ["T1"])
        #expect(try ids([("responsibles", #"["U2"]"#)]) == ["T2", "T4"])
        #expect(try ids([("customStatuses", #"["CS_WIP"]"#)]) == ["T4"])
        #expect(try ids([("title", "SPEC")]) == ["T1", "T2"])
        #expect(try ids([("type", "Milestone")]) == ["T4"])
        #expect(try ids([("dueDate", #"{"start":"2026-11-10","end":"2026-11-30"}"#)]) == ["T4"])
        #expect(try ids([("startDate", #"{"equal":"2026-11-01"}"#)]) == ["T1", "T2"])
        #expect(try ids([("createdDate", #"{"start":"2026-09-30T00:00:00Z","end":"2026-10-02T00:00:00Z"}"#)]).count == 4)
        #expect(try ids([("sortField", "Title"), ("sortOrder", "Asc")]) == ["T3", "T4", "T2", "T1"])
        #expect(try ids([("sortField", "Importance"), ("sortOrder", "Desc")]).first == "T4")
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("status", "Open")])
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("importance", "high")])
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("sortField", "Color")])
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("createdDate", #"{"start":"2026-09-30T00:00:00.000Z"}"#)])
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("createdDate", #"{"start":"2026-10-30T00:00:00Z","end":"2026-10-01T00:00:00Z"}"#)])
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("pageSize", "0")])
    }

    @Test func pagingAcrossPagesWithFilters() throws {
        let api = APICaller(dataset: DatasetGenerator.generate(tasks: 1_500, folders: 20, seed: 11))
        let filters = [("status", #"["Active"]"#), ("sortField", "DueDate"), ("sortOrder", "Asc")]
        let all = try api.ok(WrikeTask.self, .get, "/tasks", filters).data
        #expect(all.count > 100)
        var collected: [WrikeTask] = []
        var token: String?
        var pages = 0
        repeat {
            var q = filters + [("fields", #"["responsibleIds"]"#)]
            if let token { q.append(("nextPageToken", token)) } else { q.append(("pageSize", "97")) }
            let page = try api.ok(WrikeTask.self, .get, "/tasks", q)
            #expect(page.responseSize == all.count)
            #expect(page.data.allSatisfy { $0.status == .active && $0.responsibleIds != nil })
            collected += page.data
            token = page.nextPageToken
            pages += 1
        } while token != nil && pages < 100
        #expect(pages == (all.count + 96) / 97)
        #expect(collected.map(\.id) == all.map(\.id))
        // Filters are not remembered: a token sent without them pages the unfiltered list.
        let first = try api.ok(WrikeTask.self, .get, "/tasks", filters + [("pageSize", "10")])
        let next = try api.ok(WrikeTask.self, .get, "/tasks", [("nextPageToken", try #require(first.nextPageToken))])
        #expect(next.responseSize != all.count)
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks", [("nextPageToken", "garbage!")])
    }

    @Test func thousandCapWithoutPageSize() throws {
        let api = APICaller(dataset: DatasetGenerator.generate(tasks: 1_300, folders: 10, seed: 2))
        let all = try api.ok(WrikeTask.self, .get, "/tasks", [("subTasks", "true")])
        #expect(all.data.count == 1_000)
        #expect(all.nextPageToken == nil && all.responseSize == nil)
        let paged = try api.ok(WrikeTask.self, .get, "/tasks", [("subTasks", "true"), ("pageSize", "1000")])
        #expect(paged.responseSize == 1_300)
        #expect(paged.nextPageToken != nil)
        let limited = try api.ok(WrikeTask.self, .get, "/tasks", [("limit", "5")])
        #expect(limited.data.count == 5)
    }

    @Test func byIdsFullModelAndLimit() throws {
        let api = APICaller(dataset: tinyDataset())
        let two = try api.ok(WrikeTask.self, .get, "/tasks/T1,T4")
        #expect(two.data.map(\.id) == ["T1", "T4"])
        #expect(two.data[0].responsibleIds == ["ME"] && two.data[0].subTaskIds == ["T1a"] && two.data[0].authorIds == ["ME"])
        #expect(two.data[0].briefDescription == "About Write spec & more")
        #expect(two.data[0].attachmentCount == nil)
        #expect(try api.ok(WrikeTask.self, .get, "/tasks/T1", [("fields", #"["attachmentCount"]"#)]).data[0].attachmentCount == 0)
        _ = try api.fail(400, "invalid_parameter", .get, "/tasks/T1", [("fields", #"["responsibleIds"]"#)])
        _ = try api.fail(404, "resource_not_found", .get, "/tasks/T1,NOPE")
        let many = (0..<101).map { "X\($0)" }.joined(separator: ",")
        let err = try api.fail(400, "invalid_request", .get, "/tasks/\(many)")
        #expect(err.errorDescription?.contains("100") == true)
        let hundred = (0..<100).map { _ in "T1" }.joined(separator: ",")
        #expect(try api.ok(WrikeTask.self, .get, "/tasks/\(hundred)").data.count == 100)
    }

    @Test func updateTask() throws {
        let clock = TestClock()
        let api = APICaller(dataset: tinyDataset(), clock: clock)
        let done = try api.ok(WrikeTask.self, .put, "/tasks/T1", json: #"{"customStatus":"CS_DONE","addResponsibles":["U2"],"removeResponsibles":["ME"]}"#)
        let t = try #require(done.data.first)
        #expect(t.status == .completed && t.customStatusId == "CS_DONE")
        #expect(t.completedDate == WrikeDate.formatTimestamp(clock.now))
        #expect(t.updatedDate == WrikeDate.formatTimestamp(clock.now))
        #expect(t.responsibleIds == ["U2"])
        clock.advance(60)
        let hold = try api.ok(WrikeTask.self, .put, "/tasks/T1", [("status", "Deferred"), ("title", "Renamed"), ("importance", "Low")])
        #expect(hold.data[0].customStatusId == "CS_HOLD" && hold.data[0].status == .deferred && hold.data[0].completedDate == nil)
        #expect(hold.data[0].title == "Renamed" && hold.data[0].importance == .low)
        let dated = try api.ok(WrikeTask.self, .put, "/tasks/T3", json: #"{"dates":{"start":"2026-12-01","due":"2026-12-03"}}"#)
        #expect(dated.data[0].dates?.type == .planned)
        #expect(dated.data[0].dates?.start == "2026-12-01T09:00:00" && dated.data[0].dates?.due == "2026-12-03T17:00:00")
        #expect(dated.data[0].dates?.duration == 3 * 480)
        #expect(api.sandbox.task("T3")?.dates?.type == .planned)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T1", json: #"{"customStatus":"NOPE"}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T1", json: #"{"importance":"Urgent"}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T1", json: #"{"addResponsibles":["GHOST"]}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T1", json: #"{"title":"  "}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/tasks/T1", json: #"{"dates":{"start":"2026-12-05","due":"2026-12-01"}}"#)
        _ = try api.fail(400, "invalid_request", .put, "/tasks/T1", json: #"{"id":"T1"}"#)
        _ = try api.fail(404, "resource_not_found", .put, "/tasks/NOPE", json: #"{"title":"x"}"#)
        // Form-encoded body.
        let form = try api.sandbox.handle(HTTPRequest(method: .put, path: "/tasks/T2", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                                                      body: Data("title=Form+title&addResponsibles=%5B%22ME%22%5D".utf8)))
        #expect(form.status == 200)
        #expect(api.sandbox.task("T2")?.title == "Form title")
        #expect(api.sandbox.task("T2")?.responsibleIds == ["U2", "ME"])
    }

    @Test func bulkUpdate() throws {
        let api = APICaller(dataset: tinyDataset())
        let r = try api.ok(WrikeTask.self, .put, "/tasks/T3,T4", json: #"{"customStatus":"CS_DONE","addResponsibles":["U2"]}"#)
        #expect(r.data.map(\.id) == ["T3", "T4"])
        #expect(r.data.allSatisfy { $0.status == .completed && ($0.responsibleIds ?? []).contains("U2") })
        let err = try api.fail(400, "invalid_request", .put, "/tasks/T3,T4", json: #"{"title":"no"}"#)
        #expect(err.errorDescription == "Parameter 'title' is not allowed")
        _ = try api.fail(404, "resource_not_found", .put, "/tasks/T3,NOPE", json: #"{"customStatus":"CS_NEW"}"#)
        #expect(api.sandbox.task("T3")?.customStatusId == "CS_DONE")
    }

    @Test func createAndDeleteTask() throws {
        let api = APICaller(dataset: tinyDataset())
        let created = try api.ok(WrikeTask.self, .post, "/folders/F1/tasks", json: #"{"title":"New one","responsibles":["U2"],"importance":"High"}"#)
        let t = try #require(created.data.first)
        #expect(t.parentIds == ["F1"] && t.responsibleIds == ["U2"] && t.importance == .high && t.customStatusId == "CS_NEW")
        _ = try api.fail(400, "parameter_required", .post, "/folders/F1/tasks", json: #"{}"#)
        let deleted = try api.ok(WrikeTask.self, .delete, "/tasks/\(t.id)")
        #expect(deleted.data[0].scope == .rbTask)
        #expect(try api.ok(WrikeTask.self, .get, "/folders/F1/tasks").data.allSatisfy { $0.id != t.id })
    }
}
