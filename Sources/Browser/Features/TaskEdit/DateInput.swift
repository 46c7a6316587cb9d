// Dates typed in words, turned into Wrike's task dates. Pure: today comes from the state (`AppState.today`)
// and the working days from the caller; days are counted on the proleptic Gregorian calendar with
// integer arithmetic (no clock, no time zone). See docs/editing.md ("Dates").
//
//   none | backlog | -          → Backlog (no dates)
//   today | tomorrow | mon…sun  → due that day (a weekday: the next one, today included)
//   +3d | +2w                   → due in 3 days / 2 weeks
//   2026-12-20                  → due that day
//   A..B                        → planned from A to B (each any of the forms above)
//   3d | 2w                     → a duration in working days, from the current start (else today)
// A lone due date keeps the current start when it is not after it (Planned), else it is a Milestone.
import Foundation
import WrikeAPI

public struct DateInputError: Error, Sendable, Equatable {
    public var message: String
}

public enum DateInput {
    /// Monday to Friday (0 = Sunday).
    public static let weekdays: Set<Int> = [1, 2, 3, 4, 5]
    static let dayNames = ["sun", "mon", "tue", "wed", "thu", "fri", "sat"]
    public static let startTime = "T09:00:00"
    public static let dueTime = "T17:00:00"

    public static func parse(_ text: String, current: TaskDates?, today: String,
                             workDays: Set<Int> = weekdays) -> Result<TaskDates, DateInputError> {
        let s = text.trimmingCharacters(in: .whitespaces).lowercased()
        guard let now = day(today) else { return .failure(DateInputError(message: "Today's date is not known yet.")) }
        if s.isEmpty { return .failure(DateInputError(message: "Type a date (fri, +3d, 2026-12-20), a duration (3d) or none.")) }
        if ["none", "backlog", "-"].contains(s) { return .success(TaskDates(type: .backlog)) }
        if let r = s.range(of: "..") {
            guard let a = point(String(s[..<r.lowerBound]), now), let b = point(String(s[r.upperBound...]), now) else {
                return .failure(bad(text))
            }
            guard a <= b else { return .failure(DateInputError(message: "The start is after the due date.")) }
            return .success(planned(a, b, workDays))
        }
        if let n = length(s) {
            let start = current?.start.flatMap { day(String($0.prefix(10))) } ?? now
            var end = start
            // The start counts as one of the days only when it is a working day.
            var left = (workDays.isEmpty || workDays.contains(weekday(start))) ? n - 1 : n
            var guardCount = 0
            while left > 0 && guardCount < 10_000 {
                end += 1
                guardCount += 1
                if workDays.isEmpty || workDays.contains(weekday(end)) { left -= 1 }
            }
            return .success(planned(start, end, workDays))
        }
        guard let due = point(s, now) else { return .failure(bad(text)) }
        if let start = current?.start.flatMap({ day(String($0.prefix(10))) }), start <= due, current?.type == .planned {
            return .success(planned(start, due, workDays))
        }
        return .success(TaskDates(type: .milestone, due: format(due) + dueTime))
    }

    static func bad(_ text: String) -> DateInputError {
        DateInputError(message: "Not a date: “\(text.prefix(40))”. Try fri, +3d, 2026-12-20, 3d (a duration), a..b or none.")
    }

    static func planned(_ a: Int, _ b: Int, _ workDays: Set<Int>) -> TaskDates {
        var working = 0
        for d in a...b where workDays.isEmpty || workDays.contains(weekday(d)) { working += 1 }
        return TaskDates(type: .planned, duration: max(working, 1) * 480, start: format(a) + startTime, due: format(b) + dueTime)
    }

    /// A day: today, tomorrow, a weekday, +Nd/+Nw, yyyy-MM-dd.
    static func point(_ raw: String, _ now: Int) -> Int? {
        let s = raw.trimmingCharacters(in: .whitespaces)
        switch s {
        case "today", "tod": return now
        case "tomorrow", "tom": return now + 1
        default: break
        }
        if let i = dayNames.firstIndex(where: { s.count >= 3 && ($0 == s || fullName($0).hasPrefix(s)) }) {
            return now + (i - weekday(now) + 7) % 7
        }
        if s.hasPrefix("+"), let n = length(String(s.dropFirst()), working: false) { return now + n }
        return day(s)
    }

    static func fullName(_ short: String) -> String {
        ["sun": "sunday", "mon": "monday", "tue": "tuesday", "wed": "wednesday", "thu": "thursday", "fri": "friday",
         "sat": "saturday"][short] ?? short
    }

    /// `3d`, `2w` (a week: 5 working days, or 7 calendar days when `working` is false).
    static func length(_ s: String, working: Bool = true) -> Int? {
        guard let unit = s.last, "dw".contains(unit), s.first?.isNumber == true, let n = Int(s.dropLast()), n > 0, n <= 3650 else {
            return nil
        }
        return unit == "d" ? n : n * (working ? 5 : 7)
    }

    /// Days since 1970-01-01 of `yyyy-MM-dd` (nil when it is not a real date).
    public static func day(_ s: String) -> Int? {
        let parts = s.split(separator: "-", omittingEmptySubsequences: false)
        guard parts.count == 3, parts[0].count == 4, parts[1].count == 2, parts[2].count == 2,
              let y = Int(parts[0]), let m = Int(parts[1]), let d = Int(parts[2]), (1...12).contains(m), d >= 1 else { return nil }
        guard d <= CivilDays.daysIn(month: m, year: y) else { return nil }
        return CivilDays.days(y, m, d)
    }

    /// `yyyy-MM-dd` of a day number.
    public static func format(_ z0: Int) -> String {
        let (y, m, d) = CivilDays.date(z0)
        return String(format: "%04d-%02d-%02d", y, m, d)
    }

    /// 0 = Sunday (1970-01-01 was a Thursday).
    static func weekday(_ day: Int) -> Int { ((day % 7) + 7 + 4) % 7 }

    /// The dates as the input shows them: `none`, `2026-12-20`, `2026-12-01..2026-12-03`.
    public static func describe(_ d: TaskDates?) -> String {
        guard let d, d.type != .backlog else { return "none" }
        let due = d.due.map { String($0.prefix(10)) }
        if let s = d.start.map({ String($0.prefix(10)) }), let due, d.type == .planned { return "\(s)..\(due)" }
        return due ?? "none"
    }
}
