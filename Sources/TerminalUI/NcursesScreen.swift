// The ncurses backend: the only code in the project that talks to curses. It copies a Canvas to the
// screen (only the cells that changed; ncurses then computes the minimal terminal update), reads keys,
// handles resize and suspend, and writes OSC sequences outside curses' buffer. Main thread only.
// This file: start, shutdown and size; the rest is in NcursesScreen+Theme (colours), +Draw (the frame),
// +Input (keys, pastes, the mouse) and +Output (suspend, $EDITOR, OSC writes, reading back for tests).
// See docs/terminal.md.
import CNcurses
import CTerminal
import TermText

#if canImport(Glibc)
import Glibc
#endif

/// Why the screen could not start.
public enum ScreenError: Error, Sendable, Equatable, CustomStringConvertible {
    case notATerminal
    case unknownTerminal(String)
    case cannotStart(String)
    /// The terminal cannot put the cursor anywhere (no `cup`: TERM=dumb, a hard-copy terminal).
    case cannotMoveCursor(String)

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal (run wrike-tui in a terminal, not through a pipe)"
        case .unknownTerminal(let name):
            "the terminal type '\(name)' is unknown to this system's terminfo database; try TERM=xterm-256color"
        case .cannotStart(let why): "cannot start the terminal screen: \(why)"
        case .cannotMoveCursor(let name):
            "the terminal type '\(name)' cannot move the cursor, which a full-screen program needs; in a terminal "
                + "emulator try TERM=xterm-256color, or use the commands (wrike-tui tasks, task, comment; see --help)"
        }
    }
}

/// A curses screen on a terminal (by default stdin/stdout, or any tty such as a pty's slave).
public final class NcursesScreen {
    public struct Options {
        /// Terminal type; nil uses $TERM.
        public var term: String?
        public var inputFD: Int32 = 0
        public var outputFD: Int32 = 1
        public var theme: Theme = .fallback
        /// "auto", "256", "16", "8" or "none" (see `ColorMode.detect`).
        public var colors: String = "auto"
        /// Force ASCII glyphs; they are also used when the locale is not UTF-8 (and `Glyphs.console` on the
        /// Linux console).
        public var ascii: Bool = false
        /// Process environment (for TERM, NO_COLOR, TMUX, STY). Defaults to the real one.
        public var environment: [String: String] = ProcessEnvironment.current
        /// Install the fatal-signal and event-signal handlers (turn off for several screens in one process,
        /// such as tests and benchmarks on ptys).
        public var installSignalHandlers: Bool = true
        /// Let ncurses use insert/delete line to scroll (fewer bytes when a whole screen scrolls).
        public var useInsertDeleteLine: Bool = true
        /// Call setlocale (turn off when the process already set it up).
        public var setUpLocale: Bool = true
        /// Synchronized output (DEC mode 2026): "auto" (when the terminal announces it), "on" or "off".
        public var synchronizedOutput: String = "auto"
        /// Report clicks and the wheel (config `mouse`); off, the terminal's own selection works.
        public var mouse: Bool = false

        public init() {}
    }

    public private(set) var width: Int = 0
    public private(set) var height: Int = 0
    public private(set) var colorMode: ColorMode = .none
    public private(set) var glyphs: Glyphs = .unicode
    /// Whether the locale is UTF-8 (after a C.UTF-8 fallback, false: the user's own locale was not).
    public private(set) var localeIsUTF8 = true
    /// Whether each frame is wrapped in `\e[?2026h` … `\e[?2026l` (see `SynchronizedOutput`).
    public internal(set) var synchronizedOutput = false
    public let options: Options

    private let screen: OpaquePointer
    let window: UnsafeMutablePointer<WINDOW>
    private var inFile: UnsafeMutablePointer<FILE>?
    private var outFile: UnsafeMutablePointer<FILE>?
    private var isShutDown = false
    /// The terminal's mouse reports are X10 by its terminfo; SGR (1006) was asked for on top.
    private var askedForSGRMouse = false
    var theme: Theme
    var resolved: [ResolvedStyle] = []
    /// Per role: colour pair number.
    var rolePairs: [Int32] = []
    /// (role, attribute bits) -> curses attributes; 0xFFFF_FFFF = not computed yet.
    var attrCache: [attr_t] = []
    /// (role, attribute bits) -> the (role, attribute bits) a blank cell is drawn in: `normal` when the
    /// blank would look the same (no background of its own, no reverse or underline), so that blanks
    /// next to plain text need no colour change and curses can erase runs of them (`ECH`).
    var blankStyles: [Int32] = []
    /// What this screen last drew, cell by cell (row-major, width x height).
    var shown: [Cell] = []
    /// Bracketed paste: turns `\e[200~ … \e[201~` into one paste.
    var paste = PasteParser()
    var inputQueue: [TerminalInput] = []
    var runBuffer: UnsafeMutablePointer<cchar_t>
    private var runCapacity = 0
    var wbuf: UnsafeMutablePointer<wchar_t>
    /// Something was put into curses' window (or a repaint is due) since the last `doupdate`.
    var pendingOutput = true
    private static let invalidCell = Cell(text: "\u{0}", width: 1, style: .normal)

    public init(options: Options = Options()) throws(ScreenError) {
        self.options = options
        theme = options.theme
        if options.setUpLocale {
            let r = cterm_setup_locale()
            localeIsUTF8 = r == 1
        }
        guard cterm_isatty(options.inputFD) != 0 || cterm_isatty(options.outputFD) != 0 else { throw .notATerminal }
        let term = options.term ?? options.environment["TERM"] ?? ""
        glyphs = Glyphs.choose(ascii: options.ascii, localeIsUTF8: localeIsUTF8, term: term)
        if term.isEmpty { throw .unknownTerminal("(TERM is not set)") }
        if options.installSignalHandlers {
            _ = cterm_signals_install(options.inputFD, options.outputFD)
        }
        // A terminal whose output a Ctrl-S stopped (flow control) would block curses' first write.
        _ = cterm_restart_output(options.outputFD)
        let outFD = dup(options.outputFD)
        let inFD = dup(options.inputFD)
        guard outFD >= 0, inFD >= 0, let o = fdopen(outFD, "w"), let i = fdopen(inFD, "r") else {
            throw .cannotStart("cannot open the terminal's file descriptors")
        }
        outFile = o
        inFile = i
        guard let scr = newterm(term, o, i) else {
            fclose(o)
            fclose(i)
            throw .unknownTerminal(term)
        }
        _ = set_term(scr)
        guard Self.terminfoCanMoveCursor() else {
            endwin()
            delscreen(scr)
            fclose(o)
            fclose(i)
            throw .cannotMoveCursor(term)
        }
        screen = scr
        guard let win = shim_stdscr() else { throw .cannotStart("no standard screen") }
        window = win
        cterm_set_screen_active(1)
        cbreak()
        noecho()
        nonl()
        _ = keypad(win, true)
        Self.defineAlternateKeys()
        _ = nodelay(win, true)
        if options.mouse {
            _ = mousemask(shim_mouse_mask(), nil)
            _ = mouseinterval(0)  // a press is reported at once (no waiting to see whether it is a click)
            askedForSGRMouse = Self.decodeMouseReportsInTheParser()
        }
        _ = set_escdelay(25)
        _ = intrflush(win, false)
        if let keys = Self.takeFlowControlAndSignalKeys(fileno(i)) { paste.signalKeys = keys }
        _ = leaveok(win, true)
        _ = curs_set(0)
        if options.useInsertDeleteLine { _ = idlok(win, true) }
        runBuffer = .allocate(capacity: 1)
        wbuf = .allocate(capacity: 8)
        // COLORS is only known after start_color().
        var colors = 0
        if has_colors(), start_color() == OK { colors = Int(shim_colors()) }
        colorMode = ColorMode.detect(colors: colors, environment: options.environment, requested: options.colors)
        applyTheme()
        updateSize()
        // Pasted text arrives wrapped in markers, so it is never read as keys (PasteParser).
        writeDirect(TerminalSequences.bracketedPasteOn)
        if askedForSGRMouse { writeDirect(TerminalSequences.sgrMouseOn) }
        startSynchronizedOutput()
    }

    /// Synchronized output on at once when configured "on" or terminfo has the `Sync` capability; with
    /// "auto" otherwise, the terminal is asked (DECRQM) and nothing waits for the answer: frames are
    /// wrapped from the one after the answer arrives (`readInput` takes it out of the input).
    private func startSynchronizedOutput() {
        switch SynchronizedOutput.decide(setting: options.synchronizedOutput, terminfoHasSync: Self.terminfoHasSync()) {
        case .on: synchronizedOutput = true
        case .off: synchronizedOutput = false
        case .ask: writeDirect(ModeReport.query(mode: SynchronizedOutput.mode))
        }
    }

    /// Mouse reports as escape sequences (terminfo `kmous` `\e[<` or `\e[M`): the prefix is taken out of
    /// ncurses' key table, so every report reaches `PasteParser` as characters (MouseReport decodes it,
    /// whole or split, and drops a broken one) and ncurses never blocks in read() waiting for a report's
    /// end. True for an X10 terminal: SGR (1006) is then asked for too, so a terminal that knows it sends
    /// reports with no raw bytes and no column limit.
    private static func decodeMouseReportsInTheParser() -> Bool {
        guard let p = tigetstr("kmous"), Int(bitPattern: p) != -1 else { return false }
        let kmous = String(cString: p)
        guard kmous == "\u{1B}[<" || kmous == "\u{1B}[M" else { return false }
        _ = define_key(kmous, 0)
        return kmous == "\u{1B}[M"
    }

    /// Whether the terminal's terminfo entry has the extended `Sync` string capability.
    private static func terminfoHasSync() -> Bool {
        guard let p = tigetstr("Sync") else { return false }
        return Int(bitPattern: p) != -1
    }

    deinit {
        shutdown()
        runBuffer.deallocate()
        wbuf.deallocate()
    }

    /// Ends curses mode and restores the terminal. Safe to call more than once.
    public func shutdown() {
        if isShutDown { return }
        isShutDown = true
        _ = set_term(screen)
        if options.mouse { _ = mousemask(0, nil) }
        if askedForSGRMouse { writeDirect(TerminalSequences.sgrMouseOff) }
        writeDirect(TerminalSequences.bracketedPasteOff)
        _ = curs_set(1)
        endwin()
        delscreen(screen)
        cterm_set_screen_active(0)
        if options.installSignalHandlers { cterm_signals_uninstall() }
        if let o = outFile { fclose(o) }
        if let i = inFile { fclose(i) }
        outFile = nil
        inFile = nil
    }

    // MARK: - Size

    /// Reads the terminal size from the output descriptor and resizes curses when it changed.
    /// Returns true when the size changed (the next draw repaints everything).
    @discardableResult
    public func handleResize() -> Bool {
        var rows: Int32 = 0, cols: Int32 = 0
        if cterm_get_winsize(options.outputFD, &rows, &cols) == 0, rows > 0, cols > 0,
           Int(rows) != height || Int(cols) != width {
            _ = resizeterm(rows, cols)
            updateSize()
            _ = clearok(shim_curscr(), true)
            return true
        }
        return false
    }

    private func updateSize() {
        height = Int(shim_getmaxy(window))
        width = Int(shim_getmaxx(window))
        invalidate()
    }

    /// Forgets what is on screen: the next draw writes every cell.
    public func invalidate() {
        shown = Array(repeating: Self.invalidCell, count: max(0, width * height))
        pendingOutput = true
        if runCapacity < width + 1 {
            runBuffer.deallocate()
            runCapacity = width + 1
            runBuffer = .allocate(capacity: runCapacity)
        }
    }

    /// Repaints the whole terminal on the next draw (after something else wrote to it).
    public func forceFullRepaint() {
        invalidate()
        _ = clearok(shim_curscr(), true)
    }

}


/// The process environment as a dictionary.
public enum ProcessEnvironment {
    public static var current: [String: String] {
        var env: [String: String] = [:]
        var p = environ
        while let entry = p.pointee {
            let s = String(cString: entry)
            if let eq = s.firstIndex(of: "=") {
                env[String(s[..<eq])] = String(s[s.index(after: eq)...])
            }
            p += 1
        }
        return env
    }
}
