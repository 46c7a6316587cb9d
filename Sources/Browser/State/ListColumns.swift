// The task list's columns (config `columns = [...]`, in order). The renderer fits them to the pane:
// the title takes what the others leave; status, assignees and due appear from a pane width up (as they
// always did); the other configured columns show while the title keeps `minTitle` cells, and are
// dropped from the right when it would not.
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

    /// The narrowest list pane (inner width) that shows this column (the default ones); the others
    /// show while the title has room.
    public var minPaneWidth: Int {
        switch self {
        case .due: 40
        case .status: 50
        case .assignees: 70
        default: 0
        }
    }

    /// Cells for a pane `width` wide (the title: nil, it takes the rest).
    public func width(inPane width: Int) -> Int? {
        switch self {
        case .title: nil
        case .importance: 1
        case .marker: 2
        case .status: min(14, width / 6)
        case .assignees: min(18, width / 5)
        case .author: min(14, width / 6)
        case .due: 6
        // "Updated", "Created" and an older year's "2023-11" are 7 wide.
        case .start, .updated, .created: 7
        case .id: 16
        }
    }

    /// Whether a space separates it from the next column (the glyph columns sit against it).
    public var gapAfter: Bool { self != .importance && self != .marker }

    /// The configured names in order; unknown names are left out (the config reports them).
    public static func parse(_ names: [String]) -> [ListColumn] {
        var seen = Set<ListColumn>()
        return names.compactMap { ListColumn(rawValue: $0.lowercased()) }.filter { seen.insert($0).inserted }
    }

    /// The columns shown in a pane `width` cells wide, with their widths, in the configured order.
    public static func fit(_ columns: [ListColumn], width: Int, minTitle: Int = 20) -> [(column: ListColumn, width: Int)] {
        var shown = columns.filter { width >= $0.minPaneWidth }
        func fixedWidth(_ cols: [ListColumn]) -> Int {
            cols.reduce(0) { sum, c in sum + (c.width(inPane: width) ?? 0) + (c.gapAfter && c != cols.last ? 1 : 0) }
        }
        // Too narrow for the title: drop the added columns from the right (the default ones keep their
        // pane widths, so the list looks as it always did).
        while shown.contains(.title), width - fixedWidth(shown) - 1 < minTitle,
              let drop = shown.lastIndex(where: { !defaults.contains($0) }) {
            shown.remove(at: drop)
        }
        // One cell is left free at the right edge (as the list always did).
        let rest = max(shown.contains(.title) ? 4 : 0, width - fixedWidth(shown) - 1)
        return shown.map { ($0, $0.width(inPane: width) ?? rest) }
    }
}
