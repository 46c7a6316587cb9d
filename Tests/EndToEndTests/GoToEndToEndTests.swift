import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Go-to in the real binary, in tmux, against `wrike-tui sandbox serve` (the demo workspace): part of a
/// folder's name in a space whose tree was not read yet, Enter, and the folder's tasks are listed; a
/// pasted permalink (after a stray query: it replaces it) opens its task in the detail; Ctrl-U clears the
/// query. Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct GoToEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    @Test func aFolderByPartOfItsNameThenATaskByItsPermalink() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let d = DemoDataset.make()
        let folder = try #require(d.folders.first { $0.title == "Laptop refresh" })
        let task = try #require(d.tasks.first { $0.parentIds?.contains(folder.id) == true })

        var (ok, screen) = s.tmux.waitFor("the tree") { $0.contains("Platform") }
        try #require(ok, "tree did not load:\n\(screen)")
        s.tmux.keys(":")
        (ok, screen) = s.tmux.waitFor("the palette") { $0.contains("Go to") }
        try #require(ok, "the palette did not open:\n\(screen)")
        s.tmux.type("laptop ref")
        (ok, screen) = s.tmux.waitFor("the folder ranked first") { $0.contains("Laptop refresh  (project in Operations") }
        #expect(ok, "Laptop refresh is not offered:\n\(screen)")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("the folder's tasks") { $0.contains("Tasks · Laptop refresh") && $0.contains(task.title) }
        #expect(ok, "the folder's tasks are not listed:\n\(screen)")

        // A task of another folder (its title is not on screen yet).
        let sprint = try #require(d.folders.first { $0.title == "Sprint 14" })
        let other = try #require(d.tasks.first { $0.parentIds?.contains(sprint.id) == true })
        let link = try #require(other.permalink)
        s.tmux.keys(":")
        _ = s.tmux.waitFor("the palette") { $0.contains("Go to") }
        s.tmux.type("laptop")
        (ok, screen) = s.tmux.waitFor("the typed query") { $0.contains(": laptop") }
        #expect(ok, "the query is not shown:\n\(screen)")
        s.tmux.keys("C-u")
        (ok, screen) = s.tmux.waitFor("the query cleared") { !$0.contains(": laptop") && $0.contains("Engineering  (space)") }
        #expect(ok, "Ctrl-U did not clear the query:\n\(screen)")
        s.tmux.type("zz")
        _ = s.tmux.run(["set-buffer", "-b", "gotolink", link])
        _ = s.tmux.run(["paste-buffer", "-p", "-b", "gotolink", "-t", "e2e"])
        (ok, screen) = s.tmux.waitFor("the permalink row") { $0.contains("Task with permalink number") && $0.contains(": " + link) }
        #expect(ok, "the pasted permalink is not offered in place of the typed zz:\n\(screen)")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("the task's detail") { !$0.contains("Go to ·") && $0.contains(other.title) }
        #expect(ok, "the task did not open:\n\(screen)")
        let lookups = try s.log().filter { $0.method == "GET" && $0.path == "/ids" }
        #expect(lookups.count == 1)
    }
}
