import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// The go-to palette on screen: its frame, the query after ": ", the ranked rows (a folder with where
/// it sits, an action with its keys), server text sanitized, the hint line's keys; the golden screen.
@Suite struct GoToScreenTests {
    static func state(_ query: String) -> AppState {
        var s = BrowserScreenTests.state(width: 120, height: 30, focus: .tree, openTask: false)
        _ = s.update(.action(.goTo))
        for ch in query { _ = s.update(.action(.picker(.type(String(ch))))) }
        return s
    }

    @Test func aFolderFoundByName() throws {
        let c = BrowserScreenTests.render(Self.state("plat"), 120, 30)
        try BrowserScreenTests.check("goto-120x30", c)
        let text = c.text()
        #expect(text.contains("Go to · a space, folder, project, task id, permalink or action"))
        #expect(text.contains(": plat"))
        // The title's escape sequence is gone; the row says where the folder sits.
        #expect(text.contains("▶ Platform red  (folder in Engineering 🛠)"))
        #expect(text.contains("Enter go") && text.contains("Esc close"))
    }

    @Test func actionsAreASearchableHelp() {
        let text = BrowserScreenTests.render(Self.state("clipboard"), 120, 30).text()
        #expect(text.contains("Copy the task's permalink to the clipboard (OSC 52, works over SSH)  · copy-link [y]"))
        let none = BrowserScreenTests.render(Self.state("zzzqq"), 120, 30).text()
        #expect(none.contains("No match"))
    }
}
