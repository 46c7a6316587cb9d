import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeAPI

/// A new title typed with F2 is a draft like a comment, with the real binary in tmux against
/// `sandbox serve`: on disk within seconds, kept by `kill -9`, offered at the next start, reopened into
/// the title input by Enter in the drafts list, and sent once; refused, it is kept with Wrike's reason;
/// its answer lost, it is resolved by reading the task back, never sent again.
@Suite(.serialized, .enabled(if: tmuxInstalled && findOnPath("bash") != nil, "tmux or bash is not installed"))
struct EditDraftsEndToEndTests {
    @Test func aTitleTypedBeforeKillNineIsOfferedAtTheNextStartAndSentOnce() throws {
        try PasteDraftEndToEndTests.withRig("titledraft") { rig in
            let tmux = rig.tmux
            rig.startApp()
            try rig.base.openTask()
            let before = try #require(try rig.snapshotTask()?.title)
            tmux.keys("F2")
            var (ok, screen) = tmux.waitFor("Title: ")
            try #require(ok, "F2 did not open the title input:\n\(screen)")
            let added = " v\(UInt16.random(in: 0...UInt16.max)) 漢字"
            let typedAt = Date()
            tmux.type(added)
            let wanted = NewTask.cleanTitle(before + added)
            let onDisk = rig.waitForDrafts { $0.contains { $0.kind.rawValue == "title" && $0.text == wanted } }
            let seconds = Date().timeIntervalSince(typedAt)
            try #require(onDisk != nil, "the typed title was not saved: \(rig.drafts.list().drafts.map(\.text))")
            #expect(seconds < 3, "saved \(seconds) s after typing (should be about 1-2 s)")
            #expect(rig.tmux.killApp() == nil, "kill -9 failed")
            (ok, screen) = tmux.waitFor("__EXIT__137")
            #expect(ok, "the app did not die:\n\(screen)")
            let drafts = rig.drafts.list().drafts
            #expect(drafts.map(\.text) == [wanted] && drafts.first?.taskId == rig.task.id && drafts.first?.state == .editing)
            #expect(rig.writes().isEmpty, "something was sent: \(rig.writes().map { "\($0.method) \($0.path)" })")

            tmux.type("clear")
            tmux.keys("Enter")
            rig.startApp()
            (ok, screen) = tmux.waitFor("the title draft offered") { $0.contains("Unsent drafts") && $0.contains("title on ") }
            try #require(ok, "the title was not offered at the next start:\n\(screen)")
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("the title input with the draft") { $0.contains("Title: ") && $0.contains(String(added.suffix(8))) }
            try #require(ok, "Enter did not reopen the title input with the text:\n\(screen)")
            (ok, screen) = tmux.waitFor("the task read") { $0.contains("Comments (") }
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("Renamed to")
            #expect(ok, "not renamed:\n\(screen)")
            #expect(try rig.snapshotTask()?.title == wanted, "Wrike has another title")
            let puts = rig.writes().filter { $0.method == "PUT" && $0.path.hasPrefix("/tasks/") }
            #expect(puts.count == 1, "title PUTs: \(puts.count)")
            let left = rig.waitForDrafts(timeout: 5) { $0.isEmpty }
            #expect(left != nil, "the confirmed draft stayed: \(rig.drafts.list().drafts.map(\.text))")
            print("EditDraftsEndToEndTests: a title typed with F2 was on disk " + String(format: "%.2f", seconds)
                  + " s after typing, kept by kill -9, offered at the next start, reopened by Enter, sent with \(puts.count) PUT")
        }
    }

    @Test func aRefusedTitleIsKeptAndALostAnswerIsResolvedByReadingTheTaskBack() throws {
        try PasteDraftEndToEndTests.withRig("titlefault") { rig in
            let tmux = rig.tmux
            rig.startApp()
            try rig.base.openTask()
            _ = rig.server.control("faults", post: #"{"count":1,"status":403,"method":"PUT","pathPrefix":"/tasks/"}"#)
            tmux.keys("F2")
            var (ok, screen) = tmux.waitFor("Title: ")
            try #require(ok, "F2 did not open the title input:\n\(screen)")
            tmux.keys("C-u")
            let title = "Refused then lost \(UInt16.random(in: 0...UInt16.max))"
            tmux.type(title)
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("the refusal") { $0.contains("was not saved") && $0.contains("kept as a draft") }
            #expect(ok, "no plain word about the refusal:\n\(screen)")
            #expect(screen.contains("Title: \(title)"), "the words are not back in the input:\n\(screen)")
            let kept = rig.waitForDrafts(timeout: 5) { $0.contains { $0.text == title && $0.state == .failed } }
            #expect(kept != nil, "not kept as a failed draft: \(rig.drafts.list().drafts.map { "\($0.text) \($0.state)" })")

            // Applied, then the connection dropped: read back, found, never sent again.
            _ = rig.server.control("faults", post: #"{"kind":"applyThenDrop","method":"PUT","pathPrefix":"/tasks/"}"#)
            tmux.keys("Enter")
            (ok, screen) = tmux.waitFor("Renamed to")
            #expect(ok, "the lost answer was not resolved:\n\(screen)")
            #expect(try rig.snapshotTask()?.title == title)
            let puts = rig.writes().filter { $0.method == "PUT" && $0.path.hasPrefix("/tasks/") }
            #expect(puts.count == 2 && puts.filter(\.applied).count == 1,
                    "PUTs: \(puts.map { "\($0.status.map(String.init) ?? "-") applied=\($0.applied)" })")
            let gone = rig.waitForDrafts(timeout: 5) { $0.isEmpty }
            #expect(gone != nil, "the draft stayed: \(rig.drafts.list().drafts.map(\.text))")
            print("EditDraftsEndToEndTests: a refused title kept with its words in the input; a lost answer resolved by reading "
                  + "(\(puts.count) PUTs, \(puts.filter(\.applied).count) applied)")
        }
    }
}
