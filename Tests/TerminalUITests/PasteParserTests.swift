import Testing

@testable import TerminalUI

/// The bracketed-paste parser, fed what ncurses returns (characters and recognised keys), with the time
/// passed in: a paste is one `.paste` however it is split, never keys.
@Suite struct PasteParserTests {
    static func raw(_ s: String) -> [PasteParser.Raw] { s.unicodeScalars.map { .scalar($0) } }

    /// Feeds the chunks, each followed by "no more input" at the same moment (`idle`).
    static func run(_ chunks: [String], parser p: inout PasteParser, at t: Double = 0) -> [TerminalInput] {
        var out: [TerminalInput] = []
        for c in chunks {
            for r in raw(c) { out += p.feed(r, now: t) }
            out += p.idle(now: t)
        }
        return out
    }

    static func run(_ chunks: String...) -> [TerminalInput] {
        var p = PasteParser()
        return run(chunks, parser: &p)
    }

    static let start = "\u{1B}[200~", end = "\u{1B}[201~"

    @Test func aBracketedPasteIsOnePasteAndTheKeysAroundItStayKeys() {
        let out = Self.run("a" + Self.start + "abc\twith tab\rq i\u{13}" + Self.end + "b")
        #expect(out == [.key(.char("a")), .paste(Paste(text: "abc\twith tab\rq i\u{13}")), .key(.char("b"))])
    }

    /// Split at every position, across the start marker, the text and the end marker: still one paste.
    @Test func aPasteSplitAcrossReadsAtAnyPointIsStillOnePaste() {
        let whole = Self.start + "x\ty\r\u{1B}[A" + Self.end
        let scalars = Array(whole.unicodeScalars)
        for cut in 1..<scalars.count {
            var head = String.UnicodeScalarView(), tail = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<cut])
            tail.append(contentsOf: scalars[cut...])
            var p = PasteParser()
            var out = Self.run([String(head)], parser: &p, at: 0)
            #expect(out.isEmpty || cut == 1, "cut \(cut): nothing may come out before the paste ends: \(out)")
            out += Self.run([String(tail)], parser: &p, at: 0.01)
            // The Esc of the start marker alone in the first read is delivered as Esc (ncurses had already
            // waited for more); the paste still follows as one paste.
            let pastes = out.filter { if case .paste = $0 { true } else { false } }
            #expect(pastes == [.paste(Paste(text: "x\ty\r\u{1B}[A"))], "cut \(cut): \(out)")
            #expect(out.allSatisfy { $0 == .key(.escape) || pastes.contains($0) }, "cut \(cut): \(out)")
        }
    }

    @Test func loneEscAndAltKeysAreStillKeys() {
        #expect(Self.run("\u{1B}") == [.key(.escape)])
        #expect(Self.run("\u{1B}x") == [.key(.escape), .key(.char("x"))])
        #expect(Self.run("\u{1B}\u{1B}") == [.key(.escape), .key(.escape)])
        #expect(Self.run("[") == [.key(.char("["))])
        // An Esc, then `[` much later: two keys.
        var p = PasteParser()
        var out = Self.run(["\u{1B}"], parser: &p, at: 0)
        out += Self.run(["["], parser: &p, at: 5)
        #expect(out == [.key(.escape), .key(.char("["))])
    }

    @Test func aPartialStartMarkerWaitsThenCountsAsKeys() {
        var p = PasteParser()
        #expect(Self.run(["\u{1B}[20"], parser: &p, at: 0).isEmpty)
        #expect(p.deadline == PasteParser.markerTimeout)
        #expect(p.idle(now: 0.1).isEmpty)
        #expect(p.idle(now: PasteParser.markerTimeout) == [.key(.escape), .key(.char("[")), .key(.char("2")), .key(.char("0"))])
        #expect(p.deadline == nil)
    }

    @Test func recognisedKeysBreakAPartialMarkerAndAreDroppedInsideAPaste() {
        var p = PasteParser()
        var out = p.feed(.scalar("\u{1B}"), now: 0) + p.feed(.key(.up), now: 0)
        #expect(out == [.key(.escape), .key(.up)])
        out = Self.run([Self.start + "a"], parser: &p)
        out += p.feed(.key(.down), now: 0) + p.feed(.key(.resize), now: 0) + p.feed(.key(.enter), now: 0)
        out += Self.run(["b" + Self.end], parser: &p)
        #expect(out == [.key(.resize), .paste(Paste(text: "a\rb"))])
    }

    /// A paste whose end marker does not come: what came is delivered as text after the idle time-out (the
    /// screen shows it), and the paste goes on until its end marker or a long silence; only after that
    /// silence are keys keys again (a terminal that never ends its paste costs a wait, never an action).
    @Test func anUnterminatedPasteIsTextUntilALongSilenceThenKeysFollow() {
        var p = PasteParser()
        #expect(Self.run([Self.start + "half a pas"], parser: &p, at: 0).isEmpty)
        #expect(p.isPasting)
        #expect(p.deadline == PasteParser.idleTimeout)
        #expect(p.idle(now: PasteParser.idleTimeout - 0.1).isEmpty)
        #expect(p.idle(now: PasteParser.idleTimeout) == [.paste(Paste(text: "half a pas"))])
        #expect(p.isPasting && p.deadline == PasteParser.abandonTimeout)
        // Still the paste: text, not keys.
        #expect(Self.run(["q"], parser: &p, at: 3).isEmpty)
        #expect(p.idle(now: 3 + PasteParser.idleTimeout) == [.paste(Paste(text: "q"))])
        let quiet = 3 + PasteParser.abandonTimeout
        #expect(p.idle(now: quiet - 0.1).isEmpty && p.isPasting)
        #expect(p.idle(now: quiet).isEmpty)
        #expect(!p.isPasting && p.deadline == nil)
        #expect(Self.run(["q"], parser: &p, at: quiet + 1) == [.key(.char("q"))])
        // A partial end marker waits for its end; at the long silence it is text.
        var p2 = PasteParser()
        _ = Self.run([Self.start + "x\u{1B}[20"], parser: &p2, at: 0)
        #expect(p2.idle(now: PasteParser.idleTimeout) == [.paste(Paste(text: "x"))])
        #expect(p2.idle(now: PasteParser.abandonTimeout) == [.paste(Paste(text: "\u{1B}[20"))])
    }

    /// A paste that stalls on a slow link (a gap longer than the idle time-out, then the rest and its end
    /// marker) is text all through: before, the rest was read as keys (q quit, i changed the importance).
    @Test func aPasteThatStallsIsStillTextWhenTheRestComes() {
        var p = PasteParser()
        #expect(Self.run([Self.start + "hello "], parser: &p, at: 0).isEmpty)
        #expect(p.idle(now: 2.5) == [.paste(Paste(text: "hello "))])
        let rest = Self.run(["qiat\r\tend" + Self.end + "j"], parser: &p, at: 7)
        #expect(rest == [.paste(Paste(text: "qiat\r\tend")), .key(.char("j"))])
        #expect(!p.isPasting)
        // The stall fell inside the end marker: its start was held, not delivered.
        var p2 = PasteParser()
        _ = Self.run([Self.start + "abc\u{1B}[2"], parser: &p2, at: 0)
        #expect(p2.idle(now: 2.5) == [.paste(Paste(text: "abc"))])
        #expect(Self.run(["01~k"], parser: &p2, at: 6) == [.key(.char("k"))])
    }

    /// The cap counts the whole paste, across the chunks a stall makes.
    @Test func theCapCountsAStalledPasteWhole() {
        var p = PasteParser()
        var out: [TerminalInput] = []
        for r in Self.raw(Self.start) { out += p.feed(r, now: 0) }
        for _ in 0..<(PasteParser.maxScalars - 10) { out += p.feed(.scalar("i"), now: 0) }
        out += p.idle(now: 2.5)
        for _ in 0..<100 { out += p.feed(.scalar("j"), now: 3) }
        for r in Self.raw(Self.end) { out += p.feed(r, now: 3) }
        let pastes = out.compactMap { if case .paste(let q) = $0 { q } else { nil } }
        #expect(pastes.map(\.text.unicodeScalars.count) == [PasteParser.maxScalars - 10, 10])
        #expect(pastes.map(\.truncated) == [false, true])
    }

    @Test func aHugePasteIsCappedReadToItsEndAndMarkedTruncated() {
        var p = PasteParser()
        var out: [TerminalInput] = []
        for r in Self.raw(Self.start) { out += p.feed(r, now: 0) }
        for _ in 0..<(PasteParser.maxScalars + 50_000) { out += p.feed(.scalar("i"), now: 0) }
        for r in Self.raw(Self.end + "j") { out += p.feed(r, now: 0) }
        #expect(out.count == 2)
        guard case .paste(let paste)? = out.first else { Issue.record("no paste: \(out.prefix(3))"); return }
        #expect(paste.truncated)
        #expect(paste.text.unicodeScalars.count == PasteParser.maxScalars)
        #expect(out.last == .key(.char("j")), "the rest of the paste must not become keys")
    }

    @Test func aStrayEndMarkerIsSwallowed() {
        #expect(Self.run("a" + Self.end + "b") == [.key(.char("a")), .key(.char("b"))])
    }

    @Test func twoPastesInARow() {
        #expect(Self.run(Self.start + "one" + Self.end + Self.start + "two" + Self.end)
                == [.paste(Paste(text: "one")), .paste(Paste(text: "two"))])
        #expect(Self.run(Self.start + Self.end) == [.paste(Paste(text: ""))])
    }
}

/// The terminal's interrupt, quit and suspend characters (Ctrl-C, Ctrl-\, Ctrl-Z by default) are read by
/// the app, not by the line discipline: typed, they are the signal they stand for; pasted, they are text.
@Suite struct PasteParserSignalKeyTests {
    static let signals: [Unicode.Scalar: Int32] = ["\u{03}": 2, "\u{1C}": 3, "\u{1A}": 20]

    @Test func typedTheyAreTheirSignalsPastedTheyAreText() {
        var p = PasteParser()
        p.signalKeys = Self.signals
        let out = PasteParserTests.run(["a\u{03}\u{1C}\u{1A}" + PasteParserTests.start + "x\u{03}y\u{1C}z\u{1A}"
            + PasteParserTests.end + "b"], parser: &p)
        #expect(out == [.key(.char("a")), .signal(2), .signal(3), .signal(20),
                        .paste(Paste(text: "x\u{03}y\u{1C}z\u{1A}")), .key(.char("b"))])
    }

    /// Without the table (a terminal whose characters are undefined), Ctrl-C is the key it always was.
    @Test func withoutSignalKeysCtrlCIsAKey() {
        #expect(PasteParserTests.run("\u{03}") == [.key(.ctrl("c"))])
    }
}
