import PropertyBased
import TermText
import Testing
import TestSupport

/// Property tests of the sanitizer and the width functions on random and hostile text.
@Suite struct PropertyTermTextTests {
    /// Scalars the sanitizer must never let through.
    static func forbidden(_ v: UInt32, keepNewlines: Bool) -> Bool {
        if v == 0x0A { return !keepNewlines }
        if v < 0x20 || (0x7F...0x9F).contains(v) { return true }
        switch v {
        case 0x061C, 0x180E, 0x200B...0x200F, 0x2028, 0x2029, 0x202A...0x202E, 0x2060...0x206F, 0xFE00...0xFE0F, 0xFEFF,
             0xFFF9...0xFFFB, 0xE0000...0xE007F, 0xE0100...0xE01EF:
            return true
        default:
            return Unicode.Scalar(v)?.properties.generalCategory == .format
        }
    }

    @Test func sanitizedTextHasNoEscapesControlsBidiOrZeroWidth() async {
        await propertyCheck(count: 400, input: FuzzStrings.string) { s in
            for keep in [true, false] {
                let out = keep ? Sanitizer.clean(s) : Sanitizer.cleanLine(s)
                let bad = out.unicodeScalars.filter { Self.forbidden($0.value, keepNewlines: keep) }
                #expect(bad.isEmpty, "kept \(bad.map { String($0.value, radix: 16) }) from \(s.debugDescription)")
            }
        }
    }

    @Test func sanitizerIsIdempotent() async {
        await propertyCheck(count: 400, input: FuzzStrings.string) { s in
            let once = Sanitizer.clean(s)
            #expect(Sanitizer.clean(once) == once)
            let line = Sanitizer.cleanLine(s)
            #expect(Sanitizer.cleanLine(line) == line)
            #expect(Sanitizer.cleanLine(once) == line)
        }
    }

    @Test func sanitizerKeepsPrintableTextAndRespectsTheCap() async {
        let printable = Gen.character(in: " "..."~").string(of: 0...200)
        await propertyCheck(count: 200, input: printable, Gen.int(in: 0...300)) { s, cap in
            #expect(Sanitizer.clean(s) == s)
            #expect(Sanitizer.cleanLine(s) == s)
            #expect(Sanitizer.clean(s, maxLength: cap) == String(s.prefix(cap)))
        }
        await propertyCheck(count: 200, input: FuzzStrings.string, Gen.int(in: 0...50)) { s, cap in
            #expect(Sanitizer.clean(s, maxLength: cap).unicodeScalars.count <= cap)
        }
    }

    @Test func displayWidthIsTheSumOfItsCharacters() async {
        await propertyCheck(count: 300, input: FuzzStrings.string) { s in
            let sum = s.reduce(0) { $0 + displayWidth($1) }
            #expect(displayWidth(s) == sum)
            #expect(s.allSatisfy { (0...2).contains(displayWidth($0)) })
        }
    }

    @Test func truncateNeverExceedsTheWidthNorSplitsACharacter() async {
        await propertyCheck(count: 400, input: FuzzStrings.string, Gen.int(in: -2...60)) { raw, width in
            for s in [raw, Sanitizer.cleanLine(raw)] {
                let t = truncate(s, to: width)
                #expect(displayWidth(t) <= max(0, width), "\(s.debugDescription) to \(width): \(t.debugDescription)")
                if t == s { continue }
                // A prefix of whole characters, then the ellipsis (unless even that does not fit).
                var body = Array(t)
                if body.last == "\u{2026}" { body.removeLast() }
                #expect(body == Array(s.prefix(body.count)), "\(s.debugDescription) -> \(t.debugDescription)")
                if width >= 1 { #expect(t.hasSuffix("\u{2026}")) }
            }
        }
    }

    @Test func padGivesExactlyTheWidth() async {
        let aligns: [TextAlignment] = [.left, .right, .center]
        await propertyCheck(count: 300, input: FuzzStrings.string, Gen.int(in: 0...60), Gen.int(in: 0...2)) { raw, width, a in
            let s = Sanitizer.cleanLine(raw)
            #expect(displayWidth(pad(s, to: width, align: aligns[a])) == width)
            #expect(displayWidth(pad(s, to: width, align: aligns[a], ellipsis: "...")) == width)
        }
    }

    @Test func wrappedLinesFitAndKeepEveryCharacter() async {
        await propertyCheck(count: 400, input: FuzzStrings.string, Gen.int(in: 2...50)) { raw, width in
            let s = Sanitizer.clean(raw)
            let lines = wrap(s, width: width)
            for line in lines {
                #expect(displayWidth(line) <= width, "\(line.debugDescription) wider than \(width)")
                #expect(!line.contains("\n"))
            }
            // No character lost, split or invented (spaces aside): compare characters line by line,
            // without joining (joining could merge a combining mark into the previous line's end).
            let kept = lines.flatMap { Array($0) }.filter { $0 != " " }
            let original = Array(s).filter { $0 != " " && $0 != "\n" }
            #expect(kept == original, "\(s.debugDescription) at \(width): \(lines)")
            // Raw (unsanitized) text: no crash and still within the width.
            #expect(wrap(raw, width: width).allSatisfy { displayWidth($0) <= width })
        }
    }

    @Test func wrapKeepsParagraphCount() async {
        await propertyCheck(count: 200, input: FuzzStrings.string, Gen.int(in: 1...40)) { raw, width in
            let s = Sanitizer.clean(raw)
            let paragraphs = s.split(separator: "\n", omittingEmptySubsequences: false).count
            #expect(wrap(s, width: width).count >= paragraphs)
            #expect(wrap(s, width: 0).isEmpty)
        }
    }
}
