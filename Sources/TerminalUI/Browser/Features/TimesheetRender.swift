// The timesheet on screen (Browser/Features/Timesheet): a row per task, a column per day, the selected
// cell in reverse video, today's column marked, totals and my schedule's capacity below, the selected
// entry's details at the bottom. Drawn in place of the panes.
import Browser
import Foundation
import TermText
import WrikeAPI

enum TimesheetRender {
    static func render(_ state: AppState, _ ts: TimesheetState, in r: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let week = ts.week
        let todayColumn = week.days.firstIndex(of: state.today)
        var title = "Timesheet \(glyphs.dot) \(week.first) \(glyphs.prose("–")) \(week.last)"
        if let d = todayColumn { title += " \(glyphs.dot) today \(week.dayName(d)) \(week.days[d].suffix(2))" }
        BrowserRender.frame(title, r, focused: true, into: &c, glyphs: glyphs)
        let inner = Rect(x: r.x + 1, y: r.y + 1, width: max(0, r.width - 2), height: max(0, r.height - 2))
        guard inner.width > 20, inner.height > 4, let grid = state.timesheetGrid else { return }
        let dayW = max(4, min(7, (inner.width - 14) / 8))
        let titleW = inner.width - 8 * dayW
        func columnX(_ d: Int) -> Int { inner.x + titleW + d * dayW }
        // Header: day names and dates; today's is marked.
        c.put(truncate("Task", to: titleW - 1), x: inner.x, y: inner.y, style: Style(.header))
        for d in 0..<7 {
            let label = week.dayName(d) + " " + String(week.days[d].suffix(2))
            // Today: underlined (seen without colours) in the attention colour.
            c.putPadded(pad(label, dayW), x: columnX(d), y: inner.y, width: dayW,
                        style: d == todayColumn ? Style(.attention, .underline) : Style(.header))
        }
        c.putPadded(pad("Week", dayW), x: columnX(7), y: inner.y, width: dayW, style: Style(.header))
        let footer = 3 + (state.mySchedule.flatMap { TimesheetGrid.capacity($0, week: week) } == nil ? 0 : 1)
        let body = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: max(0, inner.height - 1 - footer))
        if grid.rows.isEmpty {
            var words = ("No time logged this week (t on a task logs some).", Role.dim)
            if ts.load == .loading { words = ("Loading your time entries\(glyphs.ellipsis)", .dim) }
            if case .failed(let m) = ts.load { words = (glyphs.prose(m), .error) }
            BrowserRender.centered(words.0, words.1, in: body, into: &c, glyphs: glyphs)
        }
        let top = max(0, ts.row - body.height + 1)
        for (i, row) in grid.rows.enumerated().dropFirst(top).prefix(body.height) {
            let y = body.y + i - top
            let name = state.taskTitle(row.taskId)
            c.put(truncate(name.isEmpty ? Directory.pendingName : name, to: titleW - 1, ellipsis: glyphs.ellipsis), x: inner.x, y: y,
                  style: Style(i == ts.row ? .title : .normal))
            for d in 0..<7 {
                let n = row.cells[d].count
                var text = n == 0 ? glyphs.prose("·") : hours(row.hours(d))
                if n > 1 { text += "+" }
                let selected = i == ts.row && d == ts.column
                c.putPadded(pad(text, dayW), x: columnX(d), y: y, width: dayW,
                            style: selected ? Style(.selection) : Style(n == 0 ? .dim : .normal))
            }
            c.putPadded(pad(hours(row.total), dayW), x: columnX(7), y: y, width: dayW, style: Style(.dim))
        }
        var y = body.maxY
        totals(grid, state: state, week: week, y: &y, x: columnX, titleW: titleW, dayW: dayW, inner: inner, into: &c)
        entryLine(state, ts, y: y, inner: inner, into: &c, glyphs: glyphs)
    }

    static func totals(_ grid: TimesheetGrid, state: AppState, week: TimesheetWeek, y: inout Int, x: (Int) -> Int,
                       titleW: Int, dayW: Int, inner: Rect, into c: inout Canvas) {
        let capacity = TimesheetGrid.capacity(state.mySchedule, week: week)
        c.put(truncate("Total", to: titleW - 1), x: inner.x, y: y, style: Style(.header))
        for d in 0..<7 {
            let over = capacity.map { grid.dayTotals[d] > $0.days[d] } ?? false
            c.putPadded(pad(hours(grid.dayTotals[d]), dayW), x: x(d), y: y, width: dayW, style: Style(over ? .overdue : .header))
        }
        c.putPadded(pad(hours(grid.weekTotal), dayW), x: x(7), y: y, width: dayW, style: Style(.header))
        y += 1
        guard let capacity else { return }
        c.put(truncate("Capacity", to: titleW - 1), x: inner.x, y: y, style: Style(.dim))
        for d in 0..<7 { c.putPadded(pad(hours(capacity.days[d]), dayW), x: x(d), y: y, width: dayW, style: Style(.dim)) }
        c.putPadded(pad(hours(capacity.week), dayW), x: x(7), y: y, width: dayW, style: Style(.dim))
        y += 1
    }

    /// The selected entry: day, hours, category, comment; which of several.
    static func entryLine(_ state: AppState, _ ts: TimesheetState, y: Int, inner: Rect, into c: inout Canvas, glyphs: Glyphs) {
        guard let sel = state.timesheetSelection, y < inner.maxY else { return }
        var line = "\(sel.day) \(glyphs.dot) "
        var second = "Empty: \(BrowserRender.key(state, .timesheetEdit, glyphs)) logs time here."
        if let e = sel.entry {
            let category = e.categoryId.flatMap { id in state.actions.categories?.first { $0.id == id }?.name } ?? "no category"
            line += "\(TimeInput.formatHours(e.hours)) \(glyphs.dot) \(Sanitizer.cleanLine(category)) \(glyphs.dot) "
            if sel.entries.count > 1 {
                let i = (sel.entries.firstIndex(of: e) ?? 0) + 1
                line += "entry \(i) of \(sel.entries.count) (\(BrowserRender.key(state, .timesheetNextEntry, glyphs)): next) \(glyphs.dot) "
            }
            second = Sanitizer.cleanLine(e.comment ?? "")
            if second.isEmpty { second = "(no comment)" }
        }
        line += state.taskTitle(sel.taskId)
        c.put(truncate(glyphs.prose(line), to: inner.width, ellipsis: glyphs.ellipsis), x: inner.x, y: y, style: Style(.normal))
        if y + 1 < inner.maxY {
            c.put(truncate(glyphs.prose(second), to: inner.width, ellipsis: glyphs.ellipsis), x: inner.x, y: y + 1, style: Style(.dim))
        }
    }

    /// `1.5`, `2`, `6.25`: hours as a short number.
    static func hours(_ h: Double) -> String { wrikeDecimal(h) }

    /// Right-aligned in `width` cells, one cell of gap on the left.
    static func pad(_ s: String, _ width: Int) -> String {
        let t = truncate(s, to: width - 1)
        return String(repeating: " ", count: max(0, width - displayWidth(t))) + t
    }

    /// The hint line while the timesheet is open: its key-table rows.
    static func hints(_ keymap: Keymap, ascii: Bool) -> [HintItem] {
        keymap.bindings(in: .timesheet).compactMap { b in
            b.keys.first.map { HintItem(keys: KeyNames.display($0, ascii: ascii), label: b.label) }
        }
    }
}
