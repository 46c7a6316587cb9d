// Where each pane goes for a terminal size and focus.
import Browser

public struct BrowserLayout: Sendable, Hashable {
    public static let minWidth = 40
    public static let minHeight = 10
    /// At or above this width the three panes sit side by side.
    public static let wideWidth = 100

    public var tree: Rect?
    public var list: Rect?
    public var detail: Rect?
    /// The pane tabs row of the narrow layout.
    public var tabs: Rect?
    public var status: Rect
    public var hint: Rect
    public var tooSmall: Bool

    public static func compute(width: Int, height: Int, focus: Pane) -> BrowserLayout {
        let full = Rect(x: 0, y: 0, width: width, height: height)
        if width < minWidth || height < minHeight {
            return BrowserLayout(tree: nil, list: nil, detail: nil, tabs: nil, status: .zero, hint: .zero, tooSmall: true)
        }
        let (body, bottom) = full.splitRows(at: height - 2)
        let status = Rect(x: 0, y: bottom.y, width: width, height: 1)
        let hint = Rect(x: 0, y: bottom.y + 1, width: width, height: 1)
        if width >= wideWidth {
            let treeW = max(24, width * 22 / 100)
            let listW = (width - treeW) * 45 / 100
            let (t, rest) = body.splitColumns(at: treeW)
            let (l, d) = rest.splitColumns(at: listW)
            return BrowserLayout(tree: t, list: l, detail: d, tabs: nil, status: status, hint: hint, tooSmall: false)
        }
        // Narrow: a row of pane tabs, then the focused pane at full width.
        let (tabs, pane) = body.splitRows(at: 1)
        return BrowserLayout(tree: focus == .tree ? pane : nil, list: focus == .list ? pane : nil,
                             detail: focus == .detail ? pane : nil, tabs: tabs, status: status, hint: hint,
                             tooSmall: false)
    }

    /// The view model's viewport for this layout (rows inside the boxes; hidden panes keep the focused size).
    public func viewport(state: AppState) -> Viewport {
        let visible = [tree, list, detail].compactMap { $0 }.first ?? .zero
        func inner(_ r: Rect?) -> Rect { (r ?? visible).inset(by: 1) }
        let listRows = inner(list).height - (state.list.editingFilter || state.list.isFiltered ? 2 : 1) - state.lineInputRows
        return Viewport(treeRows: max(1, inner(tree).height), listRows: max(1, listRows),
                        detailRows: max(1, inner(detail).height), detailWidth: max(10, inner(detail).width - 1),
                        screenWidth: hint.width, screenHeight: hint.maxY)
    }
}
