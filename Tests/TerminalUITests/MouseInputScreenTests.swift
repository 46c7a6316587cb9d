import Foundation
import TermText
#if canImport(Glibc)
import Glibc
#endif
import Testing

@testable import TerminalUI

extension ScreenTests {
    struct NoPty: Error {}

    /// The real ncurses on a pty with the mouse on, for `term`.
    static func mouseScreen(term: String = "xterm-256color") throws -> (HeadlessTerminal, NcursesScreen) {
        guard let pty = HeadlessTerminal(width: 80, height: 24) else { throw NoPty() }
        var o = pty.screenOptions(term: term)
        o.mouse = true
        let screen = try NcursesScreen(options: o)
        _ = drain(screen, ms: 50)
        return (pty, screen)
    }

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
            let (pty, screen) = try Self.mouseScreen()
            defer { screen.shutdown() }
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

extension ScreenTests {
    /// TERM=screen (terminfo `kmous=\e[M`: X10 only): SGR (1006) is asked for too; an SGR report, an X10 one
    /// whole or split, is one press; half an X10 report never blocks the reader (ncurses used to wait in read()
    /// for its last bytes) and never becomes keys: the keys typed after it arrive on time, as keys.
    @Test func onAnX10TerminalSGRIsAskedForAndNoReportBecomesKeys() throws {
        for chunks in [["\u{1B}[<0;10;5M"], ["\u{1B}[M *%"], ["\u{1B}", "[M *%"], ["\u{1B}[M", " *%"]] {
            let (pty, screen) = try Self.mouseScreen(term: "screen")
            defer { screen.shutdown() }
            let setup = String(decoding: pty.captured(), as: UTF8.self)
            #expect(setup.contains("\u{1B}[?1000h") && setup.contains("\u{1B}[?1006h"), "\(setup.debugDescription)")
            var got: [TerminalInput] = []
            for c in chunks {
                pty.send(c)
                got += Self.drain(screen, ms: 100)
            }
            got += Self.drain(screen, ms: 400)
            let presses = got.filter { $0 == .mouse(MouseEvent(.press, x: 9, y: 4)) }
            #expect(presses.count == 1, "\(chunks): \(got)")
            #expect(got.allSatisfy { $0 == .key(.escape) || presses.contains($0) }, "\(chunks): \(got)")
        }
        let (pty, screen) = try Self.mouseScreen(term: "screen")
        defer { screen.shutdown() }
        pty.send("\u{1B}[M ")
        let fd = pty.masterFD
        let keysLater = Thread {
            Thread.sleep(forTimeInterval: 1.0)
            var b: [UInt8] = Array("jjj".utf8)
            _ = write(fd, &b, b.count)
        }
        keysLater.start()
        let t0 = NcursesScreen.monotonicSeconds()
        let half = Self.drain(screen, ms: 500)
        #expect(NcursesScreen.monotonicSeconds() - t0 < 0.9, "the reader waited in read() for the report's end")
        #expect(half.isEmpty, "\(half)")
        let after = Self.drain(screen, ms: 1200)
        #expect(after == Array(repeating: .key(.char("j")), count: 3), "\(after)")
        screen.shutdown()
        let restored = pty.waitForOutput(timeoutSeconds: 5) { $0.contains("\u{1B}[?1006l") }
        #expect(restored.contains("\u{1B}[?1006l"), "SGR off again on exit")
    }
}
