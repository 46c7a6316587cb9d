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

    @Test func anUnterminatedPasteEndsAfterTheIdleTimeoutAsTextAndKeysFollow() {
        var p = PasteParser()
        #expect(Self.run([Self.start + "half a pas"], parser: &p, at: 0).isEmpty)
        #expect(p.isPasting)
        #expect(p.deadline == PasteParser.idleTimeout)
        #expect(p.idle(now: PasteParser.idleTimeout - 0.1).isEmpty)
        #expect(p.idle(now: PasteParser.idleTimeout) == [.paste(Paste(text: "half a pas"))])
        #expect(!p.isPasting && p.deadline == nil)
        #expect(Self.run(["q"], parser: &p, at: 3) == [.key(.char("q"))])
        // A partial end marker at the time-out is text.
        var p2 = PasteParser()
        _ = Self.run([Self.start + "x\u{1B}[20"], parser: &p2, at: 0)
        #expect(p2.idle(now: 10) == [.paste(Paste(text: "x\u{1B}[20"))])
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
