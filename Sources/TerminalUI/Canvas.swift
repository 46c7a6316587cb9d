// The canvas: an in-memory grid of styled cells that render functions draw into. The ncurses backend
// copies it to the screen; golden tests compare `text()`. See docs/terminal.md.
import TermText

/// One cell: a grapheme cluster, its width, its style. A wide (2-cell) character's lead cell has width 2
/// and is followed by a continuation cell (text "", width 0, same style).
public struct Cell: Sendable, Hashable {
    public var text: String
    public var width: UInt8
    public var style: Style

    public init(text: String, width: UInt8, style: Style) {
        self.text = text
        self.width = width
        self.style = style
    }

    public static let blank = Cell(text: " ", width: 1, style: .normal)
    public static func blank(_ style: Style) -> Cell { Cell(text: " ", width: 1, style: style) }
    static func continuation(_ style: Style) -> Cell { Cell(text: "", width: 0, style: style) }
    public var isContinuation: Bool { width == 0 }
    /// One space (a small string: compared by its bits without a grapheme walk).
    @inline(__always) var isBlank: Bool { width == 1 && text.utf8.count == 1 && text.utf8.first == 0x20 }
}

/// Strings for the ASCII characters, made once (small strings: no allocation when copied).
private let asciiStrings: [String] = (0..<128).map { String(UnicodeScalar(UInt8($0))) }

/// A grid of cells. Coordinates given to the drawing methods are relative to the current region
/// (see `withRegion`) and everything is clipped to it.
public struct Canvas: Sendable {
    public private(set) var width: Int
    public private(set) var height: Int
    /// Row-major cells, `width * height` of them.
    public private(set) var cells: [Cell]
    /// The current region in absolute coordinates (drawing is clipped to it).
    public private(set) var region: Rect

    public init(width: Int, height: Int) {
        self.width = max(0, width)
        self.height = max(0, height)
        cells = Array(repeating: .blank, count: self.width * self.height)
        region = Rect(x: 0, y: 0, width: self.width, height: self.height)
        regionWidth = self.width
        regionHeight = self.height
    }

    /// The drawable area in the current region's own coordinates: (0, 0, region width, region height).
    public var bounds: Rect { Rect(x: 0, y: 0, width: regionWidth, height: regionHeight) }

    /// Changes the size (contents become blank). Does nothing when the size is the same.
    public mutating func resize(width w: Int, height h: Int) {
        let w = max(0, w), h = max(0, h)
        if w == width && h == height { return }
        width = w
        height = h
        cells = Array(repeating: .blank, count: w * h)
        region = Rect(x: 0, y: 0, width: w, height: h)
        regionWidth = w
        regionHeight = h
        originX = 0
        originY = 0
    }

    /// Blanks every cell (ignores the region).
    public mutating func clear(style: Style = .normal) {
        let blank = Cell.blank(style)
        cells.withUnsafeMutableBufferPointer { buf in
            for i in buf.indices { buf[i] = blank }
        }
    }

    /// The cell at absolute coordinates.
    public subscript(x: Int, y: Int) -> Cell {
        guard x >= 0, x < width, y >= 0, y < height else { return .blank }
        return cells[y * width + x]
    }

    /// Runs `body` with drawing restricted to `rect` (relative to the current region), whose top-left
    /// becomes (0, 0). Regions nest; a region partly outside its parent is clipped to it.
    @discardableResult
    public mutating func withRegion<R>(_ rect: Rect, _ body: (inout Canvas) throws -> R) rethrows -> R {
        let saved = (originX, originY, region, regionWidth, regionHeight)
        originX += rect.x
        originY += rect.y
        regionWidth = rect.width
        regionHeight = rect.height
        region = Rect(x: originX, y: originY, width: rect.width, height: rect.height).intersection(saved.2)
        defer { (originX, originY, region, regionWidth, regionHeight) = saved }
        return try body(&self)
    }

    // The current region's origin (it can lie outside `region` when the region is partly clipped).
    private var originX = 0
    private var originY = 0
    private var regionWidth = 0
    private var regionHeight = 0

    @inline(__always)
    private var clip: Rect { region }

    // MARK: - Cell writes keeping the wide-character invariant

    @inline(__always)
    private mutating func setCell(_ ax: Int, _ ay: Int, _ text: String, _ w: Int, _ style: Style) {
        let row = ay * width
        let i = row + ax
        let old = cells[i]
        if old.width == 0 && ax > 0 {
            // Overwriting the right half of a wide character: its left half becomes a blank.
            cells[i - 1] = .blank(cells[i - 1].style)
        } else if old.width == 2 && ax + 1 < width && w != 2 {
            cells[i + 1] = .blank(old.style)
        }
        cells[i] = Cell(text: text, width: UInt8(w), style: style)
        if w == 2 && ax + 1 < width {
            let next = cells[i + 1]
            if next.width == 2 && ax + 2 < width { cells[i + 2] = .blank(next.style) }
            cells[i + 1] = .continuation(style)
        }
    }

    // MARK: - Drawing

    /// Writes `text` at (x, y) relative to the region, one grapheme per cell (wide ones take two),
    /// clipped to the region and to `maxWidth` cells. Controls and lone combining marks are skipped.
    /// A wide character that does not fit is replaced by a blank. Text is not truncated with an
    /// ellipsis here: use `truncate` first. Returns the number of columns advanced.
    @discardableResult
    public mutating func put(_ text: String, x: Int, y: Int, style: Style = .normal, maxWidth: Int? = nil) -> Int {
        let clip = clip
        let ay = originY + y
        guard ay >= clip.minY, ay < clip.maxY else { return 0 }
        let startX = originX + x
        var limit = clip.maxX
        if let m = maxWidth { limit = min(limit, startX + max(0, m)) }
        var ax = startX
        // Fast path: the leading ASCII bytes, one cell each, written straight into the row. An ASCII byte
        // right before a non-ASCII one is left to the grapheme path (a combining mark may follow it).
        var rest = 0
        var finished = false
        _ = text.utf8.withContiguousStorageIfAvailable { buf in
            var n = 0
            while n < buf.count && buf[n] < 0x80 { n += 1 }
            let safe = n == buf.count ? n : max(0, n - 1)
            rest = safe
            finished = safe == buf.count
            ax = putASCII(buf, count: safe, startX: startX, ay: ay, limit: limit, clip: clip, style: style)
            if ax >= limit { finished = true }
        }
        if finished { return ax - startX }
        var index = text.utf8.index(text.utf8.startIndex, offsetBy: rest)
        if rest == 0 { index = text.startIndex }
        for c in text[index...] {
            if ax >= limit { break }
            let w = displayWidth(c)
            if w == 0 { continue }
            if ax + w > limit {
                // A wide character at the edge: fill the remaining cell.
                if ax >= clip.minX { setCell(ax, ay, " ", 1, style) }
                ax += 1
                break
            }
            if ax >= clip.minX {
                setCell(ax, ay, String(c), w, style)
            } else if ax + w > clip.minX {
                setCell(clip.minX, ay, " ", 1, style)  // half of a wide character clipped on the left
            }
            ax += w
        }
        return ax - startX
    }

    /// Writes the first `count` bytes of `buf` (ASCII) from `startX` on row `ay`: printable bytes one
    /// cell each, controls skipped. Returns the column after the last one (stops at `limit`).
    @inline(__always)
    private mutating func putASCII(_ buf: UnsafeBufferPointer<UInt8>, count: Int, startX: Int, ay: Int, limit: Int,
                                   clip: Rect, style: Style) -> Int {
        var printable = 0
        for i in 0..<count where buf[i] >= 0x20 && buf[i] < 0x7F { printable += 1 }
        let end = min(limit, startX + printable)
        let first = max(startX, clip.minX)
        guard first < end else { return end }
        let row = ay * width
        let w = width
        // Keep the wide-character invariant at the two edges (inside, every cell is overwritten).
        if cells[row + first].width == 0 && first > 0 { cells[row + first - 1] = .blank(cells[row + first - 1].style) }
        if cells[row + end - 1].width == 2 && end < w { cells[row + end] = .blank(cells[row + end - 1].style) }
        cells.withUnsafeMutableBufferPointer { out in
            var ax = startX
            for i in 0..<count {
                let b = buf[i]
                guard b >= 0x20 && b < 0x7F else { continue }
                if ax >= end { break }
                if ax >= first { out[row + ax] = Cell(text: asciiStrings[Int(b)], width: 1, style: style) }
                ax += 1
            }
        }
        return end
    }

    /// Writes `text` truncated (with `ellipsis`) and padded with spaces to exactly `width` cells.
    @discardableResult
    public mutating func putPadded(_ text: String, x: Int, y: Int, width w: Int, style: Style = .normal,
                                   align: TextAlignment = .left, ellipsis: String = defaultEllipsis) -> Int {
        guard align == .left else {
            return put(pad(text, to: w, align: align, ellipsis: ellipsis), x: x, y: y, style: style, maxWidth: w)
        }
        guard w > 0 else { return 0 }
        // Left: the (truncated) text, then blank cells; no padded string is built.
        let n = put(truncate(text, to: w, ellipsis: ellipsis), x: x, y: y, style: style, maxWidth: w)
        if n < w { fill(Rect(x: x + n, y: y, width: w - n, height: 1), style: style) }
        let visible = originY + y >= clip.minY && originY + y < clip.maxY
        return visible ? max(0, min(w, clip.maxX - (originX + x))) : 0
    }

    /// Fills `rect` (relative) with `character` (one cell wide) in `style`.
    public mutating func fill(_ rect: Rect, with character: String = " ", style: Style = .normal) {
        let clip = clip
        let r = rect.offsetBy(dx: originX, dy: originY).intersection(clip)
        if r.isEmpty { return }
        let ch = displayWidth(character) == 1 ? character : " "
        for ay in r.minY..<r.maxY {
            for ax in r.minX..<r.maxX { setCell(ax, ay, ch, 1, style) }
        }
    }

    /// Sets the style of the cells in `rect` (relative) without changing their text.
    public mutating func restyle(_ rect: Rect, style: Style) {
        let r = rect.offsetBy(dx: originX, dy: originY).intersection(clip)
        if r.isEmpty { return }
        for ay in r.minY..<r.maxY {
            for ax in r.minX..<r.maxX { cells[ay * width + ax].style = style }
        }
    }

    /// A horizontal line of `length` cells of `character`.
    public mutating func hline(x: Int, y: Int, length: Int, character: String, style: Style = .normal) {
        fill(Rect(x: x, y: y, width: length, height: 1), with: character, style: style)
    }

    /// A vertical line of `length` cells of `character`.
    public mutating func vline(x: Int, y: Int, length: Int, character: String, style: Style = .normal) {
        fill(Rect(x: x, y: y, width: 1, height: length), with: character, style: style)
    }

    /// Draws a box on the edge of `rect` (relative). With a title, it is written into the top border
    /// after the corner and one line cell (" title "), truncated to fit. `top` (its horizontal line and
    /// top corners) and `topStyle` draw the top edge differently from the rest (the focused pane's
    /// marked top line). The interior is untouched: draw it with `withRegion(rect.inset(by: 1))`.
    public mutating func box(_ rect: Rect, chars: BoxChars, style: Style, top: BoxChars? = nil, topStyle: Style? = nil,
                             title: String? = nil, titleStyle: Style? = nil, ellipsis: String = defaultEllipsis) {
        if rect.width < 2 || rect.height < 2 {
            fill(rect, with: chars.horizontal, style: style)
            return
        }
        let r = rect
        let topChars = top ?? chars
        let topStyle = topStyle ?? style
        hline(x: r.x + 1, y: r.y, length: r.width - 2, character: topChars.horizontal, style: topStyle)
        hline(x: r.x + 1, y: r.maxY - 1, length: r.width - 2, character: chars.horizontal, style: style)
        vline(x: r.x, y: r.y + 1, length: r.height - 2, character: chars.vertical, style: style)
        vline(x: r.maxX - 1, y: r.y + 1, length: r.height - 2, character: chars.vertical, style: style)
        put(topChars.topLeft, x: r.x, y: r.y, style: topStyle)
        put(topChars.topRight, x: r.maxX - 1, y: r.y, style: topStyle)
        put(chars.bottomLeft, x: r.x, y: r.maxY - 1, style: style)
        put(chars.bottomRight, x: r.maxX - 1, y: r.maxY - 1, style: style)
        if let title, !title.isEmpty, r.width > 6 {
            let t = truncate(title, to: r.width - 6, ellipsis: ellipsis)
            put(" " + t + " ", x: r.x + 2, y: r.y, style: titleStyle ?? topStyle, maxWidth: r.width - 4)
        }
    }

    // MARK: - Text for golden tests

    /// Row `y` as plain text (continuation cells contribute nothing; a wide character is one grapheme
    /// that occupies two columns). Trailing spaces are trimmed unless `trim` is false.
    public func line(_ y: Int, trim: Bool = true) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        s.reserveCapacity(width)
        for x in 0..<width {
            let c = cells[y * width + x]
            if c.width != 0 { s += c.text }
        }
        if trim {
            while s.last == " " { s.removeLast() }
        }
        return s
    }

    /// All rows as plain text, trailing spaces trimmed, joined with "\n".
    public func text() -> String { lines().joined(separator: "\n") }

    /// All rows as plain text.
    public func lines(trim: Bool = true) -> [String] { (0..<height).map { line($0, trim: trim) } }

    /// Row `y` as one character per cell naming its role via `legend` ("." for roles not in it);
    /// a continuation cell repeats its lead. Useful to check styles in golden tests.
    public func roleLine(_ y: Int, legend: [Role: Character]) -> String {
        guard y >= 0, y < height else { return "" }
        var s = ""
        for x in 0..<width { s.append(legend[cells[y * width + x].style.role] ?? ".") }
        return s
    }
}
