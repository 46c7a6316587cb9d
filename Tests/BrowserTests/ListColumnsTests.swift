// Config `columns`: parsing and fitting the configured columns to the list pane.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct ListColumnsTests {
    @Test func parsesKnownNamesInOrderOnce() {
        #expect(ListColumn.parse(["due", "Title", "nonsense", "due", "id"]) == [.due, .title, .id])
        #expect(ListColumn.parse(["status", "importance", "title", "assignees", "due"]) == ListColumn.defaults)
        #expect(Set(ListColumn.allCases.map(\.rawValue))
                == ["status", "importance", "title", "assignees", "due", "start", "updated", "created", "author", "id", "marker"])
    }

    /// Status, title, assignees and due all show from a 100-column terminal up (its list pane is 32
    /// cells inside; 200 columns give 68): the title shrinks first, to 20 cells; then status and
    /// assignees, widest first, to 6; then the title again, to 8.
    @Test func defaultsAllShowFromAHundredColumnsShrinkingTheTitleFirst() {
        for w in 31...240 {
            let fit = ListColumn.fit(ListColumn.defaults, width: w)
            #expect(fit.map(\.column) == ListColumn.defaults, "width \(w)")
            let width = Dictionary(uniqueKeysWithValues: fit.map { ($0.column, $0.width) })
            let title = width[.title] ?? 0, status = width[.status] ?? 0, assignees = width[.assignees] ?? 0
            // Gaps after status, title and assignees, and one free cell at the right edge.
            #expect(fit.reduce(0) { $0 + $1.width } + 4 == w, "width \(w)")
            #expect(title >= 8 && status >= 6 && assignees >= 6, "width \(w)")
            if title > 20 {
                #expect(status == min(14, w / 6) && assignees == min(18, w / 5), "width \(w): the title shrinks first")
            }
            if status > 6 || assignees > 6 { #expect(title >= 20, "width \(w)") }
        }
        // The panes of a 100-, 120-, 160- and 200-column terminal.
        #expect(ListColumn.fit(ListColumn.defaults, width: 32).map(\.width) == [6, 1, 9, 6, 6])
        #expect(ListColumn.fit(ListColumn.defaults, width: 40).map(\.width) == [6, 1, 17, 6, 6])
        #expect(ListColumn.fit(ListColumn.defaults, width: 54).map(\.width) == [9, 1, 24, 10, 6])
        #expect(ListColumn.fit(ListColumn.defaults, width: 68).map(\.width) == [11, 1, 33, 13, 6])
        // Narrower than that, assignees go first, then status, then due.
        #expect(ListColumn.fit(ListColumn.defaults, width: 30).map(\.column) == [.status, .importance, .title, .due])
        #expect(ListColumn.fit(ListColumn.defaults, width: 23).map(\.column) == [.importance, .title, .due])
        #expect(ListColumn.fit(ListColumn.defaults, width: 12).map(\.column) == [.importance, .title])
    }

    @Test func configuredOrderWithTheTitleTakingTheRest() {
        let cols: [ListColumn] = [.id, .title, .updated, .author, .due]
        let fit = ListColumn.fit(cols, width: 120)
        #expect(fit.map(\.column) == cols)
        #expect(fit.first { $0.column == .id }?.width == 16)
        let used = fit.reduce(0) { $0 + $1.width + ($1.column.gapAfter && $1.column != fit.last?.column ? 1 : 0) }
        #expect(used == 119)  // one cell free at the right edge
        // Narrower: added columns go from the right while the title would have fewer than 20 cells.
        #expect(ListColumn.fit(cols, width: 85).map(\.column) == cols)
        #expect(ListColumn.fit(cols, width: 45).map(\.column) == [.id, .title, .due])
        #expect(ListColumn.fit(cols, width: 45).first { $0.column == .title }?.width == 20)
    }

    /// A header fits its column with the space after it ("CreatedAuthor" was seen in a pane).
    @Test func headersFitTheirColumns() {
        for c in ListColumn.allCases where c != .title {
            let w = c.width(inPane: 120) ?? 0
            #expect(c.header.count <= w, "\(c)")
        }
    }

    @Test func columnsAreDroppedFromTheRightWhileTheTitleWouldBeTooNarrow() {
        let cols: [ListColumn] = [.title, .marker, .importance, .due, .start, .updated, .created]
        #expect(ListColumn.fit(cols, width: 95, minTitle: 60).map(\.column) == cols)  // the title gets 60
        let fit = ListColumn.fit(cols, width: 95, minTitle: 68)
        #expect(fit.map(\.column) == [.title, .marker, .importance, .due, .start, .updated])
        #expect(fit.first { $0.column == .title }?.width == 68)
        // Without a title nothing is dropped for it.
        #expect(ListColumn.fit([.due, .id], width: 200).map(\.column) == [.due, .id])
    }

    /// The `created` and `author` columns: the list store keeps `createdDate` and `authorIds`.
    @Test func theStoreKeepsCreatedAndAuthors() {
        var t = Fixture.task("T9", "Made by someone")
        t.createdDate = "2024-05-30T08:09:10Z"
        t.authorIds = ["U2", "ME"]
        var l = TaskListState()
        l.append([t, Fixture.task("T8", "No author known")], directory: Directory())
        #expect(l.tasks[0].createdDate == "2024-05-30T08:09:10Z")
        #expect(l.tasks[0].authorIds == ["U2", "ME"])
        #expect(l.tasks[1].createdDate == nil && l.tasks[1].authorIds == nil)
    }

    /// Lists carry `authorIds` only when asked: the app asks when the `author` column is configured.
    @Test func listReadsAskForAuthorsOnlyForTheAuthorColumn() async throws {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(rateLimitPerMinute: nil))
        let client = WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test"))
        let folder = try #require(sandbox.requestLog.isEmpty ? try await client.spaces().first?.id : nil)
        let plain = try await ClientService(client: client).tasks(inFolder: folder, pageSize: 50, pageToken: nil)
        let withAuthors = try await ClientService(client: client, extraListFields: ["authorIds"])
            .tasks(inFolder: folder, pageSize: 50, pageToken: nil)
        #expect(!plain.tasks.isEmpty)
        #expect(plain.tasks.allSatisfy { $0.authorIds == nil })
        #expect(withAuthors.tasks.allSatisfy { !($0.authorIds ?? []).isEmpty })
        #expect(withAuthors.tasks.allSatisfy { $0.responsibleIds != nil && $0.subTaskIds != nil })
    }
}
