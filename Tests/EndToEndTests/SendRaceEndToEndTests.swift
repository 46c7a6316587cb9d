import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// Issue 20 with the real binary in tmux against `sandbox serve --test-control`: a comment in flight on a
/// slow path (the sandbox holds its POST 8 s) when the app is killed with `kill -9` and started again at
/// once must never be declared "did not reach Wrike" while the original can still land, so the user
/// cannot send it twice; and a draft for a deleted task is offered, can be copied and discarded (only `y`
/// deletes it).
@Suite(.serialized, .enabled(if: BrowserEndToEndTests.which("tmux") != nil && BrowserEndToEndTests.which("bash") != nil,
                            "needs tmux and bash"))
struct SendRaceEndToEndTests {
    @Test func killAndQuickRestartDuringASlowSendNeverSendsTwice() throws {
        try PasteDraftEndToEndTests.withRig("race") { rig in
            let tmux = rig.tmux
            rig.startApp()
            try rig.base.openTask()
            _ = rig.server.control("faults", post: #"{"kind":"delay","ms":8000,"method":"POST","pathPrefix":"/tasks/"}"#)
            tmux.keys("c")
            var (ok, screen) = tmux.waitFor("Comment · ")
            try #require(ok, "no comment editor:\n\(screen)")
            let text = "Race \(UInt32.random(in: 0...UInt32.max))"
            tmux.type(text)
            (ok, screen) = tmux.waitFor(text)
            try #require(ok, "text not in the editor:\n\(screen)")
            tmux.keys("C-s")
            let sent = Date()
            let sending = rig.waitForDrafts { $0.first?.state == .sending }
            try #require(sending != nil, "the draft was not saved as sending: \(rig.drafts.list().drafts.map(\.state))")
            Thread.sleep(forTimeInterval: 0.5)  // the POST is on its way to the slow path
            let pid = try #require(rig.tmux.appPid(), "no app process")
            kill(pid, SIGKILL)
            (ok, screen) = tmux.waitFor("__EXIT__137")
            try #require(ok, "the app did not die:\n\(screen)")

            let onDisk = rig.drafts.list().drafts
            try #require(onDisk.count == 1, "drafts after kill -9: \(onDisk.map { "\($0.state) \($0.profile)" })")
            // Started again at once; Enter on the offered draft; the user presses the send key, as one would
            // when told it did not arrive.
            tmux.run(["send-keys", "-t", "e2e", "-l", "clear"])
            tmux.keys("Enter")
            rig.startApp()
            (ok, screen) = tmux.waitFor("Unsent drafts")
            try #require(ok, "the draft was not offered:\n\(screen)")
            tmux.keys("Enter")
            var seen: [String] = []
            for _ in 0..<4 {
                Thread.sleep(forTimeInterval: 1.5)
                let s = tmux.capture()
                for line in ["may still arrive", "did not reach Wrike", "not known yet", "reached Wrike", "Comment sent"]
                    where s.contains(line) && !seen.contains(line) { seen.append(line) }
                tmux.keys("C-s")
            }
            // The original lands about 8 s after it left; the app finds it by itself and drops the draft.
            let resolved = rig.waitForDrafts(timeout: 60) { $0.isEmpty }
            let took = Date().timeIntervalSince(sent)
            screen = tmux.capture()
            #expect(resolved != nil, "the draft was not resolved: \(rig.drafts.list().drafts.map { "\($0.state) \($0.lastError ?? "")" })\n\(screen)")
            Thread.sleep(forTimeInterval: 1)
            let data = try #require(rig.server.control("snapshot"), "no snapshot")
            let landed = try Dataset.decode(data).comments.filter { OutcomeResolver.normalize($0.text, isHTML: true) == text }
            let posts = rig.writes().filter { $0.method == "POST" && $0.path.hasSuffix("/comments") }
            #expect(landed.count == 1, "the comment landed \(landed.count) times")
            #expect(posts.count == 1, "comment POSTs: \(posts.count)")
            #expect(!seen.contains("did not reach Wrike"), "declared lost while it could still arrive: \(seen)")
            tmux.keys("Escape", "Escape", "q")
            print("SendRaceEndToEndTests: kill -9 while the POST was held 8 s; after the restart the app said \(seen); "
                  + "\(landed.count) comment, \(posts.count) POST; draft resolved " + String(format: "%.1f", took) + " s after the send")
        }
    }

    @Test func aDraftForADeletedTaskCanBeCopiedAndDiscarded() throws {
        try PasteDraftEndToEndTests.withRig("gone") { rig in
            let tmux = rig.tmux
            tmux.run(["set", "-s", "set-clipboard", "on"])
            let text = "Words for a deleted task \(UInt16.random(in: 0...UInt16.max))"
            let now = Date()
            let draft = Draft(id: "dgone1", kind: .comment, profile: "default", taskId: "IEAAAAAQDELETED1", taskTitle: "Deleted task",
                              text: text, created: now.addingTimeInterval(-900), sendStartedAt: now.addingTimeInterval(-600),
                              lastError: "No answer from Wrike.", attempts: 1, state: .unknownOutcome)
            try rig.drafts.save(draft)
            rig.startApp()
            var (ok, screen) = tmux.waitFor("Unsent drafts")
            try #require(ok, "the draft was not offered:\n\(screen)")
            // The check finds the task gone.
            (ok, screen) = tmux.waitFor("no longer exists", timeout: 30)
            #expect(ok, "the check did not say the task is gone:\n\(screen)")
            // Ctrl-Y copies its text (OSC 52: tmux keeps it as a paste buffer).
            tmux.keys("C-y")
            (ok, screen) = tmux.waitFor("Copied")
            #expect(ok, "no word about the copy:\n\(screen)")
            let buffer = tmux.run(["show-buffer"])
            #expect(buffer.contains(text), "clipboard: \(buffer)")
            // Del asks; moving the highlight and Enter keep it.
            tmux.keys("DC")
            (ok, screen) = tmux.waitFor("Discard draft")
            #expect(ok, "Del did not ask:\n\(screen)")
            tmux.keys("Tab", "Enter")
            Thread.sleep(forTimeInterval: 1)
            #expect(rig.drafts.list().drafts.map(\.id) == ["dgone1"], "discarded without y")
            tmux.keys("DC")
            (ok, screen) = tmux.waitFor("Discard draft")
            #expect(ok, "Del did not ask again:\n\(screen)")
            tmux.keys("y")
            let gone = rig.waitForDrafts { $0.isEmpty }
            #expect(gone != nil, "the draft is still on disk")
            (ok, screen) = tmux.waitFor("Draft discarded")
            #expect(ok, "no word about the discard:\n\(screen)")
            tmux.keys("q")
            (ok, screen) = tmux.waitFor("__EXIT__0")
            #expect(ok, "q did not quit:\n\(screen)")
            print("SendRaceEndToEndTests: a draft for a deleted task was checked (task gone), copied, kept on Enter, discarded with y")
        }
    }
}
