// The timesheet's pure model: a week's days from a calendar value, and the grid of my time entries
// (rows = tasks, columns = days) with totals and the work schedule's capacity. No clock: the day comes
// from the state's `now`, the calendar (first weekday, time zone) from the runtime.
import Foundation
import WrikeAPI

/// Seven consecutive days starting on the calendar's first weekday.
public struct TimesheetWeek: Sendable, Hashable {
    /// `yyyy-MM-dd` of each day, in order.
    public let days: [String]
    /// `Calendar` weekday numbers of `days` (1 = Sunday … 7 = Saturday).
    public let weekdays: [Int]

    /// The week holding `date` in `calendar` (its `firstWeekday` and `timeZone`), moved by `offset` weeks.
    public init(containing date: Date, calendar: Calendar, offset: Int = 0) {
        let day = calendar.startOfDay(for: date)
        let back = (calendar.component(.weekday, from: day) - calendar.firstWeekday + 7) % 7
        var out: [String] = [], weekdays: [Int] = []
        for i in 0..<7 {
            // Whole days through the calendar (23 or 25 hours across a DST change), noon to stay inside the day.
            let noon = calendar.date(byAdding: .hour, value: 12, to: day) ?? day
            let d = calendar.date(byAdding: .day, value: i - back + offset * 7, to: noon) ?? noon
            let c = calendar.dateComponents([.year, .month, .day, .weekday], from: d)
            out.append(Self.format(year: c.year ?? 1970, month: c.month ?? 1, day: c.day ?? 1))
            weekdays.append(c.weekday ?? 1)
        }
        days = out
        self.weekdays = weekdays
    }

    public var first: String { days[0] }
    public var last: String { days[6] }

    static func format(year: Int, month: Int, day: Int) -> String {
        func pad(_ n: Int, _ w: Int) -> String { let s = String(n); return String(repeating: "0", count: max(0, w - s.count)) + s }
        return "\(pad(year, 4))-\(pad(month, 2))-\(pad(day, 2))"
    }

    /// The short day name of column `i` (`Mon`), from `WorkSchedule.dayNames`.
    public func dayName(_ i: Int) -> String { WorkSchedule.dayNames[max(0, min(6, weekdays[i] - 1))] }
}

/// One row: a task and its entries per day.
public struct TimesheetRow: Sendable, Hashable {
    public var taskId: String
    /// Entries per day column (7), in the order Wrike created them.
    public var cells: [[Timelog]]
    public func hours(_ day: Int) -> Double { cells[day].reduce(0) { $0 + $1.hours } }
    public var total: Double { cells.reduce(0) { $0 + $1.reduce(0) { $0 + $1.hours } } }
}

/// The week's grid of entries.
public struct TimesheetGrid: Sendable, Hashable {
    public var rows: [TimesheetRow]
    public var dayTotals: [Double]
    public var weekTotal: Double

    /// Groups `logs` tracked in `week` by task; rows ordered by `title(taskId)` then id. `extraTasks` get a
    /// row even without entries (a task just added from the list).
    public init(logs: [Timelog], week: TimesheetWeek, title: (String) -> String, extraTasks: [String] = []) {
        var byTask: [String: [[Timelog]]] = [:]
        for id in extraTasks { byTask[id] = byTask[id] ?? Array(repeating: [], count: 7) }
        for log in logs {
            guard let taskId = log.taskId, let day = log.trackedDate.flatMap({ week.days.firstIndex(of: String($0.prefix(10))) })
            else { continue }
            byTask[taskId, default: Array(repeating: [], count: 7)][day].append(log)
        }
        rows = byTask.map { TimesheetRow(taskId: $0.key, cells: $0.value.map { $0.sorted { ($0.createdDate ?? "", $0.id) < ($1.createdDate ?? "", $1.id) } }) }
            .sorted { (title($0.taskId).lowercased(), $0.taskId) < (title($1.taskId).lowercased(), $1.taskId) }
        let sorted = rows
        let totals = (0..<7).map { d in sorted.reduce(0) { $0 + $1.hours(d) } }
        dayTotals = totals
        weekTotal = totals.reduce(0, +)
    }

    /// The capacity of each day and of the week in hours, nil when the schedule does not say.
    public static func capacity(_ schedule: WorkSchedule?, week: TimesheetWeek) -> (days: [Double], week: Double)? {
        guard let schedule else { return nil }
        let days = week.weekdays.compactMap { schedule.capacityHours(weekday: $0) }
        guard days.count == 7 else { return nil }
        return (days, days.reduce(0, +))
    }
}

extension WorkSchedule {
    /// The schedule that applies to `me`: the one listing me, else the account's default.
    public static func mine(_ schedules: [WorkSchedule], me: String?) -> WorkSchedule? {
        if let me, let s = schedules.first(where: { $0.userIds?.contains(me) == true }) { return s }
        return schedules.first { $0.scheduleType?.lowercased() == "default" } ?? (schedules.count == 1 ? schedules.first : nil)
    }
}
