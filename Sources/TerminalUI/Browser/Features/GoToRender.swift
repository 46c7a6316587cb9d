// The go-to palette on screen (Browser/Features/GoTo): a framed box with the query line and the ranked
// rows (places, a task id or permalink, actions with their keys).
import Browser
import TermText

enum GoToRender {
    static func draw(_ m: GoToModel, in rect: Rect, canvas c: inout Canvas, glyphs: Glyphs) {
        let inner = Dialog.frame(&c, rect, title: glyphs.prose("Go to · a space, folder, project, task id, permalink or action"),
                                 glyphs: glyphs)
        guard inner.width > 2, inner.height > 1 else { return }
        PickerWidget.queryLine(m.query, in: inner, y: inner.y, canvas: &c, glyphs: glyphs, prompt: ": ")
        let list = Rect(x: inner.x, y: inner.y + 1, width: inner.width, height: inner.height - 1)
        PickerWidget.drawList(m.picker, in: list, canvas: &c, glyphs: glyphs, showQuery: false,
                              empty: m.places.isEmpty ? "No match (the spaces' folders are loading)" : "No match")
    }
}
