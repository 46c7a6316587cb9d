// Pure render functions: browser state -> canvas. Only visible rows are drawn. Server text in the
// state is already sanitized; everything is truncated to its cell budget here.
import Browser
import Foundation
import TermText
import WrikeAPI

public enum BrowserRender {
    /// Draws the whole screen.
    public static func render(_ state: AppState, into c: inout Canvas, glyphs: Glyphs) {
        let layout = BrowserLayout.compute(width: c.width, height: c.height, focus: state.focus)
        if layout.tooSmall {
            tooSmall(into: &c, glyphs: glyphs)
            return
        }
        if let ts = state.features.timesheet {
            TimesheetRender.render(state, ts, in: Rect(x: 0, y: 0, width: c.width, height: layout.status.y), into: &c, glyphs: glyphs)
        } else {
            if let r = layout.tabs { tabs(state, r, into: &c) }
            if let r = layout.tree { tree(state, r, into: &c, glyphs: glyphs) }
            if let r = layout.list { list(state, r, into: &c, glyphs: glyphs) }
            if let r = layout.detail { detail(state, r, into: &c, glyphs: glyphs) }
        }
        statusLine(state, layout.status, into: &c, glyphs: glyphs)
        hintLine(state, layout.hint, into: &c, glyphs: glyphs)
        ActionRender.render(state, layout: layout, into: &c, glyphs: glyphs)
        if state.help != nil { help(state, into: &c, glyphs: glyphs) }
    }

    static func tooSmall(into c: inout Canvas, glyphs: Glyphs) {
        let lines = ["Terminal too small", "need \(BrowserLayout.minWidth)x\(BrowserLayout.minHeight),",
                     "now \(c.width)x\(c.height)", "q quits"]
        let top = max(0, (c.height - lines.count) / 2)
        for (i, l) in lines.enumerated() {
            let t = truncate(l, to: c.width, ellipsis: glyphs.ellipsis)
            c.put(t, x: max(0, (c.width - displayWidth(t)) / 2), y: top + i, style: Style(i == 0 ? .error : .normal))
        }
    }

    // MARK: - Frames

    /// A pane's box. Every pane has the same light border; the focused one is marked on its top edge
    /// only: a double top line (`glyphs.focusTop`, `border-focused`) and its title in reverse video
    /// (`title-focused` + reverse, visible in every theme and without colours). A pane switch thus
    /// changes two top lines and two titles, not the ~330 side cells of two boxes (each of which costs
    /// the terminal a cursor move and a colour change). See docs/themes.md.
    static func frame(_ title: String, _ rect: Rect, focused: Bool, into c: inout Canvas, glyphs: Glyphs) {
        c.box(rect, chars: glyphs.border, style: Style(.border),
              top: focused ? glyphs.focusTop : nil, topStyle: focused ? Style(.borderFocused) : nil,
              title: title, titleStyle: focused ? Style(.titleFocused, .reverse) : Style(.title),
              ellipsis: glyphs.ellipsis)
    }

    static func tabs(_ state: AppState, _ r: Rect, into c: inout Canvas) {
        var x = r.x
        for p in Pane.allCases {
            var name = p.title
            if p == .list && !state.list.title.isEmpty { name += ": " + state.list.title }
            let label = " \(p.rawValue + 1) \(name) "
            let w = min(displayWidth(label), max(0, r.maxX - x))
            if w <= 0 { break }
            c.put(truncate(label, to: w), x: x, y: r.y, style: Style(p == state.focus ? .selection : .dim))
            x += w + 1
        }
    }

    static func centered(_ text: String, _ role: Role, in r: Rect, into c: inout Canvas, glyphs: Glyphs, row: Int? = nil) {
        guard r.width > 0, r.height > 0 else { return }
        let t = truncate(text, to: r.width, ellipsis: glyphs.ellipsis)
        c.put(t, x: r.x + max(0, (r.width - displayWidth(t)) / 2), y: row ?? (r.y + r.height / 2), style: Style(role))
    }

    static func spinner(_ state: AppState, _ glyphs: Glyphs) -> String {
        let n = glyphs.spinner.count
        guard n > 0 else { return "" }
        return glyphs.spinner[Int(state.now.timeIntervalSince1970) % n]
    }

    // MARK: - Tree

    static func tree(_ state: AppState, _ rect: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let focused = state.focus == .tree
        var title = "Spaces"
        if let name = state.catalog.directory.accountName { title += " \(glyphs.dot) " + Sanitizer.cleanLine(name) }
        frame(title, rect, focused: focused, into: &c, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        switch state.session.bootstrap {
        case .loading, .notLoaded:
            centered(glyphs.prose("loading…"), .dim, in: inner, into: &c, glyphs: glyphs)
            return
        case .failed(let m):
            c.withRegion(inner) { c in
                for (i, l) in wrap(m, width: inner.width).prefix(inner.height).enumerated() {
                    c.put(l, x: 0, y: i, style: Style(.error))
                }
            }
            return
        case .loaded: break
        }
        let rows = state.tree.rows
        if rows.isEmpty {
            centered("No spaces.", .dim, in: inner, into: &c, glyphs: glyphs)
            return
        }
        let start = min(state.tree.scroll, max(0, rows.count - 1))
        let end = min(rows.count, start + inner.height)
        let today = state.today  // formatted on each access: once per frame
        c.withRegion(inner) { c in
            for (y, i) in (start..<end).enumerated() {
                let row = rows[i]
                let selected = i == state.tree.cursor
                let base: Role = selected ? (focused ? .selection : .selectionUnfocused) : .normal
                if selected { c.fill(Rect(x: 0, y: y, width: inner.width, height: 1), style: Style(base)) }
                var x = row.depth * 2
                var marker = row.kind == .placeholder ? " " : row.hasChildren ? (row.expanded ? glyphs.expanded : glyphs.collapsed) : " "
                var suffix: [(String, Role)] = []
                if row.kind == .view {
                    let v = viewRow(state, row, glyphs: glyphs)
                    marker = v.marker
                    if let s = v.suffix { suffix.append((s, selected ? base : .dim)) }
                }
                x += c.put(marker + " ", x: x, y: y, style: Style(selected ? base : .marker))
                let opened = row.path == state.tree.openedPath
                var style = Style(row.kind == .placeholder ? (row.failed ? .error : .dim) : base)
                if opened || row.kind == .space { style = style.with(.bold) }
                if let p = row.project {
                    if let s = p.status { suffix.append((" " + s.rawValue, selected ? base : projectRole(s))) }
                    let dates = [p.startDate, p.endDate].compactMap { $0.map { shortDate(String($0.prefix(10)), today: today) } }
                    if !dates.isEmpty { suffix.append((" " + dates.joined(separator: glyphs.arrowRight), selected ? base : .dim)) }
                }
                let suffixW = suffix.reduce(0) { $0 + displayWidth($1.0) }
                let room = max(0, inner.width - x)
                let titleRoom = suffixW < room / 2 ? room - suffixW : room
                // A placeholder's title is the app's ("loading…", a failure), not a folder's.
                let title = row.kind == .placeholder ? glyphs.prose(row.title) : row.title
                let t = truncate(title, to: titleRoom, ellipsis: glyphs.ellipsis)
                x += c.put(t, x: x, y: y, style: style)
                if titleRoom < room {
                    for (s, role) in suffix { x += c.put(s, x: x, y: y, style: Style(role), maxWidth: inner.width - x) }
                }
            }
        }
        scrollbar(count: rows.count, visible: inner.height, offset: start, rect: rect, into: &c, glyphs: glyphs)
    }

    /// A view row's marker and what follows its name, drawn by its feature.
    static func viewRow(_ state: AppState, _ row: TreeRow, glyphs: Glyphs) -> (marker: String, suffix: String?) {
        switch row.view {
        case .myWork?: MyWorkRender.treeRow(state, glyphs: glyphs)
        case .folder?, nil: (" ", nil)
        }
    }

    /// What the list body says while it loads and when it is empty, by source.
    static func listWords(_ l: TaskListState) -> (loading: String, empty: String) {
        switch l.source {
        case .myWork?: MyWorkRender.words(l)
        case .folder?, nil: ("loading tasks…", "No tasks here.")
        }
    }

    static func projectRole(_ s: ProjectStatus) -> Role {
        switch s {
        case .green, .completed: .success
        case .yellow, .onHold: .dueSoon
        case .red: .overdue
        default: .dim
        }
    }

    /// "Sep 06" this year, "2023-09" otherwise.
    static func shortDate(_ day: String, today: String) -> String {
        // Fast path for "yyyy-MM-dd" (every list row, every frame): bytes, no splitting.
        let d = day.utf8, t = today.utf8
        if d.count == 10 {
            let b = Array(d)
            func digit(_ i: Int) -> Int? { b[i] >= 48 && b[i] <= 57 ? Int(b[i] - 48) : nil }
            if b[4] == 45, b[7] == 45, let m1 = digit(5), let m2 = digit(6), digit(8) != nil, digit(9) != nil,
               (0..<4).allSatisfy({ digit($0) != nil }) {
                let m = m1 * 10 + m2
                if (1...12).contains(m) {
                    if t.count >= 4, t.prefix(4).elementsEqual(b.prefix(4)) {
                        return shortMonths[m - 1] + " " + String(decoding: b[8..<10], as: UTF8.self)
                    }
                    // Another year: month and year ("Jan'27"), six cells like "Jan 08" (the Due column's width).
                    return shortMonths[m - 1] + "'" + String(decoding: b[2..<4], as: UTF8.self)
                }
            }
        }
        guard day.count == 10 else { return day }
        let months = shortMonths
        let parts = day.split(separator: "-")
        guard parts.count == 3, let m = Int(parts[1]), (1...12).contains(m) else { return day }
        if day.prefix(4) == today.prefix(4) { return "\(months[m - 1]) \(parts[2])" }
        return "\(months[m - 1])'\(parts[0].suffix(2))"
    }

    static let shortMonths = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"]

    static func scrollbar(count: Int, visible: Int, offset: Int, rect: Rect, into c: inout Canvas, glyphs: Glyphs) {
        guard count > visible, rect.height > 4 else { return }
        let track = rect.height - 2
        let thumb = max(1, track * visible / count)
        let pos = min(track - thumb, (track - thumb) * offset / max(1, count - visible))
        for i in 0..<thumb { c.put(glyphs.scrollThumb, x: rect.maxX - 1, y: rect.y + 1 + pos + i, style: Style(.scrollbar)) }
    }

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
        let cols = ListColumn.fit(state.list.columns, width: body.width)
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

    // MARK: - Detail

    static func role(_ k: TextKind) -> Role {
        switch k {
        case .normal: .normal
        case .dim: .dim
        case .label: .header
        case .header: .title
        case .section: .section
        case .link: .link
        case .mention: .mention
        case .overdue: .overdue
        case .attention: .attention
        case .success: .success
        case .error: .error
        case .marker: .marker
        case .importanceHigh: .importanceHigh
        case .importanceLow: .importanceLow
        case .status(let color): color.map { Role.statusColor($0.rawValue) } ?? .normal
        }
    }

    static func detail(_ state: AppState, _ rect: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let d = state.detail
        let focused = state.focus == .detail
        var title = "Task"
        if d.isLoading { title += " " + spinner(state, glyphs) }
        if let current = d.sections.last(where: { $0.line <= d.scroll }), d.scroll > 0 {
            title += " \(glyphs.dot) " + current.section.rawValue
        }
        frame(title, rect, focused: focused, into: &c, glyphs: glyphs)
        let inner = rect.inset(by: 1)
        guard d.taskId != nil else {
            centered("\(key(state, .open, glyphs)) on a task shows it here.", .dim, in: inner, into: &c, glyphs: glyphs)
            return
        }
        let start = min(d.scroll, max(0, d.lines.count - 1))
        let end = min(d.lines.count, start + inner.height)
        let width = inner.width - 1
        c.withRegion(inner) { c in
            for (y, i) in (start..<end).enumerated() {
                var x = 0
                var full = 0  // the line's whole width (no joined string per visible line per frame)
                for span in d.lines[i].spans {
                    full += displayWidth(span.text)
                    if x >= width { if full > width { break } else { continue } }
                    let style = span.kind == .header ? Style(role(span.kind), .bold) : Style(role(span.kind))
                    x += c.put(span.text, x: x, y: y, style: style, maxWidth: width - x)
                }
                if full > width { c.put(glyphs.ellipsis, x: width - 1, y: y, style: Style(.dim)) }
            }
        }
        scrollbar(count: d.lines.count, visible: inner.height, offset: start, rect: rect, into: &c, glyphs: glyphs)
    }

    // MARK: - Status and hints

    /// Where the status line's link text starts (for the OSC 8 hyperlink).
    public static let linkPrefix = " Link: "

    static func statusLine(_ state: AppState, _ r: Rect, into c: inout Canvas, glyphs: Glyphs) {
        c.fill(r, style: Style(.statusLine))
        var x = r.x
        func put(_ s: String, _ role: Role) {
            guard x < r.maxX else { return }
            x += c.put(s, x: x, y: r.y, style: Style(role), maxWidth: r.maxX - x)
        }
        if let link = state.status.link {
            put(linkPrefix, .statusLine)
            put(link, .link)
            return
        }
        put(" " + Sanitizer.cleanLine(state.catalog.directory.accountName ?? "wrike-tui") + " ", .statusLine)
        if state.session.fromDisk.stale { put(glyphs.separator + " " + FromDisk.marker + " ", .statusWarning) }
        var loading: [String] = []
        if state.session.bootstrap == .loading { loading.append("account") }
        if state.tree.spaceLoad.values.contains(.loading) { loading.append("folders") }
        if state.list.status == .loading || state.list.refreshing { loading.append("tasks") }
        if state.list.loadingMore { loading.append("more tasks") }
        if state.detail.isLoading { loading.append("task") }
        if !loading.isEmpty { put(glyphs.separator + " " + spinner(state, glyphs) + " loading " + loading.joined(separator: ", ") + " ", .statusBusy) }
        if state.session.signedOut {
            // One persistent sentence instead of the client's and each failed read's error.
            put(glyphs.separator + " " + glyphs.prose(state.signedOutLine) + " ", .statusError)
        } else if let client = state.status.client { put(glyphs.separator + " " + glyphs.prose(client) + " ", .statusWarning) }
        if !state.actions.marks.isEmpty { put(glyphs.separator + " \(state.actions.marks.count) marked ", .statusBusy) }
        if let timer = state.timerLabel { put(glyphs.separator + " " + glyphs.prose(timer) + " ", .statusBusy) }
        if let today = state.actions.myTimeToday { put(glyphs.separator + " today " + TimeInput.formatHours(today) + " ", .statusLine) }
        // The newest of the error and the message first (the `messages` key shows the older ones).
        for (text, isError) in state.status.newestFirst {
            if isError && (text == state.status.client || (state.session.signedOut && AppState.isSignInMessage(text))) { continue }
            put(glyphs.separator + " " + glyphs.prose(text) + " ", isError ? .statusError : .statusLine)
        }
        let right = " " + state.keymap.hint(Hints.statusHelp, ascii: glyphs.isASCII) + " "
        if x + displayWidth(right) <= r.maxX { c.put(right, x: r.maxX - displayWidth(right), y: r.y, style: Style(.statusLine)) }
    }

}
