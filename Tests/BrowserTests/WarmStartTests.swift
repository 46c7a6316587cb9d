// The warm start (WarmStartCache): workflows and spaces on disk for the first frame, revalidated right
// after it; a bad file means a cold start, never a crash.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

func makeTempDirectory() throws -> URL {
    let url = FileManager.default.temporaryDirectory.appendingPathComponent("warm-\(UUID().uuidString)")
    try FileManager.default.createDirectory(at: url, withIntermediateDirectories: true)
    return url
}

final class LogLines: @unchecked Sendable {
    private let lock = NSLock()
    private var lines: [String] = []
    func add(_ s: String) { lock.lock(); lines.append(s); lock.unlock() }
    var all: [String] { lock.lock(); defer { lock.unlock() }; return lines }
}

@Suite struct WarmStartTests {
    static func sample() -> Bootstrap {
        Bootstrap(workflows: [Workflow(id: "W1", name: "Default", customStatuses: [
                      CustomStatus(id: "S1", name: "Active", group: .active)])],
                  spaces: [Space(id: "SP1", title: "Marketing")], hasDirectory: false)
    }

    @Test func savesAndLoadsWithPrivatePermissionsAndNoToken() throws {
        let root = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("wrike-tui")
        let cache = WarmStartCache(directory: dir, host: "www.wrike.com", profile: "work")
        #expect(cache.save(Self.sample()))
        let loaded = try #require(cache.load())
        #expect(loaded.fromDiskCache && !loaded.hasDirectory)
        #expect(loaded.workflows == Self.sample().workflows && loaded.spaces == Self.sample().spaces)
        let fileMode = try #require(try FileManager.default.attributesOfItem(atPath: cache.fileURL.path)[.posixPermissions] as? Int)
        let dirMode = try #require(try FileManager.default.attributesOfItem(atPath: dir.path)[.posixPermissions] as? Int)
        #expect(fileMode & 0o777 == 0o600)
        #expect(dirMode & 0o777 == 0o700)
        #expect(cache.fileURL.lastPathComponent == "bootstrap-www.wrike.com-work.json")
        // Another profile on the same host has its own file.
        #expect(WarmStartCache(directory: dir, host: "www.wrike.com", profile: "home").load() == nil)
        // No temporary file left behind.
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir.path) == [cache.fileURL.lastPathComponent])
    }

    @Test func theAppsFileHoldsNoToken() async throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let token = "tok-SECRET-4242"
        let cache = WarmStartCache(directory: dir, host: "sandbox.local", profile: "default")
        _ = try await RequestCountTests.firstFrame(warmStart: cache, token: token)
        let text = try String(contentsOf: cache.fileURL, encoding: .utf8)
        #expect(!text.contains(token) && !text.contains("SECRET"))
        #expect(text.contains("\"version\":1"))
    }

    @Test func badFilesAreIgnoredWithALogLine() throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let log = LogLines()
        let cache = WarmStartCache(directory: dir, host: "h", profile: "p", log: { log.add($0) })
        // Missing: silently cold.
        #expect(cache.load() == nil)
        #expect(log.all.isEmpty)
        // Corrupt.
        try Data("{not json".utf8).write(to: cache.fileURL)
        #expect(cache.load() == nil)
        #expect(log.all.last?.contains("corrupt") == true)
        // Wrong version.
        try Data(#"{"version":99,"savedAt":0}"#.utf8).write(to: cache.fileURL)
        #expect(cache.load() == nil)
        #expect(log.all.last?.contains("version 99") == true)
        // Too old (25 h).
        #expect(cache.save(Self.sample(), now: Date().addingTimeInterval(-25 * 3600)))
        #expect(cache.load() == nil)
        #expect(log.all.last?.contains("too old") == true)
        #expect(cache.load(now: Date().addingTimeInterval(-24 * 3600)) != nil)
        // Unreadable (a directory where the file should be).
        try FileManager.default.removeItem(at: cache.fileURL)
        try FileManager.default.createDirectory(at: cache.fileURL, withIntermediateDirectories: true)
        #expect(cache.load() == nil)
        #expect(log.all.count == 4)
    }

    @Test func anUnwritableDirectoryMeansAColdStartEveryTime() async throws {
        let root = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let blocker = root.appendingPathComponent("file")
        try Data("x".utf8).write(to: blocker)
        let log = LogLines()
        let cache = WarmStartCache(directory: blocker.appendingPathComponent("wrike-tui"), host: "h", profile: "p",
                                   log: { log.add($0) })
        #expect(!cache.save(Self.sample()))
        let (_, first) = try await RequestCountTests.firstFrame(warmStart: cache)
        let (_, second) = try await RequestCountTests.firstFrame(warmStart: cache)
        #expect(first.count == 4 && second.count == 4)
        #expect(log.all.contains { $0.contains("not written") })
    }

    @Test func aCorruptFileFallsBackToAColdStartAndIsRewritten() async throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = WarmStartCache(directory: dir, host: "sandbox.local", profile: "default")
        try Data([0xff, 0x00, 0x13]).write(to: cache.fileURL)
        let (setup, log) = try await RequestCountTests.firstFrame(warmStart: cache)
        #expect(log.count == 4)
        #expect(setup.state.session.warmStart == .notWarm)
        #expect(!setup.followUps.contains(.revalidateBootstrap))
        #expect(cache.load() != nil)
    }

    /// The disk is stale: a space renamed, a space gone, a workflow changed (a status of the list unknown
    /// to the disk's workflows). The revalidation after the first frame puts the screen right.
    @Test func aChangedWorkflowOrSpaceShowsUpAfterTheRevalidation() async throws {
        let dir = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: dir) }
        let cache = WarmStartCache(directory: dir, host: "sandbox.local", profile: "default")
        let (cold, _) = try await RequestCountTests.firstFrame(warmStart: cache)
        let truth = cold.state
        let task = try #require(truth.list.tasks.first { $0.customStatusId != nil })
        let statusId = try #require(task.customStatusId)
        let statusName = try #require(truth.catalog.directory.statuses[statusId]?.name)
        let space = try #require(truth.tree.spaces.first)

        var stale = try #require(cache.load())
        stale.workflows = stale.workflows.map { w in
            var w = w
            w.customStatuses = w.customStatuses?.filter { $0.id != statusId }
            return w
        }
        stale.spaces[0].title = "Old title"
        stale.spaces.append(Space(id: "GONE", title: "Vanished space"))
        #expect(cache.save(stale))

        var warm = try await RequestCountTests.firstFrame(warmStart: cache).0
        #expect(warm.state.tree.spaces.first?.title == "Old title")
        #expect(warm.state.tree.rows.contains { $0.id == "GONE" })
        let row = try #require(warm.state.list.info.firstIndex { $0.id == task.id })
        #expect(warm.state.list.info[row].statusName != statusName)
        #expect(warm.followUps.filter { $0 == .revalidateBootstrap }.count == 1)

        await RequestCountTests.settle(&warm)
        let s = warm.state
        #expect(s.session.warmStart == .revalidated)
        #expect(s.tree.spaces.first?.title == space.title)
        #expect(!s.tree.rows.contains { $0.id == "GONE" })
        #expect(s.tree.rows.first { $0.kind == .space }?.title == space.title)
        let after = try #require(s.list.info.firstIndex { $0.id == task.id })
        #expect(s.list.info[after].statusName == statusName)
        #expect(s.actions.workflows == truth.actions.workflows)
        // The file now holds Wrike's answer.
        #expect(cache.load()?.spaces.contains { $0.id == "GONE" } == false)
    }

    /// A page whose status the disk's workflows do not know asks for the revalidation at once.
    @Test func anUnknownStatusAsksForTheRevalidation() {
        var s = AppState(now: testNow, timeZone: utc)
        _ = s.update(.start)
        _ = s.handle(.bootstrap(.success(Bootstrap(workflows: Self.sample().workflows, spaces: Self.sample().spaces,
                                                    hasDirectory: false, fromDiskCache: true))))
        #expect(s.session.warmStart == .pending)
        #expect(s.revalidateBootstrapIfStatusUnknown([WrikeTask(id: "T1", title: "a", customStatusId: "S1")]).isEmpty)
        #expect(s.revalidateBootstrapIfStatusUnknown([WrikeTask(id: "T2", title: "b", customStatusId: "S9")])
                == [.revalidateBootstrap])
        #expect(s.session.warmStart == .revalidating)
        // A cold start never asks.
        var cold = AppState(now: testNow, timeZone: utc)
        _ = cold.update(.start)
        _ = cold.handle(.bootstrap(.success(Bootstrap(workflows: Self.sample().workflows, hasDirectory: false))))
        #expect(cold.revalidateBootstrapIfStatusUnknown([WrikeTask(id: "T2", title: "b", customStatusId: "S9")]).isEmpty)
    }

    /// A failed re-read keeps the disk's data quietly and goes out again with the periodic revalidation.
    @Test func aFailedRevalidationIsTriedAgainQuietly() {
        var s = AppState(now: testNow, timeZone: utc)
        s.session.revalidation.interval = 10
        _ = s.update(.start)
        _ = s.handle(.bootstrap(.success(Bootstrap(workflows: Self.sample().workflows, spaces: Self.sample().spaces,
                                                    hasDirectory: false, fromDiskCache: true))))
        s.session.warmStart = .revalidating
        let error = s.status.lastError
        #expect(s.handle(.bootstrapRevalidated(.failure(ServiceFailure("offline", retryable: true)))).isEmpty)
        #expect(s.session.warmStart == .pending)
        #expect(s.status.lastError == error)
        #expect(s.tree.spaces == Self.sample().spaces)
        s.tree.spaceLoad = [:]
        s.session.directoryStatus = .loaded
        #expect(!s.update(.tick(testNow.addingTimeInterval(1))).contains(.revalidateBootstrap))
        let effects = s.update(.tick(testNow.addingTimeInterval(12)))
        #expect(effects.contains(.revalidateBootstrap))
        #expect(s.session.warmStart == .revalidating)
    }
}
