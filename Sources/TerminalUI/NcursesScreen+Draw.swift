// NcursesScreen: copying a canvas to curses (only the changed runs of cells) and `doupdate`, the hot path
// of every frame (docs/terminal.md, Drawing; docs/benchmarks.md).
import CNcurses
import CTerminal
import TermText

#if canImport(Glibc)
import Glibc
#endif

extension NcursesScreen {
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
}
