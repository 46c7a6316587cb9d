import Testing
@testable import Browser
@testable import BrowserRuntime

@Suite struct ActionsEditorTests {
    func typed(_ s: String, width: Int = 10, height: Int = 3) -> TextEditorState {
        var e = TextEditorState(width: width, height: height)
        for c in s {
            if c == "\n" { e.apply(.newline) } else { e.apply(.insert(String(c))) }
        }
        return e
    }

    @Test func typingAndText() {
        var e = typed("héllo")
        #expect(e.text == "héllo")
        #expect(e.cursor == 5)
        #expect(!e.isEmpty)
        e.apply(.backspace)
        #expect(e.text == "héll")
        e.apply(.home)
        #expect(e.cursor == 0)
        e.apply(.delete)
        #expect(e.text == "éll")
        #expect(TextEditorState(text: " \n\t ").isEmpty)
    }

    @Test func combiningMarkJoinsItsLetter() {
        var e = typed("e")
        e.apply(.insert("\u{301}"))
        #expect(e.buffer.count == 1)
        #expect(e.cursor == 1)
        e.apply(.backspace)
        #expect(e.text.isEmpty)
    }

    @Test func pasteIsSanitized() {
        var e = TextEditorState()
        e.apply(.paste("a\u{1B}[31mred\u{1B}[0m\r\nb\tc\u{7}\u{202E}x\u{200D}"))
        #expect(e.text == "ared\nb    cx")
        #expect(e.cursor == e.buffer.count)
    }

    @Test func wordWrapBreaksAfterSpaces() {
        let e = TextEditorState(text: "hello big world", width: 10)
        let lines = e.layout()
        #expect(lines.map(\.text) == ["hello big ", "world"])
        #expect(lines.map(\.endsLogicalLine) == [false, true])
        // A word longer than the width is cut between graphemes.
        #expect(TextEditorState(text: "abcdefghijkl", width: 5).layout().map(\.text) == ["abcde", "fghij", "kl"])
        // Hard newlines and empty lines are kept.
        #expect(TextEditorState(text: "a\n\nb", width: 5).layout().map(\.text) == ["a", "", "b"])
        #expect(TextEditorState(text: "", width: 5).layout().map(\.text) == [""])
    }

    @Test func hangingSpaceMovesTheCursorToTheNextLine() {
        let e = TextEditorState(text: "hello ", width: 5)
        #expect(e.layout().map(\.text) == ["hello ", ""])
        #expect(e.cursorPosition() == (row: 1, column: 0))
    }

    @Test func wideCharactersWrapByCells() {
        let e = TextEditorState(text: "漢字テスト", width: 5)
        let lines = e.layout()
        #expect(lines.map(\.text) == ["漢字", "テス", "ト"])
        #expect(lines.map(\.width) == [4, 4, 2])
        #expect(e.cursorPosition() == (row: 2, column: 2))
    }

    @Test func cursorUpDownKeepsTheColumnInCells() {
        var e = TextEditorState(text: "abcdef\n漢字x\nab", width: 20)
        e.setCursor(5)  // "abcde|f": column 5
        e.apply(.down)
        // Row 1 is "漢字x": column 5 → after 漢字x is 5; index 7 + 3 = 10.
        #expect(e.cursorPosition() == (row: 1, column: 5))
        e.apply(.down)
        #expect(e.cursorPosition() == (row: 2, column: 2))  // short line: end
        e.apply(.up)
        #expect(e.cursorPosition() == (row: 1, column: 5))  // goal column remembered
        e.setCursor(2)   // "ab|cdef"
        e.apply(.down)   // column 2 lands after 漢 (a wide char is never split)
        #expect(e.cursorPosition() == (row: 1, column: 2))
        e.setCursor(3)
        e.apply(.down)   // column 3 falls inside 字: stays before it
        #expect(e.cursorPosition() == (row: 1, column: 2))
        e.apply(.up); e.apply(.up)
        #expect(e.cursor == 0)
        e.apply(.documentEnd)
        e.apply(.down)
        #expect(e.cursor == e.buffer.count)
    }

    @Test func upDownAcrossSoftWraps() {
        var e = TextEditorState(text: "one two three four", width: 8)
        #expect(e.layout().map(\.text) == ["one two ", "three ", "four"])
        e.setCursor(1)
        e.apply(.down)
        #expect(e.cursorPosition() == (row: 1, column: 1))
        e.apply(.end)
        // End of a soft-wrapped line stays on it (before the hanging space's successor).
        #expect(e.cursorPosition().row == 1)
        #expect(e.cursor == 13)
        e.apply(.home)
        #expect(e.cursor == 8)
    }

    @Test func wordMotionsAndDeletes() {
        var e = TextEditorState(text: "fix the build, now")
        e.apply(.wordLeft)
        #expect(e.cursor == 15)
        e.apply(.wordLeft)
        #expect(e.cursor == 8)
        e.apply(.wordRight)
        #expect(e.cursor == 13)
        e.apply(.deleteWordBackward)
        #expect(e.text == "fix the , now")
        e.apply(.documentStart)
        e.apply(.deleteToLineEnd)
        #expect(e.text.isEmpty)
        var f = TextEditorState(text: "ab\ncd")
        f.setCursor(2)
        f.apply(.deleteToLineEnd)  // at a line end: joins the lines
        #expect(f.text == "abcd")
        f.apply(.deleteToLineStart)
        #expect(f.text == "cd")
        #expect(f.cursor == 0)
    }

    @Test func sendAndCancelOutcomes() {
        var e = TextEditorState()
        #expect(e.apply(.send) == .ignored)
        #expect(e.apply(.cancel(confirmed: false)) == .cancelled)
        e.apply(.insert("hi"))
        #expect(e.apply(.send) == .send)
        #expect(e.apply(.cancel(confirmed: false)) == .cancelRequested)
        #expect(e.apply(.cancel(confirmed: true)) == .cancelled)
        #expect(e.apply(.left) == .edited)
        #expect(e.apply(.insert("\u{1B}")) == .edited)
        #expect(e.text == "hi")
    }

    @Test func scrollingKeepsTheCursorVisible() {
        var e = TextEditorState(text: "1\n2\n3\n4\n5\n6", width: 10, height: 3)
        #expect(e.scrollTop == 3)
        var v = e.viewport(width: 10, height: 3)
        #expect(v.lines.map(\.text) == ["4", "5", "6"])
        #expect(v.cursorRow == 2)
        #expect(v.moreAbove && !v.moreBelow)
        e.apply(.documentStart)
        #expect(e.scrollTop == 0)
        e.apply(.pageDown)
        #expect(e.cursorPosition().row == 2)
        e.apply(.pageDown)
        #expect(e.cursorPosition().row == 4)
        #expect(e.scrollTop == 2)
        v = e.viewport(width: 10, height: 3)
        #expect(v.lines.map(\.text) == ["3", "4", "5"])
        #expect(v.cursorRow == 2)
        // A smaller viewport than the state's height still shows the cursor.
        v = e.viewport(width: 10, height: 1)
        #expect(v.lines.map(\.text) == ["5"])
        #expect(v.cursorRow == 0)
    }

    @Test func lengthIsCapped() {
        var e = TextEditorState(text: String(repeating: "a", count: TextEditorState.maxLength))
        e.apply(.insert("b"))
        #expect(e.buffer.count == TextEditorState.maxLength)
        #expect(e.buffer.last == "a")
    }
}
