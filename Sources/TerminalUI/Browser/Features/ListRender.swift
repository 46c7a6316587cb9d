// The task list pane: the columns in order, the cursor, marks, blocked markers, the filter in the title.
import Browser
import Foundation
import TermText
import WrikeAPI

extension BrowserRender {
    // MARK: - Task list

    /// The pane: title, filter line, the form of a task being created, then the header and the visible
    /// rows. Drawn on every keystroke: the per-frame values are worked out once (`ListFrame`), each row
    /// by `listRow` and each cell by `listCell`, with no allocation beyond the text drawn.
    static func list(_ state: AppState, _ rect: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let l = state.list
        let focused = state.focus == .list
        frame(listTitle(l, glyphs: glyphs), rect, focused: focused, into: &c, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        guard inner.height > 0 else { return }
        var body = inner
        if l.editingFilter || l.isFiltered {
            filterLine(state, Rect(x: inner.x, y: inner.y, width: inner.width, height: 1), into: &c, glyphs: glyphs)
            body = body.inset(top: 1)
        }
        body = body.inset(top: TaskEditRender.draw(state, in: body, into: &c, glyphs: glyphs))
        guard listIsLoaded(state, body, into: &c, glyphs: glyphs) else { return }
        // The configured columns (config `columns`), fitted to the pane; the title takes the rest.
        let f = ListFrame(state, columns: ListColumn.fit(state.shownColumns, width: body.width), width: body.width)
        listHeader(f, Rect(x: body.x, y: body.y, width: body.width, height: 1), into: &c, glyphs: glyphs)
        body = body.inset(top: 1)
        if l.rows.isEmpty {
            let none = l.isFiltered ? glyphs.prose("No task matches “") + l.filter + glyphs.prose("”.") : listWords(l).empty
            centered(none, .dim, in: body, into: &c, glyphs: glyphs, row: body.y)
            return
        }
        let start = min(l.scroll, max(0, l.rows.count - 1))
        let end = min(l.rows.count, start + body.height)
        c.withRegion(body) { c in
            for (y, i) in (start..<end).enumerated() { listRow(state, i, y: y, f, into: &c, glyphs: glyphs) }
            if l.loadingMore && end == l.rows.count && end - start < body.height {
                c.put(glyphs.prose("loading more…"), x: 2, y: end - start, style: Style(.dim))
            }
        }
        scrollbar(count: l.rows.count, visible: body.height, offset: start, rect: rect, into: &c, glyphs: glyphs)
    }

    /// "Tasks · folder · 12/200 of 1500 · status↑".
    static func listTitle(_ l: TaskListState, glyphs: Glyphs) -> String {
        let dot = " \(glyphs.dot) "
        var title = "Tasks"
        if !l.title.isEmpty { title += dot + l.title }
        if l.status == .loaded {
            let loaded = l.tasks.count
            var count = l.isFiltered ? "\(l.matchCount)/\(loaded)" : "\(loaded)"
            if let total = l.total, total > loaded { count += " of \(total)" }
            title += dot + count
            title += dot + l.sort.rawValue + (l.ascending ? glyphs.arrowUp : glyphs.arrowDown)
        }
        return title
    }

    /// The filter's line: `/query`, the cursor while typing, the keys or the match count at the right.
    static func filterLine(_ state: AppState, _ line: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let l = state.list
        c.withRegion(line) { c in
            // While it is typed, its end shows (where the typing goes); kept, its start.
            let filter = l.editingFilter ? truncateKeepingEnd(l.filter, to: line.width - 2, ellipsis: glyphs.ellipsis) : l.filter
            let w = c.put(truncate("/" + filter, to: line.width - 1, ellipsis: glyphs.ellipsis), x: 0, y: 0, style: Style(.input))
            if l.editingFilter { c.put(glyphs.inputCursor, x: w, y: 0, style: Style(.input)) }
            let info = l.editingFilter ? glyphs.keys(state.keymap.hint(Hints.filterTitle, ascii: glyphs.isASCII)) : "\(l.matchCount) match" + (l.matchCount == 1 ? "" : "es")
            let iw = displayWidth(info)
            if w + 3 + iw <= line.width { c.put(info, x: line.width - iw, y: 0, style: Style(.dim)) }
        }
    }

    /// Draws what stands in for the rows until the list is loaded (a hint, "loading…", the error); true when loaded.
    static func listIsLoaded(_ state: AppState, _ body: Rect, into c: inout Canvas, glyphs: Glyphs) -> Bool {
        let l = state.list
        switch l.status {
        case .notLoaded:
            centered(state.session.bootstrap == .loaded ? "Open a folder (\(key(state, .open, glyphs))) to list its tasks." : "", .dim, in: body, into: &c, glyphs: glyphs)
            return false
        case .loading:
            centered(glyphs.prose(listWords(l).loading), .dim, in: body, into: &c, glyphs: glyphs)
            return false
        case .failed(let m):
            c.withRegion(body) { c in
                for (i, line) in wrap(m + " (r retries)", width: body.width).prefix(body.height).enumerated() {
                    c.put(line, x: 0, y: i, style: Style(.error))
                }
            }
            return false
        case .loaded:
            return true
        }
    }

    static func listHeader(_ f: ListFrame, _ line: Rect, into c: inout Canvas, glyphs: Glyphs) {
        c.withRegion(line) { c in
            for (k, col) in f.cols.enumerated() {
                let gap = col.column.gapAfter && k < f.cols.count - 1 ? 1 : 0
                c.putPadded(truncate(col.column.header, to: col.width, ellipsis: glyphs.ellipsis), x: f.xs[k], y: 0,
                            width: col.width + gap, style: Style(.header))
            }
        }
    }

    /// Row `i` of the list at line `y` of the region: its highlight when selected, then each column's cell.
    static func listRow(_ state: AppState, _ i: Int, y: Int, _ f: ListFrame, into c: inout Canvas, glyphs: Glyphs) {
        let row = state.list.rows[i]
        let info = f.infos[Int(row.task)]
        let selected = i == state.list.cursor
        let base: Role = selected ? (f.focused ? .selection : .selectionUnfocused) : .normal
        if selected { highlight(row: y, width: f.width, cols: f.cols, xs: f.xs, base, into: &c) }
        // Columns that the compact row summary does not carry read the stored task (only when shown).
        let cell = ListCell(row: row, info: info, full: f.needsTask ? state.list.tasks[Int(row.task)] : nil, y: y, selected: selected,
                            base: base, marked: state.actions.marks.contains(info.id), blocked: state.list.isBlocked(at: Int(row.task)))
        for (k, col) in f.cols.enumerated() {
            listCell(state, cell, col.column, x: f.xs[k], width: col.width, f, into: &c, glyphs: glyphs)
        }
    }

    /// One cell of a row.
    static func listCell(_ state: AppState, _ r: ListCell, _ column: ListColumn, x: Int, width: Int, _ f: ListFrame,
                         into c: inout Canvas, glyphs: Glyphs) {
        let y = r.y, info = r.info
        switch column {
        case .status:
            let sr = info.statusColor.map { Role.statusColor($0.rawValue) } ?? (info.finished ? .dim : .normal)
            c.putPadded(info.statusName, x: x, y: y, width: width, style: Style(sr), ellipsis: glyphs.ellipsis)
        case .importance:
            switch info.importance {
            case .high?: c.put(glyphs.importanceHigh, x: x, y: y, style: Style(.importanceHigh))
            case .low?: c.put(glyphs.importanceLow, x: x, y: y, style: Style(.importanceLow))
            default: break
            }
        case .marker:
            // Marked wins over blocked (the mark is what the next key acts on).
            if r.marked { c.put(glyphs.check, x: x, y: y, style: r.role(.marker), maxWidth: width) }
            else if r.blocked { c.put(glyphs.blocked, x: x, y: y, style: r.role(.marker), maxWidth: width) }
        case .title:
            listTitleCell(r, x: x, width: width, markerColumn: f.markerColumn, into: &c, glyphs: glyphs)
        case .assignees:
            c.putPadded(info.assignees, x: x, y: y, width: width, style: r.role(.dim), ellipsis: glyphs.ellipsis)
        case .due:
            listDate(r, info.due, x: x, width: width, overdueCheck: true, today: f.today, into: &c)
        case .start:
            listDate(r, r.full?.dates?.start.map { String($0.prefix(10)) }, x: x, width: width, overdueCheck: false, today: f.today, into: &c)
        case .updated:
            listDate(r, localDay(r.full?.updatedDate, state.timeZone), x: x, width: width, overdueCheck: false, today: f.today, into: &c)
        case .created:
            listDate(r, localDay(r.full?.createdDate, state.timeZone), x: x, width: width, overdueCheck: false, today: f.today, into: &c)
        case .author:
            let names = (r.full?.authorIds ?? []).map { state.catalog.directory.name($0) }.joined(separator: ", ")
            c.putPadded(names, x: x, y: y, width: width, style: r.role(.dim), ellipsis: glyphs.ellipsis)
        case .id:
            c.putPadded(info.id, x: x, y: y, width: width, style: r.role(.dim), ellipsis: glyphs.ellipsis)
        }
    }

    /// The title cell: the mark (without a marker column), the subtask indent and fold glyph, the blocked
    /// marker, the title (with the hidden subtasks' count).
    static func listTitleCell(_ r: ListCell, x: Int, width: Int, markerColumn: Bool, into c: inout Canvas, glyphs: Glyphs) {
        let row = r.row
        var prefix = r.marked && !markerColumn ? glyphs.check + " " : ""
        prefix += String(repeating: "  ", count: Int(row.depth))
        prefix += row.childCount > 0 ? (row.expanded ? glyphs.expanded : glyphs.collapsed) + " " : (row.depth > 0 ? "  " : "")
        var tx = x + c.put(prefix, x: x, y: r.y, style: r.role(.marker), maxWidth: width)
        if r.blocked && !markerColumn {
            tx += c.put(glyphs.blocked + " ", x: tx, y: r.y, style: r.role(.marker), maxWidth: x + width - tx)
        }
        var titleText = r.info.title
        if row.childCount > 0 && !row.expanded { titleText += " (\(row.childCount))" }
        let titleStyle = r.info.finished ? r.role(.dim) : Style(r.base)
        c.put(truncate(titleText, to: max(0, x + width - tx), ellipsis: glyphs.ellipsis), x: tx, y: r.y, style: titleStyle)
    }

    /// A date cell: short form, overdue in its colour when the task is open and the day has passed.
    static func listDate(_ r: ListCell, _ day: String?, x: Int, width: Int, overdueCheck: Bool, today: String, into c: inout Canvas) {
        guard let day else { return }
        let overdue = overdueCheck && !r.info.finished && day < today
        c.putPadded(shortDate(day, today: today), x: x, y: r.y, width: width,
                    style: overdue ? Style(.overdue, r.selected ? .reverse : []) : r.role(.normal))
    }

    static func localDay(_ timestamp: String?, _ zone: TimeZone) -> String? {
        timestamp.flatMap(WrikeDate.parseTimestamp).map { WrikeDate.formatDate($0, timeZone: zone) }
    }

    /// The selected list row's highlight: every column but the status and importance badges, which keep
    /// their own look (and so are not sent again when the cursor moves: a cursor step rewrites the title,
    /// assignees and due cells of two rows, not their coloured status words).
    static func highlight(row y: Int, width: Int, cols: [(column: ListColumn, width: Int)], xs: [Int], _ role: Role, into c: inout Canvas) {
        c.fill(Rect(x: 0, y: y, width: width, height: 1), style: Style(role))
        for (k, col) in cols.enumerated() where col.column == .status || col.column == .importance {
            let gap = col.column.gapAfter && k < cols.count - 1 ? 1 : 0
            c.fill(Rect(x: xs[k], y: y, width: col.width + gap, height: 1), style: .normal)
        }
    }
}

/// What every row of one frame of the list shares: the fitted columns and where each starts.
struct ListFrame {
    let cols: [(column: ListColumn, width: Int)]
    /// Where each column starts (a space follows a column whose `gapAfter` is set, but the last).
    let xs: [Int]
    let width: Int
    let focused: Bool
    let markerColumn: Bool
    let needsTask: Bool
    let today: String
    /// The tasks' display data, read once per frame.
    let infos: TaskListState.Infos

    init(_ state: AppState, columns cols: [(column: ListColumn, width: Int)], width: Int) {
        self.cols = cols
        var xs: [Int] = []
        xs.reserveCapacity(cols.count)
        var x = 0
        for (k, col) in cols.enumerated() {
            xs.append(x)
            x += col.width + (col.column.gapAfter && k < cols.count - 1 ? 1 : 0)
        }
        self.xs = xs
        self.width = width
        focused = state.focus == .list
        markerColumn = cols.contains { $0.column == .marker }
        needsTask = cols.contains { [.start, .updated, .created, .author].contains($0.column) }
        today = state.today
        infos = state.list.info
    }
}

/// One row being drawn: its task's summary, whether it is selected, marked or blocked.
struct ListCell {
    let row: ListRow
    let info: TaskInfo
    let full: WrikeTask?
    let y: Int
    let selected: Bool
    let base: Role
    let marked: Bool
    let blocked: Bool

    /// `r`, or the selection's role on the selected row.
    func role(_ r: Role) -> Style { Style(selected ? base : r) }
}
