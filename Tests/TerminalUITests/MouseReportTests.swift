import Testing

@testable import TerminalUI

/// A mouse report (SGR `\e[<b;x;yM`, X10 `\e[Mbxy`) reaches the input parser as characters (NcursesScreen
/// leaves the decoding to it): whole or split anywhere it is one mouse event, never an Esc and keys; a broken
/// or unfinished one is dropped.
@Suite struct MouseReportTests {
    typealias P = PasteParserTests

    static let press = "\u{1B}[<0;12;7M", release = "\u{1B}[<0;12;7m"

    /// What the parser gives for `report` cut in two at each position, each part followed by "no more input".
    static func eachCut(_ report: String, _ check: (Int, [TerminalInput]) -> Void) {
        let scalars = Array(report.unicodeScalars)
        for cut in 1..<scalars.count {
            var head = String.UnicodeScalarView(), tail = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<cut])
            tail.append(contentsOf: scalars[cut...])
            var p = PasteParser()
            var out = P.run([String(head)], parser: &p, at: 0)
            out += P.run([String(tail)], parser: &p, at: 0.05)
            check(cut, out)
        }
    }

    /// Split at every position (each part followed by "no more input"): one press at column 11, row 6
    /// (0-based), and nothing else but the Esc ncurses already gave up waiting on.
    @Test func aReportSplitAtAnyPointIsOneEvent() {
        Self.eachCut(Self.press) { cut, out in
            let mice = out.filter { if case .mouse = $0 { true } else { false } }
            #expect(mice == [.mouse(MouseEvent(.press, x: 11, y: 6))], "cut \(cut): \(out)")
            #expect(out.allSatisfy { $0 == .key(.escape) || mice.contains($0) }, "cut \(cut): \(out)")
            // Only an Esc that came alone was delivered as a key.
            #expect(!out.contains(.key(.escape)) || cut == 1, "cut \(cut): \(out)")
        }
    }

    @Test func releasesMotionAndOtherButtonsAreDroppedAndTheWheelIsKept() {
        #expect(P.run(Self.press + Self.release) == [.mouse(MouseEvent(.press, x: 11, y: 6))])
        #expect(P.run("\u{1B}[<64;3;4M") == [.mouse(MouseEvent(.wheelUp, x: 2, y: 3))])
        #expect(P.run("\u{1B}[<65;3;4M") == [.mouse(MouseEvent(.wheelDown, x: 2, y: 3))])
        #expect(P.run("\u{1B}[<81;3;4M") == [.mouse(MouseEvent(.wheelDown, x: 2, y: 3))])  // Ctrl + wheel
        #expect(P.run("\u{1B}[<2;3;4M", "\u{1B}[<32;3;4M", "\u{1B}[<1;3;4M").isEmpty)
        #expect(P.run("\u{1B}[<0;200;50Mj") == [.mouse(MouseEvent(.press, x: 199, y: 49)), .key(.char("j"))])
    }

    /// What is not a report stays keys: a lone Esc, `[<` typed without an Esc.
    @Test func notAReportStaysKeys() {
        #expect(P.run("[<0;1;1M") == "[<0;1;1M".map { .key(.char($0)) })
        #expect(P.run("\u{1B}", "[j") == [.key(.escape), .key(.char("[")), .key(.char("j"))])
    }

    /// A report that is broken, or half read and never finished, is the terminal's: dropped, never an Esc
    /// and keys (`M` is move, digits open views); what is typed after it is keys again.
    @Test func aBrokenOrUnfinishedReportIsDroppedNotKeys() {
        #expect(P.run("\u{1B}[<0;1xj") == [.key(.char("j"))])
        #expect(P.run("\u{1B}[<123456;1;1Mj") == [.key(.char("j"))])
        #expect(P.run("\u{1B}[M!\u{07}") == [])                       // X10 with a control in it
        #expect(P.run("\u{1B}[<0;1x\u{1B}[<0;3;4M") == [.mouse(MouseEvent(.press, x: 2, y: 3))])
        // Half a report, then nothing: it times out as nothing, and the next key is a key.
        for half in ["\u{1B}[<0;5", "\u{1B}[<", "\u{1B}[M", "\u{1B}[M !"] {
            var p = PasteParser()
            #expect(P.run([half], parser: &p, at: 0).isEmpty, "\(half.debugDescription)")
            #expect(p.idle(now: 1).isEmpty, "\(half.debugDescription) timed out as keys")
            #expect(p.feed(.scalar("j"), now: 1.1) == [.key(.char("j"))])
        }
        // Its Esc alone was already a key (ncurses gave up waiting); the rest, unfinished, is not.
        var p = PasteParser()
        #expect(P.run(["\u{1B}"], parser: &p, at: 0) == [.key(.escape)])
        #expect(P.run(["[<0;5"], parser: &p, at: 0.05).isEmpty)
        #expect(p.idle(now: 1).isEmpty)
    }

    /// X10 reports (a terminal without SGR): `\e[M` and button, column, row + 32, whole or split anywhere.
    @Test func anX10ReportSplitAtAnyPointIsOneEvent() {
        Self.eachCut("\u{1B}[M +'") { cut, out in   // button 0, column 11, row 7
            let mice = out.filter { if case .mouse = $0 { true } else { false } }
            #expect(mice == [.mouse(MouseEvent(.press, x: 10, y: 6))], "cut \(cut): \(out)")
            #expect(out.allSatisfy { $0 == .key(.escape) || mice.contains($0) }, "cut \(cut): \(out)")
        }
        #expect(P.run("\u{1B}[M#+'") == [], "a release")
        #expect(P.run("\u{1B}[M`+'\u{1B}[Ma+'") == [.mouse(MouseEvent(.wheelUp, x: 10, y: 6)), .mouse(MouseEvent(.wheelDown, x: 10, y: 6))])
        #expect(P.run("\u{1B}[M \u{C8}!j") == [.mouse(MouseEvent(.press, x: 167, y: 0)), .key(.char("j"))], "UTF-8 columns (1005)")
    }
}
