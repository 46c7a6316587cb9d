// Display width of text in terminal cells, truncation, padding and word wrap. See docs/terminal.md.
import CTerminal

/// Width of one Unicode scalar in terminal cells: 0 for controls and combining marks, 2 for wide
/// (CJK, emoji presentation), 1 otherwise (including unassigned code points, which the ncurses backend
/// draws as U+FFFD). Computed under a private C.UTF-8 locale, independent of the process locale.
@inline(__always)
public func scalarWidth(_ v: UInt32) -> Int {
    if v < 0x7F { return v >= 0x20 ? 1 : 0 }
    if v < 0xA0 { return 0 }
    if v < 0x300 { return 1 }
    if v >= 0x4E00 && v <= 0x9FFF { return 2 }
    if v >= 0xAC00 && v <= 0xD7A3 { return 2 }
    let w = Int(cterm_wcwidth(v))
    if w < 0 { return 1 }
    return w > 2 ? 2 : w
}

@inline(__always)
private func isRegionalIndicator(_ v: UInt32) -> Bool { v >= 0x1F1E6 && v <= 0x1F1FF }

/// Width of one grapheme cluster in terminal cells (0, 1 or 2). The first scalar decides (combining
/// marks that follow it take no cell); a pair of regional indicators (a flag) is 2; a cluster made only of
/// zero-width scalars (a lone combining mark) is 0.
@inline(__always)
public func displayWidth(_ c: Character) -> Int {
    let scalars = c.unicodeScalars
    var it = scalars.makeIterator()
    guard let first = it.next() else { return 0 }
    let v = first.value
    if v < 0x7F {
        // ASCII, or "\r\n".
        return v >= 0x20 ? 1 : 0
    }
    let w = scalarWidth(v)
    if isRegionalIndicator(v) {
        if let second = it.next(), isRegionalIndicator(second.value) { return 2 }
        return w
    }
    if w > 0 { return w }
    // Leading zero-width scalar (e.g. a prepended format character): the widest that follows.
    var best = 0
    while let next = it.next() { best = max(best, scalarWidth(next.value)) }
    return best
}

@inline(__always)
private func asciiWidth(_ s: String) -> Int? {
    s.utf8.withContiguousStorageIfAvailable { buf -> Int? in
        var n = 0
        for b in buf {
            if b >= 0x80 { return nil }
            if b >= 0x20 && b < 0x7F { n += 1 }
        }
        return n
    } ?? nil
}

/// Width of a string in terminal cells: the sum of its grapheme clusters' widths.
public func displayWidth(_ s: String) -> Int {
    if let n = asciiWidth(s) { return n }
    var n = 0
    for c in s { n += displayWidth(c) }
    return n
}

/// Width of a substring in terminal cells.
public func displayWidth(_ s: Substring) -> Int {
    var n = 0
    for c in s { n += displayWidth(c) }
    return n
}

extension String {
    /// Width in terminal cells (see `displayWidth(_:)`).
    public var displayWidth: Int { TermText.displayWidth(self) }
}

/// The default ellipsis ("…", one cell). ASCII mode passes "~" or "...".
public let defaultEllipsis = "\u{2026}"

/// Cuts `s` so that it takes at most `width` cells. When something is cut, the result ends with
/// `ellipsis` (unless even the ellipsis does not fit, then it is just cut). Never splits a grapheme
/// cluster; a wide character that would straddle the limit is left out entirely.
public func truncate(_ s: String, to width: Int, ellipsis: String = defaultEllipsis) -> String {
    if width <= 0 { return "" }
    let ascii = asciiWidth(s).map { $0 == s.utf8.count } ?? false
    // Printable ASCII that fits (most calls, every frame): no need to measure the ellipsis.
    if ascii && s.utf8.count <= width { return s }
    let ellW = displayWidth(ellipsis)
    if ascii {
        // Printable ASCII: one byte is one cell.
        if ellW > width { return String(s.utf8.prefix(width)) ?? "" }
        return (String(s.utf8.prefix(width - ellW)) ?? "") + ellipsis
    }
    let budget = width - ellW
    var used = 0
    var cutWithEllipsis = s.startIndex
    var cutPlain = s.startIndex
    var i = s.startIndex
    while i < s.endIndex {
        let w = displayWidth(s[i])
        if used + w > width {
            if ellW > width { return String(s[..<cutPlain]) }
            return String(s[..<cutWithEllipsis]) + ellipsis
        }
        used += w
        i = s.index(after: i)
        cutPlain = i
        if used <= budget { cutWithEllipsis = i }
    }
    return s
}

/// Cuts `s` from the front so that it takes at most `width` cells: the end stays (where a cursor types),
/// after `ellipsis`. For text being typed into a field narrower than it.
public func truncateKeepingEnd(_ s: String, to width: Int, ellipsis: String = defaultEllipsis) -> String {
    if width <= 0 { return "" }
    if displayWidth(s) <= width { return s }
    let budget = width - displayWidth(ellipsis)
    guard budget > 0 else { return String(truncate(String(s.reversed()), to: width, ellipsis: "").reversed()) }
    var used = 0
    var start = s.endIndex
    while start > s.startIndex {
        let before = s.index(before: start)
        let w = displayWidth(s[before])
        if used + w > budget { break }
        used += w
        start = before
    }
    return ellipsis + s[start...]
}

/// Horizontal alignment for `pad`.
public enum TextAlignment: Sendable {
    case left, right, center
}

/// `s` truncated to `width` (with `ellipsis`) and padded with spaces to exactly `width` cells.
public func pad(_ s: String, to width: Int, align: TextAlignment = .left, ellipsis: String = defaultEllipsis) -> String {
    if width <= 0 { return "" }
    let t = truncate(s, to: width, ellipsis: ellipsis)
    let gap = width - displayWidth(t)
    if gap <= 0 { return t }
    var result: String
    switch align {
    case .left: result = t + String(repeating: " ", count: gap)
    case .right: result = String(repeating: " ", count: gap) + t
    case .center:
        let left = gap / 2
        result = String(repeating: " ", count: left) + t + String(repeating: " ", count: gap - left)
    }
    // A padding space can merge with a non-ASCII end of `t` into one grapheme (a leading U+FF9E, a
    // trailing prepend mark), which loses a cell: make it up on the right.
    if (t.utf8.first ?? 0) >= 0x80 || (t.utf8.last ?? 0) >= 0x80 {
        let short = width - displayWidth(result)
        if short > 0 { result += String(repeating: " ", count: short) }
    }
    return result
}

private func isListMarker(_ word: Substring) -> Bool {
    if word == "\u{2022}" || word == "-" || word == "*" || word == "\u{25E6}" || word == "\u{25AA}" { return true }
    guard let last = word.last, last == "." || last == ")" else { return false }
    let digits = word.dropLast()
    return !digits.isEmpty && digits.count <= 3 && digits.allSatisfy { $0.isASCII && ($0.isNumber || $0.isLetter) }
}

/// Word-wraps `s` into lines of at most `width` cells. Each `\n` starts a new line (empty lines are kept).
/// A line's leading spaces are kept, and its continuation lines are indented the same way (plus the width
/// of a list marker such as "•", "-", "1." when the line starts with one). Words longer than a line are
/// broken between grapheme clusters. Runs of spaces between words collapse to one.
public func wrap(_ s: String, width: Int) -> [String] {
    if width <= 0 { return [] }
    var lines: [String] = []
    for paragraph in s.split(separator: "\n", omittingEmptySubsequences: false) {
        var indent = 0
        for c in paragraph { if c == " " { indent += 1 } else { break } }
        let words = paragraph.split(separator: " ", omittingEmptySubsequences: true)
        if words.isEmpty { lines.append(""); continue }
        indent = min(indent, width / 2)
        var hanging = indent
        if words.count > 1, isListMarker(words[0]) {
            hanging = min(indent + displayWidth(words[0]) + 1, width / 2)
        }
        var line = String(repeating: " ", count: indent)
        var lineWidth = indent
        var lineHasWord = false
        func newLine() {
            lines.append(line)
            line = String(repeating: " ", count: hanging)
            lineWidth = hanging
            lineHasWord = false
        }
        for word in words {
            let w = displayWidth(word)
            let needed = lineHasWord ? w + 1 : w
            if lineWidth + needed <= width {
                if lineHasWord { line += " "; lineWidth += 1 }
                line += word
                lineWidth += w
                lineHasWord = true
                continue
            }
            if lineHasWord { newLine() }
            if lineWidth + w <= width {
                line += word
                lineWidth += w
                lineHasWord = true
                continue
            }
            // The word alone is wider than a line: break it between clusters.
            for c in word {
                let cw = displayWidth(c)
                if lineWidth + cw > width && lineHasWord { newLine() }
                if lineWidth + cw > width && lineWidth > 0 {
                    // Only the indentation is on this line and the character does not fit after it
                    // (narrow widths): give up the indentation rather than the character.
                    line = ""
                    lineWidth = 0
                }
                if lineWidth + cw > width { continue }  // a wide character on a 1-cell line: dropped
                line.append(c)
                lineWidth += cw
                lineHasWord = true
            }
        }
        lines.append(line)
    }
    return lines
}
