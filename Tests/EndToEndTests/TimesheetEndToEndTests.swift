import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
import Browser

/// The timesheet in the real binary, in tmux, against `wrike-tui sandbox serve` (the demo workspace): its
/// key shows a week of my entries from the sandbox; one is edited from the grid and read back from the
/// sandbox's data; in a locked period the edit is refused in plain words and nothing changes.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct TimesheetEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    /// The week the screen's title names (`Timesheet · 2026-11-30 – 2026-12-06`).
    static func week(_ screen: String) -> (first: String, last: String)? {
        guard let r = screen.range(of: #"Timesheet · \d{4}-\d\d-\d\d – \d{4}-\d\d-\d\d"#, options: .regularExpression) else { return nil }
        let parts = screen[r].split(separator: " ")
        return (String(parts[2]), String(parts[4]))
    }

    @Test func aWeekOfMyEntriesAndOneEditedReadBack() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        var (ok, screen) = s.tmux.waitFor("Platform")
        try #require(ok, "tree did not load:\n\(screen)")
        s.tmux.keys("H")
        (ok, screen) = s.tmux.waitFor("the timesheet") { (t: String) -> Bool in t.contains("Timesheet ·") && t.contains("Total") && !t.contains("Loading") }
        try #require(ok, "the timesheet did not open:\n\(screen)")
        var week = try #require(Self.week(screen), "\(screen)")
        var weeksShown = 1
        let data = try s.snapshot()
        let me = try #require(data.me)
        func mine(_ w: (first: String, last: String)) -> [Timelog] {
            data.timelogs.filter { $0.userId == me && ($0.trackedDate ?? "") >= w.first && ($0.trackedDate ?? "") <= w.last }
        }
        if mine(week).isEmpty {
            let first = week.first
            s.tmux.keys("[")
            (ok, screen) = s.tmux.waitFor("the previous week") { (t: String) -> Bool in (Self.week(t)?.first ?? "") < first && t.contains("Total") }
            week = try #require(Self.week(screen), "\(screen)")
            weeksShown += 1
        }
        let logs = mine(week)
        try #require(!logs.isEmpty, "the demo has entries of mine in \(week)")
        // The week's entries from the sandbox: every task's title, the week's total.
        var titles: [String: String] = [:]
        for t in data.tasks { titles[t.id] = t.title }
        let taskIds: [String] = Array(Set(logs.compactMap { (l: Timelog) -> String? in l.taskId }))
        let shortTitles: [String] = taskIds.map { String((titles[$0] ?? "?").prefix(12)) }
        (ok, screen) = s.tmux.waitFor("titles") { (t: String) -> Bool in shortTitles.allSatisfy { t.contains($0) } }
        #expect(ok, "not every task of the week is shown:\n\(screen)")
        let total: Double = logs.reduce(0.0) { (sum: Double, l: Timelog) -> Double in sum + l.hours }
        let totalLine = screen.split(separator: "\n").first { $0.contains("Total") } ?? ""
        #expect(totalLine.contains(wrikeDecimal(total)), "week total \(total):\n\(screen)")

        // An entry alone in its cell: the cursor to it, Enter, new hours, Enter.
        let cells: [String: [Timelog]] = Dictionary(grouping: logs) { (l: Timelog) -> String in "\(l.taskId ?? "")|\(l.trackedDate ?? "")" }
        let entry = try #require(cells.values.first { $0.count == 1 }?.first)
        let ordered: [String] = taskIds.sorted { (a: String, b: String) -> Bool in
            ((titles[a] ?? "").lowercased(), a) < ((titles[b] ?? "").lowercased(), b)
        }
        let row = try #require(ordered.firstIndex(of: entry.taskId ?? ""))
        let day = try #require(Self.days(from: week.first).firstIndex(of: entry.trackedDate ?? ""))
        for _ in 0..<6 { s.tmux.keys("h") }
        for _ in 0..<day { s.tmux.keys("l") }
        for _ in 0..<row { s.tmux.keys("j") }
        let title = String((titles[entry.taskId ?? ""] ?? "").prefix(12))
        let day0 = "\(entry.trackedDate ?? "") · "
        (ok, screen) = s.tmux.waitFor("the entry selected") { (t: String) -> Bool in
            t.split(separator: "\n").contains { $0.contains(day0) && $0.contains(title) }
        }
        try #require(ok, "the cursor did not reach \(entry.trackedDate ?? "") of \(title):\n\(screen)")
        try Self.editHours(s, to: "5.5")
        let (saved, after) = try s.waitForData { (d: Dataset) -> Bool in d.timelogs.first { $0.id == entry.id }?.hours == 5.5 }
        let hoursNow: Double = after.timelogs.first { $0.id == entry.id }?.hours ?? -1
        #expect(saved, "the sandbox has \(hoursNow) h")
        (ok, screen) = s.tmux.waitFor("Time entry saved.")
        #expect(ok, "\(screen)")
        #expect(try s.log().contains { $0.method == "PUT" && $0.path == "/timelogs/\(entry.id)" && $0.status == 200 })
        // One read per week shown, plus the status line's "today" total (the same path).
        let weekReads = try s.log().filter { $0.method == "GET" && $0.path == "/timelogs" }
        #expect(weekReads.count <= weeksShown + 1, "\(weekReads.count) reads of /timelogs for \(weeksShown) week(s)")
        #expect(try s.log().filter { $0.path == "/workschedules" }.count == 1)

        // A locked period: refused in plain words, put back, nothing changed in Wrike.
        _ = s.request("lock", method: "POST", body: #"{"through":"\#(week.last)"}"#)
        try Self.editHours(s, to: "7")
        (ok, screen) = s.tmux.waitFor("the refusal") { (t: String) -> Bool in t.contains("Not saved") && t.contains("locked") }
        #expect(ok, "no plain refusal:\n\(screen)")
        #expect(try s.snapshot().timelogs.first { $0.id == entry.id }?.hours == 5.5)
    }

    /// Enter on the selected entry, its hours replaced by `hours`, Enter.
    static func editHours(_ s: Session, to hours: String) throws {
        s.tmux.keys("Enter")
        let (ok, screen) = s.tmux.waitFor("Edit time entry")
        try #require(ok, "no edit form:\n\(screen)")
        for _ in 0..<12 { s.tmux.keys("BSpace") }
        s.tmux.type(hours)
        s.tmux.keys("Enter")
    }

    /// The seven days from `first` (UTC arithmetic on dates only).
    static func days(from first: String) -> [String] {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = TimeZone(identifier: "UTC") ?? .current
        let f = DateFormatter()
        f.calendar = cal
        f.timeZone = cal.timeZone
        f.dateFormat = "yyyy-MM-dd"
        guard let start = f.date(from: first) else { return [] }
        return (0..<7).compactMap { cal.date(byAdding: .day, value: $0, to: start).map(f.string) }
    }

}
