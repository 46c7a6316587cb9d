// The detail pane's lines as they are laid out: sections, fields, wrapped spans, task references.
import Foundation
import TermText
import WrikeAPI

/// Accumulates wrapped lines and section anchors.
struct DetailLayout {
    let width: Int
    /// The screen's symbols.
    let glyphs: Glyphs
    var lines: [DetailLine] = []
    var sections: [(section: DetailSection, line: Int)] = []

    /// A part still on its way.
    var loading: String { glyphs.prose("loading…") }

    mutating func blank() { if !(lines.last?.spans.isEmpty ?? true) { lines.append(DetailLine([])) } }

    mutating func section(_ s: DetailSection, count: Int? = nil) {
        sections.append((s, lines.count))
        lines.append(DetailLine([Span(s.rawValue + (count.map { " (\($0))" } ?? ""), .section)]))
    }

    /// Shows a part's loading state; returns true when its content should follow.
    mutating func status(_ s: LoadStatus) -> Bool {
        switch s {
        case .loaded: return true
        case .loading, .notLoaded: text(loading, .dim); return false
        case .failed(let m): text(m, .error); return false
        }
    }

    mutating func text(_ s: String, _ kind: TextKind, indent: Int = 0) {
        let pad = String(repeating: " ", count: indent)
        for l in wrap(s, width: max(1, width - indent)) { lines.append(DetailLine([Span(pad + l, kind)])) }
    }

    mutating func field(_ label: String, _ value: String, _ kind: TextKind = .normal, labelWidth: Int = 11) {
        fieldSpans(label, [Span(value, kind)], labelWidth: labelWidth)
    }

    mutating func fieldSpans(_ label: String, _ value: [Span], labelWidth: Int = 11) {
        let lw = min(labelWidth, max(4, width / 3))
        let l = Span(pad(truncate(label, to: lw - 1), to: lw), .label)
        spansWrapped([l] + value, indent: lw)
    }

    mutating func spans(_ s: [Span]) { spansWrapped(s, indent: 2) }

    /// Lays spans on lines of `width`, breaking between words; continuation lines start at `indent`.
    mutating func spansWrapped(_ spans: [Span], indent: Int) {
        var line: [Span] = []
        var used = 0
        let ind = min(indent, width / 2)
        func flush() {
            lines.append(DetailLine(line))
            line = [Span(String(repeating: " ", count: ind))]
            used = ind
        }
        for span in spans {
            // Split into words keeping the spaces in front of each word.
            var pieces: [String] = []
            var cur = ""
            var inSpace = true
            for c in span.text {
                if c == " " {
                    if !inSpace && !cur.isEmpty { pieces.append(cur); cur = "" }
                    inSpace = true
                } else {
                    inSpace = false
                }
                cur.append(c)
            }
            if !cur.isEmpty { pieces.append(cur) }
            for piece in pieces {
                var p = piece
                var w = displayWidth(p)
                if used + w > width && used > ind {
                    flush()
                    while p.first == " " { p.removeFirst() }
                    w = displayWidth(p)
                }
                while used + w > width && !p.isEmpty {
                    // A word wider than the line: cut it.
                    let room = max(1, width - used)
                    var head = ""
                    var hw = 0
                    var rest = Substring(p)
                    while let c = rest.first, hw + displayWidth(c) <= room {
                        head.append(c)
                        hw += displayWidth(c)
                        rest = rest.dropFirst()
                    }
                    if head.isEmpty { head = String(rest.prefix(1)); rest = rest.dropFirst() }
                    line.append(Span(head, span.kind))
                    used += hw
                    p = String(rest)
                    w = displayWidth(p)
                    if !p.isEmpty { flush() }
                }
                if !p.isEmpty {
                    line.append(Span(p, span.kind))
                    used += w
                }
            }
        }
        if !line.isEmpty { lines.append(DetailLine(line)) }
    }

    mutating func taskRef(bullet: String, id: String,
                          summary: (title: String, status: String, color: StatusColor?, finished: Bool)?, note: String? = nil) {
        guard let s = summary else {
            spansWrapped([Span(bullet), Span(id, .dim), Span("  " + loading, .dim)], indent: 2)
            return
        }
        var spans = [Span(bullet), Span(s.title), Span("  " + s.status, .status(s.color))]
        if let note { spans.append(Span("  " + note, .dim)) }
        spansWrapped(spans, indent: 2)
    }
}
