import Foundation
import Synchronization
import Testing
@testable import Browser
import BrowserRuntime

/// The inbox file: written privately and atomically, read back across runs, a damaged one set aside.
@Suite struct InboxStoreTests {
    static let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func tempDir() -> String {
        NSTemporaryDirectory() + "inbox-store-\(UInt32.random(in: 0...UInt32.max))/state/wrike-tui"
    }

    @Test func savedPrivatelyAndReadBackByAnotherRun() throws {
        let dir = tempDir()
        let store = InboxStore(directory: dir, profile: "work/x")
        #expect(store.path.hasSuffix("/inbox-work_x.json"))
        #expect(store.load() == .success(nil))
        let r = InboxRecord(me: "ME", polledThrough: Self.t0, mine: ["T1"],
                            items: [InboxItem(id: "assigned:T1", reason: .assigned, taskId: "T1", title: "One", at: Self.t0, read: true)])
        #expect(store.save(r) == nil)
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(InboxStore(directory: dir, profile: "work/x").load() == .success(r))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["inbox-work_x.json"])
    }

    @Test func aDamagedFileIsSetAsideWithALogLine() throws {
        let dir = tempDir()
        let lines = Mutex<[String]>([])
        let store = InboxStore(directory: dir, profile: "p", log: { l in lines.withLock { $0.append(l) } })
        #expect(store.save(InboxRecord(me: "ME")) == nil)
        try Data("{\"version\":1,\"me\":".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load() == .failure(.damaged("not an inbox file")))
        #expect(FileManager.default.fileExists(atPath: store.path + ".damaged"))
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(lines.withLock { $0 }.contains { $0.contains("set aside as") && $0.contains(".damaged") })
        // The next run starts anew.
        #expect(store.load() == .success(nil))
    }
}
