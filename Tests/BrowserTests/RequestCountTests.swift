// Guards the number of HTTP requests the browser makes (counted in the sandbox's request log, not
// timed), so that a change cannot silently add requests. The ceilings are today's counts (issue 7
// brought them under the targets of docs/benchmarks.md). When a count goes down, lower its ceiling here.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct RequestCountTests {
    /// The service the app uses (keep in step with `BrowseCommand` and the benchmark's `makeService`).
    static func appService(_ sandbox: Sandbox, warmStart: WarmStartCache? = nil, token: String = "test") -> any WrikeService {
        ClientService(client: WrikeClient(transport: sandbox, tokens: StaticTokenProvider(token),
                                          configuration: WrikeClientConfiguration()),
                      warmStart: warmStart)
    }

    // Today's counts (ceilings) and the targets.
    static let firstFrameCeiling = 4, firstFrameTarget = 4
    /// With workflows and spaces on disk (`WarmStartCache`): the folder tree and the first page.
    static let warmFirstFrameCeiling = 2
    static let perTaskCeiling = 1.2, perTaskTarget = 2.0
    static let revisitCeiling = 0, revisitTarget = 0   // the shared client's cache serves a revisit
    static let walked = 20

    struct Setup {
        var sandbox: Sandbox
        var service: any WrikeService
        var state: AppState
        var folderId: String
        /// What the first frame started for afterwards (account, contacts, custom fields, dependencies).
        var followUps: [Effect]
    }

    /// Start, then open the first folder of the first space: everything the first frame needs.
    static func firstFrame(warmStart: WarmStartCache? = nil, token: String = "test") async throws -> (Setup, [LoggedRequest]) {
        let sandbox = Sandbox(dataset: DatasetGenerator.generate(tasks: 600, seed: 7),
                              options: SandboxOptions(rateLimitPerMinute: nil))
        let service = appService(sandbox, warmStart: warmStart, token: token)
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.layout(Viewport(treeRows: 47, listRows: 46, detailRows: 47, detailWidth: 85)))
        _ = await drive(&s, .start, service: service)
        let row = try #require(s.tree.rows.firstIndex { $0.kind == .folder || $0.kind == .project })
        let folderId = s.tree.rows[row].id
        s.tree.cursor = row
        // Only the list's own load: what follows the first page (account, contacts, custom fields,
        // dependencies for the blocked marker) comes after the first frame.
        var followUps: [Effect] = []
        for effect in s.update(.open) {
            guard case .loadTasks = effect else { followUps.append(effect); continue }
            let box = EventBox()
            await EffectRunner.perform(effect, service: service) { box.post($0) }
            for event in box.take() { followUps += s.handle(event) }
        }
        #expect(s.list.status == .loaded)
        #expect(!s.list.rows.isEmpty)
        return (Setup(sandbox: sandbox, service: service, state: s, folderId: folderId, followUps: followUps),
                sandbox.requestLog)
    }

    /// Runs `effects` and everything they lead to.
    static func settle(_ setup: inout Setup) async {
        var pending = setup.followUps
        setup.followUps = []
        while !pending.isEmpty {
            let e = pending.removeFirst()
            let box = EventBox()
            await EffectRunner.perform(e, service: setup.service) { box.post($0) }
            for ev in box.take() { pending += setup.state.handle(ev) }
        }
    }

    @Test func requestsBeforeTheFirstFrame() async throws {
        let (setup, log) = try await Self.firstFrame()
        #expect(log.count <= Self.firstFrameCeiling, "requests before the first frame: \(log.map(\.path))")
        #expect(log.count <= Self.firstFrameTarget)
        #expect(log.allSatisfy { $0.method == .get })
        #expect(Set(log.map(\.path)) == ["/workflows", "/spaces", "/spaces/\(try #require(setup.state.tree.spaces.first?.id))/folders",
                                          "/folders/\(setup.folderId)/tasks"])
        // Names are not there yet: a neutral placeholder, never an id.
        let s = setup.state
        #expect(s.session.directoryStatus == .loading && s.catalog.directory.accountName == nil)
        #expect(setup.followUps.contains(.loadDirectory))
        let assigned = try #require(s.list.tasks.indices.first { !(s.list.tasks[$0].responsibleIds ?? []).isEmpty })
        #expect(s.list.info[assigned].assignees.contains(Directory.pendingName))
        #expect(!s.list.info.contains { info in s.catalog.directory.contacts.keys.contains { info.assignees.contains($0) } })
    }

    /// First run cold (writes the warm-start file), second run warm (reads it): no `/workflows` and
    /// `/spaces` before the first frame; they are re-read right after it.
    @Test func warmFirstFrame() async throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = WarmStartCache(directory: dir, host: "sandbox.local", profile: "default")
        let (_, coldLog) = try await Self.firstFrame(warmStart: cache)
        #expect(coldLog.count == 4)
        #expect(FileManager.default.fileExists(atPath: cache.fileURL.path))

        var (warm, warmLog) = try await Self.firstFrame(warmStart: cache)
        #expect(warmLog.count <= Self.warmFirstFrameCeiling, "requests before the first frame: \(warmLog.map(\.path))")
        #expect(!warmLog.contains { $0.path == "/workflows" || $0.path == "/spaces" })
        #expect(warm.state.session.warmStart == .revalidating)
        #expect(warm.followUps.contains(.revalidateBootstrap))
        #expect(warm.followUps.contains(.loadDirectory))
        // The revalidation after the first frame.
        let before = warm.sandbox.requestLog.count
        await Self.settle(&warm)
        let after = warm.sandbox.requestLog.dropFirst(before).map(\.path)
        #expect(after.contains("/workflows") && after.contains("/spaces"), "\(after)")
        #expect(warm.state.session.warmStart == .revalidated)
        #expect(warm.state.session.directoryStatus == .loaded)
    }

    /// Once the directory was read, the next warm start shows names in its first frame (still 2 requests);
    /// the directory is read again after it.
    @Test func warmFirstFrameWithNames() async throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = WarmStartCache(directory: dir, host: "sandbox.local", profile: "default")
        var (cold, _) = try await Self.firstFrame(warmStart: cache, token: "tok-SECRET-4242")
        await Self.settle(&cold)
        #expect(cache.load()?.contacts.isEmpty == false)
        let text = try String(contentsOf: cache.fileURL, encoding: .utf8)
        #expect(!text.contains("SECRET"))
        let mode = try #require(try FileManager.default.attributesOfItem(atPath: cache.fileURL.path)[.posixPermissions] as? Int)
        #expect(mode & 0o777 == 0o600)
        var (warm, log) = try await Self.firstFrame(warmStart: cache)
        #expect(log.count <= Self.warmFirstFrameCeiling, "\(log.map(\.path))")
        let s = warm.state
        #expect(s.catalog.directory.accountName == cold.state.catalog.directory.accountName)
        let assigned = try #require(s.list.tasks.indices.first { !(s.list.tasks[$0].responsibleIds ?? []).isEmpty })
        let who = try #require(s.list.tasks[assigned].responsibleIds?.first)
        #expect(s.list.info[assigned].assignees.contains(s.catalog.directory.name(who)))
        #expect(!s.list.info[assigned].assignees.contains(Directory.pendingName))
        #expect(warm.followUps.contains(.loadDirectory))
        let before = warm.sandbox.requestLog.count
        await Self.settle(&warm)
        let after = warm.sandbox.requestLog.dropFirst(before).map(\.path)
        #expect(after.contains("/contacts") && after.contains("/workflows"), "\(after)")
        #expect(warm.state.session.directoryStatus == .loaded && warm.state.catalog.directory.meId == warm.sandbox.meId)
    }

    @Test func whatTheFirstFrameLeftOutArrivesAfterIt() async throws {
        var (setup, _) = try await Self.firstFrame()
        let before = setup.sandbox.requestLog.count
        await Self.settle(&setup)
        let after = setup.sandbox.requestLog.dropFirst(before).map(\.path)
        for path in ["/account", "/contacts", "/customfields", "/timelogs"] { #expect(after.contains(path), "\(after)") }
        let s = setup.state
        #expect(s.session.directoryStatus == .loaded)
        #expect(s.catalog.directory.accountName?.hasPrefix("Generated") == true)
        #expect(s.catalog.directory.meId == setup.sandbox.meId)
        #expect(!s.catalog.directory.customFields.isEmpty)
        #expect(s.actions.myTimeToday != nil)
        // The list now shows names (and finds tasks by them).
        let assigned = try #require(s.list.tasks.indices.first { !(s.list.tasks[$0].responsibleIds ?? []).isEmpty })
        let who = try #require(s.list.tasks[assigned].responsibleIds?.first)
        #expect(s.list.info[assigned].assignees.contains(s.catalog.directory.name(who)))
        #expect(!s.list.info[assigned].assignees.contains(Directory.pendingName))
    }

    @Test func aTickAfterTheTreeLoadsNamesWhenNoFolderIsOpened() async throws {
        let sandbox = Sandbox(dataset: DatasetGenerator.generate(tasks: 100, seed: 7),
                              options: SandboxOptions(rateLimitPerMinute: nil))
        let service = Self.appService(sandbox)
        var s = AppState(now: testNow, timeZone: utc)
        _ = await drive(&s, .start, service: service)
        #expect(s.session.directoryStatus == .notLoaded)
        #expect(sandbox.requestLog.count == 3)
        _ = await drive(&s, .tick(testNow.addingTimeInterval(1)), service: service)
        #expect(s.session.directoryStatus == .loaded)
        #expect(s.catalog.directory.accountName != nil)
        // Only once.
        let count = sandbox.requestLog.count
        _ = await drive(&s, .tick(testNow.addingTimeInterval(2)), service: service)
        #expect(sandbox.requestLog.count == count)
    }

    @Test func requestsWhileWalkingAFolderAndRevisiting() async throws {
        var (setup, _) = try await Self.firstFrame()
        let sandbox = setup.sandbox
        // Let the first frame's follow-up loads (names, dependencies, tasks they name) finish first.
        await Self.settle(&setup)
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
        #expect(perTask <= Self.perTaskTarget)
    }

    @Test func namesAreLoadedOnceAfterTheFirstCompleteFrame() {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.start)
        var first = Fixture.bootstrap
        first.account = nil; first.me = nil; first.contacts = []; first.hasDirectory = false
        let boot = s.handle(.bootstrap(.success(first)))
        #expect(!boot.contains(.loadDirectory) && !boot.contains { if case .loadMyTime = $0 { true } else { false } })
        #expect(s.update(.tick(testNow.addingTimeInterval(1))).isEmpty)           // the tree is still loading
        _ = s.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
        s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0
        _ = s.update(.open)                                                         // a list is loading
        #expect(s.update(.tick(testNow.addingTimeInterval(2))).isEmpty)
        #expect(s.catalog.directory.name("U2") == Directory.pendingName)
        let page = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                                      .success(TaskPage(tasks: Fixture.tasks, total: Fixture.tasks.count))))
        #expect(page.filter { $0 == .loadDirectory }.count == 1)
        #expect(s.list.info[s.list.index["T2"] ?? 0].assignees == Directory.pendingName)
        #expect(s.update(.tick(testNow.addingTimeInterval(3))).isEmpty)             // only once
        let after = s.handle(.directory(.success(Fixture.bootstrap)))
        #expect(after == [.loadMyTime(meId: "ME", date: "2024-06-15")])
        #expect(s.catalog.directory.accountName == "Northwind")
        #expect(s.list.info[s.list.index["T2"] ?? 0].assignees == "花子 佐藤")
        #expect(s.catalog.directory.statuses["CS_DONE"]?.name == "Done")                     // workflows kept
    }

    @Test func failedNamesAreRetriedByRefresh() {
        var s = startedWithoutNames()
        #expect(s.update(.tick(testNow.addingTimeInterval(1))) == [.loadDirectory])
        _ = s.handle(.directory(.failure(ServiceFailure("Cannot reach Wrike."))))
        #expect(s.status.lastError?.contains("Cannot reach Wrike.") == true)
        #expect(s.update(.tick(testNow.addingTimeInterval(2))).isEmpty)
        #expect(s.update(.refresh).contains(.loadDirectory))
    }
}
