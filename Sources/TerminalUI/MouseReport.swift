// The terminal's mouse reports, decoded here from the characters ncurses hands over (NcursesScreen takes
// the report's prefix out of ncurses' key table, so ncurses never waits in read() for a report's end):
// SGR (mode 1006, asked for on every terminal that reports a mouse): `\e[<` button `;` column `;` row,
// then `M` (press) or `m` (release); X10 (mode 1000 alone, a terminal that does not know 1006): `\e[M`
// then three characters, button, column and row each plus 32. Column and row from 1. `PasteParser`
// decodes a report split anywhere as one event, and drops one that is broken or never ends instead of
// handing the app an Esc and keys. See docs/links.md.

/// What the scalars read so far are, as an SGR mouse report.
enum MouseReport {
    enum Match: Equatable {
        case no
        case prefix
        /// A whole report: the event the app wants (a button-1 press, a wheel notch), or nil for one it
        /// does not (a release, a motion, another button).
        case complete(MouseEvent?)
    }

    /// Wheel reports have bit 64 set (64 up, 65 down); 4, 8, 16 are Shift, Meta, Ctrl; 32 is motion.
    static func event(button: Int, x: Int, y: Int, press: Bool) -> MouseEvent? {
        guard press, button & 32 == 0, x >= 1, y >= 1 else { return nil }
        switch button & ~(4 | 8 | 16) {
        case 0: return MouseEvent(.press, x: x - 1, y: y - 1)
        case 64: return MouseEvent(.wheelUp, x: x - 1, y: y - 1)
        case 65: return MouseEvent(.wheelDown, x: x - 1, y: y - 1)
        default: return nil
        }
    }

    /// Matches a report (SGR or X10) against the scalars read so far.
    static func match(_ s: [Unicode.Scalar]) -> Match {
        let sgr = matchSGR(s)
        return sgr == .no ? matchX10(s) : sgr
    }

    /// The scalars begin a report (`\e[<` or `\e[M`): whatever follows is the terminal's, never keys.
    static func started(_ s: [Unicode.Scalar]) -> Bool {
        s.count >= 3 && s[0] == "\u{1B}" && s[1] == "[" && (s[2] == "<" || s[2] == "M")
    }

    /// `\e[M` and three characters (button, column, row, each + 32; a UTF-8 terminal (mode 1005) sends
    /// columns past 95 as wider characters). A release has 3 in the low bits (a wheel notch never does).
    static func matchX10(_ s: [Unicode.Scalar]) -> Match {
        let head: [Unicode.Scalar] = ["\u{1B}", "[", "M"]
        for (i, h) in head.enumerated() {
            if i >= s.count { return .prefix }
            if s[i] != h { return .no }
        }
        guard s.count <= 6, s.dropFirst(3).allSatisfy({ $0.value >= 32 }) else { return .no }
        guard s.count == 6 else { return .prefix }
        let b = Int(s[3].value) - 32, x = Int(s[4].value) - 32, y = Int(s[5].value) - 32
        return .complete(event(button: b, x: x, y: y, press: b & 64 != 0 || b & 3 != 3))
    }

    /// Matches `\e[<` digits `;` digits `;` digits `M`/`m` (at most 5 digits each) against the scalars read so far.
    static func matchSGR(_ s: [Unicode.Scalar]) -> Match {
        let head: [Unicode.Scalar] = ["\u{1B}", "[", "<"]
        for (i, h) in head.enumerated() {
            if i >= s.count { return .prefix }
            if s[i] != h { return .no }
        }
        var numbers = [0, 0, 0], digits = [0, 0, 0], part = 0
        for i in head.count..<s.count {
            let c = s[i], v = c.value
            if v >= 0x30 && v <= 0x39 {
                guard digits[part] < 5 else { return .no }
                numbers[part] = numbers[part] * 10 + Int(v - 0x30)
                digits[part] += 1
            } else if c == ";", part < 2, digits[part] > 0 {
                part += 1
            } else if c == "M" || c == "m", part == 2, digits[2] > 0, i == s.count - 1 {
                return .complete(event(button: numbers[0], x: numbers[1], y: numbers[2], press: c == "M"))
            } else {
                return .no
            }
        }
        return .prefix
    }
}
