import Browser
import BrowserRuntime
import Foundation
import Testing
@testable import TerminalUI
import TermText

/// The task list's default columns on the three-pane layout: status, title, assignees and due all show
/// from a 100-column terminal up (the title shrinks first).
@Suite struct ListColumnsScreenTests {
    /// The text of row `y` of the canvas between `rect`'s side borders.
    static func inside(_ c: Canvas, _ rect: Rect, row y: Int) -> String {
        (rect.x + 1..<rect.maxX - 1).map { c[$0, y].text }.joined()
    }

    @Test(arguments: [100, 120, 160, 200])
    func statusTitleAssigneesAndDueShow(width: Int) throws {
        let s = BrowserScreenTests.state(width: width, height: 40, focus: .list, openTask: false)
        let c = BrowserScreenTests.render(s, width, 40)
        let list = try #require(BrowserLayout.compute(width: width, height: 40, focus: .list).list)
        let rows = (list.y + 1..<list.maxY - 1).map { Self.inside(c, list, row: $0) }
        let header = try #require(rows.first { $0.contains("Title") }, "\(rows)")
        for name in ["Status", "Title", "Assig", "Due"] { #expect(header.contains(name), "\(width): \(header)") }
        // "Ship it": Done, assigned to Alex Morgan, due Jun 01.
        let row = try #require(rows.first { $0.contains("Ship") }, "\(rows)")
        for value in ["Done", "Alex", "Jun 01"] { #expect(row.contains(value), "\(width): \(row)") }
        // The columns line up under their headers.
        for (name, value) in [("Assig", "Alex"), ("Due", "Jun 01")] {
            let h = try #require(header.range(of: name)).lowerBound
            let v = try #require(row.range(of: value)).lowerBound
            #expect(displayWidth(String(header[..<h])) == displayWidth(String(row[..<v])), "\(width): \(name)")
        }
    }
}
