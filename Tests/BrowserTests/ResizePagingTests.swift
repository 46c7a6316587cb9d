// Issue 12, item 3: a resize that brings the cursor near the end of the loaded tasks asks for the
// next page, and every effect an update returns reaches the runner (the app-level test is
// TerminalUITests/AppEffectTests.swift). Here: the reducer's side of that contract, and a scan of the
// sources for dropped update/handle results.
import Foundation
import Testing
import TestSupport
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI

/// A folder of 1,500 tasks with the first 200 loaded and the cursor on row 129.
func bigFolderState(listRows: Int) -> AppState {
    var s = AppState(now: testNow, timeZone: utc)
    _ = s.update(.layout(Viewport(treeRows: 20, listRows: listRows, detailRows: 20, detailWidth: 60)))
    _ = s.update(.start)
    _ = s.handle(.bootstrap(.success(Fixture.bootstrap)))
    _ = s.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
    s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0
    _ = s.update(.open)
    let page = (0..<200).map { Fixture.task(String(format: "B%04d", $0), String(format: "Task %04d", $0)) }
    _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                           .success(TaskPage(tasks: page, nextPageToken: "NEXT", total: 1500))))
    _ = s.update(.setSort(.title, ascending: true))
    _ = s.update(.move(129))
    return s
}

@Suite(.offPool) struct ResizePagingTests {
    @Test func aTallerListNearTheEndAsksForTheNextPage() {
        var s = bigFolderState(listRows: 20)
        #expect(s.list.cursor == 129 && s.list.tasks.count == 200 && !s.list.loadingMore)
        let effects = s.update(.layout(Viewport(treeRows: 50, listRows: 50, detailRows: 50, detailWidth: 60)))
        #expect(effects == [.loadTasks(read: .folder("F1"), generation: s.list.generation, pageToken: "NEXT",
                                       pageSize: AppState.pageSize)])
        #expect(s.list.loadingMore)
        let more = (200..<1200).map { Fixture.task(String(format: "B%04d", $0), String(format: "Task %04d", $0)) }
        _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: false,
                               .success(TaskPage(tasks: more, nextPageToken: "NEXT2", total: 1500))))
        #expect(s.list.tasks.count == 1200 && !s.list.loadingMore)
    }

    /// Whatever sets "loading more tasks" returns the load in the same update: nothing else would ever
    /// clear it.
    @Test func loadingMoreIsSetOnlyWithItsLoad() {
        let intents: [Intent] = [
            .layout(Viewport(treeRows: 50, listRows: 50, detailRows: 50, detailWidth: 60)),
            .layout(Viewport(treeRows: 10, listRows: 10, detailRows: 10, detailWidth: 40)),
            .move(20), .page(1), .halfPage(1), .bottom, .top, .setFilter("Task 01"), .filterType("9"), .filterClear,
            .cycleSort, .reverseSort, .toggleExpand, .focusNext, .focusPrevious, .refresh,
        ]
        for first in intents {
            for second in intents {
                var s = bigFolderState(listRows: 20)
                for intent in [first, second] {
                    let before = s.list.loadingMore
                    let effects = s.update(intent)
                    if !before && s.list.loadingMore {
                        #expect(effects.contains { if case .loadTasks(_, _, let t?, _) = $0 { t == "NEXT" } else { false } },
                                "\(first), \(second): loading more without its load")
                    }
                }
            }
        }
    }

    /// Every effect an update returns is performed: no source drops the result of `update` or `handle`.
    @Test func noSourceDropsAnUpdatesEffects() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
            .deletingLastPathComponent().appendingPathComponent("Sources")
        let files = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
            .filter { $0.hasSuffix(".swift") }
        #expect(files.count > 50)
        let dropped = try NSRegularExpression(pattern: #"_\s*=\s*[A-Za-z_.]*\.(update|handle|act)\("#)
        var found: [String] = []
        for f in files {
            let text = try String(contentsOf: root.appendingPathComponent(f), encoding: .utf8)
            for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                let l = String(line)
                if dropped.firstMatch(in: l, range: NSRange(l.startIndex..., in: l)) != nil { found.append("\(f):\(n + 1): \(l)") }
            }
        }
        #expect(found.isEmpty, "effects dropped:\n\(found.joined(separator: "\n"))")
    }
}
