// The tree pane: spaces, folders and the view rows, with their load state; shared pane helpers (dates,
// the scrollbar, the list's words).
import Browser
import Foundation
import TermText
import WrikeAPI

extension BrowserRender {
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
        case .view(let name)?: ViewsRender.treeRow(state, name, glyphs: glyphs)
        case .folder?, nil: (" ", nil)
        }
    }

    /// What the list body says while it loads and when it is empty, by source.
    static func listWords(_ l: TaskListState) -> (loading: String, empty: String) {
        switch l.source {
        case .myWork?: MyWorkRender.words(l)
        case .view?: ViewsRender.words(l)
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
}
