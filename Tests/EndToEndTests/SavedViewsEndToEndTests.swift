import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Saved views in the real binary, in tmux, against `wrike-tui sandbox serve` (the demo workspace): a
/// config with two views; `startup-view` opens the first; its number key opens the second (Wrike's
/// filters read from the sandbox: the request log shows the space's filtered read); a filter and a sort
/// on it; after a restart the app is back on that view with its filter and sort (the state directory's
/// file). Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct SavedViewsEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    /// Remembering on (the end-to-end config turns it off for every other test).
    static let config = """
        remember-view = true
        startup-view = "Mine high"

        [[views]]
        name = "Mine high"
        source = "my-work"
        importance = "High"

        [[views]]
        name = "Eng done"
        source = "Engineering"
        status = "Completed"
        importance = ["High", "Low"]
        sort = "title"
        """

    @Test func startupViewNumberKeyAndTheRememberedViewAfterARestart() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let d = DemoDataset.make()
        let me = d.me ?? ""
        let live = d.tasks.filter { $0.scope != .rbTask }
        let mineHigh = live.filter { ($0.responsibleIds ?? []).contains(me) && $0.status == .active && $0.importance == .high }
        let eng = try #require(d.spaces.first { $0.title == "Engineering" })
        let engDone = live.filter {
            d.spaces(of: $0).contains(eng.id) && $0.status == .completed && [.high, .low].contains($0.importance ?? .normal)
        }
        try #require(!mineHigh.isEmpty && engDone.count > 1)

        // The app again, with the config in its own directory.
        try Reliability.writeConfig(home: s.stateDir, Self.config)
        let command = s.command
        s.tmux.run(["respawn-pane", "-k", "-t", "e2e", command])

        // startup-view: the first view is the first screen.
        var (ok, screen) = s.tmux.waitFor("Tasks · Mine high · \(mineHigh.count)")
        #expect(ok, "startup-view did not open “Mine high” with \(mineHigh.count) tasks:\n\(screen)")
        #expect(screen.contains("1 Mine high") && screen.contains("2 Eng done"))

        // Its number key: the second view, filtered by Wrike (status) and here (two importances).
        s.tmux.keys("2")
        (ok, screen) = s.tmux.waitFor("Tasks · Eng done · \(engDone.count)")
        #expect(ok, "2 did not open “Eng done” with \(engDone.count) tasks:\n\(screen)")
        #expect(screen.contains("title↑"))
        let reads = try s.log().filter { $0.method == "GET" && $0.path == "/folders/\(eng.id)/tasks" }
        #expect(!reads.isEmpty, "no read of the space's tasks in the sandbox's log")

        // A filter and the reverse sort, then quit and start again.
        let word = try #require(engDone.lazy.compactMap { $0.title.split(separator: " ").first.map(String.init) }
            .first { w in w.count >= 4 && w.allSatisfy { $0.isLetter && $0.isASCII } })
        s.tmux.keys("/")
        s.tmux.type(word)
        s.tmux.keys("Enter")
        s.tmux.keys("R")
        (ok, screen) = s.tmux.waitFor("title↓") { $0.contains("/" + word) && $0.contains("title↓") }
        #expect(ok, "the filter and the sort did not show:\n\(screen)")
        s.tmux.keys("q")
        (ok, screen) = s.tmux.waitFor("__EXIT__0")
        #expect(ok, "the app did not quit:\n\(screen)")
        // The remembered screen is in the state directory (written on quit at the latest).
        let dir = s.stateDir + "/wrike-tui"
        let files = (try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []
        let file = try #require(files.first { $0.hasPrefix("view-") && $0.hasSuffix(".json") }, "no view file in \(files)")
        let kept = try String(contentsOfFile: dir + "/" + file, encoding: .utf8)
        #expect(kept.contains("\"view\":\"Eng done\"") && kept.contains("\"filter\":\"\(word)\""), "\(kept)")
        s.tmux.run(["respawn-pane", "-k", "-t", "e2e", command])
        (ok, screen) = s.tmux.waitFor("Tasks · Eng done") {
            $0.contains("Tasks · Eng done") && $0.contains("/" + word) && $0.contains("title↓")
        }
        #expect(ok, "the restart did not come back to “Eng done” with its filter and sort:\n\(screen)")
        #expect(!screen.contains("Tasks · Mine high"))
    }
}

extension SavedViewsEndToEndTests {
    /// The end-to-end config (`Reliability.writeConfig`: `remember-view = false`): after a restart no filter
    /// of the last run comes back (neither the remembered list's nor the instant start's), so a test typing
    /// `/` and a title filters by that title alone, as on a first run.
    @Test func aRestartUnderTheEndToEndConfigKeepsNoFilter() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        var (ok, screen) = s.tmux.waitFor("Platform")
        try #require(ok, "tree did not load:\n\(screen)")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("Tasks · Engineering") { $0.contains("Tasks · Engineering") && $0.contains("Title") }
        try #require(ok, "tasks did not load:\n\(screen)")
        s.tmux.keys("/")
        s.tmux.type("deep")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("/deep")
        try #require(ok, "the filter did not show:\n\(screen)")
        s.tmux.keys("q")
        (ok, screen) = s.tmux.waitFor("__EXIT__0")
        try #require(ok, "the app did not quit:\n\(screen)")
        s.tmux.run(["respawn-pane", "-k", "-t", "e2e", s.command])
        (ok, screen) = s.tmux.waitFor("Platform")
        try #require(ok, "tree did not load after the restart:\n\(screen)")
        Thread.sleep(forTimeInterval: 2)  // a remembered list would be open and filtered by now
        screen = s.tmux.capture()
        #expect(!screen.contains("/deep"), "the filter came back:\n\(screen)")
        if !screen.contains("Tasks · Engineering") {
            s.tmux.keys("Enter")
            (ok, screen) = s.tmux.waitFor("Tasks · Engineering") { $0.contains("Tasks · Engineering") && $0.contains("Title") }
        }
        s.tmux.keys("/")
        s.tmux.type("deep")
        (ok, screen) = s.tmux.waitFor("/deep")
        #expect(ok && !screen.contains("/deepdeep"), "typing / extended a filter kept from the last run:\n\(screen)")
        s.tmux.keys("Escape")
    }
}
