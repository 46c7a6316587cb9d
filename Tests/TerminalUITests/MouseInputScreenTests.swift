import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import TerminalUI

extension ScreenTests {
    /// Reads everything the screen decodes within `ms` milliseconds.
    static func drain(_ screen: NcursesScreen, ms: Int) -> [TerminalInput] {
        var out: [TerminalInput] = []
        let end = NcursesScreen.monotonicSeconds() + Double(ms) / 1000
        while NcursesScreen.monotonicSeconds() < end {
            while let i = screen.readInput() { out.append(i) }
            usleep(2000)
        }
        return out
    }

    /// The real ncurses on a pty with the mouse on: a whole SGR report is decoded by ncurses; one whose Esc
    /// comes alone (the rest after ncurses' Esc wait) reaches the parser as characters and is still one
    /// press, not an Esc and the keys `[<0;10;5M` (`M` would open the move picker).
    @Test func anSGRReportIsOnePressWholeOrWithItsEscAlone() throws {
        for chunks in [["\u{1B}[<0;10;5M"], ["\u{1B}", "[<0;10;5M"], ["\u{1B}[<0;10;5M\u{1B}", "[<0;10;5m"]] {
            let pty = try #require(HeadlessTerminal(width: 80, height: 24))
            var o = pty.screenOptions()
            o.mouse = true
            let screen = try NcursesScreen(options: o)
            defer { screen.shutdown() }
            _ = Self.drain(screen, ms: 50)
            var got: [TerminalInput] = []
            for c in chunks {
                pty.send(c)
                got += Self.drain(screen, ms: 100)  // longer than ncurses' Esc wait (25 ms)
            }
            got += Self.drain(screen, ms: 400)
            let presses = got.filter { $0 == .mouse(MouseEvent(.press, x: 9, y: 4)) }
            #expect(presses.count == 1, "\(chunks): \(got)")
            #expect(got.allSatisfy { $0 == .key(.escape) || presses.contains($0) }, "\(chunks): \(got)")
        }
    }
}
