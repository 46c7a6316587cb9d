// The task list's columns (config `columns = [...]`, in order). The renderer fits them to the pane
// (`fit`): the title takes what the others leave and shrinks first; the added columns show while the
// title keeps `minTitle` cells; then the columns of names shrink; default columns go last.
import Foundation

public enum ListColumn: String, Sendable, Hashable, CaseIterable {
    case status, importance, title, assignees, due, start, updated, created, author, id, marker

    /// The config's default: `["status", "importance", "title", "assignees", "due"]`.
    public static let defaults: [ListColumn] = [.status, .importance, .title, .assignees, .due]

    /// The header cell ("" for the one-cell glyph columns).
    public var header: String {
        switch self {
        case .status: "Status"
        case .importance, .marker: " "
        case .title: "Title"
        case .assignees: "Assignees"
        case .due: "Due"
        case .start: "Start"
        case .updated: "Updated"
        case .created: "Created"
        case .author: "Author"
        case .id: "ID"
        }
    }

    /// Cells it wants in a pane `width` wide (the title: nil, it takes the rest).
    public func width(inPane width: Int) -> Int? {
        switch self {
        case .title: nil
        case .importance: 1
        case .marker: 2
        case .status: max(Self.narrowest, min(14, width / 6))
        case .assignees: max(Self.narrowest, min(18, width / 5))
        case .author: max(Self.narrowest, min(14, width / 6))
        case .due: 6
        // "Updated", "Created" and an older year's "2023-11" are 7 wide.
        case .start, .updated, .created: 7
        case .id: 16
        }
    }

    /// The fewest cells a column of names (status, assignees, author) shrinks to: "In Pr~", "Alex ~".
    static let narrowest = 6
    /// The fewest cells the title keeps before default columns are dropped.
    static let narrowestTitle = 8
    /// Which default column goes first when even the narrowest widths do not fit.
    static let dropOrder: [ListColumn] = [.assignees, .status, .due, .importance]

    var shrinks: Bool { self == .status || self == .assignees || self == .author }

    /// Whether a space separates it from the next column (the glyph columns sit against it).
    public var gapAfter: Bool { self != .importance && self != .marker }

    /// The configured names in order; unknown names are left out (the config reports them).
    public static func parse(_ names: [String]) -> [ListColumn] {
        var seen = Set<ListColumn>()
        return names.compactMap { ListColumn(rawValue: $0.lowercased()) }.filter { seen.insert($0).inserted }
    }

    /// The columns shown in a pane `width` cells wide, with their widths, in the configured order.
    /// The title takes what the others leave. When that is under `minTitle`: the added (non-default)
    /// columns go, from the right; then the columns of names shrink, widest first, to `narrowest`;
    /// then the title shrinks to `narrowestTitle`; only then default columns go (`dropOrder`). The
    /// default columns thus all show from a 31-cell pane (a 100-column terminal's list has 32).
    public static func fit(_ columns: [ListColumn], width: Int, minTitle: Int = 20) -> [(column: ListColumn, width: Int)] {
        var shown = columns.map { (column: $0, width: $0.width(inPane: width) ?? 0) }
        let hasTitle = columns.contains(.title)
        func titleRoom() -> Int {
            // One cell is left free at the right edge (as the list always did).
            width - 1 - shown.enumerated().reduce(0) { sum, e in
                sum + e.element.width + (e.element.column.gapAfter && e.offset < shown.count - 1 ? 1 : 0)
            }
        }
        while hasTitle, titleRoom() < minTitle, let drop = shown.lastIndex(where: { !defaults.contains($0.column) }) {
            shown.remove(at: drop)
        }
        while hasTitle, titleRoom() < minTitle,
              let widest = shown.indices.filter({ shown[$0].column.shrinks && shown[$0].width > narrowest })
                .max(by: { shown[$0].width < shown[$1].width }) {
            shown[widest].width -= 1
        }
        while hasTitle, titleRoom() < narrowestTitle,
              let drop = dropOrder.lazy.compactMap({ c in shown.firstIndex { $0.column == c } }).first {
            shown.remove(at: drop)
        }
        let rest = max(hasTitle ? 4 : 0, titleRoom())
        return shown.map { ($0.column, $0.column == .title ? rest : $0.width) }
    }
}
