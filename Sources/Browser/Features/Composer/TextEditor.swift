// The inline multi-line editor used for comments (and the time-log / approval text fields).
// Pure state: a buffer of grapheme clusters and a cursor. Soft-wrapped layout in terminal cells
// (TermText widths: CJK and emoji 2 cells). No curses: TerminalUI maps keys to `EditorCommand`s.
// See docs/actions.md.
import TermText

/// One soft-wrapped line of the editor's layout.
public struct EditorLine: Sendable, Equatable {
    /// Index of the first grapheme (into the buffer) and one past the last one; the newline that ends
    /// a logical line belongs to no visual line.
    public var start: Int
    public var end: Int
    /// The text of the line (no newline).
    public var text: String
    /// Width in cells.
    public var width: Int
    /// True when this is the last visual line of its logical line (a hard break or the end follows).
    public var endsLogicalLine: Bool
}

/// What an edit command did, for the caller (the detail pane).
public enum EditorOutcome: Sendable, Equatable {
    /// The text or the cursor changed (or might have): re-render.
    case edited
    /// The user asked to send a non-empty text.
    case send
    /// Esc with text that would be lost: show a confirmation (default No), then call `cancel` again with
    /// `confirmed: true` or keep editing.
    case cancelRequested
    /// Cancelled: nothing would be lost (empty, or confirmed). Close the editor.
    case cancelled
    /// Nothing to do (a send of an empty text, a key the editor does not use).
    case ignored
}

/// An editing command. TerminalUI's `EditorKeys` maps keys to these.
public enum EditorCommand: Sendable, Equatable {
    case insert(String)
    /// Text from a paste or from outside: sanitized first (controls removed, newlines kept, tabs expanded).
    case paste(String)
    case newline
    case backspace, delete
    case left, right, up, down
    case wordLeft, wordRight
    /// Start / end of the visual line.
    case home, end
    case documentStart, documentEnd
    case pageUp, pageDown
    /// Ctrl-W: delete the word before the cursor. Ctrl-U: to the start of the visual line. Ctrl-K: to its end.
    case deleteWordBackward, deleteToLineStart, deleteToLineEnd
    case send
    /// Esc. `confirmed` is true when the user already said yes to losing the text.
    case cancel(confirmed: Bool)

    /// Text typed or pasted (nothing else adds characters).
    public var typesText: Bool {
        switch self {
        case .insert, .paste, .newline: true
        case .backspace, .delete, .left, .right, .up, .down, .wordLeft, .wordRight, .home, .end, .documentStart,
             .documentEnd, .pageUp, .pageDown, .deleteWordBackward, .deleteToLineStart, .deleteToLineEnd, .send, .cancel:
            false
        }
    }
}

/// Multi-line text editor state. All positions are in grapheme clusters; columns in terminal cells.
public struct TextEditorState: Sendable, Equatable {
    /// Tabs become this many spaces (a tab has no fixed width in a canvas).
    public static let tabSpaces = 4
    /// Cap on the text length (graphemes), so a runaway paste cannot stall the UI.
    public static let maxLength = 100_000

    public private(set) var buffer: [Character]
    /// Cursor: index into `buffer` (0...count).
    public internal(set) var cursor: Int
    /// Wrap width in cells used for up/down and the layout. Set it from the layout (`resize`).
    public private(set) var width: Int
    /// Visible rows; used for scrolling and page up/down.
    public private(set) var height: Int
    /// First visible visual row.
    public private(set) var scrollTop: Int = 0
    /// Column the cursor tries to keep on up/down (cells), nil after a horizontal move.
    var goalColumn: Int?

    public init(text: String = "", width: Int = 60, height: Int = 5) {
        buffer = Array(TextEditorState.sanitize(text))
        if buffer.count > Self.maxLength { buffer = Array(buffer.prefix(Self.maxLength)) }
        cursor = buffer.count
        self.width = max(1, width)
        self.height = max(1, height)
        scrollToCursor()
    }

    public var text: String { String(buffer) }
    /// At `maxLength`: nothing typed or pasted is taken.
    public var isFull: Bool { buffer.count >= Self.maxLength }
    /// True when there is nothing but whitespace (nothing to send, nothing to lose).
    public var isEmpty: Bool { buffer.allSatisfy { $0.isWhitespace } }

    /// Sets the wrap width and the number of visible rows (from the pane's layout).
    public mutating func resize(width: Int, height: Int) {
        self.width = max(1, width)
        self.height = max(1, height)
        scrollToCursor()
    }

    /// Replaces the whole text (cursor at the end).
    public mutating func setText(_ text: String) {
        buffer = Array(Self.sanitize(text).prefix(Self.maxLength))
        cursor = buffer.count
        goalColumn = nil
        scrollToCursor()
    }

    /// Moves the cursor to an index (clamped).
    public mutating func setCursor(_ index: Int) {
        cursor = min(max(0, index), buffer.count)
        goalColumn = nil
        scrollToCursor()
    }

    /// Text typed or pasted: escape sequences and controls removed (TermText.Sanitizer), `\r\n` and `\r`
    /// become `\n`, tabs become spaces, bidi overrides and zero-width characters dropped.
    public static func sanitize(_ s: String) -> String {
        let tabs = s.contains("\t") ? s.replacingOccurrences(of: "\t", with: String(repeating: " ", count: tabSpaces)) : s
        return Sanitizer.clean(tabs, maxLength: maxLength)
    }

    // MARK: - Commands

    /// Applies one command. See `EditorOutcome`.
    @discardableResult
    public mutating func apply(_ command: EditorCommand) -> EditorOutcome {
        switch command {
        case .insert(let s), .paste(let s):
            insert(s)
        case .newline: insert("\n")
        case .backspace:
            guard cursor > 0 else { return .ignored }
            buffer.remove(at: cursor - 1)
            cursor -= 1
            goalColumn = nil
        case .delete:
            guard cursor < buffer.count else { return .ignored }
            buffer.remove(at: cursor)
            goalColumn = nil
        case .left:
            cursor = max(0, cursor - 1); goalColumn = nil
        case .right:
            cursor = min(buffer.count, cursor + 1); goalColumn = nil
        case .up: moveVertically(by: -1)
        case .down: moveVertically(by: 1)
        case .pageUp: moveVertically(by: -max(1, height - 1))
        case .pageDown: moveVertically(by: max(1, height - 1))
        case .wordLeft: cursor = wordStart(before: cursor); goalColumn = nil
        case .wordRight: cursor = wordEnd(after: cursor); goalColumn = nil
        case .home:
            let (row, _) = cursorPosition()
            if let line = layout().dropFirst(row).first { cursor = line.start }
            goalColumn = nil
        case .end:
            let lines = layout()
            let (row, _) = cursorPosition(in: lines)
            if row < lines.count { cursor = lastCursorIndex(lines[row]) }
            goalColumn = nil
        case .documentStart: cursor = 0; goalColumn = nil
        case .documentEnd: cursor = buffer.count; goalColumn = nil
        case .deleteWordBackward:
            let from = wordStart(before: cursor)
            guard from < cursor else { return .ignored }
            buffer.removeSubrange(from..<cursor)
            cursor = from
            goalColumn = nil
        case .deleteToLineStart:
            let lines = layout()
            let (row, _) = cursorPosition(in: lines)
            guard row < lines.count, lines[row].start < cursor else { return .ignored }
            buffer.removeSubrange(lines[row].start..<cursor)
            cursor = lines[row].start
            goalColumn = nil
        case .deleteToLineEnd:
            let lines = layout()
            let (row, _) = cursorPosition(in: lines)
            guard row < lines.count else { return .ignored }
            let end = lines[row].end
            if end > cursor {
                buffer.removeSubrange(cursor..<end)
            } else if cursor < buffer.count, buffer[cursor] == "\n" {
                buffer.remove(at: cursor)  // at the end of a line: join with the next one
            } else {
                return .ignored
            }
            goalColumn = nil
        case .send:
            return isEmpty ? .ignored : .send
        case .cancel(let confirmed):
            return isEmpty || confirmed ? .cancelled : .cancelRequested
        }
        scrollToCursor()
        return .edited
    }

    mutating func insert(_ s: String) {
        let clean = Self.sanitize(s)
        let room = Self.maxLength - buffer.count
        guard room > 0, !clean.isEmpty else { return }
        // Re-cluster with the grapheme before the cursor, so a combining mark joins its letter.
        let lo = max(0, cursor - 1)
        let left = Array((String(buffer[lo..<cursor]) + clean).prefix(room + (cursor - lo)))
        buffer.replaceSubrange(lo..<cursor, with: left)
        cursor = lo + left.count
        // A combining mark after the insertion point joins the last inserted grapheme.
        if cursor > 0 && cursor < buffer.count {
            let joined = Array(String(buffer[cursor - 1]) + String(buffer[cursor]))
            if joined.count == 1, let c = joined.first {
                buffer[cursor - 1] = c
                buffer.remove(at: cursor)
            }
        }
        goalColumn = nil
    }

    func isWordCharacter(_ c: Character) -> Bool { !(c.isWhitespace || c.isPunctuation || c.isSymbol) }

    func wordStart(before index: Int) -> Int {
        var i = index
        while i > 0 && !isWordCharacter(buffer[i - 1]) { i -= 1 }
        while i > 0 && isWordCharacter(buffer[i - 1]) { i -= 1 }
        return i
    }

    func wordEnd(after index: Int) -> Int {
        var i = index
        while i < buffer.count && !isWordCharacter(buffer[i]) { i += 1 }
        while i < buffer.count && isWordCharacter(buffer[i]) { i += 1 }
        return i
    }

    // MARK: - Scrolling and the view

    mutating func scrollToCursor() {
        let lines = layout()
        let (row, _) = cursorPosition(in: lines)
        scrollTop = Self.clampScroll(scrollTop, cursorRow: row, lineCount: lines.count, height: height)
    }

    static func clampScroll(_ top: Int, cursorRow: Int, lineCount: Int, height: Int) -> Int {
        var t = top
        if cursorRow < t { t = cursorRow }
        if cursorRow >= t + height { t = cursorRow - height + 1 }
        t = min(t, max(0, lineCount - height))
        return max(0, t)
    }

    /// What to draw in a `width` x `height` area: the visible lines, the cursor relative to them, the
    /// first visible row, and whether lines are hidden above or below. Uses the stored scroll position
    /// as a hint and keeps the cursor visible.
    public func viewport(width: Int, height: Int) -> EditorViewport {
        let lines = layout(width: width)
        let (row, col) = cursorPosition(in: lines)
        let h = max(1, height)
        let top = Self.clampScroll(scrollTop, cursorRow: row, lineCount: lines.count, height: h)
        let visible = Array(lines[top..<min(lines.count, top + h)])
        return EditorViewport(lines: visible, cursorRow: row - top, cursorColumn: col, firstRow: top,
                              moreAbove: top > 0, moreBelow: top + h < lines.count, totalRows: lines.count)
    }
}

/// The visible part of an editor.
public struct EditorViewport: Sendable, Equatable {
    public var lines: [EditorLine]
    /// Cursor row relative to the first visible line, and its column in cells.
    public var cursorRow: Int
    public var cursorColumn: Int
    public var firstRow: Int
    public var moreAbove: Bool
    public var moreBelow: Bool
    public var totalRows: Int
}
