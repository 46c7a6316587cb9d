import Testing

@testable import TerminalUI

/// Synchronized output (DEC mode 2026): frames are wrapped in `\e[?2026h` … `\e[?2026l` only when the
/// terminal announces the mode (its answer to DECRQM, or terminfo's `Sync`) or the config says "on";
/// the answer is taken out of the input and never read as keys. Pure parts here; the ones on a pty are
/// `ScreenTests` (curses is global state: one screen at a time).
@Suite struct SynchronizedOutputTests {
    static let query = "\u{1B}[?2026$p"
    static let begin = "\u{1B}[?2026h", end = "\u{1B}[?2026l"

    static func keys(_ s: String, into p: inout PasteParser, at t: Double = 0) -> [TerminalInput] {
        var out: [TerminalInput] = []
        for u in s.unicodeScalars { out += p.feed(.scalar(u), now: t) }
        return out + p.idle(now: t)
    }

    @Test func anAnswerBetweenKeysIsTakenOutAndTheKeysStay() {
        var p = PasteParser()
        let out = Self.keys("j\u{1B}[?2026;2$yk", into: &p)
        #expect(out == [.key(.char("j")), .key(.char("k"))])
        #expect(p.takeModeReports() == [ModeReport(mode: 2026, setting: 2)])
        #expect(p.takeModeReports().isEmpty)
    }

    /// Something that only starts like an answer is keys (after the marker time-out), not swallowed.
    @Test func aBrokenAnswerIsKeys() {
        var p = PasteParser()
        var out = Self.keys("\u{1B}[?20x", into: &p)
        #expect(out == [.key(.escape), .key(.char("[")), .key(.char("?")), .key(.char("2")), .key(.char("0")), .key(.char("x"))])
        #expect(p.takeModeReports().isEmpty)
        out = Self.keys("\u{1B}[?2026;1$", into: &p, at: 1)
        out += p.idle(now: 1 + PasteParser.markerTimeout)
        #expect(out.contains(.key(.char("$"))) && out.contains(.key(.char(";"))))
        #expect(p.takeModeReports().isEmpty)
        #expect(ModeReport.match(Array("\u{1B}[?123456;1$y".unicodeScalars)) == .no)
        #expect(ModeReport.match(Array("\u{1B}[?2026;0$y".unicodeScalars)) == .complete(ModeReport(mode: 2026, setting: 0)))
        #expect(!ModeReport(mode: 2026, setting: 0).isSupported && !ModeReport(mode: 2026, setting: 4).isSupported)
    }

    @Test func theSettingDecidesWhetherToAsk() {
        #expect(SynchronizedOutput.decide(setting: "auto", terminfoHasSync: false) == .ask)
        #expect(SynchronizedOutput.decide(setting: "auto", terminfoHasSync: true) == .on)
        #expect(SynchronizedOutput.decide(setting: "on", terminfoHasSync: false) == .on)
        #expect(SynchronizedOutput.decide(setting: "off", terminfoHasSync: true) == .off)
        #expect(Config.parse("synchronized-output = \"off\"").config.synchronizedOutput == "off")
        #expect(Config.parse("synchronized-output = true").config.synchronizedOutput == "on")
        #expect(Config.parse("synchronized-output = \"maybe\"").messages.count == 1)
    }

}

extension ScreenTests {
    static let syncQuery = SynchronizedOutputTests.query
    static let syncBegin = SynchronizedOutputTests.begin, syncEnd = SynchronizedOutputTests.end

    /// A screen on a pty; `answer` is what the fake terminal replies to the query (nil: nothing).
    func syncFrame(answer: String?, setting: String = "auto") throws -> (out: String, screen: NcursesScreen, keys: [Key]) {
        let pty = try #require(HeadlessTerminal(width: 30, height: 5))
        var o = pty.screenOptions()
        o.synchronizedOutput = setting
        let screen = try NcursesScreen(options: o)
        let asked = pty.waitForOutput(timeoutSeconds: setting == "auto" ? 120 : 0.2) { $0.contains(Self.syncQuery) }
        #expect(asked.contains(Self.syncQuery) == (setting == "auto"))
        var keys: [Key] = []
        if let answer {
            pty.send("a" + answer + "b")
            let deadline = NcursesScreen.monotonicSeconds() + 60
            while keys.count < 2 && NcursesScreen.monotonicSeconds() < deadline {
                if let k = screen.readKey() { keys.append(k) }
            }
        }
        pty.clearCaptured()
        var c = Canvas(width: 30, height: 5)
        c.put("frame one", x: 1, y: 1)
        screen.draw(c)
        let out = pty.waitForOutput(containing: "frame one")
        return (out, screen, keys)
    }

    @Test(arguments: ["\u{1B}[?2026;2$y", "\u{1B}[?2026;1$y"])
    func aTerminalThatAnswersGetsWrappedFrames(answer: String) throws {
        let (out, screen, keys) = try syncFrame(answer: answer)
        defer { screen.shutdown() }
        #expect(keys == [.char("a"), .char("b")])
        #expect(screen.synchronizedOutput)
        let b = try #require(out.range(of: Self.syncBegin)), t = try #require(out.range(of: "frame one"))
        let e = try #require(out.range(of: Self.syncEnd))
        #expect(b.upperBound <= t.lowerBound && t.upperBound <= e.lowerBound, "\(out.debugDescription)")
    }

    @Test(arguments: [nil, "\u{1B}[?2026;0$y", "\u{1B}[?2027;1$y"] as [String?])
    func aTerminalThatDoesNotAnnounceItGetsPlainFrames(answer: String?) throws {
        let (out, screen, keys) = try syncFrame(answer: answer)
        defer { screen.shutdown() }
        if answer != nil { #expect(keys == [.char("a"), .char("b")]) }
        #expect(!screen.synchronizedOutput)
        #expect(!out.contains(Self.syncBegin) && !out.contains(Self.syncEnd))
    }

    @Test func theConfigOverridesTheTerminal() throws {
        let on = try syncFrame(answer: nil, setting: "on")
        on.screen.shutdown()
        #expect(on.out.contains(Self.syncBegin) && on.out.contains(Self.syncEnd))
        let off = try syncFrame(answer: "\u{1B}[?2026;2$y", setting: "off")
        defer { off.screen.shutdown() }
        #expect(off.keys == [.char("a"), .char("b")])
        #expect(!off.out.contains(Self.syncBegin))
    }

    /// A frame that changes nothing sends nothing, not an empty pair of markers.
    @Test func anUnchangedFrameIsNotWrapped() throws {
        let pty = try #require(HeadlessTerminal(width: 30, height: 5))
        var o = pty.screenOptions()
        o.synchronizedOutput = "on"
        let screen = try NcursesScreen(options: o)
        defer { screen.shutdown() }
        var c = Canvas(width: 30, height: 5)
        c.put("same", x: 1, y: 1)
        screen.draw(c)
        _ = pty.waitForOutput(containing: Self.syncEnd)
        try #require(pty.sync() != nil)
        pty.clearCaptured()
        screen.draw(c)
        try #require(pty.sync() != nil)
        #expect(pty.captured().isEmpty)
    }
}
