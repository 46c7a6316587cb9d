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
        let store = InboxStore(directory: dir, profile: "work/x", host: "www.wrike.com")
        #expect(store.path.hasSuffix("/inbox-www.wrike.com-work_x.json"))
        #expect(store.load() == .success(nil))
        let r = InboxRecord(me: "ME", polledThrough: Self.t0, mine: ["T1"],
                            items: [InboxItem(id: "assigned:T1", reason: .assigned, taskId: "T1", title: "One", at: Self.t0, read: true)])
        #expect(store.save(r) == nil)
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        #expect(InboxStore(directory: dir, profile: "work/x", host: "www.wrike.com").load() == .success(r))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir) == ["inbox-www.wrike.com-work_x.json"])
    }

    @Test func aDamagedFileIsSetAsideWithALogLine() throws {
        let dir = tempDir()
        let lines = Mutex<[String]>([])
        let store = InboxStore(directory: dir, profile: "p", host: "demo", log: { l in lines.withLock { $0.append(l) } })
        #expect(store.save(InboxRecord(me: "ME")) == nil)
        try Data("{\"version\":1,\"me\":".utf8).write(to: URL(fileURLWithPath: store.path))
        #expect(store.load() == .failure(.damaged("not an inbox file")))
        #expect(FileManager.default.fileExists(atPath: store.path + ".damaged"))
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(lines.withLock { $0 }.contains { $0.contains("set aside as") && $0.contains(".damaged") })
        // The next run starts anew.
        #expect(store.load() == .success(nil))
    }

    static func record(_ me: String, read: Bool) -> InboxRecord {
        InboxRecord(me: me, polledThrough: t0, mine: ["T1"],
                    items: [InboxItem(id: "assigned:T1", reason: .assigned, taskId: "T1", title: "One", at: t0, read: read)])
    }

    /// `--base-url` to another server with the same profile: its marks are its own, and the account's stay.
    @Test func theMarksBelongToTheHostAndProfile() {
        let dir = tempDir()
        let account = InboxStore(directory: dir, profile: "default", host: "www.wrike.com", adoptsUnkeyedFile: true)
        let server = InboxStore(directory: dir, profile: "default", host: "localhost:8080")
        let other = InboxStore(directory: dir, profile: "work", host: "www.wrike.com", adoptsUnkeyedFile: true)
        #expect(Set([account.path, server.path, other.path]).count == 3)
        #expect(account.save(Self.record("ME", read: true)) == nil)
        #expect(server.load() == .success(nil), "the server's inbox does not start with the account's marks")
        #expect(other.load() == .success(nil))
        #expect(server.save(Self.record("U9", read: false)) == nil)
        #expect(account.load() == .success(Self.record("ME", read: true)))
        #expect(server.load() == .success(Self.record("U9", read: false)))
    }

    /// The file of one per profile (before the host was in the name) becomes the profile's own sign-in's:
    /// its marks are kept; a `--base-url` server never takes it, even when it starts first.
    @Test func theOldFileOfAProfileIsTakenOverByItsOwnSignIn() throws {
        let dir = tempDir()
        let lines = Mutex<[String]>([])
        let account = InboxStore(directory: dir, profile: "default", host: "www.wrike.com", adoptsUnkeyedFile: true,
                                 log: { l in lines.withLock { $0.append(l) } })
        let server = InboxStore(directory: dir, profile: "default", host: "localhost:8080")
        let old = Self.record("ME", read: true)
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data(old.encoded()).write(to: URL(fileURLWithPath: dir + "/inbox-default.json"))
        #expect(account.unkeyedPath == dir + "/inbox-default.json")
        #expect(server.load() == .success(nil))
        #expect(FileManager.default.fileExists(atPath: account.unkeyedPath), "the server left it alone")
        #expect(account.load() == .success(old), "the marks survive the upgrade")
        #expect(!FileManager.default.fileExists(atPath: account.unkeyedPath))
        #expect(try FileManager.default.contentsOfDirectory(atPath: dir).sorted() == ["inbox-www.wrike.com-default.json"])
        #expect(lines.withLock { $0 }.contains { $0.contains("is now") })
        // Once it has its own file the account reads only that; the demo adopts its own old file the same way.
        #expect(account.load() == .success(old))
        try Data(Self.record("DEMO", read: false).encoded()).write(to: URL(fileURLWithPath: dir + "/inbox-demo.json"))
        let demo = InboxStore(directory: dir, profile: "demo", host: "demo", adoptsUnkeyedFile: true)
        #expect(demo.load() == .success(Self.record("DEMO", read: false)))
        #expect(demo.path == dir + "/inbox-demo-demo.json")
    }
}
