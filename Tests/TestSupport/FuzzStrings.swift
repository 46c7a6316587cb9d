import PropertyBased
import WrikeSandbox

/// Random strings for property tests: a mix of hostile atoms (escape sequences, controls, bidi,
/// zero-width, emoji sequences, combining marks, entities, tags) and random scalars biased towards the
/// ranges that break terminals (C0/C1, general punctuation/format, combining marks, CJK, emoji).
/// Built from the library's integer and array generators, so failures shrink. Shared by the test targets.
public enum FuzzStrings {
    public static func token(_ kind: Int, _ value: UInt32) -> String {
        let atoms = HostileText.atoms
        func scalar(_ v: UInt32) -> String {
            Unicode.Scalar(v).map { String(Character($0)) } ?? "\u{FFFD}"
        }
        switch kind {
        case 0, 1, 2: return atoms[Int(value % UInt32(atoms.count))]
        case 3: return ["a", "b", " ", "  ", "word", "x y", "-", "1.", "•", "\n", "\t"][Int(value % 11)]
        case 4: return scalar(value % 0x100)                      // C0, ASCII, C1, Latin-1
        case 5: return scalar(0x2000 + value % 0x100)             // general punctuation: ZW, bidi, separators
        case 6: return scalar(0x300 + value % 0x70)               // combining marks
        case 7: return scalar(0x1F300 + value % 0x700)            // emoji
        case 8: return scalar(0x3000 + value % 0x7000)            // CJK and friends
        case 9: return scalar(0xFE00 + value % 0x200)             // variation selectors, specials, fullwidth
        default: return scalar(value % 0x110000)                  // anything (surrogates become U+FFFD)
        }
    }

    /// Up to 40 tokens joined.
    public static let string = zip(Gen.int(in: 0...10), Gen.uint32()).array(of: 0...40).map { tokens in
        tokens.map { token($0.0, $0.1) }.joined()
    }
}
