import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Go-to's server title search, the detail following the list cursor and next/prev task, in the real
/// binary in tmux against `wrike-tui sandbox serve` (the demo workspace). Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct FindEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    /// The detail pane's part of the screen (right of the "Task" frame's left edge).
    static func detail(_ screen: String) -> String {
        detailLines(screen).joined(separator: "\n")
    }

    static func detailLines(_ screen: String) -> [String] {
        let lines = screen.split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        guard let top = lines.firstIndex(where: { $0.contains("─ Task") }) else { return [] }
        let head = lines[top]
        guard let r = head.range(of: "─ Task") else { return [] }
        let x = head.distance(from: head.startIndex, to: r.lowerBound) - 1
        return lines[top...].map { String($0.dropFirst(max(0, x))) }
    }

    /// Which of `titles` the detail pane shows in its first line (the task's title).
    static func shown(_ screen: String, among titles: [String]) -> String? {
        let lines = detailLines(screen)
        guard lines.count > 1 else { return nil }
        return titles.first { lines[1].contains(String($0.prefix(18))) }
    }

    @Test func aTaskByPartOfItsTitleThenWalkingTheListAndNextPrevious() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let d = DemoDataset.make()
        // A task of a space whose tree is not read at start, found by a part of its title no other
        // task, folder or action has.
        let firstSpace = try #require(d.spaces.first?.id)
        let candidates = d.tasks.filter { t in !d.spaces(of: t).contains(firstSpace) && t.title.count >= 14 }
        let (task, part) = try #require(candidates.lazy.compactMap { t -> (WrikeTask, String)? in
            let p = String(t.title.dropFirst(3).prefix(8)).lowercased()
            guard p.allSatisfy({ $0.isLetter || $0 == " " }), !p.hasPrefix(" "), !p.hasSuffix(" ") else { return nil }
            let others = d.tasks.filter { $0.title.lowercased().contains(p) }.count
            let places = d.folders.filter { $0.title.lowercased().contains(p) }.count
            return others == 1 && places == 0 ? (t, p) : nil
        }.first)

        var (ok, screen) = s.tmux.waitFor("the tree") { $0.contains("Platform") }
        try #require(ok, "tree did not load:\n\(screen)")
        s.tmux.keys(":")
        (ok, screen) = s.tmux.waitFor("the palette") { $0.contains("Go to") }
        try #require(ok, "the palette did not open:\n\(screen)")
        let before = try s.log().filter { $0.path == "/tasks" }.count
        s.tmux.type(part)
        // No place or action has the part: the task's row is the first, under the cursor.
        (ok, screen) = s.tmux.waitFor("the task found on the server") { $0.contains("▶ " + task.title.prefix(30)) && $0.contains("(task)") }
        #expect(ok, "\(task.title) (typed \(part)) is not offered:\n\(screen)")
        let searches = try s.log().filter { $0.method == "GET" && $0.path == "/tasks" }.count - before
        #expect(searches == 1, "title searches while typing: \(searches)")
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("the task's detail") { !$0.contains("Go to ·") && Self.detail($0).contains(String(task.title.prefix(18))) }
        #expect(ok, "the task did not open:\n\(screen)")

        // A folder listed (through go-to), then j: the detail follows the cursor.
        let sprint = try #require(d.folders.first { $0.title == "Sprint 14" })
        let titles = d.tasks.filter { $0.parentIds?.contains(sprint.id) == true }.map(\.title)
        s.tmux.keys(":")
        _ = s.tmux.waitFor("the palette") { $0.contains("Go to") }
        s.tmux.type("sprint 14")
        _ = s.tmux.waitFor("the folder") { $0.contains("Sprint 14  (") }
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("the folder's tasks") { sc in
            sc.contains("Tasks · Sprint 14") && titles.contains { sc.contains(String($0.prefix(20))) }
        }
        try #require(ok, "Sprint 14 is not listed:\n\(screen)")
        var seen: [String] = []
        for step in 0..<3 {
            s.tmux.keys("j")
            (ok, screen) = s.tmux.waitFor("the detail of the task under the cursor (\(step))") { sc in
                guard let t = Self.shown(sc, among: titles) else { return false }
                return !seen.contains(t)
            }
            #expect(ok, "the detail did not follow j (step \(step)):\n\(screen)")
            if let t = Self.shown(screen, among: titles) { seen.append(t) }
        }
        #expect(Set(seen).count == 3)
        guard seen.count == 3 else { return }

        // From the detail pane: K shows the previous task (the one before), J the next, the pane stays.
        s.tmux.keys("Enter")
        (ok, screen) = s.tmux.waitFor("the detail focused") { $0.contains("next task") }
        #expect(ok, "the detail pane's hints do not name next task:\n\(screen)")
        s.tmux.keys("K")
        (ok, screen) = s.tmux.waitFor("the previous task") { Self.shown($0, among: titles) == seen[1] }
        #expect(ok, "K did not show \(seen[1]):\n\(screen)")
        #expect(screen.contains("next task"), "the detail pane lost the focus:\n\(screen)")
        s.tmux.keys("J")
        (ok, screen) = s.tmux.waitFor("the next task") { Self.shown($0, among: titles) == seen[2] }
        #expect(ok, "J did not show \(seen[2]):\n\(screen)")
    }
}
