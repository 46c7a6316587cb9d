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
        #expect(none.contains("Searching task titles for “zzzqq”…"))
    }

    /// The typing paused, the title search answered: its tasks below the local matches, sanitized, with
    /// their status; a failed search says why in the same place.
    @Test func serverTitleResultsAfterTheLocalMatches() throws {
        var s = Self.state("plat")
        var effects: [Effect] = []
        for _ in 0..<8 { effects += s.update(.tick(s.now.addingTimeInterval(0.05))) }
        guard case .goTo(.search(let q, let g))? = effects.first else { Issue.record("no search: \(effects)"); return }
        let esc = "\u{1B}"
        let found = [WrikeTask(id: "X1", title: "Replace the \(esc)[31mplatform\(esc)[0m\u{202E} cables", status: .active),
                     WrikeTask(id: "X2", title: "Platform budget", status: .completed)]
        _ = s.handle(.goTo(.searchResults(query: q, generation: g, .success(found))))
        let c = BrowserScreenTests.render(s, 120, 30)
        try BrowserScreenTests.check("goto-tasks-120x30", c)
        let lines = (0..<c.height).map { c.line($0) }
        let folder = try #require(lines.firstIndex { $0.contains("Platform red  (folder in Engineering 🛠)") })
        let task = try #require(lines.firstIndex { $0.contains("Replace the platform cables  · Active  (task)") })
        #expect(folder < task)
        #expect(lines.contains { $0.contains("Platform budget  · Completed  (task)") })
        // "platx" would be answered by "plat"'s tasks; a shorter query is searched again.
        _ = s.update(.action(.picker(.deleteBackward)))
        effects = []
        for _ in 0..<8 { effects += s.update(.tick(s.now.addingTimeInterval(0.05))) }
        guard case .goTo(.search(let q2, let g2))? = effects.first else { Issue.record("no second search"); return }
        _ = s.handle(.goTo(.searchResults(query: q2, generation: g2,
                                          .failure(ServiceFailure("Cannot reach Wrike (offline or the server is down).")))))
        let failed = BrowserScreenTests.render(s, 120, 30).text()
        #expect(failed.contains("Task titles not searched: Cannot reach Wrike (offline or the server is down)."))
    }
}
