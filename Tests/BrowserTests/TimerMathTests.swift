import Foundation
import Testing
@testable import Browser

/// The timer's arithmetic: elapsed time, minutes, the split per day (midnight, > 24 h, DST days).
@Suite struct TimerMathTests {
    static func date(_ s: String) -> Date {
        let f = ISO8601DateFormatter()
        return f.date(from: s) ?? Date(timeIntervalSince1970: 0)
    }
    let utcCal = TimerMath.calendar(TimeZone(identifier: "UTC") ?? .current)
    let berlin = TimerMath.calendar(TimeZone(identifier: "Europe/Berlin") ?? .current)

    @Test func elapsedIsNeverNegativeAndTheClockShowsHoursMinutesSeconds() {
        let start = Self.date("2026-12-06T10:00:00Z")
        #expect(TimerMath.elapsed(from: start, to: start.addingTimeInterval(3909)) == 3909)
        #expect(TimerMath.elapsed(from: start, to: start.addingTimeInterval(-50)) == 0)
        #expect(TimerMath.clock(3909) == "1:05:09")
        #expect(TimerMath.clock(240) == "0:04:00")
        #expect(TimerMath.minutesText(125) == "2h 05m")
        #expect(TimerMath.minutesText(45) == "45m")
    }

    @Test func hoursAreRoundedToTheNearestMinute() {
        let start = Self.date("2026-12-06T10:00:00Z")
        let days = TimerMath.split(from: start, to: start.addingTimeInterval(65 * 60 + 31), calendar: utcCal)
        #expect(days.count == 1)
        #expect(days[0].minutes == 66)
        #expect(abs(days[0].hours - 1.1) < 1e-9)
        #expect(days[0].date == "2026-12-06")
        let down = TimerMath.split(from: start, to: start.addingTimeInterval(65 * 60 + 29), calendar: utcCal)
        #expect(down[0].minutes == 65)
        // Under half a minute: nothing to log.
        #expect(TimerMath.split(from: start, to: start.addingTimeInterval(29), calendar: utcCal).isEmpty)
    }

    @Test func aTimerAcrossMidnightIsSplitPerLocalDay() {
        let days = TimerMath.split(from: Self.date("2026-12-05T22:30:00Z"), to: Self.date("2026-12-06T01:15:00Z"), calendar: utcCal)
        #expect(days.map(\.date) == ["2026-12-05", "2026-12-06"])
        #expect(days.map(\.minutes) == [90, 75])
        #expect(days[0].end == Self.date("2026-12-06T00:00:00Z"))
        // The same stretch in Berlin (UTC+1) is one local day: 23:30 → 02:15 crosses midnight at 23:00Z.
        let local = TimerMath.split(from: Self.date("2026-12-05T22:30:00Z"), to: Self.date("2026-12-06T01:15:00Z"), calendar: berlin)
        #expect(local.map(\.date) == ["2026-12-05", "2026-12-06"])
        #expect(local.map(\.minutes) == [30, 135])
    }

    @Test func aTimerLongerThan24HoursGivesOneEntryPerDayEachAtMost24() {
        let days = TimerMath.split(from: Self.date("2026-12-04T09:00:00Z"), to: Self.date("2026-12-06T11:00:00Z"), calendar: utcCal)
        #expect(days.map(\.date) == ["2026-12-04", "2026-12-05", "2026-12-06"])
        #expect(days.map(\.minutes) == [15 * 60, 24 * 60, 11 * 60])
        #expect(TimerMath.describe(days) == ["2026-12-04  15h 00m", "2026-12-05  24h 00m", "2026-12-06  11h 00m"])
    }

    @Test func summerTimeDaysAreSplitAtLocalMidnight() {
        // 2026-03-29 in Berlin has 23 hours (02:00 → 03:00); 2026-10-25 has 25 (capped at Wrike's 24).
        let spring = TimerMath.split(from: Self.date("2026-03-28T23:00:00Z"), to: Self.date("2026-03-29T22:00:00Z"), calendar: berlin)
        #expect(spring.map(\.date) == ["2026-03-29"])
        #expect(spring.map(\.minutes) == [23 * 60])
        let autumn = TimerMath.split(from: Self.date("2026-10-24T22:00:00Z"), to: Self.date("2026-10-25T23:00:00Z"), calendar: berlin)
        #expect(autumn.map(\.date) == ["2026-10-25"])
        #expect(autumn[0].seconds == 25 * 3600)
        #expect(autumn.map(\.minutes) == [24 * 60])
        // Across the spring night: 2 h before local midnight... the split is at 00:00 local = 23:00Z.
        let across = TimerMath.split(from: Self.date("2026-03-28T21:00:00Z"), to: Self.date("2026-03-29T03:00:00Z"), calendar: berlin)
        #expect(across.map(\.date) == ["2026-03-28", "2026-03-29"])
        #expect(across.map(\.minutes) == [120, 240])
    }
}
