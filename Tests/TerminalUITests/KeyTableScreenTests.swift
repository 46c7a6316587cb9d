// Issue 14, rule 4, on screen: the hint line and `?` come from the key table (a rebound key shows in
// both), keys reach the modes through `BrowserApp`, and no render file spells a key itself.
import Browser
import BrowserRuntime
import Foundation
import Testing
@testable import TerminalUI
import TermText
import WrikeAPI

@Suite struct KeyTableScreenTests {
    static let width = 100
    static let height = 30

    static func composing(_ keymap: Keymap = .defaults) -> AppState {
        var s = BrowserScreenTests.state(width: width, height: height, focus: .detail, openTask: true)
        s.keymap = keymap
        _ = s.update(.action(.comment))
        return s
    }

    static func hintLine(_ s: AppState) -> String {
        BrowserScreenTests.render(s, width, height, ascii: true).line(height - 1)
    }

    static func remapped(_ keys: [String: [String]]) -> Keymap {
        var config = Config()
        config.keys = keys
        let (km, messages) = Keymap.from(config: config)
        #expect(messages.isEmpty, "\(messages)")
        return km
    }

    @Test func theHintLineComesFromTheTable() {
        #expect(Self.hintLine(Self.composing()).hasPrefix(" Ctrl-s send  Esc cancel  Enter new line  Ctrl-r retry/check"))
        let km = Self.remapped(["editor-send": ["ctrl-o"], "editor-cancel": ["F2"]])
        let line = Self.hintLine(Self.composing(km))
        #expect(line.hasPrefix(" Ctrl-o send  F2 cancel  Enter new line"), "\(line)")
        #expect(!line.contains("Ctrl-s"))
        // The filter's hint and the list title's too.
        var s = BrowserScreenTests.state(width: Self.width, height: Self.height, focus: .list, openTask: false)
        s.keymap = Self.remapped(["filter-keep": ["F3"]])
        _ = s.update(.beginFilter)
        let screen = BrowserScreenTests.render(s, Self.width, Self.height, ascii: true)
        #expect(screen.line(Self.height - 1).contains("F3 keep  Esc clear"), "\(screen.line(Self.height - 1))")
        #expect(screen.text().contains("F3 keep . Esc clear"))
    }

    /// While the line input (new task, title, dates, a field's value) has the keys, the hint line names its
    /// keys, not the list's: `e`, `/` or `s` there are typed text, not expand, filter or status.
    @Test func theHintLineOfTheLineInputNamesItsKeys() {
        var s = BrowserScreenTests.state(width: Self.width, height: Self.height, focus: .list, openTask: false)
        _ = s.update(.taskEdit(.newTask))
        #expect(s.keyMode == .lineInput)
        var line = Self.hintLine(s)
        #expect(line.hasPrefix(" Enter create  Tab more fields  Esc close"), "\(line)")
        #expect(!line.contains("expand") && !line.contains("filter"), "\(line)")
        _ = s.update(.taskEdit(.input(.cancel)))
        s.keymap = Self.remapped(["input-submit": ["ctrl-o"]])
        _ = s.update(.taskEdit(.editTitle))
        line = Self.hintLine(s)
        #expect(line.hasPrefix(" Ctrl-o save  Esc cancel  Ctrl-w delete word  Ctrl-u clear"), "\(line)")
        #expect(!line.contains("more fields"), "\(line)")
        // The comment editor left with Tab: the keys are the list's again (c returns to the draft).
        s = Self.composing()
        _ = s.update(.focusNext)
        #expect(s.keyMode == .browse)
        line = Self.hintLine(s)
        #expect(!line.contains("send") && line.contains("q quit"), "\(line)")
    }

    @Test func aRemappedKeyShowsInHelp() {
        let km = Self.remapped(["editor-send": ["ctrl-o"], "confirm-yes": ["o"]])
        let lines = BrowserRender.helpLines(km, ascii: true)
        let send = Keymap.defaults.binding(for: .editorSend)?.help ?? "?"
        #expect(lines.contains { $0.keys == "Ctrl-o" && $0.text == send })
        #expect(!lines.contains { $0.keys.contains("Ctrl-s") && $0.text == send })
        #expect(lines.contains { $0.keys == "o" && $0.text == Keymap.defaults.binding(for: .confirmYes)?.help })
        // Every mode has its heading in `?`.
        for g in ["While filtering", "In the comment editor", "In forms", "In confirmations", "In help", "In pickers"] {
            #expect(lines.contains { $0.heading && $0.keys == g }, "\(g)")
        }
    }

    /// A question that loses something on yes names the yes key of the table, on its button and in the hints.
    @Test func theYesButtonNamesTheTablesKey() {
        var s = BrowserScreenTests.state(width: Self.width, height: Self.height, focus: .list, openTask: false)
        s.keymap = Self.remapped(["confirm-yes": ["o"]])
        s.modal = .confirm(ConfirmModel(title: "Discard comment", message: "Lose it?", yesLabel: "Discard", needsY: true),
                                     .discardComment)
        let screen = BrowserScreenTests.render(s, Self.width, Self.height, ascii: true)
        #expect(screen.text().contains("[ o: Discard ]"))
        #expect(screen.line(Self.height - 1).hasPrefix(" o yes . n/Esc no"), "\(screen.line(Self.height - 1))")
    }

    /// Keys through the app: a remapped editor key sends; the old one types nothing.
    @Test func aRemappedEditorKeyWorksInTheApp() {
        var state = Self.composing(Self.remapped(["editor-send": ["ctrl-o"], "editor-delete-word": ["F4"]]))
        state.actions.composer?.editor = TextEditorState(text: "hello world", width: 40)
        var app = BrowserApp(state: state, runner: EffectRunner(service: BigFolderService(total: 1)) { _ in })
        var c = LoopContext(width: Self.width, height: Self.height, glyphs: .ascii, colorMode: .none)
        app.handle(key: .resize, context: &c)
        #expect(app.state.keyMode == .editor)
        app.handle(key: .ctrl("w"), context: &c)
        #expect(app.state.actions.composer?.editor.text == "hello world")
        app.handle(key: .function(4), context: &c)
        #expect(app.state.actions.composer?.editor.text == "hello ")
        app.handle(key: .ctrl("s"), context: &c)
        #expect(app.state.actions.composer?.send.tracker.attempts == 0)
        app.handle(key: .ctrl("o"), context: &c)
        #expect(app.state.actions.composer?.send.tracker.attempts == 1)
    }

    /// Render code names no key: every key in a hint or in prose comes from the key table.
    @Test func renderFilesSpellNoKey() throws {
        let root = URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
        let dirs = ["Sources/TerminalUI/Browser", "Sources/TerminalUI/Browser/Features", "Sources/TerminalUI/Widgets"]
        // A string literal naming a key as the hints and the help spell it.
        let pattern = try Regex(#""[^"\n]*(\b(Ctrl|Alt|Shift)-[A-Za-z]|\b(Esc|Enter|Tab|S-Tab|PgUp|PgDn|Backspace|Space|Home|End|F[0-9]{1,2})\b|[↑↓←→]{2}|↑/↓|←/→)[^"\n]*""#)
        var found: [String] = []
        var scanned = 0
        for dir in dirs {
            let url = root.appendingPathComponent(dir)
            let files = (try? FileManager.default.contentsOfDirectory(atPath: url.path)) ?? []
            for f in files where f.hasSuffix(".swift") {
                scanned += 1
                let text = try String(contentsOf: url.appendingPathComponent(f), encoding: .utf8)
                for (n, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
                    let code = line.trimmingCharacters(in: .whitespaces)
                    if code.hasPrefix("//") || code.hasPrefix("///") { continue }
                    if line.contains(pattern) { found.append("\(f):\(n + 1): \(code)") }
                }
            }
        }
        #expect(scanned >= 5)
        #expect(found.isEmpty, "key names spelled in render code:\n\(found.joined(separator: "\n"))")
    }
}
