import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// Saved views on screen: their rows after My Work (number key, name, the count once listed), the list
/// with the view's own columns, and the views menu.
@Suite struct ViewsScreenTests {
    static let views = [
        SavedView(name: "Platform high", source: .folder("F1"), filters: ViewFilters(importance: [.high]),
                  columns: [.status, .title, .updated]),
        SavedView(name: "Mine", source: .myWork),
    ]

    static func state(_ w: Int, _ h: Int) -> AppState {
        var s = BrowserScreenTests.state(width: w, height: h, focus: .list, openTask: false)
        s.setViews(views, startup: nil, remember: true)
        _ = s.update(.views(.number(1)))
        let read = ListRead.folderTasks("F1", TaskQuery(importance: .high))
        let task = WrikeTask(id: "H1", title: "Rotate the signing keys", status: .active, importance: .high,
                             updatedDate: "2024-06-14T09:00:00Z", customStatusId: "NEW")
        _ = s.handle(.taskPage(read: read, generation: s.list.generation, firstPage: true,
                               .success(TaskPage(tasks: [task], total: 1))))
        _ = s.update(.layout(BrowserLayout.compute(width: w, height: h, focus: s.focus).viewport(state: s)))
        return s
    }

    @Test func theTreeRowsAndTheViewsColumns() throws {
        let s = Self.state(160, 30)
        let c = BrowserScreenTests.render(s, 160, 30)
        let rows = (0..<c.height).map { c.line($0) }
        let my = try #require(rows.firstIndex { $0.contains("• My Work") })
        let first = try #require(rows.firstIndex { $0.contains("1 Platform high · 1") })
        let second = try #require(rows.firstIndex { $0.contains("2 Mine") })
        let space = try #require(rows.firstIndex { $0.contains("Engineering 🛠") })
        #expect(my < first && first < second && second < space)
        let text = c.text()
        #expect(text.contains("Tasks · Platform high · 1"))
        #expect(text.contains("Rotate the signing keys"))
        // The view's columns: Updated shown, Assignees and Due not.
        let header = try #require(rows.first { $0.contains("Title") && $0.contains("Status") })
        #expect(header.contains("Updated") && !header.contains("Assignees") && !header.contains("Due"))
    }

    @Test func theViewsMenu() throws {
        var s = Self.state(160, 30)
        _ = s.update(.views(.menu))
        let text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains("Saved views"))
        #expect(text.contains("1 Platform high") && text.contains("2 Mine"))
        #expect(text.contains("Enter open") || text.contains("open"))
    }

    @Test func aViewThatFailsSaysWhy() {
        var s = BrowserScreenTests.state(width: 160, height: 30, focus: .list, openTask: false)
        s.setViews([SavedView(name: "Lost", source: .path(["Sales", "Q3"]))], startup: nil, remember: true)
        _ = s.update(.views(.number(1)))
        let text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains("No space is named “Sales”"))
    }
}
