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
        } else if state.features.inbox.isOpen {
            InboxRender.render(state, in: Rect(x: 0, y: 0, width: c.width, height: layout.status.y), into: &c, glyphs: glyphs)
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
        for t in tabSpans(state, r) {
            c.put(truncate(t.label, to: t.columns.count), x: t.columns.lowerBound, y: r.y,
                  style: Style(t.pane == state.focus ? .selection : .dim))
        }
    }

    /// The pane tabs of the narrow layout: each one's label and the columns it takes (drawing and clicks).
    static func tabSpans(_ state: AppState, _ r: Rect) -> [(pane: Pane, label: String, columns: Range<Int>)] {
        var out: [(pane: Pane, label: String, columns: Range<Int>)] = []
        var x = r.x
        for p in Pane.allCases {
            var name = p.title
            if p == .list && !state.list.title.isEmpty { name += ": " + state.list.title }
            let label = " \(name) "  // no number: the number keys open saved views
            let w = min(displayWidth(label), max(0, r.maxX - x))
            if w <= 0 { break }
            out.append((p, label, x..<(x + w)))
            x += w + 1
        }
        return out
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
        if state.features.inbox.unread > 0 { put(glyphs.separator + " inbox \(state.features.inbox.unread) unread ", .statusBusy) }
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
