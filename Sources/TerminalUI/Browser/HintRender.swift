// The hint line and the help overlay, drawn from the key table (Browser/KeymapHints.swift): a rebound
// key shows in both.
import Browser
import TermText
import WrikeAPI

extension BrowserRender {
    /// The display name of `action`'s first key (empty when it has none), for prose that names it.
    static func key(_ state: AppState, _ action: Action, _ glyphs: Glyphs) -> String {
        state.keymap.keyName(action, ascii: glyphs.isASCII) ?? ""
    }

    /// The hint line: the keys of the current mode, from the key table.
    static func hintLine(_ state: AppState, _ r: Rect, into c: inout Canvas, glyphs: Glyphs) {
        let ascii = glyphs.isASCII
        let items: [HintItem]
        // The keys of the mode that takes them (a comment editor left with Tab: the panes' keys).
        switch state.keyMode {
        case .help:
            items = state.keymap.hintItems(Hints.help, ascii: ascii)
        case .picker, .form, .confirm:
            guard let o = state.modal else { return }
            let hint = state.keymap.hint(o.modal.hint, ascii: ascii, width: r.width - 1) { displayWidth(glyphs.keys($0)) }
            c.put(" " + glyphs.keys(hint), x: r.x, y: r.y, style: Style(.hint), maxWidth: r.width)
            return
        case .lineInput:
            var newTask = false
            if case .newTask? = state.features.taskEdit.input?.purpose { newTask = true }
            items = state.keymap.hintItems(Hints.lineInput(newTask: newTask), ascii: ascii)
        case .timesheet:
            items = TimesheetRender.hints(state.keymap, ascii: ascii)
        case .inbox:
            items = InboxRender.hints(state.keymap, ascii: ascii)
        case .editor:
            items = state.keymap.hintItems(Hints.composer, ascii: ascii)
        case .filter:
            items = state.keymap.hintItems(Hints.filter, ascii: ascii)
        case .browse:
            items = paneHints(state, r, ascii: ascii)
        }
        var x = r.x + 1
        for item in items {
            if x + width(item) > r.maxX { break }
            x += c.put(item.keys, x: x, y: r.y, style: Style(.hintKey))
            x += c.put(" " + item.label + "  ", x: x, y: r.y, style: Style(.hint))
        }
    }

    /// The cells an item takes on the hint line: keys, a space, the label, two spaces.
    static func width(_ item: HintItem) -> Int { displayWidth(item.keys) + 1 + displayWidth(item.label) + 2 }

    /// The focused pane's hints: its rows with `hintIn`, in table order as room allows; help and quit
    /// always show, at the end.
    static func paneHints(_ state: AppState, _ r: Rect, ascii: Bool) -> [HintItem] {
        var items: [HintItem] = []
        var tail: [HintItem] = []
        for b in state.keymap.bindings where b.hintIn.contains(state.focus) {
            guard let k = b.keys.first else { continue }
            let item = HintItem(keys: KeyNames.display(k, ascii: ascii), label: b.label)
            if b.action == .help || b.action == .quit { tail.append(item) } else { items.append(item) }
        }
        let tailWidth = tail.reduce(0) { $0 + width($1) }
        var x = r.x + 1
        var shown: [HintItem] = []
        for item in items {
            if x + width(item) + tailWidth > r.maxX { break }
            shown.append(item)
            x += width(item)
        }
        return shown + tail
    }

    // MARK: - Help

    /// The help overlay's lines (group headings and bindings).
    public static func helpLines(_ keymap: Keymap, ascii: Bool) -> [(keys: String, text: String, heading: Bool)] {
        var out: [(String, String, Bool)] = []
        var groups: [String] = []
        for b in keymap.bindings where !groups.contains(b.group) { groups.append(b.group) }
        for g in groups {
            if !out.isEmpty { out.append(("", "", false)) }
            out.append((g, "", true))
            for b in keymap.bindings where b.group == g {
                out.append((b.keys.map { KeyNames.display($0, ascii: ascii) }.joined(separator: " "), b.help, false))
            }
        }
        return out
    }

    /// The help's rows for descriptions `width` cells wide: a description that does not fit goes on in the rows
    /// below it (their keys column blank), so `?` shows every description whole.
    static func helpRows(_ keymap: Keymap, glyphs: Glyphs, width: Int) -> [(keys: String, text: String, heading: Bool)] {
        helpLines(keymap, ascii: glyphs.isASCII).flatMap { line -> [(keys: String, text: String, heading: Bool)] in
            guard !line.heading, !line.text.isEmpty, width > 0 else { return [line] }
            return wrap(glyphs.prose(line.text), width: width).enumerated().map { i, part in
                (keys: i == 0 ? line.keys : "", text: part, heading: false)
            }
        }
    }

    /// The help box's widest (a wide terminal: descriptions of up to ~95 cells, a comfortable line to read).
    static let helpMaxWidth = 120
    /// Up to this width the box and its keys column are as on an 80-column terminal.
    static let helpNarrowWidth = 76

    /// The help box's width and its keys column's on a terminal `width` cells wide: 76 and 16 up to 80
    /// columns; wider, up to `helpMaxWidth`, with a keys column of 24 (`← → Tab S-Tab h l` whole).
    static func helpWidths(_ width: Int) -> (box: Int, keys: Int) {
        let box = min(width - 4, helpMaxWidth)
        return (box, box > helpNarrowWidth + 10 ? 24 : 16)
    }

    static func help(_ state: AppState, into c: inout Canvas, glyphs: Glyphs) {
        let (w, keyW) = helpWidths(c.width)
        let lines = helpRows(state.keymap, glyphs: glyphs, width: w - 4 - keyW - 1)
        let h = min(c.height - 4, lines.count + 2)
        guard w > 20, h > 3 else { return }
        let rect = Rect(x: (c.width - w) / 2, y: (c.height - h) / 2, width: w, height: h)
        c.fill(rect, style: Style(.dialog))
        c.box(rect, chars: glyphs.focusedBorder, style: Style(.dialogBorder),
              title: glyphs.prose("Keys · \(key(state, .helpClose, glyphs)) closes · wrike-tui \(WrikeTUIVersion.string)"),
              titleStyle: Style(.dialogBorder, .bold), ellipsis: glyphs.ellipsis)
        let inner = rect.inset(top: 1, left: 2, bottom: 1, right: 2)
        let maxScroll = max(0, lines.count - inner.height)
        let start = min(state.help?.scroll ?? 0, maxScroll)
        c.withRegion(inner) { c in
            for (y, line) in lines[start..<min(lines.count, start + inner.height)].enumerated() {
                if line.heading {
                    c.put(line.keys, x: 0, y: y, style: Style(.section))
                } else {
                    c.putPadded(line.keys, x: 0, y: y, width: keyW, style: Style(.hintKey), ellipsis: glyphs.ellipsis)
                    c.put(truncate(line.text, to: max(0, inner.width - keyW - 1), ellipsis: glyphs.ellipsis), x: keyW + 1, y: y,
                          style: Style(.dialog))
                }
            }
        }
    }
}
