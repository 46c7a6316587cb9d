import Browser
import BrowserRuntime
import Foundation
import Testing
import WrikeSandbox

@testable import TerminalUI

/// The browser app on keys and pastes as the loop delivers them: `q` with unsent text leaves a draft on
/// disk and a line for after the exit; a paste into the comment editor is text, and runs nothing.
@Suite struct BrowserAppDraftPasteTests {
    static func scratch() throws -> String {
        let dir = NSTemporaryDirectory() + "wtui-app-drafts-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        return dir
    }

    static func app(drafts store: DraftStore) -> BrowserApp {
        let runner = EffectRunner(service: TransportService(transport: Sandbox(dataset: DemoDataset.make()), token: "t"),
                                  drafts: store) { _ in }
        let state = BrowserScreenTests.state(width: 200, height: 50, focus: .list, openTask: true)
        var app = BrowserApp(state: state, runner: runner, clock: { BrowserScreenTests.now })
        var c = context()
        app.handle(key: .resize, context: &c)
        return app
    }

    static func context() -> LoopContext { LoopContext(width: 200, height: 50, glyphs: .unicode, colorMode: .none) }

    static func type(_ app: inout BrowserApp, _ keys: [Key]) -> LoopContext {
        var c = context()
        for k in keys { app.handle(key: k, context: &c) }
        return c
    }

    @Test func quitWithUnsentTextKeepsItOnDiskAndSaysSo() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        let store = DraftStore(directory: root + "/drafts")
        var app = Self.app(drafts: store)
        _ = Self.type(&app, [.char("c")] + "Unsent words".map { .char($0) } + [.tab])
        #expect(app.state.focus != .detail, "Tab did not leave the editor")
        let taskId = try #require(app.state.actions.composer?.send.draft.taskId)
        let c = Self.type(&app, [.char("q")])
        #expect(c.quitRequested)
        let drafts = store.list().drafts
        #expect(drafts.map(\.text) == ["Unsent words"])
        #expect(drafts.first?.kind == .comment && drafts.first?.taskId == taskId && drafts.first?.state == .editing)
        #expect(app.exitNotes.count == 1 && app.exitNotes[0].contains("kept as a draft"), "\(app.exitNotes)")
    }

    @Test func aQuitWhoseDraftCannotBeSavedAsksForASecondQ() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        try Data("not a directory".utf8).write(to: URL(fileURLWithPath: root + "/file"))
        var app = Self.app(drafts: DraftStore(directory: root + "/file/drafts"))
        _ = Self.type(&app, [.char("c"), .char("x"), .tab])
        var c = Self.type(&app, [.char("q")])
        #expect(!c.quitRequested, "quit although the text could not be saved")
        #expect(app.state.status.lastError?.contains("q again") == true, "\(app.state.status.lastError ?? "")")
        c = Self.type(&app, [.char("q")])
        #expect(c.quitRequested)
    }

    @Test func aPasteIntoTheEditorIsTextAndChangesNoTask() throws {
        let root = try Self.scratch()
        defer { try? FileManager.default.removeItem(atPath: root) }
        var app = Self.app(drafts: DraftStore(directory: root + "/drafts"))
        _ = Self.type(&app, [.char("c")])
        let importance = app.state.list.tasks.map(\.importance)
        var c = Self.context()
        app.handle(paste: Paste(text: "abc\twith tab"), context: &c)
        #expect(app.state.actions.composer?.editor.text == "abc    with tab")
        #expect(app.state.focus == .detail && app.state.modal == nil)
        #expect(app.state.list.tasks.map(\.importance) == importance)
        // With the editor left, a paste is ignored, not run as `i`, `t`, `h`...
        _ = Self.type(&app, [.tab])
        app.handle(paste: Paste(text: "with tab"), context: &c)
        #expect(app.state.status.message == AppState.pasteIgnored)
        #expect(app.state.list.tasks.map(\.importance) == importance && app.state.modal == nil)
    }
}
