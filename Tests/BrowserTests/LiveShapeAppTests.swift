import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

/// The app against shapes and rules of live Wrike (issue 13, items 6 and 8).
@Suite struct LiveShapeAppTests {
    /// Item 6. Today's time is asked with a range live Wrike accepts: `trackedDate` is a "Timestamp
    /// semi-open interval" (official 2020 method model) and "Wrike rejects start >= end"
    /// (amp-labs/connectors `providers/wrike/read.go`, verified live), so `{"start":today,"end":today}`
    /// is refused. The range must hold today's logs and nothing of yesterday or tomorrow.
    @Test func todaysTimeIsARangeWrikeAccepts() async throws {
        func log(_ id: String, _ day: String, user: String = "ME") -> Timelog {
            Timelog(id: id, taskId: "T1", userId: user, hours: 1, createdDate: day + "T18:00:00Z", updatedDate: day + "T18:00:00Z",
                    trackedDate: day, comment: id)
        }
        let dataset = Dataset(
            account: Account(id: "ACC", name: "Tiny", rootFolderId: "ACCI7777777", recycleBinId: "ACCI7777776"), me: "ME",
            contacts: [Contact(id: "ME", firstName: "Alex", lastName: "Morgan", type: .person),
                       Contact(id: "U2", firstName: "Kim", lastName: "Lee", type: .person)],
            spaces: [Space(id: "SP1", title: "Engineering")],
            folders: [Folder(id: "F1", title: "Platform", parentIds: ["SP1"], scope: .wsFolder)],
            tasks: [WrikeTask(id: "T1", title: "Spec", parentIds: ["F1"], status: .active, scope: .wsTask)],
            timelogs: [log("before", "2024-06-14"), log("today", "2024-06-15"), log("late", "2024-06-15"),
                       log("theirs", "2024-06-15", user: "U2"), log("after", "2024-06-16")])
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        let service = ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test")))

        let logs = try await service.myTimelogs(meId: "ME", date: "2024-06-15")
        #expect(logs.map(\.id) == ["today", "late"])

        let sent = try #require(sandbox.requestLog.last { $0.path == "/timelogs" })
        #expect(sent.status == 200)
        let range = try #require(sent.query.first { $0.name == "trackedDate" }?.value)
        let bounds = try JSONDecoder().decode([String: String].self, from: Data(range.utf8))
        let start = try #require(bounds["start"].flatMap(WrikeFormat.parseTimestamp))
        let end = try #require(bounds["end"].flatMap(WrikeFormat.parseTimestamp))
        #expect(start < end)
    }

    /// Item 8. Whether or not a subtree answer (`GET /spaces/{id}/folders`) lists the virtual Root and
    /// Recycle Bin (the sandbox follows the docs' `folderSubtreeData` and does not; `GET /folders` does),
    /// the tree shows the same rows, and nothing from the Recycle Bin.
    @Test func rootAndRecycleBinEntriesDoNotChangeTheTree() {
        func rows(_ entries: [FolderTreeEntry]) -> [TreeRow] {
            var s = AppState(now: testNow, timeZone: utc)
            _ = s.update(.layout(Viewport(treeRows: 20, listRows: 4, detailRows: 10, detailWidth: 60)))
            _ = s.update(.start)
            _ = s.handle(.bootstrap(.success(Fixture.bootstrap)))
            _ = s.handle(.tree(spaceId: "SP1", .success(entries)))
            s.tree.expanded.formUnion(["SP1", "SP1/F1", "SP1/P1"])
            s.tree.rebuild()
            return s.tree.rows
        }
        let root = FolderTreeEntry(id: "ROOT", title: "Root", childIds: ["SP1", "SP2"], scope: .wsRoot)
        let bin = FolderTreeEntry(id: "BIN", title: "Recycle Bin", childIds: ["OLD"], scope: .rbRoot)
        let old = FolderTreeEntry(id: "OLD", title: "Deleted", childIds: [], scope: .rbFolder)
        let plain = rows(Fixture.tree)
        #expect(plain.map(\.id) == ["my-work", "inbox", "SP1", "F1", "SHARED", "P1", "SHARED", "SP2"])
        #expect(rows([root, bin] + Fixture.tree + [old]) == plain)
        #expect(rows(Fixture.tree + [old, bin, root]) == plain)
    }
}
