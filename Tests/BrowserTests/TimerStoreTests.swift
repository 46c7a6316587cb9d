import Foundation
import Synchronization
import Testing
@testable import Browser
import BrowserRuntime

/// The timer file on disk: atomic, private, locked read-modify-write, a damaged file set aside.
@Suite struct TimerStoreTests {
    let t0 = Date(timeIntervalSince1970: 1_800_000_000)

    func tempDir() -> String {
        let d = NSTemporaryDirectory() + "timer-store-\(UInt32.random(in: 0...UInt32.max))/state/wrike-tui"
        return d
    }

    @Test func aStartIsWrittenPrivatelyAndReadBack() throws {
        let dir = tempDir()
        let store = TimerStore(directory: dir, profile: "work/../x", host: "h")
        #expect(store.path.hasSuffix("/timer-work_.._x.json"))
        #expect(store.apply(.read) == TimerOutcome(record: nil))
        #expect(!FileManager.default.fileExists(atPath: store.path))  // a read creates no timer
        let e = TimerEntry(taskId: "T1", taskTitle: "One", startedAt: t0)
        let out = store.apply(.start(e, replacing: nil))
        #expect(out.problem == nil && out.conflict == nil && out.record?.running == e)
        let attrs = try FileManager.default.attributesOfItem(atPath: store.path)
        #expect((attrs[.posixPermissions] as? NSNumber)?.intValue == 0o600)
        let dirAttrs = try FileManager.default.attributesOfItem(atPath: dir)
        #expect((dirAttrs[.posixPermissions] as? NSNumber)?.intValue == 0o700)
        // Another store (another process) sees it.
        #expect(TimerStore(directory: dir, profile: "work/../x", host: "other").apply(.read).record?.running == e)
        // No temporary file left behind.
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(Set(names) == ["timer-work_.._x.json", "timer-work_.._x.json.lock"])
        // Stopped and logged: the file goes.
        let stopped = try #require(store.apply(.stop(e, at: t0.addingTimeInterval(60))).record?.stopped)
        #expect(store.apply(.logged(stopped, through: t0.addingTimeInterval(60))).record == nil)
        #expect(!FileManager.default.fileExists(atPath: store.path))
    }

    @Test func concurrentStartsUnderTheLockLetExactlyOneWin() async throws {
        let dir = tempDir()
        let wins = WinCount()
        await withTaskGroup(of: Void.self) { group in
            for i in 0..<12 {
                group.addTask {
                    // Each its own store value and file descriptor, as two processes would have.
                    let store = TimerStore(directory: dir, profile: "default", host: "h")
                    let out = store.apply(.start(TimerEntry(taskId: "T\(i)", taskTitle: "t", startedAt: Date(timeIntervalSince1970: Double(i))),
                                                 replacing: nil))
                    if out.conflict == nil && out.problem == nil { wins.add() }
                }
            }
        }
        #expect(wins.value == 1)
        let r = TimerStore(directory: dir, profile: "default", host: "h").apply(.read)
        #expect(r.problem == nil && r.record?.running != nil)
    }

    @Test func aDamagedFileIsSetAsideWithALogLineNotACrash() throws {
        let dir = tempDir()
        let lines = LogLines()
        let store = TimerStore(directory: dir, profile: "default", host: "h", log: { lines.add($0) })
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        try Data("{\"version\":1,\"running\":".utf8).write(to: URL(fileURLWithPath: store.path))
        let out = store.apply(.read)
        #expect(out.record == nil)
        #expect(out.problem == .damaged("not a timer file"))
        #expect(out.problem?.message == "The timer file was damaged (not a timer file); it was set aside.")
        #expect(FileManager.default.fileExists(atPath: store.path + ".damaged"))
        #expect(!FileManager.default.fileExists(atPath: store.path))
        #expect(lines.all.contains { $0.contains("set aside") })
        // A start after it works.
        #expect(store.apply(.start(TimerEntry(taskId: "T", taskTitle: "t", startedAt: t0), replacing: nil)).record?.running?.taskId == "T")
    }

    @Test func statusTextAndJSONForPromptsAndTmux() {
        let r = TimerRecord(profile: "default", host: "h", running: TimerEntry(taskId: "IEA1", taskTitle: "Fix \u{1B}[31mit", startedAt: t0))
        let s = TimerStatus(record: r, now: t0.addingTimeInterval(3909))
        #expect(s.text == "Timer: 1:05:09 on “Fix it” (IEA1) since 2027-01-15T08:00:00Z")
        #expect(s.json == #"{"elapsedSeconds":3909,"running":true,"startedAt":"2027-01-15T08:00:00Z","stopped":null,"taskId":"IEA1","title":"Fix it"}"#)
        let none = TimerStatus(record: nil, now: t0)
        #expect(none.text == "No timer running.")
        #expect(none.json == #"{"elapsedSeconds":null,"running":false,"startedAt":null,"stopped":null,"taskId":null,"title":null}"#)
    }
}

final class WinCount: Sendable {
    private let count = Mutex(0)
    func add() { count.withLock { $0 += 1 } }
    var value: Int { count.withLock { $0 } }
}

