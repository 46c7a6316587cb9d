// Issue 12, item 6: a folder whose tasks list a dependency id Wrike does not return (deleted, or its
// other task not visible): the list and the detail read the others, the detail marks the one as
// unavailable, and nothing reaches the status line on any open.
import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

@Suite struct MissingDependencyTests {
    static let gone = "IEAGBOGUSDEP0001"

    @Test func aMissingDependencyIsMarkedAndNothingIsSaid() async throws {
        var data = DemoDataset.make(now: testNow)
        // A folder shown at start, and its task with the most dependencies, which gets a dangling one too.
        let probe = Sandbox(dataset: data, options: SandboxOptions(rateLimitPerMinute: nil))
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 40, listRows: 40, detailRows: 40, detailWidth: 80)))
        _ = await drive(&s, .start, service: RequestCountTests.appService(probe))
        let folders = Set(s.tree.rows.filter { $0.kind == .folder || $0.kind == .project }.map(\.id))
        let i = try #require(data.tasks.indices.filter { !Set(data.tasks[$0].parentIds ?? []).isDisjoint(with: folders) }
            .max { (data.tasks[$0].dependencyIds ?? []).count < (data.tasks[$1].dependencyIds ?? []).count })
        let real = data.tasks[i].dependencyIds ?? []
        data.tasks[i].dependencyIds = real + [Self.gone]
        let taskId = data.tasks[i].id
        let folderId = try #require(data.tasks[i].parentIds?.first { folders.contains($0) })

        let sandbox = Sandbox(dataset: data, options: SandboxOptions(rateLimitPerMinute: nil))
        let service = RequestCountTests.appService(sandbox)
        s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 40, listRows: 40, detailRows: 40, detailWidth: 80)))
        _ = await drive(&s, .start, service: service)
        s.tree.cursor = try #require(s.tree.rows.firstIndex { $0.id == folderId })
        _ = await drive(&s, .open, service: service)   // the list, and its dependencies for "blocked"
        #expect(s.list.status == .loaded)
        #expect(s.status.lastError == nil, "\(s.status.lastError ?? "")")
        #expect(real.allSatisfy { s.catalog.dependencies[$0] != nil })

        for _ in 0..<2 {   // every open, not only the first
            s.list.cursor = try #require(s.list.rows.firstIndex { s.list.taskId(at: Int($0.task)) == taskId })
            s.focus = .list
            _ = await drive(&s, .open, service: service)
            #expect(s.detail.taskId == taskId && s.detail.dependenciesStatus == .loaded)
            #expect(Set(s.detail.dependencyIds) == Set(real))
            let text = s.detail.lines.map(\.text).joined(separator: "\n")
            #expect(text.contains("1 dependency unavailable: deleted, or the other task is not visible to you."), "\(text)")
            #expect(s.status.lastError == nil, "\(s.status.lastError ?? "")")
            #expect(s.status.history.allSatisfy { !$0.isError }, "\(s.status.history)")
            _ = s.update(.back)
        }
        // The missing id was looked for once: it is remembered for the cache's lifetime.
        let notFound = sandbox.requestLog.filter { $0.path.hasPrefix("/dependencies/") && $0.path.contains(Self.gone) }
        #expect(notFound.count <= 1 + 2 * 7, "\(notFound.count)")
        #expect(notFound.filter { $0.path == "/dependencies/\(Self.gone)" }.count == 1)
    }
}
