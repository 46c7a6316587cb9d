// Guards the number of HTTP requests the browser makes (counted in the sandbox's request log, not
// timed), so that a change cannot silently add requests. The ceilings are today's counts; the targets
// of docs/benchmarks.md are checked as known issues until the prefetching described there lands.
// When a count goes down, lower its ceiling here.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser

@Suite struct RequestCountTests {
    /// The service the app uses (keep in step with `BrowseCommand` and the benchmark's `makeService`).
    static func appService(_ sandbox: Sandbox) -> any WrikeService {
        ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider("test"),
                                          configuration: WrikeClientConfiguration()))
    }

    // Today's counts (ceilings) and the targets.
    static let firstFrameCeiling = 8, firstFrameTarget = 4
    static let perTaskCeiling = 6.2, perTaskTarget = 2.0
    static let revisitCeiling = 0, revisitTarget = 0   // the shared client's cache serves a revisit
    static let walked = 20

    struct Setup {
        var sandbox: Sandbox
        var service: any WrikeService
        var state: AppState
        var folderId: String
    }

    /// Start, then open the first folder of the first space: everything the first frame needs.
    static func firstFrame() async throws -> (Setup, [LoggedRequest]) {
        let sandbox = Sandbox(dataset: DatasetGenerator.generate(tasks: 600, seed: 7),
                              options: SandboxOptions(rateLimitPerMinute: nil))
        let service = appService(sandbox)
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 47, listRows: 46, detailRows: 47, detailWidth: 85)))
        _ = await drive(&s, .start, service: service)
        let row = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        let folderId = s.tree.rows[row].id
        s.tree.cursor = row
        // Only the list's own load: what follows the first page (dependencies for the blocked marker)
        // comes after the first frame.
        for effect in s.update(.open) {
            guard case .loadTasks = effect else { continue }
            let box = EventBox()
            await EffectRunner.perform(effect, service: service) { box.post($0) }
            for event in box.take() { _ = s.handle(event) }
        }
        #expect(s.list.status == .loaded)
        #expect(!s.list.rows.isEmpty)
        return (Setup(sandbox: sandbox, service: service, state: s, folderId: folderId), sandbox.requestLog)
    }

    @Test func requestsBeforeTheFirstFrame() async throws {
        let (_, log) = try await Self.firstFrame()
        #expect(log.count <= Self.firstFrameCeiling, "requests before the first frame: \(log.map(\.path))")
        #expect(log.allSatisfy { $0.method == .get })
        withKnownIssue("bootstrap reads account, contacts, workflows, spaces and custom fields before the tree",
                       isIntermittent: true) {
            #expect(log.count <= Self.firstFrameTarget)
        }
    }

    @Test func requestsWhileWalkingAFolderAndRevisiting() async throws {
        var (setup, _) = try await Self.firstFrame()
        let sandbox = setup.sandbox
        // Let the list's follow-up loads (dependencies, tasks they name) finish first.
        _ = await drive(&setup.state, .focus(.list), service: setup.service)
        func walk() async -> [LoggedRequest] {
            let start = sandbox.requestLog.count
            for i in 0..<Self.walked {
                setup.state.focus = .list
                setup.state.list.cursor = i
                let id = setup.state.list.selectedTask?.id
                _ = await drive(&setup.state, .open, service: setup.service)
                #expect(id != nil && setup.state.detail.taskId == id)
                #expect(!setup.state.detail.isLoading)
            }
            return Array(sandbox.requestLog.dropFirst(start))
        }
        let first = await walk()
        let perTask = Double(first.count) / Double(Self.walked)
        #expect(perTask <= Self.perTaskCeiling, "per task: \(perTask), \(Set(first.map(\.path)).count) paths")
        #expect(first.allSatisfy { $0.status != 429 })
        let second = await walk()
        #expect(second.count <= Self.revisitCeiling)
        withKnownIssue("each opened task reads task, comments, approvals, dependencies, attachments and timelogs; no prefetch yet",
                       isIntermittent: true) {
            #expect(perTask <= Self.perTaskTarget)
        }
    }
}
