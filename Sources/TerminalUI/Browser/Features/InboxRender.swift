// The inbox on screen (Browser/Features/Inbox): a row per item, newest first: unread mark, when, why,
// the task's title and who/what; the selected item's text in full at the bottom. Drawn in place of the
// panes. Wrike's text (titles, comments, names) is sanitized here before it is drawn.
import Browser
import Foundation
import TermText

enum InboxRender {
    static let whenWidth = 13
    static let reasonWidth = 24

    static func render(_ state: AppState, in r: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let n = state.features.inbox
        BrowserRender.frame(title(state, glyphs: glyphs), r, focused: true, into: &c, glyphs: glyphs)
        let inner = Rect(x: r.x + 1, y: r.y + 1, width: max(0, r.width - 2), height: max(0, r.height - 2))
        guard inner.width > 10, inner.height > 2 else { return }
        let body = Rect(x: inner.x, y: inner.y, width: inner.width, height: inner.height - 2)
        if n.items.isEmpty {
            BrowserRender.centered(emptyWords(n, glyphs: glyphs), n.lastError == nil ? .dim : .error, in: body, into: &c, glyphs: glyphs)
        }
        let top = max(0, n.cursor - body.height + 1)
        for (i, item) in n.items.enumerated().dropFirst(top).prefix(body.height) {
            row(state, item, selected: i == n.cursor, y: body.y + i - top, x: body.x, width: body.width, into: &c, glyphs: glyphs)
        }
        if let item = n.selected {
            let full = line(state, item, glyphs: glyphs)
            c.put(truncate(full, to: inner.width, ellipsis: glyphs.ellipsis), x: inner.x, y: inner.maxY - 1, style: Style(.dim))
        } else if let e = n.lastError {
            c.put(truncate(glyphs.prose(e), to: inner.width, ellipsis: glyphs.ellipsis), x: inner.x, y: inner.maxY - 1, style: Style(.error))
        }
    }

    /// "Inbox · 3 unread · checked 2 min ago" (or "checking…").
    static func title(_ state: AppState, glyphs: Glyphs) -> String {
        let n = state.features.inbox
        var t = "Inbox \(glyphs.dot) \(n.unread) unread"
        if n.inFlight {
            t += " \(glyphs.dot) checking\(glyphs.ellipsis)"
        } else if let at = n.lastPolled {
            t += " \(glyphs.dot) checked \(RelativeTime.describe(at, now: state.now))"
        }
        return t
    }

    static func emptyWords(_ n: InboxState, glyphs: Glyphs) -> String {
        if let e = n.lastError { return glyphs.prose(e) }
        if n.lastPolled == nil { return "Checking Wrike for what is new for you\(glyphs.ellipsis)" }
        return "Nothing new: tasks assigned to you, mentions, approvals waiting on you and unblocked tasks show here."
    }

    static func row(_ state: AppState, _ item: InboxItem, selected: Bool, y: Int, x: Int, width: Int,
                    into c: inout Canvas, glyphs: Glyphs) {
        let base: Role = selected ? .selection : .normal
        if selected { c.fill(Rect(x: x, y: y, width: width, height: 1), style: Style(base)) }
        var cx = x
        let mark = item.read ? " " : glyphs.attention
        cx += c.put(mark + " ", x: cx, y: y, style: Style(selected ? base : .attention))
        let when = fit(RelativeTime.describe(item.at, now: state.now), whenWidth)
        cx += c.put(when, x: cx, y: y, style: Style(selected ? base : .dim))
        let reason = fit(item.reason.text, reasonWidth)
        cx += c.put(reason, x: cx, y: y, style: Style(selected ? base : .header))
        let style = item.read ? Style(base) : Style(base).with(.bold)
        let rest = truncate(summary(state, item, glyphs: glyphs), to: max(0, x + width - cx), ellipsis: glyphs.ellipsis)
        c.put(rest, x: cx, y: y, style: style)
    }

    /// The task's title, then who and what ("Alice: can you look?", "“Design” was completed").
    static func summary(_ state: AppState, _ item: InboxItem, glyphs: Glyphs) -> String {
        let title = Sanitizer.cleanLine(item.title)
        var s = title.isEmpty ? "(a task you cannot see)" : title
        let who = item.by.map { state.catalog.directory.name($0) }
        let note = Sanitizer.cleanLine(item.note)
        switch item.reason {
        case .mentioned, .approval:
            let text = [who, note.isEmpty ? nil : note].compactMap { $0 }.joined(separator: ": ")
            if !text.isEmpty { s += " \(glyphs.dot) " + text }
        case .unblocked:
            if !note.isEmpty { s += " \(glyphs.dot) " + glyphs.prose("“") + note + glyphs.prose("”") + " was completed" }
        case .assigned: break
        }
        return s
    }

    /// The selected item in full on one line: when exactly, why, the summary.
    static func line(_ state: AppState, _ item: InboxItem, glyphs: Glyphs) -> String {
        let when = WrikeDateText.local(item.at, timeZone: state.timeZone)
        return "\(when) \(glyphs.dot) \(item.reason.text) \(glyphs.dot) " + summary(state, item, glyphs: glyphs)
    }

    /// Left-aligned in `width` cells, one cell of gap on the right.
    static func fit(_ s: String, _ width: Int) -> String {
        let t = truncate(s, to: width - 1)
        return t + String(repeating: " ", count: max(0, width - displayWidth(t)))
    }

    static func hints(_ keymap: Keymap, ascii: Bool) -> [HintItem] {
        keymap.bindings(in: .inbox).compactMap { b in
            b.keys.first.map { HintItem(keys: KeyNames.display($0, ascii: ascii), label: b.label) }
        }
    }
}

/// A moment as the user reads it: `yyyy-MM-dd HH:mm` in their time zone.
enum WrikeDateText {
    static func local(_ date: Date, timeZone: TimeZone) -> String {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = timeZone
        let d = cal.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        func two(_ n: Int?) -> String { let v = n ?? 0; return v < 10 ? "0\(v)" : "\(v)" }
        return "\(d.year ?? 0)-\(two(d.month))-\(two(d.day)) \(two(d.hour)):\(two(d.minute))"
    }
}
