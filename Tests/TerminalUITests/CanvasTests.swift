import TermText
import Testing

@testable import TerminalUI

@Suite struct CanvasTests {
    @Test func putAndText() {
        var c = Canvas(width: 10, height: 2)
        #expect(c.put("hello", x: 1, y: 0) == 5)
        c.put("world!!!!!!!", x: 3, y: 1)
        #expect(c.text() == " hello\n   world!!")
        #expect(c[1, 0].text == "h")
    }

    @Test func wideCharactersTakeTwoCells() {
        var c = Canvas(width: 8, height: 1)
        #expect(c.put("漢字x", x: 0, y: 0) == 5)
        #expect(c[0, 0].width == 2)
        #expect(c[1, 0].isContinuation)
        #expect(c[2, 0].text == "字")
        #expect(c.line(0) == "漢字x")
        #expect(c.line(0, trim: false).displayWidth == 8)
    }

    @Test func wideCharacterAtTheEdgeBecomesBlank() {
        var c = Canvas(width: 5, height: 1)
        c.put("ab漢字", x: 0, y: 0)
        #expect(c.line(0) == "ab漢")
        c.put("abcd漢", x: 0, y: 0)
        #expect(c.line(0, trim: false) == "abcd ")
        #expect(!c.cells.contains { $0.width == 2 })
    }

    @Test func overwritingHalfAWideCharacterBlanksTheOtherHalf() {
        var c = Canvas(width: 6, height: 1)
        c.put("漢字", x: 0, y: 0)
        c.put("x", x: 1, y: 0)  // right half of 漢
        #expect(c.line(0) == " x字")
        c.put("y", x: 2, y: 0)  // left half of 字
        #expect(c.line(0) == " xy")
        #expect(c[3, 0].text == " " && c[3, 0].width == 1)
        c.put("😀", x: 3, y: 0)
        c.put("漢", x: 2, y: 0)  // overlaps the emoji's lead: its continuation becomes blank
        #expect(c.line(0, trim: false) == " x漢  ")
        invariant(c)
    }

    @Test func combiningAndControlsAreHandled() {
        var c = Canvas(width: 6, height: 1)
        #expect(c.put("e\u{301}\u{7}a", x: 0, y: 0) == 2)
        #expect(c[0, 0].text == "e\u{301}")
        #expect(c.line(0) == "e\u{301}a")
    }

    @Test func maxWidthAndRegionsClip() {
        var c = Canvas(width: 12, height: 4)
        c.put("abcdefgh", x: 0, y: 0, maxWidth: 3)
        c.withRegion(Rect(x: 2, y: 1, width: 4, height: 2)) { r in
            #expect(r.bounds == Rect(x: 0, y: 0, width: 4, height: 2))
            r.put("0123456789", x: 0, y: 0)
            r.put("xy", x: -1, y: 1)
            r.put("nope", x: 0, y: 2)
            r.withRegion(Rect(x: 3, y: 1, width: 5, height: 1)) { inner in
                inner.put("QQQQ", x: 0, y: 0)
            }
        }
        c.put("outside", x: 5, y: 3)
        #expect(c.lines() == ["abc", "  0123", "  y  Q", "     outside"])
    }

    @Test func wideCharacterClippedOnTheLeft() {
        var c = Canvas(width: 6, height: 1)
        c.withRegion(Rect(x: 1, y: 0, width: 4, height: 1)) { r in
            r.put("漢字", x: -1, y: 0)
        }
        #expect(c.line(0) == "  字")
        invariant(c)
    }

    @Test func boxWithTitle() {
        var c = Canvas(width: 12, height: 4)
        c.box(Rect(x: 0, y: 0, width: 12, height: 4), chars: .light, style: Style(.border), title: "Tasks (3)")
        c.withRegion(Rect(x: 0, y: 0, width: 12, height: 4).inset(by: 1)) { r in
            r.put("漢字 item", x: 0, y: 0)
        }
        #expect(c.lines() == [
            "┌─ Tasks… ─┐",
            "│漢字 item │",
            "│          │",
            "└──────────┘",
        ])
        #expect(c[0, 0].style.role == .border)
        var a = Canvas(width: 5, height: 3)
        a.box(Rect(x: 0, y: 0, width: 5, height: 3), chars: .ascii, style: .normal)
        #expect(a.text() == "+---+\n|   |\n+---+")
    }

    @Test func fillRestyleAndRoleLine() {
        var c = Canvas(width: 4, height: 2)
        c.fill(Rect(x: 1, y: 0, width: 2, height: 2), with: "#", style: Style(.selection))
        c.restyle(Rect(x: 0, y: 1, width: 1, height: 1), style: Style(.dim))
        #expect(c.text() == " ##\n ##")
        #expect(c.roleLine(0, legend: [.selection: "S"]) == ".SS.")
        #expect(c.roleLine(1, legend: [.selection: "S", .dim: "d"]) == "dSS.")
    }

    @Test func putPaddedTruncates() {
        var c = Canvas(width: 10, height: 1)
        c.putPadded("a long title", x: 0, y: 0, width: 6)
        #expect(c.line(0) == "a lon…")
        c.putPadded("漢字漢字", x: 6, y: 0, width: 4, align: .right)
        #expect(c.line(0) == "a lon… 漢…")
    }

    /// `put` (ASCII written straight into the row, the rest grapheme by grapheme) and `putPadded` (no
    /// padded string) give the same cells as writing one character at a time, over mixed text drawn on
    /// top of wide characters, clipped by regions and widths.
    @Test func fastPutMatchesCharacterByCharacter() {
        let pieces = ["a", "bc", "Title 12", " ", "e\u{301}", "漢", "字x", "😀", "🇫🇷", "\u{7}", "\r\n", "…", "↑", "-", "é"]
        var seed: UInt64 = 0x9E37_79B9_7F4A_7C15
        func next(_ n: Int) -> Int {
            seed = seed &* 6_364_136_223_846_793_005 &+ 1_442_695_040_888_963_407
            return Int((seed >> 33) % UInt64(n))
        }
        for round in 0..<400 {
            var text = ""
            for _ in 0..<next(6) { text += pieces[next(pieces.count)] }
            let x = next(12) - 2, maxW = next(14), regionX = next(4)
            let style = Style(round % 2 == 0 ? .selection : .dim)
            var fast = Canvas(width: 16, height: 1)
            fast.put("漢字漢字漢字漢字", x: next(2), y: 0, style: Style(.title))
            var slow = fast
            var padded = fast
            fast.withRegion(Rect(x: regionX, y: 0, width: 10, height: 1)) { c in
                c.put(text, x: x, y: 0, style: style, maxWidth: maxW)
            }
            slow.withRegion(Rect(x: regionX, y: 0, width: 10, height: 1)) { c in
                var ax = 0
                for ch in text {
                    let w = displayWidth(ch)
                    if w == 0 { continue }
                    if ax >= maxW { break }
                    let adv = c.put(String(ch), x: x + ax, y: 0, style: style, maxWidth: maxW - ax)
                    ax += adv
                    if adv < w { break }
                }
            }
            #expect(fast.cells == slow.cells, "put \(text.debugDescription) at \(x) max \(maxW): \(fast.line(0)) vs \(slow.line(0))")
            var reference = padded
            padded.withRegion(Rect(x: regionX, y: 0, width: 10, height: 1)) { c in
                c.putPadded(text, x: x, y: 0, width: maxW, style: style)
            }
            reference.withRegion(Rect(x: regionX, y: 0, width: 10, height: 1)) { c in
                c.put(pad(text, to: maxW), x: x, y: 0, style: style, maxWidth: maxW)
            }
            #expect(padded.line(0) == reference.line(0), "putPadded \(text.debugDescription) at \(x) width \(maxW)")
        }
    }

    @Test func resizeAndClear() {
        var c = Canvas(width: 3, height: 1)
        c.put("abc", x: 0, y: 0)
        c.clear()
        #expect(c.text() == "")
        c.resize(width: 5, height: 2)
        #expect(c.cells.count == 10)
    }

    @Test func glyphsAreOneCellWide() {
        for g in [Glyphs.unicode, Glyphs.ascii, Glyphs.console] {
            let all = [g.ellipsis, g.selectionMarker, g.expanded, g.collapsed, g.bullet, g.blocked, g.check,
                       g.cross, g.pending, g.attention, g.arrowUp, g.arrowDown, g.importanceHigh, g.importanceLow,
                       g.separator, g.dot, g.scrollThumb, g.scrollTrack, g.inputCursor] + g.spinner
            let boxes = [g.border, g.focusedBorder, g.focusTop].flatMap {
                [$0.horizontal, $0.vertical, $0.topLeft, $0.topRight, $0.bottomLeft, $0.bottomRight, $0.teeDown,
                 $0.teeUp, $0.teeRight, $0.teeLeft, $0.cross]
            }
            for s in all + boxes { #expect(displayWidth(s) == 1, "\(s)") }
            // The arrows drawn inside text: one cell, or two in ASCII ("<-", "->").
            for s in [g.arrowLeft, g.arrowRight] { #expect((1...2).contains(displayWidth(s)), "\(s)") }
            for s in all + [g.arrowLeft, g.arrowRight] { #expect(!g.isASCII || s.allSatisfy(\.isASCII), "\(s)") }
            for s in boxes { #expect(g != .ascii || s.allSatisfy(\.isASCII), "\(s)") }
        }
        #expect(Glyphs.localeIsUTF8(environment: ["LANG": "en_US.UTF-8"]))
        #expect(Glyphs.localeIsUTF8(environment: ["LC_ALL": "C.utf8", "LANG": "C"]))
        #expect(!Glyphs.localeIsUTF8(environment: ["LC_ALL": "C", "LANG": "en_US.UTF-8"]))
        #expect(!Glyphs.localeIsUTF8(environment: [:]))
        #expect(Glyphs.choose(ascii: false, localeIsUTF8: false) == .ascii)
        #expect(Glyphs.choose(ascii: false, localeIsUTF8: true, term: "linux") == .console)
        #expect(Glyphs.choose(ascii: false, localeIsUTF8: true, term: "linux-16color") == .console)
        #expect(Glyphs.choose(ascii: true, localeIsUTF8: true, term: "linux") == .ascii)
        #expect(Glyphs.choose(ascii: false, localeIsUTF8: true, term: "xterm") == .unicode)
    }

    /// Symbols that differ in Unicode differ in every set, within what is drawn side by side: a list
    /// row (mark, blocked, importance, expander, cut title) and the detail (bullets, arrows, the
    /// selected dependency, decisions, waiting on me).
    @Test func distinctSymbolsStayDistinct() {
        for g in [Glyphs.unicode, Glyphs.ascii, Glyphs.console] {
            let row = [g.check, g.blocked, g.importanceHigh, g.importanceLow, g.expanded, g.collapsed, g.ellipsis]
            let detail = [g.bullet, g.arrowLeft, g.arrowRight, g.selectionMarker, g.check, g.cross, g.pending, g.attention,
                          g.dot, g.ellipsis]
            #expect(Set(row).count == row.count, "\(row)")
            #expect(Set(detail).count == detail.count, "\(detail)")
        }
        // The Linux console has no ╒ ▾ ⊘ ↑: its symbols are ASCII, its boxes light lines.
        for s in ["╒", "▾", "⊘", "↑", "━"] {
            let console = Glyphs.console
            let drawn = [console.focusTop.topLeft, console.expanded, console.blocked, console.arrowUp, console.focusedBorder.horizontal]
            #expect(!drawn.contains(s))
        }
    }

    /// The app's own sentences in ASCII: punctuation spelled out; hints name the arrow keys.
    @Test func proseAndKeyHintsInASCII() {
        let a = Glyphs.ascii
        #expect(a.prose("Sending…") == "Sending...")
        #expect(a.prose("Delete “x” — sure? · High → Normal → Low") == "Delete \"x\" - sure? . High -> Normal -> Low")
        #expect(a.keys("type to narrow · ↑/↓ move · ↑↓ choose · ←→ category") == "type to narrow . Up/Down move . Up/Down choose . Left/Right category")
        #expect(Glyphs.unicode.prose("Sending…") == "Sending…")
        #expect(a.prose("plain") == "plain")
        #expect(a.prose("José") == "José", "letters are not the app's punctuation")
    }

    @Test func roleNames() {
        #expect(Role.borderFocused.name == "border-focused")
        #expect(Role(name: "color-dark-blue") == .colorDarkBlue)
        #expect(Role.statusColor("YellowGreen") == .colorYellowGreen)
        #expect(Role.statusColor("nonsense") == .colorGray)
        #expect(Set(Role.allCases.map(\.name)).count == Role.allCases.count)
    }

    /// Every wide lead is followed by a continuation and every continuation follows a wide lead.
    func invariant(_ c: Canvas, sourceLocation: SourceLocation = #_sourceLocation) {
        for y in 0..<c.height {
            for x in 0..<c.width {
                let cell = c[x, y]
                if cell.width == 2 { #expect(x + 1 < c.width && c[x + 1, y].isContinuation, sourceLocation: sourceLocation) }
                if cell.width == 0 { #expect(x > 0 && c[x - 1, y].width == 2, sourceLocation: sourceLocation) }
            }
        }
    }
}
