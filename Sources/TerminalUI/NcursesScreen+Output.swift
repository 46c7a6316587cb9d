// NcursesScreen: giving the terminal away (Ctrl-Z, $EDITOR), bytes written outside curses (OSC 52, OSC 8,
// the bell) and reading curses' cells back for tests (docs/terminal.md).
import CNcurses
import CTerminal
import TermText

#if canImport(Glibc)
import Glibc
#endif

extension NcursesScreen {
    // MARK: - Suspend, external programs, raw output

    /// Ctrl-Z: gives the terminal back, stops the process, and takes the screen again on resume.
    public func suspend() {
        withTerminalReleased { cterm_suspend_self() }
        handleResize()
    }

    /// Leaves curses mode, runs `body` (an external program such as $EDITOR can use the terminal), then
    /// restores the screen and repaints it.
    /// Bracketed paste is off meanwhile (the shell or editor sets its own) and on again afterwards.
    public func withTerminalReleased<R>(_ body: () throws -> R) rethrows -> R {
        writeDirect(TerminalSequences.bracketedPasteOff)
        _ = curs_set(1)
        endwin()
        cterm_set_screen_active(0)
        defer {
            // The app's own terminal mode (IXON off) before anything is written: a Ctrl-S typed while the
            // shell's mode was back (flow control on) stopped the terminal's output, and the first write
            // (`curs_set`) would wait for a Ctrl-Q forever. Clearing IXON lets the output go on.
            _ = reset_prog_mode()
            cterm_set_screen_active(1)
            _ = curs_set(0)
            forceFullRepaint()
            _ = wrefresh(window)
            writeDirect(TerminalSequences.bracketedPasteOn)
        }
        return try body()
    }

    /// Writes bytes straight to the terminal, after curses' own output (call after `draw`). For sequences
    /// that do not move the cursor or change what curses believes is on screen (OSC 52, bell), or that
    /// save and restore the cursor (`showHyperlink`).
    public func writeDirect(_ s: String) {
        var s = s
        s.withUTF8 { buf in
            if let base = buf.baseAddress { _ = cterm_write_all(options.outputFD, base, buf.count) }
        }
    }

    /// Copies `text` to the local clipboard with OSC 52 (wrapped for tmux and screen).
    @discardableResult
    public func copyToClipboard(_ text: String) -> Bool {
        guard let seq = TerminalSequences.clipboard(text, environment: options.environment) else { return false }
        writeDirect(seq)
        return true
    }

    /// Turns the cells at (x, y) into an OSC 8 hyperlink to `url`. `text` must be what the last draw put
    /// there (it is written again, inside the link, with the cursor saved and restored around it).
    public func showHyperlink(url: String, text: String, x: Int, y: Int) {
        writeDirect(TerminalSequences.hyperlinkAt(url: url, text: text, x: x, y: y))
    }

    /// Rings the terminal bell.
    public func bell() { _ = beep() }

    // MARK: - Reading back (tests)

    /// The text of the cell at (x, y) as curses holds it (for tests of the backend).
    public func cellText(x: Int, y: Int) -> String? {
        var buf = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        guard shim_cell_char(window, Int32(y), Int32(x), &buf, 8, &attrs, &pair) == OK else { return nil }
        var s = String.UnicodeScalarView()
        for w in buf {
            if w == 0 { break }
            if let u = Unicode.Scalar(UInt32(bitPattern: w)) { s.append(u) }
        }
        return String(s)
    }

    /// The curses colour pair of the cell at (x, y) (for tests).
    public func cellPair(x: Int, y: Int) -> Int {
        var buf = [wchar_t](repeating: 0, count: 8)
        var attrs: attr_t = 0
        var pair: Int16 = 0
        _ = shim_cell_char(window, Int32(y), Int32(x), &buf, 8, &attrs, &pair)
        return Int(pair)
    }

    /// The colour pair used for a role (0 = the terminal's default colours).
    public func pair(for role: Role) -> Int { Int(rolePairs[Int(role.rawValue)]) }
}
