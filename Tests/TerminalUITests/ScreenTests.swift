import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing
import TestSupport

@testable import TerminalUI

/// Tests of the real ncurses backend on a pseudo-terminal. curses is global state: one at a time.
@Suite(.serialized, .offPool) struct ScreenTests {
    func makeScreen(_ pty: HeadlessTerminal, term: String = "xterm-256color") throws -> NcursesScreen {
        try NcursesScreen(options: pty.screenOptions(term: term))
    }

    @Test func unknownTerminalIsAnErrorNotAnExit() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        #expect(throws: ScreenError.unknownTerminal("no-such-terminal-xyz")) {
            _ = try NcursesScreen(options: pty.screenOptions(term: "no-such-terminal-xyz"))
        }
    }

    /// A terminal that cannot move its cursor (TERM=dumb: Emacs' shell, an IDE's output pane) is refused
    /// in words, before anything but a line end is written; it drew one line of frame and then nothing readable.
    @Test func aTerminalThatCannotMoveTheCursorIsAnError() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        #expect(throws: ScreenError.cannotMoveCursor("dumb")) {
            _ = try NcursesScreen(options: pty.screenOptions(term: "dumb"))
        }
        #expect(ScreenError.cannotMoveCursor("dumb").description.contains("TERM=xterm-256color"))
        #expect(pty.captured().allSatisfy { $0 == 13 || $0 == 10 }, "written to the terminal: \(pty.captured())")
        // A full-screen terminal after it starts as ever.
        let screen = try makeScreen(pty)
        screen.shutdown()
    }

    @Test func drawsCanvasIncludingWideCharacters() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        #expect(screen.width == 40 && screen.height == 10)
        #expect(screen.colorMode == .full)
        var c = Canvas(width: 40, height: 10)
        c.box(Rect(x: 0, y: 0, width: 40, height: 10), chars: .light, style: Style(.border), title: "Tasks")
        c.put("漢字 e\u{301} 😀 🇫🇷 x", x: 1, y: 1, style: Style(.selection))
        screen.draw(c)
        #expect(screen.cellText(x: 0, y: 0) == "┌")
        #expect(screen.cellText(x: 1, y: 1) == "漢")
        #expect(screen.cellText(x: 3, y: 1) == "字")
        #expect(screen.cellText(x: 6, y: 1) == "e\u{301}")
        #expect(screen.cellText(x: 8, y: 1) == "😀")
        #expect(screen.cellText(x: 11, y: 1) == "🇫")  // a flag: its two regional indicators in two cells
        #expect(screen.cellText(x: 12, y: 1) == "🇷")
        #expect(screen.cellText(x: 14, y: 1) == "x")  // columns still line up after the wide ones
        #expect(screen.cellPair(x: 1, y: 1) == screen.pair(for: .selection))
        #expect(screen.pair(for: .selection) != 0)
        // The terminal's own colours have a pair of their own (see `colourToPlainCostsOnlyTheColourReset`).
        #expect(screen.pair(for: .normal) != 0)
        // The default theme's selection is reverse video in the terminal's own colours: normal's pair.
        #expect(screen.pair(for: .normal) == screen.pair(for: .selection))
        #expect(screen.pair(for: .normal) != screen.pair(for: .selectionUnfocused))
    }

    /// Going from a coloured cell to plain text is `\e[39m` alone: no `sgr0` (`\e(B\e[m`) in between,
    /// which ncurses sends when it goes back to colour pair 0.
    @Test func colourToPlainCostsOnlyTheColourReset() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 5))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        var c = Canvas(width: 40, height: 5)
        screen.draw(c)
        try #require(pty.sync() != nil)
        pty.clearCaptured()
        let color = c.put("New", x: 2, y: 2, style: Style(.colorBlue))
        c.put(" Design review", x: 2 + color, y: 2, style: .normal)
        screen.draw(c)
        let out = pty.waitForOutput(containing: "review")
        #expect(out.contains("New\u{1B}[39m Design review"), "\(out.debugDescription)")
        // A blank canvas cell and curses' own blank are the same: nothing else on the screen was sent.
        #expect(!out.contains("\u{1B}[1;1H") && !out.contains("\u{1B}[H"), "\(out.debugDescription)")
    }

    @Test func onlyChangesAreSent() throws {
        let pty = try #require(HeadlessTerminal(width: 80, height: 24))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        var c = Canvas(width: 80, height: 24)
        for y in 0..<24 { c.put("row \(y) " + String(repeating: "x", count: 60), x: 0, y: y) }
        let start = try #require(pty.sync())
        screen.draw(c)
        let afterFull = try #require(pty.sync())
        let full = afterFull - start
        #expect(full > 24 * 60)
        screen.draw(c)
        let same = try #require(pty.sync()) - afterFull
        #expect(same < 16)
        c.put("Y", x: 10, y: 5)
        screen.draw(c)
        let one = try #require(pty.sync()) - afterFull - same
        #expect(one > 0 && one < 40)
    }

    @Test func keysArriveFromTheTerminal() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        pty.send("j")
        pty.send("\u{15}")  // Ctrl-U
        pty.send("\r")
        pty.send("\u{1B}OB")  // Down, as terminfo's kcud1 for xterm (keypad mode)
        pty.send("é")
        var keys: [Key] = []
        eventually {
            while let k = screen.readKey() { keys.append(k) }
            return keys.count >= 5
        }
        #expect(keys == [.char("j"), .ctrl("u"), .enter, .down, .char("é")])
    }

    /// tmux sends End as `ESC [4~` and Home as `ESC [1~` also when TERM inside says xterm-256color (whose
    /// terminfo has `ESC OF`/`ESC OH`): both forms are Home and End, never Esc followed by typed keys.
    @Test func homeAndEndArriveInEveryFormTerminalsSend() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        for sequence in ["\u{1B}[4~", "\u{1B}[1~", "\u{1B}OF", "\u{1B}OH", "\u{1B}[8~", "\u{1B}[7~"] {
            pty.send(sequence)
            usleep(20_000)
        }
        var keys: [Key] = []
        eventually {
            while let k = screen.readKey() { keys.append(k) }
            return keys.count >= 6
        }
        #expect(keys == [.end, .home, .end, .home, .end, .home])
    }

    @Test func resizeIsPickedUp() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 10))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        pty.resize(width: 60, height: 20)
        #expect(screen.handleResize())
        #expect(screen.width == 60 && screen.height == 20)
        #expect(!screen.handleResize())
    }

    @Test func asciiAndMonochromeOptions() throws {
        let pty = try #require(HeadlessTerminal(width: 20, height: 5))
        var o = pty.screenOptions()
        o.ascii = true
        o.environment["NO_COLOR"] = "1"
        let screen = try NcursesScreen(options: o)
        defer { screen.shutdown() }
        #expect(screen.glyphs == .ascii)
        #expect(screen.colorMode == .none)
        #expect(screen.pair(for: .selection) == 0)
        // No colour at all reaches the terminal (not even white on black for pair 0).
        var c = Canvas(width: 20, height: 5)
        c.put("plain", x: 0, y: 1)
        c.put("picked", x: 0, y: 2, style: Style(.selection))
        screen.draw(c)
        let out = pty.waitForOutput(containing: "picked")
        for colour in ["[37m", "[40m", "38;5;", "48;5;"] { #expect(!out.contains(colour), "\(colour) in \(out.debugDescription)") }
        #expect(out.contains("\u{1B}[7m") || out.contains(";7m"), "selection in reverse: \(out.debugDescription)")
    }

    /// Every SGR parameter in `out` (`\e[0;10;7;1m` gives 0, 10, 7, 1).
    static func sgr(_ out: String) -> Set<Int> {
        var params: Set<Int> = []
        for part in out.components(separatedBy: "\u{1B}[").dropFirst() {
            guard let end = part.firstIndex(where: { !($0.isNumber || $0 == ";") }), part[end] == "m" else { continue }
            for p in part[..<end].split(separator: ";") { if let n = Int(p) { params.insert(n) } }
        }
        return params
    }

    /// 8-colour terminals (`TERM=xterm`, `TERM=linux`): the default theme's selection (bg 24) and
    /// unfocused selection (bg 237) would both be black; they are reverse video and underlined instead.
    /// The Linux console draws no `╒ ▾ ⊘`.
    @Test(arguments: ["xterm", "linux"])
    func eightColourTerminalsShowTheSelection(term: String) throws {
        let pty = try #require(HeadlessTerminal(width: 30, height: 5))
        let screen = try makeScreen(pty, term: term)
        defer { screen.shutdown() }
        #expect(screen.colorMode == .eight)
        var c = Canvas(width: 30, height: 5)
        screen.draw(c)
        /// What the terminal receives for `text` drawn in `role` on row `y`.
        func output(_ text: String, _ role: Role, y: Int) -> String {
            pty.settle(quietMilliseconds: 30)
            pty.clearCaptured()
            c.put(text, x: 0, y: y, style: Style(role))
            screen.draw(c)
            return pty.waitForOutput(containing: text)
        }
        let picked = output("picked", .selection, y: 1)
        #expect(Self.sgr(picked).contains(7), "selection in reverse: \(picked.debugDescription)")
        #expect(!picked.contains("[40m"), "not on black: \(picked.debugDescription)")
        let other = output("elsewhere", .selectionUnfocused, y: 2)
        #expect(Self.sgr(other).contains(4), "unfocused selection underlined: \(other.debugDescription)")
        if term == "linux" {
            let g = screen.glyphs
            #expect(g == Glyphs.choose(ascii: false, localeIsUTF8: screen.localeIsUTF8, term: term))
            #expect(g.isASCII && g.focusTop.topLeft != "╒" && g.expanded != "▾" && g.blocked != "⊘")
        }
    }

    struct Counter: App {
        var keys: [Key] = []
        var events: [String] = []
        var renders = 0
        mutating func handle(key: Key, context: inout LoopContext) {
            if key == .char("q") { context.quit() }
            if key == .char("y") { context.copyToClipboard("https://www.wrike.com/open.htm?id=1") }
            if key != .resize { keys.append(key) }
        }
        mutating func handle(event: String, context: inout LoopContext) { events.append(event) }
        mutating func render(into canvas: inout Canvas, context: RenderContext) {
            renders += 1
            canvas.put("keys \(keys.count) events \(events.count)", x: 0, y: 0)
        }
    }

    @Test func eventLoopDeliversKeysEventsAndOutputs() throws {
        let pty = try #require(HeadlessTerminal(width: 40, height: 5))
        let screen = try makeScreen(pty)
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<String>())
        let loop = EventLoop<Counter>(screen: screen, inbox: inbox)
        var app = Counter()
        inbox.post("loaded")
        pty.send("jy")
        eventually {
            loop.step(&app)
            return app.keys.count >= 2
        }
        #expect(app.events == ["loaded"])
        #expect(app.keys == [.char("j"), .char("y")])
        #expect(loop.lastFrame.line(0) == "keys 2 events 1")
        #expect(screen.cellText(x: 5, y: 0) == "2")
        // The drain thread may lag under load: wait (bounded) for the bytes rather than for quiet.
        let osc52 = "\u{1B}]52;c;aHR0cHM6Ly93d3cud3Jpa2UuY29tL29wZW4uaHRtP2lkPTE=\u{07}"
        #expect(pty.waitForOutput(containing: osc52).contains(osc52))
        pty.send("q")
        var running = true
        eventually {
            running = loop.step(&app)
            return !running
        }
        #expect(!running)
        #expect(loop.exitReason == .quit)
    }
}

@Suite struct SequenceTests {
    @Test func base64() {
        #expect(TerminalSequences.base64(Array("".utf8)) == "")
        #expect(TerminalSequences.base64(Array("f".utf8)) == "Zg==")
        #expect(TerminalSequences.base64(Array("fo".utf8)) == "Zm8=")
        #expect(TerminalSequences.base64(Array("foo".utf8)) == "Zm9v")
        #expect(TerminalSequences.base64(Array("hello world".utf8)) == "aGVsbG8gd29ybGQ=")
    }

    @Test func clipboardWrapping() {
        let plain = TerminalSequences.clipboard("hi", environment: [:])
        #expect(plain == "\u{1B}]52;c;aGk=\u{07}")
        let tmux = TerminalSequences.clipboard("hi", environment: ["TMUX": "/tmp/tmux-0/default,1,0"])
        #expect(tmux == "\u{1B}]52;c;aGk=\u{07}" + "\u{1B}Ptmux;\u{1B}\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
        let screen = TerminalSequences.clipboard("hi", environment: ["STY": "1234.pts-0"])
        #expect(screen == "\u{1B}P\u{1B}]52;c;aGk=\u{07}\u{1B}\\")
        let long = TerminalSequences.clipboard(String(repeating: "a", count: 3000), environment: ["STY": "x"]) ?? ""
        #expect(long.split(separator: "\u{1B}P", omittingEmptySubsequences: false).count - 1 == 6)
        #expect(TerminalSequences.clipboard(String(repeating: "a", count: 70_000), environment: [:]) == nil)
    }

    @Test func hyperlinksCannotBeBrokenOutOf() {
        let link = TerminalSequences.hyperlink(url: "https://x.test/a b\u{1B}]52;c;x\u{07}", text: "open\u{1B}[2J")
        #expect(link == "\u{1B}]8;;https://x.test/a%20b%1B]52;c;x%07\u{1B}\\open\u{1B}]8;;\u{1B}\\")
        let at = TerminalSequences.hyperlinkAt(url: "u", text: "t", x: 4, y: 2)
        #expect(at.hasPrefix("\u{1B}7\u{1B}[3;5H") && at.hasSuffix("\u{1B}8"))
    }
}
