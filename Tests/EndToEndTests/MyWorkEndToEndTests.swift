import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// My Work in the real binary, in tmux, against `wrike-tui sandbox serve` (the demo workspace) over
/// loopback HTTP: its key lists my active tasks from more than one space; a status changed from it is
/// read back from the sandbox's data. Skipped (with a message) when tmux is missing.
@Suite(.serialized) struct MyWorkEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    /// My active tasks in the demo, with the spaces each sits in.
    struct Mine {
        let d = DemoDataset.make()

        var tasks: [WrikeTask] {
            d.tasks.filter { ($0.responsibleIds ?? []).contains(d.me ?? "") && $0.status == .active && $0.scope != .rbTask }
        }

        /// A task of mine per space, each with a unique ASCII title (the filter finds it alone).
        var onePerSpace: [(space: String, task: WrikeTask)] {
            let demo = ActionsEndToEndTests.Demo()
            var out: [(String, WrikeTask)] = []
            for space in d.spaces {
                if let t = tasks.first(where: { d.spaces(of: $0) == [space.id] && demo.unique($0) }) { out.append((space.title, t)) }
            }
            return out
        }
    }

    @Test func myTasksFromTwoSpacesAndAStatusChangedFromIt() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let mine = Mine()
        let picks = mine.onePerSpace
        try #require(picks.count >= 2, "the demo assigns me tasks in \(picks.map(\.space))")

        var (ok, screen) = s.tmux.waitFor("My Work") { $0.contains("My Work") && $0.contains("Platform") }
        try #require(ok, "tree did not load:\n\(screen)")
        s.tmux.keys("w")
        (ok, screen) = s.tmux.waitFor("Tasks · My Work · \(mine.tasks.count)") {
            $0.contains("Tasks · My Work · \(mine.tasks.count)") && $0.contains("Title")
        }
        #expect(ok, "My Work did not list my \(mine.tasks.count) tasks:\n\(screen)")
        // One task from each of two spaces, found in the list by the filter.
        for (space, task) in picks.prefix(2) {
            s.select(task.title)
            (ok, screen) = s.tmux.waitFor(task.title)
            #expect(ok, "\(task.title) (\(space)) is not in My Work:\n\(screen)")
            s.tmux.keys("Escape")
            (ok, screen) = s.tmux.waitFor("filter cleared") { !$0.contains("/" + task.title) }
            #expect(ok, "the filter stayed:\n\(screen)")
        }
        let reads = try s.log().filter { $0.method == "GET" && $0.path == "/tasks" }
        #expect(!reads.isEmpty)

        // A status change from My Work, read back from the sandbox.
        let demo = ActionsEndToEndTests.Demo()
        let (_, task) = picks[0]
        let target = try #require(demo.workflow(of: task)?.customStatuses?.first {
            $0.group == .active && $0.id != task.customStatusId && $0.hidden != true && $0.name.allSatisfy(\.isASCII)
        })
        try s.changeStatus(of: task, to: target)
    }
}
