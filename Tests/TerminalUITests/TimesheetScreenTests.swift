import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// The timesheet drawn into the in-memory canvas: the week's columns with today marked, a row per task,
/// the selected cell, totals against the schedule's capacity, the selected entry; at 80 columns, in ASCII,
/// and with the default theme on an 8-colour terminal.
@Suite struct TimesheetScreenTests {
    static func state(_ w: Int, _ h: Int) -> AppState {
        var s = BrowserScreenTests.state(width: w, height: h, focus: .list, openTask: false)
        _ = s.handle(.timelogCategories(.success([TimelogCategory(id: "CAT1", name: "Development")])))
        _ = s.update(.timesheet(.open))
        let logs = [
            Timelog(id: "L1", taskId: "T1", userId: "ME", categoryId: "CAT1", hours: 1.5, createdDate: "2024-06-10T09:00:00Z",
                    trackedDate: "2024-06-10", comment: "Spec \u{1B}[2Jreview"),
            Timelog(id: "L2", taskId: "T1", userId: "ME", hours: 2.25, createdDate: "2024-06-10T10:00:00Z", trackedDate: "2024-06-10",
                    comment: "more"),
            Timelog(id: "L3", taskId: "T2", userId: "ME", hours: 9, trackedDate: "2024-06-15", comment: ""),
        ]
        _ = s.handle(.timesheet(.week(generation: 1, .success(logs))))
        _ = s.handle(.timesheet(.schedules(.success([WorkSchedule(id: "W", scheduleType: "Default", title: "Default Schedule",
                                                                  workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"], capacityMinutes: 480)]))))
        _ = s.update(.layout(BrowserLayout.compute(width: w, height: h, focus: s.focus).viewport(state: s)))
        return s
    }

    static func cell(_ c: Canvas, containing text: String, afterColumn x0: Int = 0) throws -> (x: Int, y: Int) {
        for y in 1..<c.height {  // below the frame's title
            let line = c.line(y, trim: false)
            if let r = line.range(of: text) {
                let x = line.distance(from: line.startIndex, to: r.lowerBound)
                if x >= x0 { return (x, y) }
            }
        }
        throw TimesheetScreenError.notFound(text)
    }
    enum TimesheetScreenError: Error { case notFound(String) }

    @Test func theWeekAt80Columns() throws {
        var s = Self.state(80, 24)
        _ = s.update(.timesheet(.move(days: -5, rows: 0)))  // Monday of the first row
        let c = BrowserScreenTests.render(s, 80, 24)
        try BrowserScreenTests.check("timesheet-80x24", c)
        let text = c.text()
        #expect(text.contains("Timesheet · 2024-06-10 – 2024-06-16 · today Sat 15"))
        #expect(text.contains("Mon 10") && text.contains("Sun 16") && text.contains("Sat 15"))
        #expect(text.contains("3.75+"))  // two entries in one cell
        let total = c.lines().first { $0.hasPrefix("│Total") } ?? ""
        #expect(total.contains("3.75") && total.contains("12.75"), "\(total)")
        let capacity = c.lines().first { $0.contains("Capacity") } ?? ""
        #expect(capacity.contains("40"), "\(capacity)")
        #expect(text.contains("2024-06-10 · 1h 30m · Development · entry 1 of 2 (Tab: next) · "), "\(text)")
        #expect(text.contains("Spec review"))
        // The cursor's cell is the selection; today's header and Saturday's over-capacity total stand out.
        let selected = try Self.cell(c, containing: "3.75+")
        #expect(c[selected.x, selected.y].style.role == .selection)
        // Today's column: underlined (seen without colours) in the attention colour.
        let today = try Self.cell(c, containing: "Sat 15")
        #expect(c[today.x, today.y].style == Style(.attention, .underline))
        #expect(c[try Self.cell(c, containing: "Fri 14").x, today.y].style == Style(.header))
        // Saturday's 9 h is over its capacity (0): the overdue colour.
        let saturdayTotal = try Self.cell(c, containing: "9      0  12.75")
        #expect(c[saturdayTotal.x, saturdayTotal.y].style.role == .overdue)
        let theme = try #require(Theme.builtin("default"))
        let normal = theme.resolve(.normal, .eight)
        for role in [Role.selection, .attention] {
            #expect(ThemeDegradationTests.standsOut(theme.resolve(role, .eight), normal: normal), "\(role) on 8 colours")
        }
        #expect(c.line(23).contains("prev week"))
    }

    @Test func narrowAsciiAndEmpty() throws {
        let s = Self.state(40, 12)
        let c = BrowserScreenTests.render(s, 40, 12, ascii: true)
        try BrowserScreenTests.check("timesheet-40x12", c)
        #expect(c.text().contains("Timesheet") && !c.text().contains("·"))
        var empty = BrowserScreenTests.state(width: 100, height: 30, focus: .list, openTask: false)
        _ = empty.update(.timesheet(.open))
        #expect(BrowserScreenTests.render(empty, 100, 30).text().contains("Loading your time entries"))
        _ = empty.handle(.timesheet(.week(generation: 1, .success([]))))
        #expect(BrowserScreenTests.render(empty, 100, 30).text().contains("No time logged this week"))
    }
}
