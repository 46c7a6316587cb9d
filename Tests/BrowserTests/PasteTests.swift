import Foundation
import Testing
import WrikeAPI
@testable import Browser
@testable import BrowserRuntime

/// A paste is text for the focused input and never an action (issue 12, item 2).
@Suite struct PasteTests {
    func detail() -> AppState { ActionIntentTests().detailState() }

    /// Effects that change something in Wrike.
    func writes(_ effects: [Effect]) -> [Effect] { effects.filter { AppState.writes($0) } }

    @Test func aPasteWithATabGoesIntoTheEditorAndRunsNothing() {
        var s = detail()
        _ = s.update(.action(.comment))
        let before = s.list.tasks.map(\.importance)
        let effects = s.update(.paste("abc\twith tab\r\niast\u{13}q", truncated: false))
        #expect(effects.isEmpty, "\(effects)")
        #expect(s.actions.composer?.editor.text == "abc    with tab\niastq")
        #expect(s.focus == .detail, "the tab left the editor")
        #expect(s.modal == nil, "t opened the time form")
        #expect(s.list.tasks.map(\.importance) == before)
        #expect(s.actions.composer?.send.tracker.attempts == 0, "Ctrl-S in a paste sent the comment")
    }

    @Test func escapeSequencesInAPasteAreRemovedAsFromTypedText() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.paste("red \u{1B}[31mtext\u{1B}]52;c;cHduZWQ=\u{07} \u{202E}end", truncated: false))
        #expect(s.actions.composer?.editor.text == "red text end")
    }

    @Test func aPasteIntoTheFilterIsOneLine() {
        var s = loadedState()
        _ = s.update(.beginFilter)
        _ = s.update(.paste("Write\nthe\tspec\u{1B}[2J", truncated: false))
        #expect(s.list.filter == "Write the spec")
        #expect(s.list.editingFilter)
    }

    @Test func aPasteWhereNoInputHasTheFocusIsIgnored() {
        for focus in [Pane.tree, .list, .detail] {
            var s = detail()
            s.focus = focus
            let before = (s.list.tasks.map(\.importance), s.list.cursor, s.tree.cursor, s.detail.scroll)
            // As keys this would change the importance, assign, open forms, jump and quit.
            let effects = s.update(.paste("iastdjkGq\t\r ", truncated: false))
            #expect(effects.isEmpty, "\(focus): \(effects)")
            #expect(s.status.message == AppState.pasteIgnored)
            #expect(s.modal == nil && s.actions.composer == nil && s.help == nil)
            #expect((s.list.tasks.map(\.importance), s.list.cursor, s.tree.cursor, s.detail.scroll) == before)
        }
        // The comment editor open but not focused (Tab left it): ignored too.
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("kept"))))
        s.focus = .list
        #expect(s.update(.paste("more", truncated: false)).isEmpty)
        #expect(s.actions.composer?.editor.text == "kept")
        #expect(s.status.message == AppState.pasteIgnored)
    }

    @Test func aPasteNeverAnswersAQuestion() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("text"))))
        _ = s.update(.action(.editor(.cancel(confirmed: false))))
        guard case .confirm? = s.modal else { Issue.record("no question"); return }
        #expect(s.update(.paste("y\r", truncated: false)).isEmpty)
        guard case .confirm? = s.modal else { Issue.record("the paste answered"); return }
        #expect(s.actions.composer?.editor.text == "text")
        // Help open: ignored, help stays.
        var h = detail()
        _ = h.update(.toggleHelp)
        #expect(h.update(.paste("q", truncated: false)).isEmpty)
        #expect(h.help != nil && h.status.message == AppState.pasteIgnored)
    }

    @Test func aPasteGoesIntoFormFieldsAndPickerQueriesAsOneLine() {
        var s = detail()
        _ = s.update(.action(.logTime))
        _ = s.handle(.timelogCategories(.success([])))
        #expect(writes(s.update(.paste("1h\n30m", truncated: false))).isEmpty)
        guard case .timelog(let form, _, _)? = s.modal else { Issue.record("no form"); return }
        #expect(form.hours.text == "1h 30m")
        _ = s.update(.action(.form(.cancel(confirmed: true))))
        #expect(s.modal == nil)
        _ = s.update(.action(.changeStatus))
        let effects = s.update(.paste("Done\r", truncated: false))
        #expect(effects.isEmpty, "Enter in a paste applied the status: \(effects)")
        guard case .status(let m, _)? = s.modal else { Issue.record("picker closed"); return }
        #expect(m.picker.query == "Done ")
    }

    @Test func aTruncatedPasteSaysSo() {
        var s = detail()
        _ = s.update(.action(.comment))
        _ = s.update(.paste("long", truncated: true))
        #expect(s.actions.composer?.editor.text == "long")
        #expect(s.status.message == AppState.pasteCut)
    }
}

/// Long pastes (the parser cuts them at 100,000 scalars and says so): what is taken, and the words for it.
@Suite struct LongPasteTests {
    @Test func aPasteLongerThanTheEditorFillsItUpToTheCap() {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("typed "))))
        // Tabs (4 spaces each), newlines, wide and combined characters, as a log or a document holds them.
        let words = ["alpha", "beta\t", "γάμμα", "漢字", "emoji😀", "tab\t", "\n", "e\u{301}"]
        let long = String((0..<60_000).map { words[$0 % words.count] }.joined(separator: " ").unicodeScalars.prefix(100_000))
        _ = s.update(.paste(long, truncated: true))
        let text = s.actions.composer?.editor.text ?? ""
        #expect(text.count > 90_000, "\(text.count) characters")
        #expect(text.hasPrefix("typed alpha beta     γάμμα"))
        #expect(s.status.message == AppState.pasteCut, "\(s.status.message ?? "")")
    }

    /// A long paste refused (the comment is being sent: its text is fixed until Wrike answers) says so;
    /// before, "Only the first 100000 characters of the paste were taken" replaced the refusal.
    @Test func aRefusedLongPasteSaysItWasRefused() {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.action(.editor(.insert("short words"))))
        _ = s.update(.action(.editor(.send)))
        #expect(s.actions.composer?.send.tracker.canEdit == false)
        _ = s.update(.paste(String(repeating: "x", count: 100_000), truncated: true))
        #expect(s.actions.composer?.editor.text == "short words")
        #expect(s.status.message == "Paste ignored: the comment is being sent.", "\(s.status.message ?? "")")
        // Where no input has the focus, likewise.
        s.focus = .list
        _ = s.update(.paste("x", truncated: true))
        #expect(s.status.message == AppState.pasteIgnored)
    }

    /// A long paste taken says that only its start was (the filter keeps 2,000 characters, not 100,000).
    @Test func aTakenLongPasteSaysOnlyItsStartWasTaken() {
        var s = loadedState()
        _ = s.update(.beginFilter)
        _ = s.update(.paste(String(repeating: "y", count: 100_000), truncated: true))
        #expect(s.list.filter.count == AppState.pasteLineLimit)
        #expect(s.status.message == AppState.pasteCut, "\(s.status.message ?? "")")
    }

    /// Pasted into a one-line input (the filter) past its cap: the first 2,000 characters, not nothing.
    @Test func aLongPasteIntoTheFilterKeepsItsStart() {
        var s = loadedState()
        _ = s.update(.beginFilter)
        _ = s.update(.paste("spec " + String(repeating: "x", count: 50_000), truncated: false))
        #expect(s.list.filter.hasPrefix("spec xx"), "\(s.list.filter.prefix(20))")
    }
}

/// The comment editor full (100,000 characters): typing or pasting more says so instead of doing nothing.
@Suite struct FullEditorTests {
    @Test func typingOrPastingIntoAFullEditorSaysItIsFull() {
        var s = ActionIntentTests().detailState()
        _ = s.update(.action(.comment))
        _ = s.update(.paste(String(repeating: "a", count: TextEditorState.maxLength), truncated: false))
        let full = s.actions.composer?.editor.text
        #expect(full?.count == TextEditorState.maxLength)
        s.status.message = nil
        _ = s.update(.action(.editor(.insert("x"))))
        #expect(s.actions.composer?.editor.text == full)
        #expect(s.status.message == AppState.editorFull, "\(s.status.message ?? "nil")")
        for truncated in [false, true] {
            s.status.message = nil
            _ = s.update(.paste("more", truncated: truncated))
            #expect(s.status.message == AppState.editorFull, "\(truncated): \(s.status.message ?? "nil")")
        }
        // Deleting makes room: typing works again, without the words.
        _ = s.update(.action(.editor(.backspace)))
        s.status.message = nil
        _ = s.update(.action(.editor(.insert("x"))))
        #expect(s.actions.composer?.editor.text.hasSuffix("ax") == true)
        #expect(s.status.message == nil)
    }
}
