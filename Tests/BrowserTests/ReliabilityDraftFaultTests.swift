import Foundation
import Testing
import TestSupport
@testable import Browser
@testable import BrowserRuntime

#if canImport(Glibc)
import Glibc
#endif

/// Local faults around the draft store: a read-only and a full state directory, damaged and hostile
/// draft files (garbage, empty, huge, a directory, a FIFO, a symlink to /dev/zero), and two app
/// instances writing and deleting drafts in one directory at once. See docs/reliability.md.
@Suite(.serialized, .offPool) struct ReliabilityDraftFaultTests {
    static let t0 = Date(timeIntervalSince1970: 1_790_000_000)

    static func draft(_ id: String, text: String = "Hello\nworld") -> Draft {
        Draft(id: id, kind: .comment, profile: "default", taskId: "T1", taskTitle: "Spec", text: text, created: t0)
    }

    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "wtui-draftfault-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    /// Runs a command; true when it exited 0.
    @discardableResult
    static func sh(_ args: [String]) -> Bool {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: "/usr/bin/env")
        p.arguments = args
        p.standardOutput = FileHandle.nullDevice
        p.standardError = FileHandle.nullDevice
        do { try p.run() } catch { return false }
        p.waitUntilExit()
        return p.terminationStatus == 0
    }

    /// Mounts a small tmpfs on `dir` (root only); nil with the reason when that is not possible.
    static func mountTmpfs(_ dir: String, options: String) -> String? {
        guard geteuid() == 0 else { return "not root: cannot mount a tmpfs" }
        guard sh(["mount", "-t", "tmpfs", "-o", options, "tmpfs", dir]) else { return "mount -t tmpfs failed (no CAP_SYS_ADMIN?)" }
        return nil
    }

    static func leftovers(_ dir: String) -> [String] {
        ((try? FileManager.default.contentsOfDirectory(atPath: dir)) ?? []).filter { $0.contains(".tmp-") }
    }

    @Test func readOnlyStateDirectory() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/drafts"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        let store = DraftStore(directory: dir)
        try store.save(Self.draft("before"))
        var how = "chmod 0500"
        if geteuid() == 0 {
            // Root ignores mode bits: remount the directory read-only instead.
            guard Self.sh(["mount", "--bind", dir, dir]), Self.sh(["mount", "-o", "remount,bind,ro", dir]) else {
                print("ReliabilityDraftFaultTests: cannot bind-mount read-only; read-only case skipped")
                _ = Self.sh(["umount", dir])
                return
            }
            how = "read-only bind mount"
        } else {
            chmod(dir, 0o500)
        }
        defer {
            if geteuid() == 0 { _ = Self.sh(["umount", dir]) } else { chmod(dir, 0o700) }
        }
        do {
            try store.save(Self.draft("after", text: "typed while the disk was read-only"))
            Issue.record("save on a read-only directory (\(how)) succeeded")
        } catch {
            #expect(error.reason == .readOnly, "\(how): \(error)")
            #expect(error.message.contains("read-only") && error.message.contains("kept in the editor"))
        }
        // What was there is still readable; a damaged file cannot be set aside but is reported, no crash.
        #expect(try store.load(id: "before").text == "Hello\nworld")
        #expect(store.list().drafts.map(\.id) == ["before"])
        #expect(Self.leftovers(dir).isEmpty)
        // Deleting a draft fails with a plain error, not a crash.
        #expect(throws: DraftError.self) { try store.delete(id: "before") }
        print("ReliabilityDraftFaultTests: read-only (\(how)): save refused with .readOnly, old draft intact")
    }

    @Test func fullStateDirectoryKeepsThePreviousVersion() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let dir = root + "/drafts"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        if let reason = Self.mountTmpfs(dir, options: "size=64k,mode=0700") {
            print("ReliabilityDraftFaultTests: full-disk case skipped: \(reason)")
            return
        }
        defer { _ = Self.sh(["umount", dir]) }
        let store = DraftStore(directory: dir)
        try store.save(Self.draft("keep", text: "version 1"))
        // A draft larger than the file system: ENOSPC in the middle of the write.
        let big = String(repeating: "x", count: 200_000)
        do {
            try store.save(Self.draft("keep", text: big))
            Issue.record("a 200 KB draft fit in a 64 KB tmpfs")
        } catch {
            #expect(error.reason == .full, "\(error)")
            #expect(error.message.contains("full"))
        }
        // Atomic: the previous version survives whole, no temp file is left.
        #expect(try store.load(id: "keep").text == "version 1")
        #expect(Self.leftovers(dir).isEmpty)
        // Fill the rest of the disk: even a small save is refused plainly.
        let filler = dir + "/.filler"
        _ = FileManager.default.createFile(atPath: filler, contents: nil)
        if let h = FileHandle(forWritingAtPath: filler) {
            let chunk = Data(count: 4096)
            while (try? h.write(contentsOf: chunk)) != nil {}
            try? h.close()
        }
        do {
            try store.save(Self.draft("new", text: String(repeating: "y", count: 8192)))
            Issue.record("save on a full disk succeeded")
        } catch {
            #expect(error.reason == .full, "\(error)")
        }
        #expect(Self.leftovers(dir).isEmpty)
        #expect(store.list().drafts.map(\.id) == ["keep"])
        // Space comes back: saving works again.
        unlink(filler)
        try store.save(Self.draft("new", text: "after the disk was freed"))
        #expect(store.list().drafts.map(\.id).sorted() == ["keep", "new"])
        print("ReliabilityDraftFaultTests: full disk (64 KB tmpfs): ENOSPC mid-write and on a full disk -> .full, previous version intact")
    }

    @Test func damagedAndHostileDraftFilesAreSetAsideWithoutHanging() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let store = DraftStore(directory: dir)
        try store.save(Self.draft("good"))
        var garbage = [UInt8](repeating: 0, count: 4096)
        for i in garbage.indices { garbage[i] = UInt8(truncatingIfNeeded: i &* 2_654_435_761 >> 7) }
        try Data(garbage).write(to: URL(fileURLWithPath: dir + "/garbage.json"))
        try Data().write(to: URL(fileURLWithPath: dir + "/empty.json"))
        try Data("{\"version\":1,\"id\":\"trunc\",\"kind\":\"comm".utf8).write(to: URL(fileURLWithPath: dir + "/trunc.json"))
        try Data(count: DraftStore.maxFileSize + 1).write(to: URL(fileURLWithPath: dir + "/huge.json"))
        try FileManager.default.createDirectory(atPath: dir + "/adir.json", withIntermediateDirectories: false)
        // A FIFO and a symlink to an endless device: reading either naively blocks or never ends.
        #expect(mkfifo(dir + "/fifo.json", 0o600) == 0)
        #expect(symlink("/dev/zero", dir + "/zero.json") == 0)

        let listing = store.list()
        #expect(listing.drafts.map(\.id) == ["good"])
        #expect(listing.problems.count == 7, "\(listing.problems)")
        #expect(listing.problems.allSatisfy { !$0.contains("\u{1B}") })
        // All set aside: a second start finds nothing to complain about and the good draft still there.
        let again = store.list()
        #expect(again.problems.isEmpty, "\(again.problems)")
        #expect(again.drafts.map(\.id) == ["good"])
    }

    @Test func twoInstancesSavingAndDeletingAtOnce() throws {
        let dir = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let a = DraftStore(directory: dir), b = DraftStore(directory: dir)
        let rounds = 300
        let problems = ProblemBox()
        // Instance A keeps saving and deleting its drafts (a send confirmed); instance B starts and
        // lists them at the same time, and saves its own. B must never call A's drafts damaged.
        DispatchQueue.concurrentPerform(iterations: 2) { worker in
            for i in 0..<rounds {
                if worker == 0 {
                    let id = "a\(i % 7)"
                    try? a.save(Self.draft(id, text: String(repeating: "a", count: 100 + i)))
                    if i % 3 == 0 { try? a.delete(id: id) }
                } else {
                    let listing = b.list()
                    problems.add(listing.problems)
                    try? b.save(Self.draft("b\(i)", text: "b"))
                }
            }
        }
        #expect(problems.all.isEmpty, "a concurrent instance was reported as damaged: \(problems.all.prefix(3))")
        let names = try FileManager.default.contentsOfDirectory(atPath: dir)
        #expect(!names.contains { $0.contains(".corrupt") }, "\(names.filter { $0.contains(".corrupt") })")
        #expect(Self.leftovers(dir).isEmpty)
        let final = a.list()
        #expect(final.problems.isEmpty)
        #expect(final.drafts.filter { $0.id.hasPrefix("b") }.count == rounds)
    }
}

final class ProblemBox: @unchecked Sendable {
    private let lock = NSLock()
    private var items: [String] = []
    func add(_ more: [String]) { lock.withLock { items += more } }
    var all: [String] { lock.withLock { items } }
}
