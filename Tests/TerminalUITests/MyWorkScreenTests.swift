import Browser
import BrowserRuntime
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// My Work on screen: its tree row above the spaces (with the count once listed) and its list, drawn
/// as a folder's; the words while it waits for "me" and when nothing is mine.
@Suite struct MyWorkScreenTests {
    static let me = ListRead.tasks(MyWork.query(me: "ME"))

    /// The golden screens' state (tree, names), with My Work opened by its key instead of the folder.
    static func state(_ w: Int, _ h: Int, tasks: [WrikeTask]?) -> AppState {
        var s = BrowserScreenTests.state(width: w, height: h, focus: .list, openTask: false)
        _ = s.update(.openList(.myWork))
        if let tasks {
            _ = s.handle(.taskPage(read: me, generation: s.list.generation, firstPage: true,
                                   .success(TaskPage(tasks: tasks, nextPageToken: "NEXT", total: 12))))
        }
        _ = s.update(.layout(BrowserLayout.compute(width: w, height: h, focus: s.focus).viewport(state: s)))
        return s
    }

    static let mine = [
        WrikeTask(id: "M1", title: "Quarterly planning (Engineering)", parentIds: ["F1"], responsibleIds: ["ME"],
                  status: .active, importance: .high, dates: TaskDates(type: .planned, due: "2024-06-20T17:00:00"),
                  customStatusId: "PROG"),
        WrikeTask(id: "M2", title: "Benefits enrolment (Operations)", parentIds: ["OPS"], responsibleIds: ["ME", "HS"],
                  status: .active, importance: .normal, customStatusId: "NEW"),
        WrikeTask(id: "M3", title: "Review: launch copy", parentIds: ["MKT"], responsibleIds: ["ME"], status: .active,
                  importance: .low, customStatusId: "NEW"),
    ]

    @Test func theTreeRowAndTheList() throws {
        let s = Self.state(200, 40, tasks: Self.mine)
        let c = BrowserScreenTests.render(s, 200, 40)
        try BrowserScreenTests.check("mywork-200x40", c)
        let text = c.text()
        #expect(text.contains("• My Work · 3 of 12"))
        #expect(text.contains("Tasks · My Work · 3 of 12"))
        #expect(text.contains("Quarterly planning (Engineering)") && text.contains("Benefits enrolment (Operations)"))
        // The row sits above the spaces.
        let rows = (0..<c.height).map { c.line($0) }
        let row = try #require(rows.firstIndex { $0.contains("My Work · 3") })
        let space = try #require(rows.firstIndex { $0.contains("Engineering 🛠") })
        #expect(row < space)
    }

    @Test func waitingForMeAndNothingMine() {
        var waiting = BrowserScreenTests.state(width: 120, height: 30, focus: .list, openTask: false)
        waiting.catalog.directory.meId = nil
        waiting.session.directoryStatus = .loading
        _ = waiting.update(.openList(.myWork))
        #expect(waiting.list.waiting)
        let w = BrowserScreenTests.render(waiting, 120, 30).text()
        #expect(w.contains("loading: who you are…") && w.contains("Tasks · My Work"))
        #expect(w.contains("• My Work") && !w.contains("My Work · "))

        let none = BrowserScreenTests.render(Self.state(120, 30, tasks: []), 120, 30).text()
        #expect(none.contains("No active task is assigned to you."))
        #expect(BrowserScreenTests.render(Self.state(120, 30, tasks: nil), 120, 30).text().contains("loading your tasks…"))
    }
}
