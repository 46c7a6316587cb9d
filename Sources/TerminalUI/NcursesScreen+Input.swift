// NcursesScreen: keys, bracketed pastes (PasteParser), mode reports and mouse events from curses' input
// (docs/terminal.md, Bracketed paste).
import CNcurses
import CTerminal
import TermText

#if canImport(Glibc)
import Glibc
#endif

extension NcursesScreen {
    // MARK: - Keys and pastes

    /// The next key or paste if one is waiting (never blocks, except ncurses' 25 ms wait after a lone
    /// Esc). A bracketed paste (`\e[200~ … \e[201~`) is one `.paste`, even when it arrives over several
    /// reads; until it ends (or times out: `inputDeadline`) nothing of it is returned.
    public func readInput() -> TerminalInput? {
        while true {
            if !inputQueue.isEmpty { return inputQueue.removeFirst() }
            var ch: wint_t = 0
            let r = wget_wch(window, &ch)
            let now = Self.monotonicSeconds()
            if r == ERR {
                inputQueue = paste.idle(now: now)
                if inputQueue.isEmpty { return nil }
                continue
            }
            if r == KEY_CODE_YES {
                if Int32(ch) == shim_key_mouse() {
                    if let m = Self.mouseEvent() { inputQueue.append(.mouse(m)) }
                    continue
                }
                guard let k = Self.functionKey(Int32(ch)) else { continue }  // unknown function key: skip
                inputQueue = paste.feed(.key(k), now: now)
            } else if let scalar = Unicode.Scalar(UInt32(ch)) {
                inputQueue = paste.feed(.scalar(scalar), now: now)
                takeModeReports()
            }
        }
    }

    /// Answers to mode queries found in the input: the one to the synchronized-output query turns it on.
    private func takeModeReports() {
        for report in paste.takeModeReports() where report.mode == SynchronizedOutput.mode {
            if options.synchronizedOutput == "auto" { synchronizedOutput = report.isSupported }
        }
    }

    /// The next key (a paste is skipped). For tests of the backend; the event loop uses `readInput`.
    public func readKey() -> Key? {
        while let input = readInput() {
            if case .key(let k) = input { return k }
        }
        return nil
    }

    /// When `readInput` must be called again although no input arrived (an unfinished paste or marker
    /// times out), in `monotonicSeconds`; nil when nothing waits.
    public var inputDeadline: Double? { paste.deadline }

    /// Seconds on a monotonic clock (the time base of `inputDeadline`).
    public static func monotonicSeconds() -> Double {
        let d = ContinuousClock.now - clockOrigin
        return Double(d.components.seconds) + Double(d.components.attoseconds) / 1e18
    }
    private static let clockOrigin = ContinuousClock.now

    /// Flow control off so Ctrl-S (send in the comment editor) and Ctrl-Q reach the app; the signal
    /// characters too, so a paste holding a Ctrl-C, Ctrl-\ or Ctrl-Z stays text (typed, the parser turns
    /// them into their signals). Recorded as curses' program mode so it survives suspend/resume and the
    /// external editor. Returns the signal characters (nil: not a terminal).
    static func takeFlowControlAndSignalKeys(_ ttyFd: Int32) -> [Unicode.Scalar: Int32]? {
        var tty = termios()
        guard tcgetattr(ttyFd, &tty) == 0 else { return nil }
        let keys = signalCharacters(tty)
        tty.c_iflag &= ~tcflag_t(IXON)
        tty.c_lflag &= ~tcflag_t(ISIG)
        _ = tcsetattr(ttyFd, TCSANOW, &tty)
        _ = def_prog_mode()
        return keys
    }

    /// Whether terminfo has `cup` (cursor address): without it curses cannot draw a screen.
    static func terminfoCanMoveCursor() -> Bool {
        guard let p = tigetstr("cup") else { return false }
        return Int(bitPattern: p) != -1
    }

    /// The terminal's interrupt, quit and suspend characters (`stty intr`, `quit`, `susp`; Ctrl-C, Ctrl-\,
    /// Ctrl-Z by default) and their signals; an undefined one is left out.
    static func signalCharacters(_ tty: termios) -> [Unicode.Scalar: Int32] {
        var table: [Unicode.Scalar: Int32] = [:]
        withUnsafeBytes(of: tty.c_cc) { cc in
            for (index, signal) in [(VINTR, SIGINT), (VQUIT, SIGQUIT), (VSUSP, SIGTSTP)] where Int(index) < cc.count {
                let byte = cc[Int(index)]
                // 0 is _POSIX_VDISABLE on Linux: the character is switched off.
                if byte != 0 { table[Unicode.Scalar(byte)] = signal }
            }
        }
        return table
    }

    /// The mouse event ncurses decoded (nil: not one of the kinds asked for).
    static func mouseEvent() -> MouseEvent? {
        var x: Int32 = 0, y: Int32 = 0, kind: Int32 = 0
        guard shim_getmouse(&x, &y, &kind) == OK else { return nil }
        switch kind {
        case 1: return MouseEvent(.press, x: Int(x), y: Int(y))
        case 4: return MouseEvent(.wheelUp, x: Int(x), y: Int(y))
        case 5: return MouseEvent(.wheelDown, x: Int(x), y: Int(y))
        default: return nil
        }
    }

    /// Home and End as terminals send them whatever TERM says: tmux and screen send `ESC [1~`/`ESC [4~`
    /// (also when TERM inside is xterm-256color, whose terminfo has `ESC OH`/`ESC OF`), rxvt `ESC [7~`/`ESC [8~`,
    /// xterm outside keypad mode `ESC [H`/`ESC [F`. Without these, curses reads the ESC as Esc (closing a
    /// form) and the rest as typed keys. A sequence terminfo already binds is left as it is.
    static func defineAlternateKeys() {
        let alternates: [(String, Int32)] = [
            ("\u{1B}[1~", KEY_HOME), ("\u{1B}[7~", KEY_HOME), ("\u{1B}[H", KEY_HOME), ("\u{1B}OH", KEY_HOME),
            ("\u{1B}[4~", KEY_END), ("\u{1B}[8~", KEY_END), ("\u{1B}[F", KEY_END), ("\u{1B}OF", KEY_END),
        ]
        for (sequence, code) in alternates where key_defined(sequence) == 0 {
            _ = define_key(sequence, code)
        }
    }

    static func functionKey(_ code: Int32) -> Key? {
        switch code {
        case KEY_UP: return .up
        case KEY_DOWN: return .down
        case KEY_LEFT: return .left
        case KEY_RIGHT: return .right
        case KEY_PPAGE: return .pageUp
        case KEY_NPAGE: return .pageDown
        case KEY_HOME, KEY_A1: return .home
        case KEY_END, KEY_C1: return .end
        case KEY_ENTER: return .enter
        case KEY_BACKSPACE: return .backspace
        case KEY_DC: return .delete
        case KEY_IC: return .insert
        case KEY_BTAB: return .backTab
        case KEY_RESIZE: return .resize
        default:
            for n in 1...24 where shim_key_f(Int32(n)) == code { return .function(n) }
            return nil
        }
    }
}
