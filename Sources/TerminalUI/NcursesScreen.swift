// The ncurses backend: the only code in the project that talks to curses. It copies a Canvas to the
// screen (only the cells that changed; ncurses then computes the minimal terminal update), reads keys,
// handles resize and suspend, and writes OSC sequences outside curses' buffer. Main thread only.
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

    public var description: String {
        switch self {
        case .notATerminal:
            "standard input and output must be a terminal (run wrike-tui in a terminal, not through a pipe)"
        case .unknownTerminal(let name):
            "the terminal type '\(name)' is unknown to this system's terminfo database; try TERM=xterm-256color"
        case .cannotStart(let why): "cannot start the terminal screen: \(why)"
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
    public private(set) var synchronizedOutput = false
    public let options: Options

    private let screen: OpaquePointer
    private let window: UnsafeMutablePointer<WINDOW>
    private var inFile: UnsafeMutablePointer<FILE>?
    private var outFile: UnsafeMutablePointer<FILE>?
    private var isShutDown = false
    private var theme: Theme
    private var resolved: [ResolvedStyle] = []
    /// Per role: colour pair number.
    private var rolePairs: [Int32] = []
    /// (role, attribute bits) -> curses attributes; 0xFFFF_FFFF = not computed yet.
    private var attrCache: [attr_t] = []
    /// (role, attribute bits) -> the (role, attribute bits) a blank cell is drawn in: `normal` when the
    /// blank would look the same (no background of its own, no reverse or underline), so that blanks
    /// next to plain text need no colour change and curses can erase runs of them (`ECH`).
    private var blankStyles: [Int32] = []
    /// What this screen last drew, cell by cell (row-major, width x height).
    private var shown: [Cell] = []
    /// Bracketed paste: turns `\e[200~ … \e[201~` into one paste.
    private var paste = PasteParser()
    private var inputQueue: [TerminalInput] = []
    private var runBuffer: UnsafeMutablePointer<cchar_t>
    private var runCapacity = 0
    private var wbuf: UnsafeMutablePointer<wchar_t>
    /// Something was put into curses' window (or a repaint is due) since the last `doupdate`.
    private var pendingOutput = true
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
        screen = scr
        _ = set_term(scr)
        guard let win = shim_stdscr() else { throw .cannotStart("no standard screen") }
        window = win
        cterm_set_screen_active(1)
        cbreak()
        noecho()
        nonl()
        _ = keypad(win, true)
        _ = nodelay(win, true)
        if options.mouse {
            _ = mousemask(shim_mouse_mask(), nil)
            _ = mouseinterval(0)  // a press is reported at once (no waiting to see whether it is a click)
        }
        _ = set_escdelay(25)
        _ = intrflush(win, false)
        // Flow control off so Ctrl-S (send in the comment editor) and Ctrl-Q reach the app; recorded as
        // curses' program mode so it survives suspend/resume and the external editor.
        var tty = termios()
        let ttyFd = fileno(i)
        if tcgetattr(ttyFd, &tty) == 0 {
            tty.c_iflag &= ~tcflag_t(IXON)
            _ = tcsetattr(ttyFd, TCSANOW, &tty)
            _ = def_prog_mode()
        }
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

    // MARK: - Theme and colours

    /// Switches theme (colours are set up again and the next draw repaints everything).
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        applyTheme()
        invalidate()
    }

    private func applyTheme() {
        resolved = theme.resolved(for: colorMode)
        rolePairs = Array(repeating: 0, count: resolved.count)
        attrCache = Array(repeating: attr_t.max, count: resolved.count * 32)
        // Every (role, attributes) combination up front: `draw` then only reads the table.
        for role in Role.allCases where Int(role.rawValue) < resolved.count {
            for bits in 0..<32 { _ = cursesAttributes(Style(role, Attributes(rawValue: UInt8(bits)))) }
        }
        blankStyles = Self.blankStyles(resolved)
        defer { setBlank() }
        guard colorMode != .none else {
            // start_color() ran (to learn COLORS): without this, pair 0 is white on black and ncurses sends
            // it with every reset, painting a NO_COLOR screen white on black instead of the terminal's own.
            if has_colors() { _ = use_default_colors() }
            return
        }
        let usesDefault = resolved.contains { $0.fg < 0 || $0.bg < 0 }
        let defaultsOK = usesDefault ? use_default_colors() == OK : true
        var pairs: [Int32: Int32] = [:]
        let maxPairs = Int32(shim_color_pairs())
        for (i, r) in resolved.enumerated() {
            var fg = r.fg, bg = r.bg
            if !defaultsOK {
                if fg < 0 { fg = 7 }
                if bg < 0 { bg = 0 }
            }
            // With 8 or 16 colours the terminal's own colours stay pair 0: the Linux console's `ncv`
            // (no_color_video) drops underline and dim from every cell that has a colour pair, and the
            // unfocused selection is underlined there (`Theme.losesBackground`).
            if colorMode < .full, fg < 0, bg < 0 { continue }
            // The terminal's own colours get a pair of their own too (not pair 0): ncurses leaves a colour
            // for pair 0 with `sgr0` after `op` (`\e[39m\e(B\e[m`, and the attributes must then be set
            // again), but switches to another pair with `setaf`/`setab` alone (`\e[39m`). Every coloured
            // word in a list row is followed by plain text, so this saves 6 bytes per colour change.
            let key = (Int32(fg) + 1) << 16 | (Int32(bg) + 1)
            if let p = pairs[key] {
                rolePairs[i] = p
                continue
            }
            let p = Int32(pairs.count + 1)
            guard p < maxPairs, init_pair(Int16(p), fg, bg) == OK else { continue }
            pairs[key] = p
            rolePairs[i] = p
        }
    }

    /// The window's background: a blank in the `normal` role's colours, so that what curses clears
    /// (scrolled-in lines, a cleared screen) is the same cell as a blank canvas cell and is not sent again.
    private func setBlank() {
        wbuf[0] = 0x20
        wbuf[1] = 0
        var blank = cchar_t()
        _ = shim_setcchar(&blank, wbuf, cursesAttributes(.normal), rolePairs[Int(Role.normal.rawValue)])
        wbkgrndset(window, &blank)
    }

    /// See `blankStyles`.
    static func blankStyles(_ resolved: [ResolvedStyle]) -> [Int32] {
        let normalIndex = Int32(Role.normal.rawValue) * 32
        let normalBg = resolved.indices.contains(Int(Role.normal.rawValue)) ? resolved[Int(Role.normal.rawValue)].bg : -1
        var out: [Int32] = []
        out.reserveCapacity(resolved.count * 32)
        for (role, r) in resolved.enumerated() {
            for bits in 0..<32 {
                let a = r.attributes.union(Attributes(rawValue: UInt8(bits)))
                let plain = r.bg == normalBg && !a.contains(.reverse) && !a.contains(.underline)
                out.append(plain ? normalIndex : Int32(role * 32 + bits))
            }
        }
        return out
    }

    @inline(__always)
    private func cursesAttributes(_ style: Style) -> attr_t {
        let index = Int(style.role.rawValue) * 32 + Int(style.attributes.rawValue & 31)
        let cached = attrCache[index]
        if cached != attr_t.max { return cached }
        let a = resolved[Int(style.role.rawValue)].attributes.union(style.attributes)
        var out = shim_a_normal()
        if a.contains(.bold) { out |= shim_a_bold() }
        if a.contains(.dim) { out |= shim_a_dim() }
        if a.contains(.underline) { out |= shim_a_underline() }
        if a.contains(.reverse) { out |= shim_a_reverse() }
        if a.contains(.italic) { out |= shim_a_italic() }
        attrCache[index] = out
        return out
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

    // MARK: - Drawing

    /// Copies `canvas` to the screen: the cells that differ from the last draw are written to curses'
    /// window, then `doupdate` sends the minimal update. Cells outside the screen are ignored.
    public func draw(_ canvas: Canvas) {
        let w = min(canvas.width, width)
        let h = min(canvas.height, height)
        let cw = canvas.width
        let screenWidth = width
        let runBuffer = runBuffer, wbuf = wbuf, window = window
        // Local copies of the tables (no exclusivity check on a class property per cell).
        let attrTable = attrCache, pairTable = rolePairs, blankTable = blankStyles
        var wrote = false
        attrTable.withUnsafeBufferPointer { attrTable in
        pairTable.withUnsafeBufferPointer { pairTable in
        blankTable.withUnsafeBufferPointer { blankTable in
        func fill(_ out: UnsafeMutablePointer<cchar_t>, _ cell: Cell, plain: Bool) -> Int {
            Self.fill(out, cell, attrs: attrTable, pairs: pairTable, blanks: plain ? blankTable : nil, wbuf: wbuf)
        }
        canvas.cells.withUnsafeBufferPointer { cells in
          shown.withUnsafeMutableBufferPointer { shown in
            guard let cbase = cells.baseAddress, let sbase = shown.baseAddress else { return }
            for y in 0..<h {
                var x = 0
                let srow = y * screenWidth
                let crow = y * cw
                // Most rows are unchanged: compare their bytes first (see `sameBytes`).
                if Self.sameBytes(cbase + crow, sbase + srow, w) { continue }
                while x < w {
                    if Self.same(cbase + crow + x, sbase + srow + x) {
                        x += 1
                        continue
                    }
                    var start = x
                    var plainUntil = 0, plainRun = true
                    if cells[crow + start].width == 0 && start > 0 { start -= 1 }
                    var end = start
                    var n = 0
                    while end < w {
                        let cell = cells[crow + end]
                        if cell.width != 0 && end > start && Self.same(cbase + crow + end, sbase + srow + end)
                            && !(end + 1 < w && cells[crow + end + 1].width == 0
                                 && !Self.same(cbase + crow + end + 1, sbase + srow + end + 1)) {
                            break
                        }
                        if cell.width == 2 && end + 1 >= w {
                            // A wide character cut by the screen's right edge.
                            n += fill(runBuffer + n, Cell.blank(cell.style), plain: true)
                        } else if cell.width != 0 {
                            if cell.isBlank, end >= plainUntil {
                                (plainUntil, plainRun) = Self.blankRun(cbase + crow, from: end, width: w)
                            }
                            n += fill(runBuffer + n, cell, plain: plainRun)
                        }
                        shown[srow + end] = cell
                        end += 1
                    }
                    if n > 0 {
                        _ = mvwadd_wchnstr(window, Int32(y), Int32(start), runBuffer, Int32(n))
                        wrote = true
                    }
                    x = end
                }
            }
          }
        }
        }
        }
        }
        _ = wnoutrefresh(window)
        // Wrapped only when something is sent: curses' buffer is empty before `doupdate` and flushed by it.
        let sync = synchronizedOutput && (wrote || pendingOutput)
        pendingOutput = false
        if sync { writeDirect(SynchronizedOutput.begin) }
        _ = doupdate()
        if sync { writeDirect(SynchronizedOutput.end) }
    }

    /// The run of blanks in one style starting at `x` in `row`: where it ends, and whether its blanks may be
    /// sent as plain ones (`blankStyles`): not when the run sits inside text of its own style (the space
    /// in a dim "José Smith"), which would then cost two colour changes instead of none.
    static func blankRun(_ row: UnsafePointer<Cell>, from x: Int, width w: Int) -> (end: Int, plain: Bool) {
        let style = row[x].style
        var end = x
        while end < w && row[end].isBlank && row[end].style == style { end += 1 }
        let inside = x > 0 && end < w && row[x - 1].style == style && !row[x - 1].isBlank
            && row[end].style == style && !row[end].isBlank
        return (end, !inside)
    }

    /// True when `n` cells hold the same bytes (padding excluded). Equal bytes mean equal cells: a
    /// string's bits being equal means the strings are equal. Different bytes may still be equal cells
    /// (two copies of a long string); the caller then compares them with `==`.
    @inline(__always)
    static func sameBytes(_ a: UnsafePointer<Cell>, _ b: UnsafePointer<Cell>, _ n: Int) -> Bool {
        let size = MemoryLayout<Cell>.size, stride = MemoryLayout<Cell>.stride
        let ra = UnsafeRawPointer(a), rb = UnsafeRawPointer(b)
        let tail = size - 16
        if size > 16, tail <= 4, stride >= 20 {
            // The string's 16 bytes, then width and style read as one masked word (the rest is padding).
            let mask = tail == 4 ? UInt32.max : (UInt32(1) << UInt32(8 * tail)) - 1
            var o = 0
            for _ in 0..<n {
                if ra.loadUnaligned(fromByteOffset: o, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: o, as: UInt64.self)
                    || ra.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self) != rb.loadUnaligned(fromByteOffset: o + 8, as: UInt64.self)
                    || (UInt32(littleEndian: ra.loadUnaligned(fromByteOffset: o + 16, as: UInt32.self))
                        ^ UInt32(littleEndian: rb.loadUnaligned(fromByteOffset: o + 16, as: UInt32.self))) & mask != 0 {
                    return false
                }
                o += stride
            }
            return true
        }
        for i in 0..<n * stride where i % stride < size {
            if ra.load(fromByteOffset: i, as: UInt8.self) != rb.load(fromByteOffset: i, as: UInt8.self) { return false }
        }
        return true
    }

    /// Whether two cells are equal: equal bytes, or (only when a text is not a small string, whose bytes
    /// are canonical) equal by `==`. A cell holds one grapheme, nearly always a small string.
    @inline(__always)
    static func same(_ a: UnsafePointer<Cell>, _ b: UnsafePointer<Cell>) -> Bool {
        if sameBytes(a, b, 1) { return true }
        if a.pointee.text.utf8.count <= 15 && b.pointee.text.utf8.count <= 15 { return false }
        return a.pointee == b.pointee
    }

    /// Fills cchar_t(s) for one lead cell; returns how many (2 only for a pair of narrow scalars such as a
    /// flag's regional indicators, so that curses' column count matches the canvas).
    @inline(__always)
    private static func fill(_ out: UnsafeMutablePointer<cchar_t>, _ cell: Cell, attrs attrTable: UnsafeBufferPointer<attr_t>,
                             pairs: UnsafeBufferPointer<Int32>, blanks: UnsafeBufferPointer<Int32>?,
                             wbuf: UnsafeMutablePointer<wchar_t>) -> Int {
        var index = Int(cell.style.role.rawValue) * 32 + Int(cell.style.attributes.rawValue & 31)
        if let blanks, cell.isBlank { index = Int(blanks[index]) }
        var it = cell.text.unicodeScalars.makeIterator()
        let first = it.next()
        let attrs = attrTable[index]
        let pair = pairs[index >> 5]
        guard let first else {
            wbuf[0] = 0x20
            wbuf[1] = 0
            _ = shim_setcchar(out, wbuf, attrs, pair)
            return 1
        }
        var v = first.value
        var w = v >= 0x20 && v < 0x7F ? 1 : Int(cterm_wcwidth(v))
        if w < 0 || v == 0 {
            v = 0xFFFD
            w = 1
        }
        wbuf[0] = wchar_t(bitPattern: v)
        var k = 1
        var extra: UInt32? = nil
        while let s = it.next() {
            let sw = cterm_wcwidth(s.value)
            if sw == 0 {
                if k < 5 { wbuf[k] = wchar_t(bitPattern: s.value); k += 1 }
            } else if extra == nil, sw == 1 {
                extra = s.value
            }
        }
        wbuf[k] = 0
        _ = shim_setcchar(out, wbuf, attrs, pair)
        if w < Int(cell.width) {
            wbuf[0] = wchar_t(bitPattern: extra ?? 0x20)
            wbuf[1] = 0
            _ = shim_setcchar(out + 1, wbuf, attrs, pair)
            return 2
        }
        return 1
    }

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
