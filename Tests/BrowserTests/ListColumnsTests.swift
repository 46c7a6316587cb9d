// Config `columns`: parsing and fitting the configured columns to the list pane.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser

@Suite struct ListColumnsTests {
    @Test func parsesKnownNamesInOrderOnce() {
        #expect(ListColumn.parse(["due", "Title", "nonsense", "due", "id"]) == [.due, .title, .id])
        #expect(ListColumn.parse(["status", "importance", "title", "assignees", "due"]) == ListColumn.defaults)
        #expect(Set(ListColumn.allCases.map(\.rawValue))
                == ["status", "importance", "title", "assignees", "due", "start", "updated", "created", "author", "id", "marker"])
    }

    /// The default columns fit exactly as the list always laid them out (golden screens stay).
    @Test func defaultsKeepTheOldLayoutAtEveryWidth() {
        for w in 10...240 {
            let due = w >= 40 ? 6 : 0
            let status = w >= 50 ? min(14, w / 6) : 0
            let assignees = w >= 70 ? min(18, w / 5) : 0
            let gaps = [status, assignees, due].filter { $0 > 0 }.count + 1
            let title = max(4, w - status - 1 - assignees - due - gaps)
            var old: [(ListColumn, Int)] = []
            if status > 0 { old.append((.status, status)) }
            old += [(.importance, 1), (.title, title)]
            if assignees > 0 { old.append((.assignees, assignees)) }
            if due > 0 { old.append((.due, due)) }
            let fit = ListColumn.fit(ListColumn.defaults, width: w)
            #expect(fit.map(\.column) == old.map(\.0), "width \(w)")
            #expect(fit.map(\.width) == old.map(\.1), "width \(w)")
        }
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
