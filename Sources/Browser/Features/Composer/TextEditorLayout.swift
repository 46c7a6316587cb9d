// The editor's soft-wrapped lines, the cursor's row and column, moving up and down through them.
import Foundation
import TermText
import WrikeAPI

extension TextEditorState {
    // MARK: - Layout

    /// The soft-wrapped lines at `width` cells (default: the editor's width). Breaks after a space when
    /// possible, otherwise between graphemes; a space that overflows stays at the end of its line (so a
    /// line's width can exceed `width` by one space: leave one column for the cursor when drawing).
    /// Always at least one line.
    public func layout(width: Int? = nil) -> [EditorLine] {
        let w = max(1, width ?? self.width)
        var lines: [EditorLine] = []
        let n = buffer.count
        func emit(_ s: Int, _ e: Int, logicalEnd: Bool) {
            var cells = 0
            for k in s..<e { cells += TermText.displayWidth(buffer[k]) }
            lines.append(EditorLine(start: s, end: e, text: String(buffer[s..<e]), width: cells, endsLogicalLine: logicalEnd))
        }
        var i = 0
        while true {
            // One logical line: [i, j).
            var j = i
            while j < n && buffer[j] != "\n" { j += 1 }
            var lineStart = i
            var col = 0
            var lastBreak: Int?   // index after the last space on this visual line
            var k = i
            while k < j {
                let c = buffer[k]
                let cw = TermText.displayWidth(c)
                if col + cw > w && k > lineStart {
                    if c == " " {
                        // A space that overflows hangs at the end of this line.
                        k += 1
                        emit(lineStart, k, logicalEnd: false)
                        lineStart = k
                        col = 0
                    } else if let b = lastBreak, b > lineStart {
                        emit(lineStart, b, logicalEnd: false)
                        col = 0
                        for m in b..<k { col += TermText.displayWidth(buffer[m]) }
                        lineStart = b
                    } else {
                        emit(lineStart, k, logicalEnd: false)
                        lineStart = k
                        col = 0
                    }
                    lastBreak = nil
                    continue
                }
                col += cw
                if c == " " { lastBreak = k + 1 }
                k += 1
            }
            // After a hanging space this is an empty line, where the cursor goes.
            emit(lineStart, j, logicalEnd: true)
            if j >= n { break }
            i = j + 1
        }
        return lines
    }

    /// The highest cursor index that is still displayed on `line` (a soft-wrapped line's end index
    /// is shown at the start of the next line).
    func lastCursorIndex(_ line: EditorLine) -> Int {
        line.endsLogicalLine ? line.end : max(line.start, line.end - 1)
    }

    /// The cursor's visual row and column (cells) in the layout.
    public func cursorPosition(width: Int? = nil) -> (row: Int, column: Int) {
        cursorPosition(in: layout(width: width))
    }

    func cursorPosition(in lines: [EditorLine]) -> (row: Int, column: Int) {
        for (row, line) in lines.enumerated() {
            let inLine = cursor >= line.start && (cursor < line.end || (cursor == line.end && line.endsLogicalLine))
            if inLine {
                var col = 0
                for k in line.start..<cursor { col += TermText.displayWidth(buffer[k]) }
                return (row, col)
            }
        }
        return (max(0, lines.count - 1), lines.last?.width ?? 0)
    }

    mutating func moveVertically(by delta: Int) {
        let lines = layout()
        let (row, col) = cursorPosition(in: lines)
        let goal = goalColumn ?? col
        let target = row + delta
        if target < 0 {
            cursor = 0
            goalColumn = nil
            return
        }
        if target >= lines.count {
            cursor = buffer.count
            goalColumn = nil
            return
        }
        let line = lines[target]
        var idx = line.start
        var used = 0
        let last = lastCursorIndex(line)
        while idx < last {
            let cw = TermText.displayWidth(buffer[idx])
            if used + cw > goal { break }
            used += cw
            idx += 1
        }
        cursor = idx
        goalColumn = goal
    }
}
