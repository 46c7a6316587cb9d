import Browser
import BrowserRuntime
import Foundation
import Testing
import TestSupport
@testable import TerminalUI
import WrikeAPI
import WrikeSandbox

@Suite(.offPool) struct WidgetsExternalEditorTests {
    func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "ext-editor-" + UUID().uuidString
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    func env(_ editor: String) -> [String: String] {
        ["EDITOR": editor, "PATH": ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin"]
    }

    @Test func splitsLikeAShellWithoutOne() {
        #expect(ExternalEditor.splitWords("vim") == ["vim"])
        #expect(ExternalEditor.splitWords("  code   --wait ") == ["code", "--wait"])
        #expect(ExternalEditor.splitWords("\"/opt/my editor/ed\" -n") == ["/opt/my editor/ed", "-n"])
        #expect(ExternalEditor.splitWords("emacs -nw '+set ft=md' $HOME") == ["emacs", "-nw", "+set ft=md", "$HOME"])
        #expect(ExternalEditor.splitWords("a\\ b \"c\\\"d\" 'e\\f'") == ["a b", "c\"d", "e\\f"])
        #expect(ExternalEditor.splitWords("''") == [""])
        #expect(ExternalEditor.splitWords("   ").isEmpty)
    }

    @Test func chooseVisualThenEditorThenVi() {
        #expect(ExternalEditor.command(environment: ["VISUAL": "nvim", "EDITOR": "nano"]) == ["nvim"])
        #expect(ExternalEditor.command(environment: ["VISUAL": " ", "EDITOR": "nano -R"]) == ["nano", "-R"])
        #expect(ExternalEditor.command(environment: [:]) == ["vi"])
    }

    @Test func editsAPrivateFileAndCleansUp() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let perms = root + "/perms"
        let editor = "/bin/sh -c 'stat -c %a \"$1\" > \"\(perms)\"; stat -c %a \"${1%/*}\" >> \"\(perms)\"; printf \" world\\033[2J\\n\" >> \"$1\"' sh"
        let out = try ExternalEditor.edit("hello", environment: env(editor), tempRoot: root)
        #expect(out == "hello\n world")
        let modes = try String(contentsOfFile: perms, encoding: .utf8).split(separator: "\n")
        #expect(modes == ["600", "700"])
        // The temp directory and file are gone.
        #expect(try FileManager.default.contentsOfDirectory(atPath: root) == ["perms"])
    }

    @Test func failingOrMissingEditorLeavesTheTextAlone() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        #expect(throws: ExternalEditorError.failed(command: "false", status: 1)) {
            try ExternalEditor.edit("x", environment: env("false"), tempRoot: root)
        }
        do {
            _ = try ExternalEditor.edit("x", environment: env("/nonexistent/editor --flag"), tempRoot: root)
            Issue.record("expected an error")
        } catch {
            guard case .cannotStart(let cmd, _) = error else { Issue.record("wrong error \(error)"); return }
            #expect(cmd == "/nonexistent/editor")
            #expect(error.description.contains("Set VISUAL or EDITOR"))
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty)
    }

    /// A hangup or SIGTERM while `$EDITOR` is open: the editor (which got the hangup too) dies (here by
    /// SIGKILL: the test runner may run with SIGHUP ignored, which a child inherits); what it had
    /// saved to the temp file is returned as `.interrupted` when the app is being ended (`appEnding`),
    /// dropped otherwise (vim's `:cq` means "do not use it").
    @Test func aKilledEditorsSavedTextIsKeptOnlyWhenTheAppIsEnding() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The app is "ending" once the editor has saved (a hangup sent earlier could beat the editor's write);
        // the editor ignores that hangup (whether the test process ignores SIGHUP, which a child inherits,
        // changes while other tests install and restore their handlers), so it always ends by SIGKILL.
        let ready = try scratch() + "/saved"
        defer { try? FileManager.default.removeItem(atPath: (ready as NSString).deletingLastPathComponent) }
        let script = "trap \"\" HUP; printf \"Saved so far 漢字\\n\" > \"$1\"; touch \(ready); kill -KILL $$"
        let saves = "/bin/sh -c '\(script)' sh"
        #expect(throws: ExternalEditorError.interrupted(command: "/bin/sh -c \(script) sh", status: 137, text: "Saved so far 漢字")) {
            try ExternalEditor.edit("", environment: env(saves), tempRoot: root,
                                    appEnding: { FileManager.default.fileExists(atPath: ready) })
        }
        // Not ending: the failure is a failure, the text is not used.
        do {
            _ = try ExternalEditor.edit("", environment: env(saves), tempRoot: root, appEnding: { false })
            Issue.record("expected an error")
        } catch {
            guard case .failed(_, let status) = error else { Issue.record("wrong error \(error)"); return }
            #expect(status == 137)
        }
        // Ending, but nothing was saved (the file is as it was given): nothing to keep.
        let started = ready + "-started"
        do {
            _ = try ExternalEditor.edit("as given", environment: env("/bin/sh -c 'trap \"\" HUP; touch \(started); exit 3' sh"),
                                        tempRoot: root, appEnding: { FileManager.default.fileExists(atPath: started) })
            Issue.record("expected an error")
        } catch {
            guard case .failed(_, let status) = error else { Issue.record("wrong error \(error)"); return }
            #expect(status == 3)
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty, "temp files left behind")
    }

    /// The app is being ended while the editor waits for the user: the editor is asked to end (SIGHUP,
    /// then SIGTERM, then SIGKILL for one that ignores them) instead of being waited for, and what it had
    /// saved is kept.
    @Test func anEditorStillOpenWhenTheAppIsEndedIsAskedToEnd() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        // The app starts ending once the editor has saved (a hangup sent earlier could beat the editor's write).
        let ready = try scratch() + "/saved"
        defer { try? FileManager.default.removeItem(atPath: (ready as NSString).deletingLastPathComponent) }
        let waits = "/bin/sh -c 'printf \"Typed before the hangup\\n\" > \"$1\"; touch \(ready); exec sleep 120' sh"
        do {
            _ = try ExternalEditor.edit("", environment: env(waits), tempRoot: root,
                                        appEnding: { FileManager.default.fileExists(atPath: ready) })
            Issue.record("expected .interrupted")
        } catch {
            guard case .interrupted(_, let status, let text) = error else { Issue.record("wrong error \(error)"); return }
            #expect(text == "Typed before the hangup")
            let killedBy: Set<Int32> = [129, 143, 137]  // HUP, TERM, KILL
            #expect(killedBy.contains(status), "status \(status)")
        }
        #expect(try FileManager.default.contentsOfDirectory(atPath: root).isEmpty, "temp files left behind")
    }

    /// The loop's thread blocks SIGHUP, SIGINT and SIGTERM (libdispatch's worker threads do); the editor must
    /// not inherit that: the first SIGHUP ends it (status 129). (It did inherit it: a hang-up left the editor
    /// running until the SIGKILL 6 s later (137), and the app waiting for it.)
    @Test func theEditorDoesNotInheritTheLoopsBlockedSignals() throws {
        let started = ContinuousClock.now
        let status: Int32 = try Self.withSignalsBlocked([SIGHUP, SIGINT, SIGTERM]) {
            // `exec` at once: the shell passes its signal mask on unchanged.
            try ExternalEditor.run(["/bin/sh", "-c", "exec sleep 60"], environment: env("unused"),
                                   stop: { ContinuousClock.now - started > .milliseconds(300) })
        }
        #expect(status == 129, "ended by \(status) after \(ContinuousClock.now - started) (129: the first SIGHUP)")
    }

    /// Runs `body` on this thread with `signals` blocked, as they are on the event loop's thread.
    static func withSignalsBlocked<T>(_ signals: [Int32], _ body: () throws -> T) rethrows -> T {
        var set = sigset_t(), old = sigset_t()
        sigemptyset(&set)
        for s in signals { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        return try body()
    }

    /// The loop handles a signal before posted events: the editor's text, delivered as an event that is
    /// never handled, still becomes a draft on the task it was written for.
    @Test func editorTextNotYetHandledBecomesADraftOnExit() throws {
        let root = try scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DraftStore(directory: root + "/drafts")
        let sandbox = Sandbox(dataset: DemoDataset.make())
        let runner = EffectRunner(service: TransportService(transport: sandbox, token: "t"), drafts: store) { _ in }
        let state = BrowserScreenTests.state(width: 200, height: 50, focus: .list, openTask: true)
        var app = BrowserApp(state: state, runner: runner, clock: { BrowserScreenTests.now })
        app.externalText.set("Written in vim\nsecond line")
        app.prepareToExit()
        let drafts = store.list().drafts
        #expect(drafts.map(\.text) == ["Written in vim\nsecond line"])
        #expect(drafts.first?.taskId == "T1" && drafts.first?.kind == .comment && drafts.first?.state == .editing)

        // Once its event is handled the text is in the composer, and saved from there (once).
        let store2 = DraftStore(directory: root + "/drafts2")
        let runner2 = EffectRunner(service: TransportService(transport: sandbox, token: "t"), drafts: store2) { _ in }
        var app2 = BrowserApp(state: state, runner: runner2, clock: { BrowserScreenTests.now })
        app2.externalText.set("Handled")
        var context = LoopContext(width: 200, height: 50, glyphs: .unicode, colorMode: .none)
        app2.handle(event: .externalComment(text: "Handled", error: nil), context: &context)
        #expect(app2.externalText.take() == nil)
        #expect(app2.state.actions.composer?.editor.text == "Handled")
        app2.prepareToExit()
        #expect(store2.list().drafts.map(\.text) == ["Handled"])
    }
}
