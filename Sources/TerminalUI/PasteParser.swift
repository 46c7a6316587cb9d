// Bracketed paste: with `\e[?2004h` on, the terminal wraps pasted text in `\e[200~ … \e[201~`. ncurses
// hands those bytes over one by one (no key is defined for them), so this parser, fed what ncurses
// returns, turns a bracketed run into ONE paste carrying the text: a paste is text, never keys.
// It also takes the terminal's answers to mode queries (DECRPM, `\e[?2026;1$y`) out of the input, so an
// answer is never read as keys (`takeModeReports`), and decodes the mouse reports (SGR and X10) that reach
// it as characters, dropping a broken or unfinished one (MouseReport.swift). Pure: the time is passed in. See docs/terminal.md.

/// What the terminal sent: a key, or a paste.
public enum TerminalInput: Sendable, Equatable {
    case key(Key)
    case paste(Paste)
    /// A click or wheel turn (only with `NcursesScreen.Options.mouse`).
    case mouse(MouseEvent)
    /// The terminal's interrupt, quit or suspend character typed (not pasted): the signal it stands for.
    case signal(Int32)
}

/// A mouse event at a cell of the screen (0-based).
public struct MouseEvent: Sendable, Equatable {
    public enum Kind: Sendable, Equatable { case press, wheelUp, wheelDown }
    public var kind: Kind
    public var x: Int
    public var y: Int
    public init(_ kind: Kind, x: Int, y: Int) {
        self.kind = kind
        self.x = x
        self.y = y
    }
}

/// Text the user pasted (raw: the receiver sanitizes it as typed text is).
public struct Paste: Sendable, Equatable {
    public var text: String
    /// The paste was longer than `PasteParser.maxScalars`: the rest was read and dropped.
    public var truncated: Bool
    public init(text: String, truncated: Bool = false) {
        self.text = text
        self.truncated = truncated
    }
}

public struct PasteParser: Sendable {
    /// What ncurses returned: a character, or a function key it recognised.
    public enum Raw: Sendable, Equatable {
        case scalar(Unicode.Scalar)
        case key(Key)
    }

    /// Longest paste kept (Unicode scalars); the rest of a longer one is read and dropped.
    public static let maxScalars = 100_000
    /// A paste whose end marker has not come after this long without input delivers its text so far and
    /// goes on (a stall on a slow link: the rest, when it comes, is text too).
    public static let idleTimeout: Double = 2
    /// A paste whose end marker has not come after this long without input is over (a terminal that
    /// never ends its paste): what follows is keys again.
    public static let abandonTimeout: Double = 10
    /// A partial start marker (`\e[20`) waits this long for the rest before it counts as keys.
    public static let markerTimeout: Double = 0.3

    static let start: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "0", "~"]
    static let end: [Unicode.Scalar] = ["\u{1B}", "[", "2", "0", "1", "~"]

    /// Scalars that may begin a start (or a stray end) marker, not yet delivered.
    private var pending: [Unicode.Scalar] = []
    /// The Esc at the head of `pending` was already delivered as a key (it came alone, then `[`).
    private var escapeDelivered = false
    /// When a lone Esc was delivered: a `[200~` right after it still starts a paste.
    private var lastLoneEscape: Double?
    private var pasting = false
    private var text = String.UnicodeScalarView()
    private var count = 0
    private var truncated = false
    /// Part of this paste was delivered already (it stalled).
    private var delivered = false
    /// Scalars matching the end marker so far (inside a paste).
    private var endMatch: [Unicode.Scalar] = []
    /// When input last arrived (for the time-outs).
    private var lastInput: Double = 0
    /// A broken SGR mouse report was dropped: the rest of it is dropped too (`feedNormal`).
    private var restOfABrokenReport = false
    /// Answers to mode queries read so far and not yet taken.
    private var modeReports: [ModeReport] = []

    /// The terminal's signal characters (`NcursesScreen` reads them from the tty, whose own signal
    /// characters it turns off): typed, each is `.signal`; inside a paste, text.
    public var signalKeys: [Unicode.Scalar: Int32] = [:]

    public init() {}

    /// The terminal's answers to mode queries (DECRQM) that arrived since the last call.
    public mutating func takeModeReports() -> [ModeReport] {
        defer { modeReports = [] }
        return modeReports
    }

    /// True while a paste has started and not ended.
    public var isPasting: Bool { pasting }

    /// When `idle` must be called again even without input (nil: not needed).
    public var deadline: Double? {
        if pasting { return lastInput + (text.isEmpty ? Self.abandonTimeout : Self.idleTimeout) }
        if !pending.isEmpty { return lastInput + Self.markerTimeout }
        return nil
    }

    /// Feeds what ncurses returned; returns what is complete.
    public mutating func feed(_ raw: Raw, now: Double) -> [TerminalInput] {
        lastInput = now
        if pasting { return feedPasting(raw) }
        switch raw {
        case .key(let k):
            lastLoneEscape = nil
            restOfABrokenReport = false
            return flushPending() + [.key(k)]
        case .scalar(let s):
            return feedNormal(s, now: now)
        }
    }

    /// No more input for now: a lone Esc is a key (ncurses already waited for more); a partial marker or
    /// a paste waits until its deadline, then ends (marker: as keys; paste: as the text so far).
    public mutating func idle(now: Double) -> [TerminalInput] {
        if pasting {
            if now - lastInput >= Self.abandonTimeout { return finishPaste() }
            return now - lastInput >= Self.idleTimeout ? deliverSoFar() : []
        }
        if pending == ["\u{1B}"] && !escapeDelivered {
            pending = []
            lastLoneEscape = now
            return [.key(.escape)]
        }
        if now - lastInput >= Self.markerTimeout { restOfABrokenReport = false }
        if !pending.isEmpty && now - lastInput >= Self.markerTimeout {
            return MouseReport.started(pending) ? dropPending() : flushPending()
        }
        return []
    }

    private mutating func feedNormal(_ s: Unicode.Scalar, now: Double) -> [TerminalInput] {
        if restOfABrokenReport {
            // The digits, `;` and the final `M`/`m` of a broken SGR report are the terminal's too.
            let v = s.value
            if (v >= 0x30 && v <= 0x39) || s == ";" { return [] }
            restOfABrokenReport = false
            if s == "M" || s == "m" { return [] }
        }
        if pending.isEmpty {
            if s == "\u{1B}" {
                pending = [s]
                escapeDelivered = false
                lastLoneEscape = nil
                return []
            }
            // `[` right after a lone Esc: the start marker may have been split after its Esc.
            if s == "[", let t = lastLoneEscape, now - t < Self.markerTimeout {
                pending = ["\u{1B}", s]
                escapeDelivered = true
                lastLoneEscape = nil
                return []
            }
            lastLoneEscape = nil
            if let signal = signalKeys[s] { return [.signal(signal)] }
            return keys([s])
        }
        let next = pending + [s]
        switch ModeReport.match(next) {
        case .complete(let report):
            pending = []
            escapeDelivered = false
            modeReports.append(report)
            return []
        case .prefix:
            pending = next
            return []
        case .no:
            break
        }
        // A mouse report that ncurses did not decode (it came split): one event, never keys.
        switch MouseReport.match(next) {
        case .complete(let event):
            pending = []
            escapeDelivered = false
            return event.map { [.mouse($0)] } ?? []
        case .prefix:
            pending = next
            return []
        case .no:
            // A broken report: dropped with the character that broke it (an Esc may begin the next one).
            if MouseReport.started(pending) {
                restOfABrokenReport = MouseReport.matchSGR(pending) == .prefix && s != "\u{1B}"
                _ = dropPending()
                return s == "\u{1B}" ? feedNormal(s, now: now) : []
            }
        }
        if Self.start.starts(with: next) || Self.end.starts(with: next) {
            pending = next
            if next == Self.start {
                pending = []
                beginPaste()
            } else if next == Self.end {
                pending = []  // an end marker without a start: nothing to deliver
            }
            return []
        }
        let out = flushPending()
        return out + feedNormal(s, now: now)
    }

    private mutating func beginPaste() {
        pasting = true
        text = String.UnicodeScalarView()
        count = 0
        truncated = false
        delivered = false
        endMatch = []
        escapeDelivered = false
    }

    private mutating func feedPasting(_ raw: Raw) -> [TerminalInput] {
        switch raw {
        case .key(.resize):
            return [.key(.resize)]
        case .key(.enter):
            append("\r")
        case .key:
            // A sequence inside the pasted text that ncurses read as a key (`\e[A`): not text.
            break
        case .scalar(let s):
            let next = endMatch + [s]
            if Self.end.starts(with: next) {
                endMatch = next
                if next == Self.end { return finishPaste() }
                return []
            }
            for p in endMatch { append(p) }
            endMatch = []
            if s == "\u{1B}" {
                endMatch = [s]
            } else {
                append(s)
            }
        }
        return []
    }

    private mutating func append(_ s: Unicode.Scalar) {
        guard count < Self.maxScalars else {
            truncated = true
            return
        }
        text.append(s)
        count += 1
    }

    /// The text so far of a paste that stalled, as a paste; the paste goes on (a partial end marker is held).
    private mutating func deliverSoFar() -> [TerminalInput] {
        guard !text.isEmpty else { return [] }
        let paste = Paste(text: String(text), truncated: truncated)
        text = String.UnicodeScalarView()
        truncated = false
        delivered = true
        return [.paste(paste)]
    }

    /// Ends the paste: at its end marker, or after the long silence (a partial end marker is then text).
    private mutating func finishPaste() -> [TerminalInput] {
        if endMatch != Self.end { for p in endMatch { append(p) } }
        let paste = Paste(text: String(text), truncated: truncated)
        let rest = delivered && paste.text.isEmpty && !paste.truncated ? [] : [TerminalInput.paste(paste)]
        pasting = false
        text = String.UnicodeScalarView()
        count = 0
        truncated = false
        delivered = false
        endMatch = []
        return rest
    }

    /// The held scalars of a mouse report that never ended: the terminal's, not keys.
    private mutating func dropPending() -> [TerminalInput] {
        pending = []
        escapeDelivered = false
        return []
    }

    /// The held scalars as the keys they are (minus an Esc already delivered).
    private mutating func flushPending() -> [TerminalInput] {
        var held = pending
        if escapeDelivered && !held.isEmpty { held.removeFirst() }
        pending = []
        escapeDelivered = false
        return keys(held)
    }

    private func keys(_ scalars: [Unicode.Scalar]) -> [TerminalInput] {
        scalars.compactMap { Key.from(character: Character($0)).map(TerminalInput.key) }
    }
}
