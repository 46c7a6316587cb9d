import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// The app ended from outside while the inline comment editor holds text: `kill -HUP` (what a dropped
/// SSH session or a closed terminal window sends) and a real hangup (`tmux kill-session` closes the
/// pty). The text must be in a draft on disk, offered at the next start, and nothing may be sent.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct SignalEndToEndTests {
    /// What both tests start from: a scratch home, `sandbox serve` (dumping its data on exit), a tmux
    /// server, the first demo task and the drafts directory.
    struct Rig {
        var home, token, dump: String
        var server: Reliability.Server
        var tmux: Reliability.Tmux
        var task: WrikeTask
        var drafts: DraftStore

        /// Opens `task` from the tree: the first space, a filter down to its title, Enter twice.
        func openTask() throws {
            var (ok, screen) = tmux.waitFor("Platform")
            try #require(ok, "tree did not load:\n\(screen)")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("tasks") { $0.contains("Tasks · Engineering") && $0.contains("Title") }
            try #require(ok, "tasks did not load:\n\(screen)")
            tmux.keys("/")
            tmux.keys("C-u")  // a filter remembered from the last run (remember-view) is replaced, not extended
            tmux.type(task.title)
            (ok, screen) = tmux.waitFor("1 match") { $0.contains("· 1/") }
            try #require(ok, "filter did not narrow to one task:\n\(screen)")
            tmux.keys("Enter")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("Comments (")
            try #require(ok, "task did not open:\n\(screen)")
        }
    }

    static func withRig(_ name: String, serverArgs: [String] = [], _ body: (Rig) throws -> Void) throws {
        let tmuxPath = try #require(BrowserEndToEndTests.which("tmux"))
        try #require(FileManager.default.isExecutableFile(atPath: Reliability.binary), "build the binary first: swift build")
        let home = try Reliability.scratch(name)
        defer { try? FileManager.default.removeItem(atPath: home) }
        let token = "\(name)-\(UInt32.random(in: 0...UInt32.max))"
        let dump = home + "/sandbox-dump.json"
        let server = try Reliability.Server(args: ["--token", token, "--rate-limit", "0", "--dump-on-exit", dump] + serverArgs,
                                            stderrPath: home + "/sandbox.err")
        defer { server.stop() }
        try #require(server.url.hasPrefix("http://127.0.0.1"), "server did not print its URL: \(server.url)")
        let tmux = Reliability.Tmux(path: tmuxPath)
        defer { Reliability.shutdown(tmux) }
        let task = try #require(ActionsEndToEndTests.Demo().candidates.first)
        try body(Rig(home: home, token: token, dump: dump, server: server, tmux: tmux, task: task,
                     drafts: DraftStore(directory: home + "/state/wrike-tui/drafts")))
    }

    @Test func hangupKeepsTheEditorTextAsADraftOfferedAtTheNextStart() throws {
        try Self.withRig("hup") { rig in
            let (home, token, dump, server, tmux, task, drafts) =
                (rig.home, rig.token, rig.dump, rig.server, rig.tmux, rig.task, rig.drafts)

            /// The app as the pane's own process (`exec`): the pane's pid is the app's.
            func start() -> Int32? {
                tmux.run(["new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50",
                          "exec env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \(Reliability.appEnvironment(home: home, token: token)) "
                            + "'\(Reliability.binary)' --base-url '\(server.url)'"])
                tmux.run(["set", "-s", "escape-time", "0"])
                return Int32(tmux.run(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"]).trimmingCharacters(in: .whitespacesAndNewlines))
            }
            func waitGone(_ pid: Int32) -> Bool {
                for _ in 0..<200 {
                    if kill(pid, 0) != 0 { return true }
                    Thread.sleep(forTimeInterval: 0.05)
                }
                return false
            }

            // 1. Open the task, start a comment, type; then SIGHUP to the app.
            let pid1 = try #require(start())
            try rig.openTask()
            var (ok, screen) = (true, "")
            tmux.keys("c")
            (ok, screen) = tmux.waitFor("Comment · ")
            try #require(ok, "no comment editor:\n\(screen)")
            let text = "Hangup draft \(UInt16.random(in: 0...UInt16.max)) 漢字"
            tmux.type(text)
            (ok, screen) = tmux.waitFor(text)
            try #require(ok, "text not in the editor:\n\(screen)")
            // The text may be on disk already (saved about a second after typing); the hangup saves it either way.
            kill(pid1, SIGHUP)
            #expect(waitGone(pid1), "the app did not exit on SIGHUP")
            var listing = drafts.list()
            #expect(listing.problems.isEmpty, "\(listing.problems)")
            try #require(listing.drafts.count == 1, "drafts after SIGHUP: \(listing.drafts.map(\.text))")
            let first = listing.drafts[0]
            #expect(first.text == text)
            #expect(first.kind == .comment && first.taskId == task.id && first.state == .editing)

            // 2. The next start offers it; reopened, edited, then the terminal goes away (kill-session).
            let pid2 = try #require(start())
            (ok, screen) = tmux.waitFor("Unsent drafts")
            #expect(ok, "the draft was not offered at the next start:\n\(screen)")
            #expect(screen.contains(task.title.prefix(20)), "the offer does not name the task:\n\(screen)")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("Comment · ") { $0.contains("Comment · ") && $0.contains(text) }
            #expect(ok, "the draft did not reopen in the editor:\n\(screen)")
            tmux.type(" more")  // the cursor is at the end of the reopened text
            (ok, screen) = tmux.waitFor(text + " more")
            #expect(ok, "typing after reopening:\n\(screen)")
            tmux.run(["kill-session", "-t", "e2e"])
            #expect(waitGone(pid2), "the app did not exit when its terminal closed")
            listing = drafts.list()
            try #require(listing.drafts.count == 1, "drafts after the hangup: \(listing.drafts.map(\.text))")
            #expect(listing.drafts[0].id == first.id, "the reopened draft must be updated, not copied")
            #expect(listing.drafts[0].text == text + " more")

            // 3. Offered again; Esc keeps it for later; q quits.
            let pid3 = try #require(start())
            (ok, screen) = tmux.waitFor("Unsent drafts")
            #expect(ok, "not offered after the hangup:\n\(screen)")
            tmux.keys("Escape")
            Thread.sleep(forTimeInterval: 0.3)
            tmux.keys("q")
            #expect(waitGone(pid3), "q did not quit")
            #expect(drafts.list().drafts.count == 1)

            // Nothing was sent: no comment landed.
            server.stop()
            let after = try Dataset.decode(try #require(FileManager.default.contents(atPath: dump)))
            let before = DemoDataset.make()
            #expect(after.comments.count == before.comments.count, "a comment was sent")
            print("SignalEndToEndTests: SIGHUP and kill-session with text in the editor: draft kept (\(first.text.count) chars), offered twice, 0 comments sent")
        }
    }

    /// `C` opened `$VISUAL` (a script that saves some text to the temp file, then waits like an editor
    /// would), and the terminal goes away (`tmux kill-session`: the pty closes, the app and the editor in
    /// its foreground process group both get SIGHUP). What the editor had saved must be a draft on the
    /// task, offered at the next start; nothing is sent.
    @Test func hangupWhileTheExternalEditorIsOpenKeepsItsSavedText() throws {
        try Self.withRig("hup-editor") { rig in
            let (home, token, dump, server, tmux, task, drafts) =
                (rig.home, rig.token, rig.dump, rig.server, rig.tmux, rig.task, rig.drafts)
            let text = "Saved in the editor \(UInt16.random(in: 0...UInt16.max)) 漢字"
            let editor = home + "/editor.sh"
            try "#!/bin/sh\nprintf '%s\\n' '\(text)' > \"$1\"\ntouch '\(home)/editor-ready'\nexec sleep 60\n"
                .write(toFile: editor, atomically: true, encoding: .utf8)
            chmod(editor, 0o755)

            tmux.run(["new-session", "-d", "-s", "e2e", "-x", "200", "-y", "50",
                      "exec env -i PATH=/usr/bin:/bin LANG=C.UTF-8 \(Reliability.appEnvironment(home: home, token: token)) "
                        + "VISUAL='\(editor)' '\(Reliability.binary)' --base-url '\(server.url)'"])
            tmux.run(["set", "-s", "escape-time", "0"])
            let pid = try #require(Int32(tmux.run(["list-panes", "-t", "e2e", "-F", "#{pane_pid}"])
                .trimmingCharacters(in: .whitespacesAndNewlines)))
            try rig.openTask()
            tmux.keys("C")
            var ready = false
            for _ in 0..<200 where !ready {
                ready = FileManager.default.fileExists(atPath: home + "/editor-ready")
                if !ready { Thread.sleep(forTimeInterval: 0.05) }
            }
            try #require(ready, "the editor did not start")
            tmux.run(["kill-session", "-t", "e2e"])
            var gone = false
            for _ in 0..<200 where !gone {
                gone = kill(pid, 0) != 0
                if !gone { Thread.sleep(forTimeInterval: 0.05) }
            }
            #expect(gone, "the app did not exit when its terminal closed during $EDITOR")
            let listing = drafts.list()
            #expect(listing.problems.isEmpty, "\(listing.problems)")
            try #require(listing.drafts.count == 1, "drafts after the hangup: \(listing.drafts.map(\.text))")
            #expect(listing.drafts[0].text == text)
            #expect(listing.drafts[0].kind == .comment && listing.drafts[0].taskId == task.id && listing.drafts[0].state == .editing)
            server.stop()
            let after = try Dataset.decode(try #require(FileManager.default.contents(atPath: dump)))
            #expect(after.comments.count == DemoDataset.make().comments.count, "a comment was sent")
            print("SignalEndToEndTests: hangup during $EDITOR: its saved text is a draft (\(text.count) chars), 0 comments sent")
        }
    }
}
