// Issue 14, rule 4: every key of the filter, the comment editor, the forms, confirmations and help is a
// row of the one key table, and dispatch goes through it (`AppState.keyIntent`).
import Foundation
import Testing
@testable import Browser
import WrikeAPI

@Suite struct KeyModesTests {
    static func composing() -> AppState {
        var s = loadedState()
        s.focus = .list
        _ = s.update(.open)
        _ = s.update(.action(.comment))
        return s
    }

    static func inMode(_ mode: KeyMode) -> AppState {
        var s = loadedState()
        s.focus = .list
        switch mode {
        case .browse: break
        case .filter: _ = s.update(.beginFilter)
        case .editor: s = composing()
        case .form: s.modal = .timelog(TimeLogForm(categories: []), taskId: "T1", send: nil)
        case .confirm: s.modal = .confirm(ConfirmModel(title: "t", message: "m", needsY: true), .discardComment)
        case .picker: s.modal = .status(StatusPickerModel(workflows: [Fixture.workflow], currentStatusId: nil), taskIds: ["T1"])
        case .help: _ = s.update(.toggleHelp)
        case .timesheet: _ = s.update(.timesheet(.open))
        case .inbox: _ = s.update(.inbox(.open))
        case .lineInput: _ = s.update(.taskEdit(.newTask))
        }
        return s
    }

    /// The keys each mode had before they were rows of the table: none may be lost.
    static let expected: [KeyMode: [String: Intent]] = [
        .filter: ["enter": .endFilter(keep: true), "esc": .endFilter(keep: false), "backspace": .filterBackspace,
                  "ctrl-u": .filterClear, "ctrl-w": .filterDeleteWord, "down": .move(1), "up": .move(-1),
                  "pgdn": .page(1), "pgup": .page(-1)],
        .editor: ["ctrl-s": .action(.editor(.send)), "enter": .action(.editor(.newline)), "backspace": .action(.editor(.backspace)),
                  "delete": .action(.editor(.delete)), "ctrl-d": .action(.editor(.delete)), "left": .action(.editor(.left)),
                  "right": .action(.editor(.right)), "up": .action(.editor(.up)), "down": .action(.editor(.down)),
                  "home": .action(.editor(.home)), "ctrl-a": .action(.editor(.home)), "end": .action(.editor(.end)),
                  "ctrl-e": .action(.editor(.end)), "pgup": .action(.editor(.pageUp)), "pgdn": .action(.editor(.pageDown)),
                  "ctrl-w": .action(.editor(.deleteWordBackward)), "ctrl-u": .action(.editor(.deleteToLineStart)),
                  "ctrl-k": .action(.editor(.deleteToLineEnd)), "ctrl-b": .action(.editor(.wordLeft)),
                  "ctrl-f": .action(.editor(.wordRight)), "esc": .action(.editor(.cancel(confirmed: false))),
                  "ctrl-r": .action(.retrySend), "tab": .focusNext, "s-tab": .focusPrevious],
        .form: ["space": .action(.form(.toggle)), "tab": .action(.form(.nextField)), "s-tab": .action(.form(.previousField)),
                "enter": .action(.form(.enter)), "ctrl-s": .action(.form(.submit)), "esc": .action(.form(.cancel(confirmed: false))),
                "backspace": .action(.form(.backspace)), "delete": .action(.form(.delete)), "left": .action(.form(.left)),
                "right": .action(.form(.right)), "up": .action(.form(.up)), "down": .action(.form(.down)),
                "home": .action(.form(.home)), "ctrl-a": .action(.form(.home)), "end": .action(.form(.end)),
                "ctrl-e": .action(.form(.end)), "ctrl-r": .action(.retrySend), "ctrl-u": .action(.form(.clear))],
        .confirm: ["y": .action(.confirm(.yes)), "Y": .action(.confirm(.yes)), "n": .action(.confirm(.no)),
                   "N": .action(.confirm(.no)), "q": .action(.confirm(.no)), "esc": .action(.confirm(.cancel)),
                   "enter": .action(.confirm(.accept)), "left": .action(.confirm(.toggle)), "right": .action(.confirm(.toggle)),
                   "tab": .action(.confirm(.toggle)), "s-tab": .action(.confirm(.toggle)), "h": .action(.confirm(.toggle)),
                   "l": .action(.confirm(.toggle))],
        .help: ["j": .move(1), "down": .move(1), "k": .move(-1), "up": .move(-1), "pgdn": .page(1), "pgup": .page(-1),
                "ctrl-f": .page(1), "ctrl-b": .page(-1), "ctrl-d": .page(1), "ctrl-u": .page(-1), "g": .top, "home": .top,
                "esc": .toggleHelp, "?": .toggleHelp, "f1": .toggleHelp],
    ]

    @Test func everyKeyOfEveryModeWorksThroughTheTable() {
        for (mode, keys) in Self.expected {
            let s = Self.inMode(mode)
            #expect(s.keyMode == mode)
            for (key, intent) in keys {
                let action = s.keymap.action(for: key, in: mode)
                #expect(action?.intent == intent, "\(key) in \(mode)")
                #expect(s.keyIntent(key, typed: key.count == 1 ? key : nil) == .some(intent), "\(key) in \(mode)")
            }
            // Every row of the mode is one of these keys: the table has nothing the modes did not.
            for b in s.keymap.bindings(in: mode) {
                for k in b.keys { #expect(keys[k] == b.action.intent, "\(k) (\(b.action.rawValue)) in \(mode)") }
            }
        }
    }

    @Test func typedTextGoesToTheModesThatTakeIt() {
        #expect(Self.inMode(.filter).keyIntent("x", typed: "x") == .some(.filterType("x")))
        #expect(Self.inMode(.editor).keyIntent("x", typed: "x") == .some(.action(.editor(.insert("x")))))
        #expect(Self.inMode(.form).keyIntent("x", typed: "x") == .some(.action(.form(.insert("x")))))
        #expect(Self.inMode(.picker).keyIntent("x", typed: "x") == .some(.action(.picker(.type("x")))))
        // A question swallows other keys; in help and the panes the pane keys apply.
        #expect(Self.inMode(.confirm).keyIntent("x", typed: "x") == .some(nil))
        #expect(Self.inMode(.editor).keyIntent("f5", typed: nil) == .some(nil))
        #expect(Self.inMode(.help).keyIntent("s", typed: "s") == nil)
        #expect(Self.inMode(.browse).keyIntent("j", typed: "j") == nil)
        // The approval form does not send, so it has nothing to retry.
        var s = loadedState()
        s.modal = .approval(ApprovalRequestForm(contacts: []), taskId: "T1")
        #expect(s.keyMode == .form && s.keyIntent("ctrl-r", typed: nil) == .some(nil))
        #expect(s.keyIntent("space", typed: " ") == .some(.action(.form(.toggle))))
    }

    /// Keys typed into the editor through the table edit the text.
    @Test func editorKeysEditTheText() {
        var s = Self.composing()
        func press(_ key: String, _ typed: String? = nil) {
            guard case .some(let intent?) = s.keyIntent(key, typed: typed) else { Issue.record("\(key) did nothing"); return }
            _ = s.update(intent)
        }
        for c in "one two" { press(String(c), String(c)) }
        press("ctrl-w")
        #expect(s.actions.composer?.editor.text == "one ")
        press("enter")
        for c in "three" { press(String(c), String(c)) }
        press("ctrl-a")
        press("ctrl-k")
        #expect(s.actions.composer?.editor.text == "one \n")
        for c in "four" { press(String(c), String(c)) }
        press("ctrl-u")
        #expect(s.actions.composer?.editor.text == "one \n")
    }

    @Test func aRemappedEditorKeyWorks() {
        let (km, messages) = Keymap.defaults.applying(["editor-send": ["ctrl-o"]]) { $0 }
        #expect(messages.isEmpty, "\(messages)")
        var s = Self.composing()
        s.keymap = km
        #expect(s.keyIntent("ctrl-o", typed: nil) == .some(.action(.editor(.send))))
        #expect(s.keyIntent("ctrl-s", typed: nil) == .some(nil))
        // The browse keys are another mode: Ctrl-O there is still nothing.
        #expect(km.action(for: "ctrl-o") == nil)
    }

    @Test func rowsOfTextModesTakeNoPrintableKey() {
        for b in Keymap.defaults.bindings where b.mode.takesText {
            for k in b.keys { #expect(Keymap.allows(k, for: b.action, in: b.mode), "\(k) (\(b.action.rawValue))") }
        }
        let (km, messages) = Keymap.defaults.applying(["editor-send": ["s", "ctrl-o"], "filter-keep": ["k"]]) { $0 }
        #expect(km.keys(for: .editorSend) == ["ctrl-o"])
        #expect(km.keys(for: .filterKeep).isEmpty)
        #expect(messages.contains("keys.editor-send: 's' types text in the comment editor; use a key that does not"), "\(messages)")
        #expect(messages.contains("keys.filter-keep: 'k' types text in the filter; use a key that does not"), "\(messages)")
        // A question takes letters.
        let (confirm, none) = Keymap.defaults.applying(["confirm-yes": ["o"]]) { $0 }
        #expect(confirm.action(for: "o", in: .confirm) == .confirmYes && none.isEmpty)
    }

    @Test func conflictsInAModeAreReported() {
        let (km, messages) = Keymap.defaults.applying(["editor-send": ["ctrl-w"]]) { $0 }
        #expect(km.action(for: "ctrl-w", in: .editor) == .editorSend)
        #expect(km.action(for: "ctrl-w", in: .filter) == .filterDeleteWord)   // another mode keeps it
        #expect(messages == ["keys: 'Ctrl-w' was bound to editor-delete-word by default; now editor-send"], "\(messages)")
        let (both, twice) = Keymap.defaults.applying(["editor-send": ["ctrl-o"], "editor-newline": ["ctrl-o"]]) { $0 }
        #expect(both.action(for: "ctrl-o", in: .editor) == .editorNewline)
        #expect(twice.contains("keys: 'ctrl-o' is bound to both editor-newline and editor-send; using it for editor-newline"), "\(twice)")
    }

    @Test func theModesEssentialsKeepAKey() {
        let (km, messages) = Keymap.defaults.applying(["editor-send": [], "help-close": [], "editor-newline": ["esc"]]) { $0 }
        #expect(km.keys(for: .editorSend) == ["ctrl-s"])
        #expect(km.keys(for: .helpClose) == ["esc", "?", "f1"])
        #expect(km.action(for: "esc", in: .editor) == .editorCancel)
        #expect(messages.contains("keys: editor-cancel must always have a key; 'Esc' stays on editor-cancel, not editor-newline"),
                "\(messages)")
        for a in Keymap.essential { #expect(!km.keys(for: a).isEmpty, "\(a)") }
    }

    @Test func docsListEveryModesKeys() {
        let md = Keymap.defaults.markdown()
        for row in ["| `Ctrl-w` | `filter-delete-word` |", "| `Ctrl-u` | `editor-delete-to-line-start` |",
                    "| `Ctrl-k` | `editor-delete-to-line-end` |", "| `Home`, `Ctrl-a` | `editor-line-start` |",
                    "| `End`, `Ctrl-e` | `editor-line-end` |", "| `Ctrl-b` | `editor-word-left` |",
                    "| `Ctrl-f` | `editor-word-right` |", "| `Ctrl-s` | `editor-send` |", "| `Tab` | `form-next-field` |",
                    "| `n`, `N`, `q` | `confirm-no` |", "| `Left`, `Right`, `Tab`, `S-Tab`, `h`, `l` | `confirm-toggle` |",
                    "| `PgDn` | `picker-page-down` |", "| `Esc`, `?`, `F1` | `help-close` |"] {
            #expect(md.contains(row), "\(row)")
        }
    }

    /// The key dispatch switches over every mode and overlay: a new one does not compile until it has keys.
    @Test func noDefaultArmInTheKeyDispatch() throws {
        let files = ["Browser/KeymapDispatch.swift", "Browser/KeymapActions.swift", "Browser/KeymapHints.swift"]
        let found = try matches(of: [#"^\s*(@unknown\s+)?default\s*:"#], in: files)
        #expect(found.isEmpty, "default: arms:\n\(found.joined(separator: "\n"))")
    }

    /// The hints name the table's keys: a rebinding shows in them.
    @Test func hintsFollowTheTable() {
        let (km, _) = Keymap.defaults.applying(["editor-send": ["ctrl-o"], "form-cancel": ["f2"], "confirm-yes": ["o"]]) { $0 }
        #expect(Keymap.defaults.hint(Hints.composer, ascii: true)
                == "Ctrl-s send · Esc cancel · Enter new line · Ctrl-r retry/check · Tab leave editor")
        #expect(km.hint(Hints.composer, ascii: true).hasPrefix("Ctrl-o send · "))
        let timelog = Overlay.timelog(TimeLogForm(categories: []), taskId: "T1", send: nil)
        #expect(timelog.hint(keymap: .defaults, ascii: true)
                == "Tab next field · Left/Right category · Enter/Ctrl-s log · Ctrl-r check/retry · Esc cancel")
        #expect(timelog.hint(keymap: km, ascii: true).hasSuffix("· F2 cancel"))
        let confirm = Overlay.confirm(ConfirmModel(title: "t", message: "m"), .discardComment)
        #expect(confirm.hint(keymap: .defaults, ascii: true) == "y yes · n/Esc no · Enter the highlighted answer")
        #expect(confirm.hint(keymap: km, ascii: true).hasPrefix("o yes · "))
    }
}
