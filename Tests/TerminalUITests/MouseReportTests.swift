import Testing

@testable import TerminalUI

/// An SGR mouse report (`\e[<b;x;yM`) that reaches the input parser as characters — ncurses hands it over
/// that way when it arrives split, the Esc alone first — is one mouse event, never an Esc and keys.
@Suite struct MouseReportTests {
    typealias P = PasteParserTests

    static let press = "\u{1B}[<0;12;7M", release = "\u{1B}[<0;12;7m"

    /// Split at every position (each part followed by "no more input"): one press at column 11, row 6
    /// (0-based), and nothing else but the Esc ncurses already gave up waiting on.
    @Test func aReportSplitAtAnyPointIsOneEvent() {
        let scalars = Array(Self.press.unicodeScalars)
        for cut in 1..<scalars.count {
            var head = String.UnicodeScalarView(), tail = String.UnicodeScalarView()
            head.append(contentsOf: scalars[..<cut])
            tail.append(contentsOf: scalars[cut...])
            var p = PasteParser()
            var out = P.run([String(head)], parser: &p, at: 0)
            out += P.run([String(tail)], parser: &p, at: 0.05)
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

    /// What is not a report stays keys as before: a lone Esc, `[<` typed, a broken report.
    @Test func notAReportStaysKeys() {
        #expect(P.run("[<0;1;1M") == "[<0;1;1M".map { .key(.char($0)) })
        #expect(P.run("\u{1B}[<0;1x").first == .key(.escape))
        #expect(P.run("\u{1B}[<0;1x").contains(.key(.char("x"))))
        #expect(P.run("\u{1B}[<123456;1;1M").first == .key(.escape))
        // A partial report with nothing more: keys after the marker wait.
        var p = PasteParser()
        #expect(P.run(["\u{1B}[<0;5"], parser: &p, at: 0).isEmpty)
        #expect(p.idle(now: 1).first == .key(.escape))
    }
}
