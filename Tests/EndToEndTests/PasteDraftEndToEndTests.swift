import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

extension BrowserEndToEndTests.Tmux {
    /// Pastes `text` as a terminal does: tmux wraps it in `\e[200~ … \e[201~` when (and only when) the
    /// app turned bracketed paste on; otherwise the bytes arrive as typed keys.
    func paste(_ text: String) {
        run(["set-buffer", "-b", "wtui-paste", "--", text])
        run(["paste-buffer", "-p", "-d", "-b", "wtui-paste", "-t", "e2e"])
    }
}

/// Pasting and drafts with the real binary in tmux against `sandbox serve --test-control` (issue 12,
/// items 1 and 2): a paste is text, never keys; typed text is on disk within about 2 s and survives
/// `kill -9`; `q` keeps unsent text as a draft, offered at the next start, listed with `u` and reopened
/// by `c` on its task.
@Suite(.serialized, .enabled(if: tmuxInstalled && findOnPath("bash") != nil, "tmux or bash is not installed"))
struct PasteDraftEndToEndTests {
    /// A shell in tmux (the app runs in it, so its exit status and last words can be read), a sandbox,
    /// the first demo task, the app's drafts directory.
    struct Rig {
        var base: SignalEndToEndTests.Rig
        var server: Reliability.Server { base.server }
        var tmux: Reliability.Tmux { base.tmux }
        var task: WrikeTask { base.task }
        var drafts: DraftStore { base.drafts }

        func startApp() {
            tmux.type("\(Reliability.appEnvironment(home: base.home, token: base.token)) '\(Reliability.binary)' "
                      + "--base-url '\(server.url)'; echo __EX\"\"IT__$?")
            tmux.keys("Enter")
        }

        /// Writes (not GETs) the sandbox saw.
        func writes() -> [Reliability.Server.LogLine] { (server.requestLog() ?? []).filter { $0.method != "GET" } }

        func snapshotTask() throws -> WrikeTask? {
            let data = try #require(server.control("snapshot"), "no snapshot")
            return try Dataset.decode(data).tasks.first { $0.id == task.id }
        }

        /// Polls the drafts directory until `predicate` holds; returns the drafts and the seconds it took.
        func waitForDrafts(timeout: TimeInterval = 10, _ predicate: ([Draft]) -> Bool) -> ([Draft], TimeInterval)? {
            let start = Date()
            while Date().timeIntervalSince(start) < timeout {
                let list = drafts.list().drafts
                if predicate(list) { return (list, Date().timeIntervalSince(start)) }
                Thread.sleep(forTimeInterval: 0.05)
            }
            return nil
        }
    }

    static func withRig(_ name: String, _ body: (Rig) throws -> Void) throws {
        try SignalEndToEndTests.withRig(name, serverArgs: ["--test-control"]) { base in
            #expect(Reliability.startShell(base.tmux, home: base.home, prompt: "PD$", width: 200, height: 50),
                    "shell did not start")
            try body(Rig(base: base))
        }
    }

    /// The issue's case: `abc<Tab>with tab` pasted into the comment editor left the editor at the tab,
    /// then `i` changed the importance in Wrike and `t` opened the time form. Now it is text in the editor,
    /// nothing reaches the sandbox, and the text is on disk within about 2 s (and survives `kill -9`).
    @Test func aPasteIntoTheEditorIsTextAndNothingReachesWrike() throws {
        try Self.withRig("paste") { rig in
            let tmux = rig.tmux
            rig.startApp()
            try rig.base.openTask()
            let importance = try rig.snapshotTask()?.importance
            tmux.keys("c")
            var (ok, screen) = tmux.waitFor("Comment · ")
            try #require(ok, "no comment editor:\n\(screen)")
            let pasted = Date()
            tmux.paste("abc\twith tab")
            (ok, screen) = tmux.waitFor("the pasted text") { $0.contains("abc    with tab") }
            #expect(ok, "the paste is not in the editor:\n\(screen)")
            #expect(!screen.contains("Log time"), "the paste opened the time form:\n\(screen)")
            let autosaved = rig.waitForDrafts { $0.map(\.text) == ["abc    with tab"] }
            let seconds = autosaved == nil ? -1 : Date().timeIntervalSince(pasted)
            #expect(autosaved != nil, "the pasted text was not saved as a draft: \(rig.drafts.list().drafts.map(\.text))")
            #expect(seconds >= 0 && seconds < 3, "saved \(seconds) s after the paste (should be about 1-2 s)")
            #expect(autosaved?.0.first?.state == .editing && autosaved?.0.first?.taskId == rig.task.id)

            // The editor left (Tab): a paste where no text field has the focus is ignored.
            tmux.keys("Tab")
            Thread.sleep(forTimeInterval: 0.3)
            tmux.paste("iiaat1h\r")
            (ok, screen) = tmux.waitFor("Paste ignored")
            #expect(ok, "no word about the ignored paste:\n\(screen)")
            #expect(!screen.contains("Log time"), "the paste opened the time form:\n\(screen)")
            Thread.sleep(forTimeInterval: 1.5)
            #expect(rig.writes().isEmpty, "a paste reached Wrike: \(rig.writes().map { "\($0.method) \($0.path)" })")
            #expect(try rig.snapshotTask()?.importance == importance, "the importance changed")

            // More words, then kill -9 after the autosave: they are on disk.
            tmux.keys("c")
            tmux.type(" and more")
            (ok, screen) = tmux.waitFor("abc    with tab and more")
            #expect(ok, "typing after the paste:\n\(screen)")
            let typed = rig.waitForDrafts { $0.map(\.text) == ["abc    with tab and more"] }
            #expect(typed != nil, "typed text not saved: \(rig.drafts.list().drafts.map(\.text))")
            let pid = try #require(rig.tmux.appPid(), "no app process")
            kill(pid, SIGKILL)
            (ok, screen) = tmux.waitFor("__EXIT__137")
            #expect(ok, "the app did not die:\n\(screen)")
            #expect(rig.drafts.list().drafts.map(\.text) == ["abc    with tab and more"])
            #expect(rig.writes().isEmpty, "something was sent: \(rig.writes().map { "\($0.method) \($0.path)" })")
            print("PasteDraftEndToEndTests: a paste with a tab stayed text in the editor (0 writes); draft on disk "
                  + String(format: "%.2f", seconds) + " s after the paste; kill -9 kept the typed text")
        }
    }

    /// `q` with unsent text: exit 0, a line saying the draft is kept; the next start offers it, `Esc`
    /// leaves it for later, `u` lists it, `c` on its task reopens it, `Ctrl-S` sends it once.
    @Test func quitKeepsUnsentTextAndTheNextStartOffersIt() throws {
        try Self.withRig("quit-draft") { rig in
            let tmux = rig.tmux
            rig.startApp()
            try rig.base.openTask()
            tmux.keys("c")
            var (ok, screen) = tmux.waitFor("Comment · ")
            try #require(ok, "no comment editor:\n\(screen)")
            let text = "Quit draft \(UInt16.random(in: 0...UInt16.max)) 漢字"
            tmux.type(text)
            (ok, screen) = tmux.waitFor(text)
            try #require(ok, "text not in the editor:\n\(screen)")
            tmux.keys("Tab")
            tmux.keys("q")
            (ok, screen) = tmux.waitFor("__EXIT__")
            #expect(ok && screen.contains("__EXIT__0"), "q did not quit cleanly:\n\(screen)")
            #expect(screen.contains("is kept as a draft"), "no word about the draft after the exit:\n\(screen)")
            var listing = rig.drafts.list()
            #expect(listing.drafts.map(\.text) == [text], "drafts after q: \(listing.drafts.map(\.text))")
            let id = listing.drafts.first?.id

            tmux.run(["send-keys", "-t", "e2e", "-l", "clear"])
            tmux.keys("Enter")
            rig.startApp()
            (ok, screen) = tmux.waitFor("Unsent drafts")
            #expect(ok, "the draft was not offered at the next start:\n\(screen)")
            tmux.keys("Escape")  // later
            Thread.sleep(forTimeInterval: 0.3)
            tmux.keys("u")
            (ok, screen) = tmux.waitFor("the drafts list") { $0.contains("Unsent drafts") && $0.contains(String(text.prefix(10))) }
            #expect(ok, "u did not list the draft:\n\(screen)")
            tmux.keys("Escape")
            try rig.base.openTask()
            tmux.keys("c")
            (ok, screen) = tmux.waitFor("the draft reopened") { $0.contains("Comment · ") && $0.contains(text) }
            #expect(ok, "c on the task did not reopen the draft:\n\(screen)")
            tmux.keys("C-s")
            (ok, screen) = tmux.waitFor("Comment sent")
            #expect(ok, "not sent:\n\(screen)")
            listing = rig.drafts.list()
            #expect(listing.drafts.isEmpty, "the sent draft stayed: \(listing.drafts.map(\.text))")
            let posts = rig.writes().filter { $0.method == "POST" && $0.path.hasSuffix("/comments") }
            #expect(posts.count == 1, "comment POSTs: \(posts.count)")
            tmux.keys("q")
            (ok, screen) = tmux.waitFor("__EXIT__0")  // the first run's output was cleared
            #expect(ok, "q did not quit:\n\(screen)")
            #expect(!screen.contains("kept as a draft"), "nothing was left to keep:\n\(screen)")
            print("PasteDraftEndToEndTests: q kept the draft \(id ?? "-"), offered at the next start, listed with u, "
                  + "reopened by c, sent once")
        }
    }
}
