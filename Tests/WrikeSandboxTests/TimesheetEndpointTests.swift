import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// The timesheet's endpoints as the sandbox serves them: the week read, work schedules, Wrike's rules on
/// time entries (hours, comment length, locked periods).
@Suite struct TimesheetEndpointTests {
    /// Entries of mine across two weeks and one of someone else.
    func api() throws -> APICaller {
        let api = APICaller(dataset: tinyDataset())
        for (task, day, hours) in [("T1", "2026-11-02", 1.5), ("T1", "2026-11-08", 2.0), ("T4", "2026-11-09", 3.0), ("T4", "2026-11-01", 1.0)] {
            _ = try api.ok(Timelog.self, .post, "/tasks/\(task)/timelogs",
                           json: #"{"hours":\#(hours),"trackedDate":"\#(day)","comment":"w"}"#)
        }
        _ = try api.ok(Timelog.self, .post, "/tasks/T1/timelogs",
                       json: #"{"hours":4,"trackedDate":"2026-11-03","comment":"theirs","onBehalfOf":"U2"}"#)
        return api
    }

    @Test func theWeekIsOneRequestForMyEntriesOnly() throws {
        let api = try api()
        // The request the client sends (Endpoints.Request.myTimelogs(from:through:)), both ends included.
        let request = Endpoints.Request.myTimelogs(from: "2026-11-02", through: "2026-11-08")
        let r = try api.sandbox.handle(request)
        #expect(r.status == 200)
        let logs = try JSONDecoder().decode(Envelope<Timelog>.self, from: r.body).data
        #expect(logs.compactMap(\.trackedDate).sorted() == ["2026-11-02", "2026-11-08"])
        #expect(logs.allSatisfy { $0.userId == "ME" })
        #expect(request.query.contains { $0.name == "me" && $0.value == "true" })
    }

    @Test func workSchedulesInSeed003sShape() throws {
        let api = APICaller()
        let list = try api.ok(WorkSchedule.self, .get, "/workschedules").data
        let s = try #require(list.first)
        #expect(list.count == 1 && s.scheduleType == "Default" && s.capacityMinutes == 480)
        #expect(s.workDays == ["Mon", "Tue", "Wed", "Thu", "Fri"] && s.userIds == nil)
        #expect(s.capacityHours(weekday: 2) == 8 && s.capacityHours(weekday: 1) == 0)
        let withUsers = try api.ok(WorkSchedule.self, .get, "/workschedules", [("fields", #"["userIds"]"#)]).data
        #expect(withUsers.first?.userIds?.contains(api.sandbox.meId) == true)
        #expect(try api.ok(WorkSchedule.self, .get, "/workschedules/\(s.id)").data.map(\.id) == [s.id])
        _ = try api.fail(404, "resource_not_found", .get, "/workschedules/NOPE")
        _ = try api.fail(400, "invalid_parameter", .get, "/workschedules", [("fields", #"["capacity"]"#)])
        let raw = try api.call(.get, "/workschedules")
        #expect(String(decoding: raw.body, as: UTF8.self).contains(#""workweek":[{"#))
    }

    @Test func workSchedulesReadLeniently() throws {
        // The 2020 method model's week (`dayOfWeek`/`isWorkDay`, no capacity), junk entries, no week at all.
        let json = #"""
        [{"id":"W1","workweek":[{"dayOfWeek":"Mon","isWorkDay":true},{"dayOfWeek":"Sun","isWorkDay":false},"junk",7,
                                {"workDays":["tuesday","Xyz"],"capacityMinutes":"450"}]},
         {"id":"W2","title":12},
         {"id":"W3","workweek":{"not":"a list"},"userIds":"nope"}]
        """#
        let list = try JSONDecoder().decode([WorkSchedule].self, from: Data(json.utf8))
        #expect(list.map(\.id) == ["W1", "W2", "W3"])
        #expect(list[0].workDays == ["Mon", "Tue"] && list[0].capacityMinutes == 450)
        #expect(list[1].workDays.isEmpty && list[1].capacityMinutes == nil && list[1].title == "12")
        #expect(list[2].capacityHours(weekday: 2) == nil)
    }

    @Test func hoursAndCommentRules() throws {
        let api = try api()
        let id = try #require(api.sandbox.timelogs(onTask: "T1").first { $0.userId == "ME" }?.id)
        _ = try api.fail(400, "invalid_parameter", .put, "/timelogs/\(id)", json: #"{"hours":0}"#)
        _ = try api.fail(400, "invalid_parameter", .put, "/timelogs/\(id)", json: #"{"hours":24.01}"#)
        #expect(try api.ok(Timelog.self, .put, "/timelogs/\(id)", json: #"{"hours":24}"#).data.first?.hours == 24)
        let limit = State.timelogCommentLimit
        let long = String(repeating: "é", count: limit + 1)
        _ = try api.fail(400, "invalid_parameter", .put, "/timelogs/\(id)", json: #"{"comment":"\#(long)"}"#)
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T1/timelogs",
                         json: #"{"hours":1,"trackedDate":"2026-11-04","comment":"\#(long)"}"#)
        let fits = String(long.dropLast())
        #expect(try api.ok(Timelog.self, .put, "/timelogs/\(id)", json: #"{"comment":"\#(fits)"}"#).data.first?.comment == fits)
        #expect(try api.ok(Timelog.self, .put, "/timelogs/\(id)", json: #"{"categoryId":"CAT1"}"#).data.first?.categoryId == "CAT1")
    }

    @Test func lockedPeriodsRefuseWritesWithWrikesError() throws {
        let api = try api()
        let early = try #require(api.sandbox.timelogs(onTask: "T1").first { $0.trackedDate == "2026-11-02" })
        let late = try #require(api.sandbox.timelogs(onTask: "T1").first { $0.trackedDate == "2026-11-08" })
        // Through the test-control endpoint, as the end-to-end tests do.
        let lock = HTTPRequest(method: .post, path: "/__sandbox/lock", body: Data(#"{"through":"2026-11-05"}"#.utf8))
        #expect(SandboxControl.handle(lock, sandbox: api.sandbox)?.status == 200)
        let refused = try api.fail(403, "access_forbidden", .put, "/timelogs/\(early.id)", json: #"{"hours":3}"#)
        #expect(refused.errorDescription == "Time entries tracked on or before 2026-11-05 are locked")
        _ = try api.fail(403, "access_forbidden", .delete, "/timelogs/\(early.id)")
        _ = try api.fail(403, "access_forbidden", .put, "/timelogs/\(late.id)", json: #"{"trackedDate":"2026-11-05"}"#)
        _ = try api.fail(403, "access_forbidden", .post, "/tasks/T1/timelogs",
                         json: #"{"hours":1,"trackedDate":"2026-11-05","comment":"x"}"#)
        #expect(api.sandbox.timelogs(onTask: "T1").first { $0.id == early.id }?.hours == 1.5)
        #expect(try api.ok(Timelog.self, .put, "/timelogs/\(late.id)", json: #"{"hours":5}"#).data.first?.hours == 5)
        #expect(api.sandbox.snapshot().timelogsLockedThrough == "2026-11-05")
        let bad = HTTPRequest(method: .post, path: "/__sandbox/lock", body: Data(#"{"through":"soon"}"#.utf8))
        #expect(SandboxControl.handle(bad, sandbox: api.sandbox)?.status == 400)
        api.sandbox.lockTimelogs(through: nil)
        #expect(try api.ok(Timelog.self, .delete, "/timelogs/\(early.id)").data.isEmpty)
    }
}
