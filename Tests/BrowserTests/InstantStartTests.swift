// The instant start (Features/Snapshot, ScreenSnapshotStore): the last screen kept on disk, drawn at
// start before any request, marked until Wrike's answers replace it; bad files mean a cold start.
import Foundation
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

@Suite struct InstantStartTests {
    static let viewport = Viewport(treeRows: 10, listRows: 4, detailRows: 10, detailWidth: 60)

    /// The fixture folder listed, T2 selected and open (task and comments read).
    static func screenWithTask() -> AppState {
        var s = loadedState(viewport: viewport)
        s.list.cursor = s.list.rowIndex(ofTask: "T2") ?? 0
        _ = s.update(.open)
        _ = s.handle(.detailTask(taskId: "T2", .success(Fixture.tasks[1])))
        _ = s.handle(.comments(taskId: "T2", .success([Comment(id: "C1", authorId: "U2", text: "Looks good")])))
        return s
    }

    static func kept(_ s: AppState) throws -> ScreenSnapshot {
        let capture = try #require(s.captureScreen(host: "h", profile: "p", appVersion: "v"))
        guard case .success(let snap) = ScreenSnapshot.decode(try capture.encoded()) else {
            Issue.record("the encoded screen does not decode")
            throw CancellationError()
        }
        return snap
    }

    /// As the app starts with a kept screen: the warm-start file's bootstrap (from disk) and `.start`.
    static func startFromDisk(_ snap: ScreenSnapshot) -> (AppState, [Effect]) {
        var n = AppState(now: testNow, timeZone: utc)
        _ = n.update(.layout(viewport))
        var b = Fixture.bootstrap
        b.fromDiskCache = true
        b.hasDirectory = false
        n.session.fromDisk.pending = (snap, b)
        let effects = n.update(.start)
        return (n, effects)
    }

    @Test func theKeptRowsRoundTripTheStoreAndRefuseDamage() {
        let s = loadedState()
        let bytes = s.list.keptRows()
        let kept = TaskListState.readKeptRows(bytes[...])
        #expect(kept?.tasks == Array(s.list.tasks))
        var back = TaskListState()
        if let kept { back.restore(kept, directory: s.catalog.directory, keeping: "T3") }
        #expect(back.info.map(\.title) == s.list.info.map(\.title) && back.rows == s.list.rows.map { $0 } && back.selectedTaskId == "T3")
        // Every truncation and a trailing byte are damage (nil), never a crash or a wrong list.
        for n in 0..<bytes.count { #expect(TaskListState.readKeptRows(bytes[0..<n]) == nil) }
        #expect(TaskListState.readKeptRows((bytes + [0])[...]) == nil)
        // A slot pointing outside the title bytes (a flipped byte in a reference) is refused.
        var bad = bytes
        let slotsAt = 8 + 4 + 4  // layout header, no long ids, the slots' count
        bad[slotsAt + MemoryLayout<TaskKey>.stride + 7] = 0xFF  // the high byte of the first title's length
        #expect(TaskListState.readKeptRows(bad[...]) == nil)
    }

    @Test func theKeptScreenIsDrawnAtStartBeforeAnyRequestThenRevalidated() throws {
        let old = Self.screenWithTask()
        let snap = try Self.kept(old)
        #expect(snap.screen.meId == "ME" && snap.screen.list?.cursorTaskId == "T2" && snap.tasks.count == Fixture.tasks.count)
        let (n, effects) = Self.startFromDisk(snap)
        // Drawn from disk: no bootstrap read, the same list, cursor, task and focus, marked stale.
        #expect(!effects.contains(.loadBootstrap))
        #expect(n.session.bootstrap == .loaded && n.session.fromDisk.stale)
        #expect(n.list.title == "Platform" && n.list.taskCount == old.list.taskCount && n.list.status == .loaded)
        #expect(n.list.selectedTaskId == "T2" && n.list.scroll == old.list.scroll)
        #expect(n.detail.task?.title == Fixture.tasks[1].title && n.detail.comments.map(\.id) == ["C1"])
        #expect(n.focus == old.focus && n.tree.selected?.id == "F1" && n.tree.openedPath == old.tree.openedPath)
        #expect(n.list.info[n.list.index["T2"] ?? 0].assignees == "花子 佐藤", "names from the warm-start file")
        // The reads that make it fresh: the list (a refresh), the task, the tree, workflows and spaces.
        #expect(effects.contains { if case .loadTasks(.folder("F1"), _, nil, _) = $0 { true } else { false } })
        #expect(effects.contains { if case .loadDetail(taskId: "T2", _) = $0 { true } else { false } })
        #expect(effects.contains(.loadTree(spaceId: "SP1")) && effects.contains(.revalidateBootstrap))
        #expect(n.list.refreshing)
    }

    @Test func freshDataIsAppliedQuietlyWithTheCursorOnItsTaskAndTheMarkerGoes() throws {
        var (n, _) = Self.startFromDisk(try Self.kept(Self.screenWithTask()))
        // Wrike's page: T2 renamed, a task added that sorts first.
        var renamed = Fixture.tasks[1]
        renamed.title = "Review the new docs"
        renamed.updatedDate = "2024-06-14T00:00:00Z"
        let fresh = [Fixture.task("T0", "Brand new", status: "CS_NEW")] + Fixture.tasks.map { $0.id == "T2" ? renamed : $0 }
        _ = n.handle(.taskPage(read: .folder("F1"), generation: n.list.generation, firstPage: true,
                               .success(TaskPage(tasks: fresh, total: fresh.count))))
        #expect(n.list.selectedTaskId == "T2" && n.list.taskCount == fresh.count)
        #expect(n.list.info[n.list.index["T2"] ?? 0].title == "Review the new docs")
        #expect(n.session.fromDisk.stale, "the tree, the task and the workflows have not answered yet")
        _ = n.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
        _ = n.handle(.bootstrapRevalidated(.success(Fixture.bootstrap)))
        #expect(n.session.fromDisk.stale)
        _ = n.handle(.detailTask(taskId: "T2", .success(renamed)))
        #expect(!n.session.fromDisk.stale)
        #expect(n.detail.task?.title == "Review the new docs" && n.focus == .detail)
    }

    @Test func aFailedReadKeepsTheMarkerAndTheDiskDataIsNeverKeptAgainAsNew() throws {
        var (n, _) = Self.startFromDisk(try Self.kept(Self.screenWithTask()))
        _ = n.handle(.taskPage(read: .folder("F1"), generation: n.list.generation, firstPage: true,
                               .failure(ServiceFailure("Wrike cannot be reached"))))
        #expect(n.session.fromDisk.stale && n.list.taskCount == Fixture.tasks.count && n.list.selectedTaskId == "T2")
        #expect(n.captureScreen(host: "h", profile: "p", appVersion: "v") == nil)
    }

    @Test func theStatusPickerWaitsForWrikesWorkflows() throws {
        var (n, _) = Self.startFromDisk(try Self.kept(Self.screenWithTask()))
        _ = n.update(.action(.changeStatus))
        #expect(n.modal == nil && n.status.message == FromDisk.statusPickerWaits)
        _ = n.handle(.bootstrapRevalidated(.success(Fixture.bootstrap)))
        _ = n.update(.action(.changeStatus))
        guard case .status? = n.modal else {
            Issue.record("the picker did not open with fresh workflows")
            return
        }
    }

    @Test func contactsSayingMeIsSomeoneElseDropTheKeptScreen() throws {
        var (n, _) = Self.startFromDisk(try Self.kept(Self.screenWithTask()))
        var other = Fixture.bootstrap
        other.me = Fixture.contacts[1]
        other.contacts = Fixture.contacts.map { Contact(id: $0.id, firstName: $0.firstName, lastName: $0.lastName, me: $0.id == "U2") }
        _ = n.handle(.directory(.success(other)))
        #expect(n.list.source == nil && n.list.taskCount == 0 && n.detail.task == nil && !n.session.fromDisk.stale)
        #expect(n.status.lastError == FromDisk.otherIdentity)
    }

    @Test func theStoreKeepsOneIdentityVersionAndAgeAndSetsDamageAside() throws {
        let root = try makeTempDirectory()
        defer { try? FileManager.default.removeItem(at: root) }
        let dir = root.appendingPathComponent("wrike-tui")
        let log = LogLines()
        let store = ScreenSnapshotStore(directory: dir, host: "h", profile: "p", maxAge: 3600, appVersion: "v", log: { log.add($0) })
        #expect(store.fileURL.lastPathComponent == "screen-h-p.bin")
        #expect(store.load(meId: nil) == nil && log.all.isEmpty, "no file: silently cold")
        let s = Self.screenWithTask()
        let capture = try #require(s.captureScreen(host: "h", profile: "p", appVersion: "v"))
        #expect(store.save(capture))
        let mode = try FileManager.default.attributesOfItem(atPath: store.fileURL.path)[.posixPermissions] as? Int
        let dirMode = try FileManager.default.attributesOfItem(atPath: dir.path)[.posixPermissions] as? Int
        #expect(mode == 0o600 && dirMode == 0o700)
        #expect(store.load(meId: "ME", now: testNow)?.screen.list?.cursorTaskId == "T2")
        // Another user, version, sign-in, or too old: cold, with a log line each.
        #expect(store.load(meId: "U2", now: testNow) == nil && log.all.last?.contains("another user") == true)
        var other = store
        other.appVersion = "w"
        #expect(other.load(meId: nil, now: testNow) == nil && log.all.last?.contains("wrike-tui v") == true)
        #expect(store.load(meId: nil, now: testNow.addingTimeInterval(3601)) == nil && log.all.last?.contains("too old") == true)
        let elsewhere = ScreenSnapshotStore(directory: dir, host: "h", profile: "q", appVersion: "v", log: { log.add($0) })
        #expect(!elsewhere.save(capture), "a capture of another identity is not written under this one's name")
        // Damage: set aside, logged, cold.
        var bytes = [UInt8](try Data(contentsOf: store.fileURL))
        bytes.removeLast(3)
        try Data(bytes).write(to: store.fileURL)
        #expect(store.load(meId: nil, now: testNow) == nil)
        #expect(log.all.last?.contains("set aside") == true)
        #expect(FileManager.default.fileExists(atPath: store.fileURL.path + ".damaged"))
        #expect(!FileManager.default.fileExists(atPath: store.fileURL.path))
    }
}
