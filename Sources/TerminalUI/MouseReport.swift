// The terminal's SGR mouse report (mode 1006): `\e[<` button `;` column `;` row, then `M` (press) or `m`
// (release), column and row from 1. ncurses decodes it when the whole report is there as it reads the Esc;
// one that reaches it split (the Esc alone, the rest after ncurses' Esc wait) comes through as characters,
// and `PasteParser` decodes it here instead of handing the app an Esc and keys. See docs/links.md.

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

    /// Matches `\e[<` digits `;` digits `;` digits `M`/`m` (at most 5 digits each) against the scalars read so far.
    static func match(_ s: [Unicode.Scalar]) -> Match {
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
