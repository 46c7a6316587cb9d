import Foundation
import Testing
@testable import Browser

/// The timer file's changes (applied under the lock to what the file holds) and its encoding.
@Suite struct TimerRecordTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)
    func entry(_ id: String, at: Date) -> TimerEntry { TimerEntry(taskId: id, taskTitle: "Task \(id)", startedAt: at) }
    func apply(_ c: TimerChange, _ r: TimerRecord?) -> Result<TimerRecord?, TimerConflict> {
        TimerRecord.apply(c, to: r, profile: "default", host: "www.wrike.com")
    }

    @Test func startStopAndLogDayByDay() throws {
        let a = entry("A", at: t0)
        let started = try #require(try apply(.start(a, replacing: nil), nil).get())
        #expect(started.running == a && started.profile == "default" && started.host == "www.wrike.com")
        // One runs at a time.
        #expect(throws: TimerConflict.self) { try apply(.start(entry("B", at: t0), replacing: nil), started).get() }
        let end = t0.addingTimeInterval(30 * 3600)
        let stopped = try #require(try apply(.stop(a, at: end), started).get())
        #expect(stopped.running == nil && stopped.stopped?.stoppedAt == end)
        let s = try #require(stopped.stopped)
        let mid = t0.addingTimeInterval(10 * 3600)
        let sending = TimerEntry.Sending(draftId: "d1", sentAt: end, trackedDate: "2027-01-15", hours: 10, categoryId: nil,
                                         comment: "", through: mid)
        let noted = try #require(try apply(.sending(s, sending), stopped).get())
        #expect(noted.stopped?.sending == sending)
        let part = try #require(try apply(.logged(s, through: mid), noted).get())
        #expect(part.stopped?.startedAt == mid && part.stopped?.sending == nil)
        // The old start no longer names it: a late duplicate change is refused, not applied twice.
        #expect(throws: TimerConflict.self) { try apply(.logged(s, through: mid), part).get() }
        let rest = try #require(part.stopped)
        #expect(try apply(.logged(rest, through: end), part).get() == nil)  // all logged: the file goes
    }

    @Test func replacingMovesTheRunningTimerToStoppedOnlyWhenItIsStillTheSame() throws {
        let a = entry("A", at: t0), b = entry("B", at: t0.addingTimeInterval(600))
        let r = try #require(try apply(.start(a, replacing: nil), nil).get())
        let both = try #require(try apply(.start(b, replacing: a), r).get())
        #expect(both.running == b && both.stopped?.taskId == "A" && both.stopped?.stoppedAt == b.startedAt)
        // Another process restarted A meanwhile: nothing changes.
        let other = try #require(try apply(.start(entry("A", at: t0.addingTimeInterval(5)), replacing: nil), nil).get())
        #expect(throws: TimerConflict.self) { try apply(.start(b, replacing: a), other).get() }
        // A stopped timer waiting blocks a second replacement.
        #expect(throws: TimerConflict.self) { try apply(.start(entry("C", at: t0), replacing: b), both).get() }
        let old = try #require(both.stopped)
        let discarded = try #require(try apply(.discardStopped(old), both).get())
        #expect(discarded.stopped == nil && discarded.running == b)
    }

    @Test func encodingIsVersionedJSONWithUTCTimesAndNoToken() throws {
        var r = TimerRecord(profile: "work", host: "app-eu.wrike.com", running: entry("IEAB", at: t0))
        r.running?.taskTitle = "Ship “it”"
        let text = String(decoding: r.encoded(), as: UTF8.self)
        #expect(text.contains("\"version\" : 1"))
        #expect(text.contains("\"startedAt\" : \"2027-01-15T08:00:00Z\""))
        #expect(!text.lowercased().contains("token"))
        #expect(try TimerRecord.decode(r.encoded()).get() == r)
        #expect(TimerRecord.decode(Array("{\"version\": 9}".utf8)) == .failure(.damaged("not a timer file")))
        var future = r
        future.version = 2
        #expect(TimerRecord.decode(future.encoded()) == .failure(.damaged("format version 2, expected 1")))
    }
}
