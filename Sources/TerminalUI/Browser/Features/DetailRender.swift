// The detail pane: the laid-out lines of the open task (Features/Detail), the composer under them.
import Browser
import Foundation
import TermText
import WrikeAPI

extension BrowserRender {
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
}
