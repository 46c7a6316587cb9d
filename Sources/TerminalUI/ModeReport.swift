// The terminal's answer to a DEC private mode query (DECRQM `\e[?2026$p`): DECRPM `\e[?2026;1$y`.
// See docs/terminal.md ("Synchronized output").

/// A DECRPM answer: a private mode and its setting (0 not recognised, 1 set, 2 reset, 3 permanently
/// set, 4 permanently reset).
public struct ModeReport: Sendable, Equatable {
    public var mode: Int
    public var setting: Int

    public init(mode: Int, setting: Int) {
        self.mode = mode
        self.setting = setting
    }

    /// Whether the terminal knows the mode and can switch it (set or reset, not permanently).
    public var isSupported: Bool { setting == 1 || setting == 2 }

    /// The query for a private mode (DECRQM).
    public static func query(mode: Int) -> String { "\u{1B}[?\(mode)$p" }

    enum Match: Equatable {
        case no
        case prefix
        case complete(ModeReport)
    }

    /// Matches `\e[?` digits `;` digits `$y` (at most 5 digits each) against the scalars read so far.
    static func match(_ s: [Unicode.Scalar]) -> Match {
        let head: [Unicode.Scalar] = ["\u{1B}", "[", "?"]
        for (i, h) in head.enumerated() {
            if i >= s.count { return .prefix }
            if s[i] != h { return .no }
        }
        var numbers = [0, 0], digits = [0, 0], part = 0
        var i = head.count
        while i < s.count {
            let c = s[i].value
            if c >= 0x30 && c <= 0x39 {
                guard digits[part] < 5 else { return .no }
                numbers[part] = numbers[part] * 10 + Int(c - 0x30)
                digits[part] += 1
            } else if c == 0x3B, part == 0, digits[0] > 0 {  // ;
                part = 1
            } else if c == 0x24, part == 1, digits[1] > 0 {  // $
                if i + 1 == s.count { return .prefix }
                guard i + 2 == s.count, s[i + 1] == "y" else { return .no }
                return .complete(ModeReport(mode: numbers[0], setting: numbers[1]))
            } else {
                return .no
            }
            i += 1
        }
        return .prefix
    }
}

/// Synchronized output (DEC mode 2026): the terminal holds what a frame writes and shows it at once, so a
/// slow link never shows half a frame. Terminals that do not know the mode ignore it, but it is sent only
/// to those that announce it (an answer to the DECRQM query, or terminfo's `Sync`), or when configured on.
public enum SynchronizedOutput {
    public static let mode = 2026
    public static let begin = "\u{1B}[?2026h"
    public static let end = "\u{1B}[?2026l"

    public enum Start: Equatable {
        case on, off, ask
    }

    /// What to do at start for the `synchronized-output` setting ("auto", "on", "off").
    public static func decide(setting: String, terminfoHasSync: Bool) -> Start {
        switch setting {
        case "on": .on
        case "off": .off
        default: terminfoHasSync ? .on : .ask
        }
    }
}
