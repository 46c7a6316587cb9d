// Drawing the action models into a canvas: dialog frames, the inline comment editor and the confirm
// dialog (the pickers are PickerWidgets.swift, the forms FormWidgets.swift). Server text is sanitized
// here. See docs/actions.md.
import Browser
import TermText
import WrikeAPI

/// Shared pieces: dialog frames and placement.
public enum Dialog {
    /// A `width` x `height` rectangle centred in `area` (clamped to it).
    public static func centered(in area: Rect, width: Int, height: Int) -> Rect {
        let w = min(width, area.width), h = min(height, area.height)
        return Rect(x: area.x + (area.width - w) / 2, y: area.y + (area.height - h) / 2, width: w, height: h)
    }

    /// Clears `rect`, draws a dialog box with `title`, returns the interior.
    @discardableResult
    public static func frame(_ canvas: inout Canvas, _ rect: Rect, title: String, glyphs: Glyphs) -> Rect {
        canvas.fill(rect, style: Style(.dialog))
        canvas.box(rect, chars: glyphs.border, style: Style(.dialogBorder), title: title.sanitizedLine,
                   titleStyle: Style(.title, .bold), ellipsis: glyphs.ellipsis)
        return rect.inset(by: 1)
    }

    /// Word-wrapped `text` from `y` in `rect` (relative to the canvas region), at most `maxLines`.
    /// Returns the number of lines drawn.
    @discardableResult
    static func paragraph(_ canvas: inout Canvas, _ text: String, in rect: Rect, y: Int, style: Style,
                          maxLines: Int = Int.max) -> Int {
        let lines = wrap(text.sanitized, width: rect.width)
        var n = 0
        for line in lines where n < maxLines && y + n < rect.maxY {
            canvas.put(line, x: rect.x, y: y + n, style: style, maxWidth: rect.width)
            n += 1
        }
        return n
    }
}

// MARK: - Editor

public enum EditorWidget {
    /// Draws the editor's text in `rect` (no border): soft-wrapped at `rect.width - 1` (the last column
    /// is kept for the cursor and the scroll marks), the cursor cell in reverse video when `focused`.
    /// Empty text shows `placeholder` dimmed.
    public static func draw(_ state: TextEditorState, in rect: Rect, canvas: inout Canvas, glyphs: Glyphs,
                            focused: Bool = true, placeholder: String? = nil) {
        guard rect.width >= 2, rect.height >= 1 else { return }
        canvas.fill(rect, style: Style(.input))
        let textWidth = rect.width - 1
        let view = state.viewport(width: textWidth, height: rect.height)
        if state.buffer.isEmpty, let placeholder {
            canvas.put(truncate(placeholder.sanitizedLine, to: textWidth, ellipsis: glyphs.ellipsis), x: rect.x + 1,
                       y: rect.y, style: Style(.dim), maxWidth: textWidth - 1)
        }
        for (i, line) in view.lines.enumerated() {
            canvas.put(line.text, x: rect.x, y: rect.y + i, style: Style(.input), maxWidth: rect.width)
        }
        if view.moreAbove { canvas.put(glyphs.arrowUp, x: rect.maxX - 1, y: rect.y, style: Style(.scrollbar)) }
        if view.moreBelow { canvas.put(glyphs.arrowDown, x: rect.maxX - 1, y: rect.maxY - 1, style: Style(.scrollbar)) }
        guard focused else { return }
        let cx = rect.x + min(view.cursorColumn, rect.width - 1)
        let cy = rect.y + view.cursorRow
        // The cursor covers the whole grapheme under it (two cells for a wide one).
        var cells = 1
        if state.cursor < state.buffer.count, state.buffer[state.cursor] != "\n" {
            cells = max(1, displayWidth(state.buffer[state.cursor]))
        }
        canvas.restyle(Rect(x: cx, y: cy, width: min(cells, rect.maxX - cx), height: 1), style: Style(.input, .reverse))
    }

    /// The comment editor panel: a box titled with the task, the editor, a status line (the send
    /// state or error from `SendTracker.message`), and the key hint.
    public static func drawPanel(_ state: TextEditorState, title: String, status: String?, statusIsError: Bool,
                                 hint: String, in rect: Rect, canvas: inout Canvas, glyphs: Glyphs) {
        guard rect.width >= 4, rect.height >= 3 else { return }
        let inner = Dialog.frame(&canvas, rect, title: title, glyphs: glyphs)
        let footer = (status == nil ? 0 : 1) + 1
        let editorRect = Rect(x: inner.x, y: inner.y, width: inner.width, height: max(1, inner.height - footer))
        draw(state, in: editorRect, canvas: &canvas, glyphs: glyphs, placeholder: "Write a comment")
        var y = editorRect.maxY
        if let status, y < inner.maxY {
            canvas.putPadded(glyphs.prose(status.sanitizedLine), x: inner.x, y: y, width: inner.width,
                             style: Style(statusIsError ? .error : .statusBusy), ellipsis: glyphs.ellipsis)
            y += 1
        }
        if y < inner.maxY {
            canvas.putPadded(glyphs.keys(hint), x: inner.x, y: y, width: inner.width, style: Style(.hint), ellipsis: glyphs.ellipsis)
        }
    }
}

// MARK: - Confirm

public enum ConfirmWidget {
    /// Draws the question centred in `area`: title, wrapped message, and the two answers with the
    /// highlighted one (No by default) in the selection style; a yes that needs its key (`yesKey`, the key
    /// table's `confirm-yes`) says so ("[ y: Delete ]").
    public static func draw(_ model: ConfirmModel, yesKey: String, in area: Rect, canvas: inout Canvas, glyphs: Glyphs) {
        let message = glyphs.prose(model.message.sanitized)
        // A destructive answer names its key: only that key takes it.
        let yes = "[ " + (model.needsY ? yesKey + ": " : "") + model.yesLabel.sanitizedLine + " ]"
        let no = "[ " + model.noLabel.sanitizedLine + " ]"
        let buttons = displayWidth(yes) + 2 + displayWidth(no)
        let width = min(max(30, displayWidth(message.sanitizedLine) + 4, buttons + 10), min(60, area.width))
        let lines = wrap(message, width: max(1, width - 4))
        let height = min(area.height, lines.count + 4)
        let rect = Dialog.centered(in: area, width: width, height: height)
        let inner = Dialog.frame(&canvas, rect, title: model.title, glyphs: glyphs)
        guard inner.width > 2, inner.height > 0 else { return }
        for (i, line) in lines.enumerated() where inner.y + i < inner.maxY - 1 {
            canvas.put(line, x: inner.x + 1, y: inner.y + i, style: Style(.dialog), maxWidth: inner.width - 1)
        }
        var x = inner.x + max(0, (inner.width - buttons) / 2)
        let y = inner.maxY - 1
        // Narrower than the answers: they are cut at the frame (the key names stay on the hint line).
        func answer(_ text: String, _ chosen: Bool) {
            let room = inner.maxX - x
            guard room > 0 else { return }
            let style = Style(chosen ? .selection : .dialog, chosen ? .bold : [])
            x += canvas.put(truncate(text, to: room, ellipsis: glyphs.ellipsis), x: x, y: y, style: style, maxWidth: room)
        }
        answer(yes, model.choice == .yes)
        x += 2
        answer(no, model.choice == .no)
    }
}
