// The mouse (config `mouse = true`): a press focuses the pane and selects the row under it (tree, list, an
// attachment in the detail), the wheel moves through the pane. The app turns screen cells into pane rows
// from the layout (`BrowserLayout.mouseTarget`); rows here count from the first row inside the frame.
// See docs/links.md.

/// A mouse action on a pane.
public enum MouseIntent: Sendable, Equatable {
    /// A press on the pane's `row` (0: the first row inside its frame).
    case click(Pane, row: Int)
    /// The wheel: `lines` down (negative: up).
    case wheel(Pane, lines: Int)
}

extension AppState {
    /// Lines the wheel moves per notch.
    public static let wheelLines = 3

    mutating func mouse(_ intent: MouseIntent) -> [Effect] {
        switch intent {
        case .click(let pane, let row):
            focus = pane
            switch pane {
            case .tree:
                let i = tree.scroll + row
                guard row >= 0, tree.rows.indices.contains(i) else { return [] }
                return move(by: i - tree.cursor)
            case .list:
                // Below the filter line, the line input and the column header.
                let first = (list.editingFilter || list.isFiltered ? 1 : 0) + lineInputRows + 1
                let i = list.scroll + row - first
                guard row >= first, list.rows.indices.contains(i) else { return [] }
                return move(by: i - list.cursor)
            case .detail:
                let line = detail.scroll + row
                guard let at = detail.attachmentLines.lastIndex(where: { $0 <= line }),
                      line < detail.attachmentEnd else { return [] }
                return linksIntent(.selectAttachmentAt(at))
            }
        case .wheel(let pane, let lines):
            focus = pane
            return move(by: lines)
        }
    }
}
