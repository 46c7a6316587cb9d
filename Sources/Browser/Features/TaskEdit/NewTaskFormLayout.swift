// Where the new-task form's rows go for a screen size: the box, the label column, each field's rows (the
// description grows with its lines up to `maxDescriptionRows`, a refusal's reason takes a row under its
// field) and, when they do not all fit, the window of rows shown: it always holds the focused field, so
// every field is reachable with Tab and drawn while it has the focus. Pure: the drawing
// (TerminalUI/Browser/Features/NewTaskFormRender.swift) and the description's wrap width (↑/↓ move by the
// rows as shown) both read it. See docs/editing.md.

public struct NewTaskFormLayout: Sendable, Equatable {
    /// The widest box, and the least inside height (six fields, spare rows, the hint) while it fits.
    public static let maxWidth = 76
    public static let minInnerHeight = 9
    /// The description shows at most this many rows; a longer one scrolls inside them.
    public static let maxDescriptionRows = 6

    /// One field's rows, in the form's own row numbers (0 = the title's row).
    public struct Block: Sendable, Equatable {
        public var field: NewTaskForm.Field
        public var y: Int
        /// The field's own rows (the description's may be more than one).
        public var rows: Int
        /// One more row under it for the reason of a refused submit.
        public var hasError: Bool
        public var height: Int { rows + (hasError ? 1 : 0) }
    }

    public var boxWidth: Int
    public var boxHeight: Int
    public var labelWidth: Int
    public var blocks: [Block]
    /// The first of the form's rows shown, and how many are shown (the box's inside less the hint row).
    public var top: Int
    public var shownRows: Int
    public var moreAbove: Bool { top > 0 }
    public var moreBelow: Bool { top + shownRows < totalRows }
    public var totalRows: Int { blocks.last.map { $0.y + $0.height } ?? 0 }
    /// The description's text width in cells (the field less the column kept for the cursor).
    public var descriptionWidth: Int { Self.descriptionWidth(boxWidth: boxWidth, labelWidth: labelWidth) }

    public func block(_ f: NewTaskForm.Field) -> Block? { blocks.first { $0.field == f } }

    /// The layout of `form` in a `width` x `height` area (the screen less its status and hint lines).
    public static func compute(_ form: NewTaskForm, width: Int, height: Int) -> NewTaskFormLayout {
        let boxWidth = max(0, min(maxWidth, width - 2))
        let inner = max(0, boxWidth - 2)
        let lw = min(12, inner / 3)
        let descLines = form.descriptionRows(width: descriptionWidth(boxWidth: boxWidth, labelWidth: lw))
        var desc = min(max(1, descLines), maxDescriptionRows)
        func blocks() -> [Block] {
            var y = 0
            return NewTaskForm.Field.allCases.map { f in
                let b = Block(field: f, y: y, rows: f == .description ? desc : 1, hasError: form.errors[f] != nil)
                y += b.height
                return b
            }
        }
        var bs = blocks()
        let total = bs.last.map { $0.y + $0.height } ?? 0
        let boxHeight = max(0, min(max(minInnerHeight, total + 1) + 2, height - 2))
        let shown = max(0, boxHeight - 3)
        if total > shown && desc > 1 {
            desc = max(1, desc - (total - shown))
            bs = blocks()
        }
        var layout = NewTaskFormLayout(boxWidth: boxWidth, boxHeight: boxHeight, labelWidth: lw, blocks: bs, top: 0,
                                       shownRows: shown)
        layout.top = layout.window(showing: form.focus)
        return layout
    }

    /// The first row to show so that `field` is in the window (from the top when everything fits).
    func window(showing field: NewTaskForm.Field) -> Int {
        guard totalRows > shownRows, let b = block(field) else { return 0 }
        var top = 0
        if b.y + b.height > top + shownRows { top = b.y + b.height - shownRows }
        if b.y < top { top = b.y }
        return min(max(0, top), totalRows - shownRows)
    }

    static func descriptionWidth(boxWidth: Int, labelWidth: Int) -> Int { max(1, boxWidth - 2 - labelWidth - 1) }
}
