// The timer's arithmetic: elapsed time, hours rounded to the minute, and a stretch of time split per
// calendar day of the user's time zone (a timer across midnight or longer than 24 h becomes one time
// entry per day). Pure: the calendar and the times are passed in, so DST days are tested.
import Foundation
import WrikeAPI

/// One day's share of a timer: its date (`yyyy-MM-dd`), its seconds, and where it ends.
public struct TimerDay: Sendable, Equatable {
    public var date: String
    public var seconds: TimeInterval
    /// The end of this day's share (the next day's midnight, or the timer's stop).
    public var end: Date
    public init(date: String, seconds: TimeInterval, end: Date) {
        self.date = date
        self.seconds = seconds
        self.end = end
    }

    /// Whole minutes (rounded to the nearest), at most 24 h (Wrike's limit for one entry: a 25-hour
    /// day at the end of summer time is logged as 24).
    public var minutes: Int { min(24 * 60, Int((seconds / 60).rounded())) }
    /// `minutes` as hours for Wrike.
    public var hours: Double { Double(minutes) / 60 }
}

public enum TimerMath {
    /// Seconds from `start` to `now` (never negative: a clock set back shows 0).
    public static func elapsed(from start: Date, to now: Date) -> TimeInterval { max(0, now.timeIntervalSince(start)) }

    /// "1:05:09" / "0:04:00" (h:mm:ss), for the status line.
    public static func clock(_ seconds: TimeInterval) -> String {
        let s = Int(max(0, seconds))
        let mm = (s / 60) % 60, ss = s % 60
        return "\(s / 3600):" + (mm < 10 ? "0" : "") + "\(mm):" + (ss < 10 ? "0" : "") + "\(ss)"
    }

    /// "2h 05m" / "45m" / "0m" (rounded to the minute), for summaries.
    public static func minutesText(_ minutes: Int) -> String {
        let h = minutes / 60, m = minutes % 60
        if h == 0 { return "\(m)m" }
        return "\(h)h " + (m < 10 ? "0" : "") + "\(m)m"
    }

    /// A Gregorian calendar in `timeZone` (the app's and the command line's days).
    public static func calendar(_ timeZone: TimeZone) -> Calendar {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = timeZone
        return c
    }

    /// `start ..< end` split at each midnight of `calendar`; days whose share rounds to 0 minutes are left out.
    public static func split(from start: Date, to end: Date, calendar: Calendar) -> [TimerDay] {
        guard end > start else { return [] }
        var days: [TimerDay] = []
        var from = start
        while from < end {
            let midnight = calendar.dateInterval(of: .day, for: from)?.end ?? end
            let to = min(end, midnight > from ? midnight : end)
            days.append(TimerDay(date: WrikeDate.formatDate(from, timeZone: calendar.timeZone),
                                 seconds: to.timeIntervalSince(from), end: to))
            from = to
        }
        return days.filter { $0.minutes > 0 }
    }

    /// The split as lines: "2026-12-05  1h 30m".
    public static func describe(_ days: [TimerDay]) -> [String] {
        days.map { "\($0.date)  \(minutesText($0.minutes))" }
    }
}
