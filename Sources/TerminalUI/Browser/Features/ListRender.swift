// The task list pane: the columns in order, the cursor, marks, blocked markers, the filter in the title.
import Browser
import Foundation
import TermText
import WrikeAPI

extension BrowserRender {
    // MARK: - Task list

    static func list(_ state: AppState, _ rect: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let l = state.list
        let focused = state.focus == .list
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
        frame(title, rect, focused: focused, into: &c, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        guard inner.height > 0 else { return }
        var body = inner
        if l.editingFilter || l.isFiltered {
            let prompt = "/" + l.filter
            c.withRegion(Rect(x: inner.x, y: inner.y, width: inner.width, height: 1)) { c in
                let w = c.put(truncate(prompt, to: inner.width - 1, ellipsis: glyphs.ellipsis), x: 0, y: 0, style: Style(.input))
                if l.editingFilter { c.put(glyphs.inputCursor, x: w, y: 0, style: Style(.input)) }
                let info = l.editingFilter ? glyphs.keys(state.keymap.hint(Hints.filterTitle, ascii: glyphs.isASCII)) : "\(l.matchCount) match" + (l.matchCount == 1 ? "" : "es")
                let iw = displayWidth(info)
                if w + 3 + iw <= inner.width { c.put(info, x: inner.width - iw, y: 0, style: Style(.dim)) }
            }
            body = body.inset(top: 1)
        }
        body = body.inset(top: TaskEditRender.draw(state, in: body, into: &c, glyphs: glyphs))
        switch l.status {
        case .notLoaded:
            centered(state.session.bootstrap == .loaded ? "Open a folder (\(key(state, .open, glyphs))) to list its tasks." : "", .dim, in: body, into: &c, glyphs: glyphs)
            return
        case .loading:
            centered(glyphs.prose(listWords(l).loading), .dim, in: body, into: &c, glyphs: glyphs)
            return
        case .failed(let m):
            c.withRegion(body) { c in
                for (i, line) in wrap(m + " (r retries)", width: body.width).prefix(body.height).enumerated() {
                    c.put(line, x: 0, y: i, style: Style(.error))
                }
            }
            return
        case .loaded: break
        }
        // The configured columns (config `columns`), fitted to the pane; the title takes the rest.
        let cols = ListColumn.fit(state.shownColumns, width: body.width)
        let markerColumn = cols.contains { $0.column == .marker }
        /// Where each column starts, and whether a space follows it.
        var xs: [Int] = []
        do {
            var x = 0
            for (k, col) in cols.enumerated() {
                xs.append(x)
                x += col.width + (col.column.gapAfter && k < cols.count - 1 ? 1 : 0)
            }
        }
        // Header.
        c.withRegion(Rect(x: body.x, y: body.y, width: body.width, height: 1)) { c in
            for (k, col) in cols.enumerated() {
                let gap = col.column.gapAfter && k < cols.count - 1 ? 1 : 0
                c.putPadded(truncate(col.column.header, to: col.width, ellipsis: glyphs.ellipsis), x: xs[k], y: 0,
                            width: col.width + gap, style: Style(.header))
            }
        }
        body = body.inset(top: 1)
        if l.rows.isEmpty {
            let none = l.isFiltered ? glyphs.prose("No task matches “") + l.filter + glyphs.prose("”.") : listWords(l).empty
            centered(none, .dim, in: body, into: &c,
                     glyphs: glyphs, row: body.y)
            return
        }
        let start = min(l.scroll, max(0, l.rows.count - 1))
        let end = min(l.rows.count, start + body.height)
        let today = state.today
        let infos = l.info
        // Columns that the compact row summary does not carry read the stored task (only when shown).
        let needsTask = cols.contains { [.start, .updated, .created, .author].contains($0.column) }
        c.withRegion(body) { c in
            for (y, i) in (start..<end).enumerated() {
                let row = l.rows[i]
                let info = infos[Int(row.task)]
                let task = info
                let full = needsTask ? l.tasks[Int(row.task)] : nil
                let selected = i == l.cursor
                let base: Role = selected ? (focused ? .selection : .selectionUnfocused) : .normal
                if selected { highlight(row: y, width: body.width, cols: cols, xs: xs, base, into: &c) }
                func role(_ r: Role) -> Style { Style(selected ? base : r) }
                let marked = state.actions.marks.contains(task.id)
                let blocked = l.blocked.contains(task.id)
                func date(_ day: String?, width: Int, x: Int, overdueCheck: Bool) {
                    guard let day else { return }
                    let overdue = overdueCheck && !info.finished && day < today
                    c.putPadded(shortDate(day, today: today), x: x, y: y, width: width,
                                style: overdue ? Style(.overdue, selected ? .reverse : []) : role(.normal))
                }
                func localDay(_ timestamp: String?) -> String? {
                    timestamp.flatMap(WrikeDate.parseTimestamp).map { WrikeDate.formatDate($0, timeZone: state.timeZone) }
                }
                for (k, col) in cols.enumerated() {
                    let x = xs[k]
                    switch col.column {
                    case .status:
                        let sr = info.statusColor.map { Role.statusColor($0.rawValue) } ?? (info.finished ? .dim : .normal)
                        c.putPadded(info.statusName, x: x, y: y, width: col.width, style: Style(sr), ellipsis: glyphs.ellipsis)
                    case .importance:
                        switch task.importance {
                        case .high?: c.put(glyphs.importanceHigh, x: x, y: y, style: Style(.importanceHigh))
                        case .low?: c.put(glyphs.importanceLow, x: x, y: y, style: Style(.importanceLow))
                        default: break
                        }
                    case .marker:
                        // Marked wins over blocked (the mark is what the next key acts on).
                        if marked { c.put(glyphs.check, x: x, y: y, style: role(.marker), maxWidth: col.width) }
                        else if blocked { c.put(glyphs.blocked, x: x, y: y, style: role(.marker), maxWidth: col.width) }
                    case .title:
                        var prefix = marked && !markerColumn ? glyphs.check + " " : ""
                        prefix += String(repeating: "  ", count: Int(row.depth))
                        prefix += row.childCount > 0 ? (row.expanded ? glyphs.expanded : glyphs.collapsed) + " " : (row.depth > 0 ? "  " : "")
                        var tx = x + c.put(prefix, x: x, y: y, style: role(.marker), maxWidth: col.width)
                        if blocked && !markerColumn {
                            tx += c.put(glyphs.blocked + " ", x: tx, y: y, style: role(.marker), maxWidth: x + col.width - tx)
                        }
                        var titleText = info.title
                        if row.childCount > 0 && !row.expanded { titleText += " (\(row.childCount))" }
                        let titleStyle = info.finished ? role(.dim) : Style(base)
                        c.put(truncate(titleText, to: max(0, x + col.width - tx), ellipsis: glyphs.ellipsis), x: tx, y: y, style: titleStyle)
                    case .assignees:
                        c.putPadded(info.assignees, x: x, y: y, width: col.width, style: role(.dim), ellipsis: glyphs.ellipsis)
                    case .due:
                        date(info.due, width: col.width, x: x, overdueCheck: true)
                    case .start:
                        date(full?.dates?.start.map { String($0.prefix(10)) }, width: col.width, x: x, overdueCheck: false)
                    case .updated:
                        date(localDay(full?.updatedDate), width: col.width, x: x, overdueCheck: false)
                    case .created:
                        date(localDay(full?.createdDate), width: col.width, x: x, overdueCheck: false)
                    case .author:
                        let names = (full?.authorIds ?? []).map { state.catalog.directory.name($0) }.joined(separator: ", ")
                        c.putPadded(names, x: x, y: y, width: col.width, style: role(.dim), ellipsis: glyphs.ellipsis)
                    case .id:
                        c.putPadded(task.id, x: x, y: y, width: col.width, style: role(.dim), ellipsis: glyphs.ellipsis)
                    }
                }
            }
            if l.loadingMore && end == l.rows.count && end - start < body.height {
                c.put(glyphs.prose("loading more…"), x: 2, y: end - start, style: Style(.dim))
            }
        }
        scrollbar(count: l.rows.count, visible: body.height, offset: start, rect: rect, into: &c, glyphs: glyphs)
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
