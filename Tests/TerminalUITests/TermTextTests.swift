import PropertyBased
import TermText
import Testing

@Suite struct SanitizerTests {
    @Test func asciiIsReturnedUnchanged() {
        #expect(Sanitizer.cleanLine("Plain title 123 (ok)") == "Plain title 123 (ok)")
        #expect(Sanitizer.clean("two\nlines") == "two\nlines")
        #expect(Sanitizer.cleanLine("two\nlines") == "two lines")
    }

    @Test func csiSequencesAreRemoved() {
        #expect(Sanitizer.cleanLine("\u{1B}[31mred\u{1B}[0m") == "red")
        #expect(Sanitizer.cleanLine("a\u{1B}[2J\u{1B}[Hb") == "ab")
        #expect(Sanitizer.cleanLine("x\u{1B}[?1049hy") == "xy")
        #expect(Sanitizer.cleanLine("8-bit \u{9B}1;2Hcsi") == "8-bit csi")
    }

    @Test func oscSequencesAreRemovedWithBELOrST() {
        // OSC 52: set the clipboard.
        #expect(Sanitizer.cleanLine("a\u{1B}]52;c;ZXZpbA==\u{07}b") == "ab")
        // OSC 8: hyperlink, terminated by ST.
        #expect(Sanitizer.cleanLine("\u{1B}]8;;http://evil\u{1B}\\click\u{1B}]8;;\u{1B}\\") == "click")
        // OSC 0 title with C1 ST.
        #expect(Sanitizer.cleanLine("\u{1B}]0;title\u{9C}after") == "after")
        // Unterminated: everything after is swallowed.
        #expect(Sanitizer.cleanLine("keep\u{1B}]52;c;AAAA") == "keep")
    }

    @Test func dcsApcPmSosAndTwoCharEscapesAreRemoved() {
        #expect(Sanitizer.cleanLine("a\u{1B}P1$r0m\u{1B}\\b") == "ab")
        #expect(Sanitizer.cleanLine("a\u{1B}_apc\u{1B}\\b") == "ab")
        #expect(Sanitizer.cleanLine("a\u{1B}^pm\u{07}b") == "ab")
        #expect(Sanitizer.cleanLine("a\u{1B}Xsos\u{1B}\\b") == "ab")
        #expect(Sanitizer.cleanLine("a\u{1B}cb") == "ab")  // RIS
        #expect(Sanitizer.cleanLine("a\u{1B}(0b") == "ab")  // charset switch (nF)
        #expect(Sanitizer.cleanLine("a\u{1B}7\u{1B}8b") == "ab")
        #expect(Sanitizer.cleanLine("end\u{1B}") == "end")
    }

    @Test func controlsAreRemovedAndWhitespaceMapped() {
        #expect(Sanitizer.cleanLine("a\u{0}b\u{7}c\u{8}d\u{7F}e\u{85}f\u{80}g\u{9F}apc\u{9C}") == "abcde fg")
        #expect(Sanitizer.cleanLine("tab\there") == "tab here")
        #expect(Sanitizer.clean("crlf\r\nline\rold mac") == "crlf\nline\nold mac")
        #expect(Sanitizer.cleanLine("l1\r\nl2") == "l1 l2")
    }

    @Test func bidiAndInvisibleCharactersAreRemoved() {
        #expect(Sanitizer.cleanLine("abc\u{202E}fed\u{202C}") == "abcfed")
        #expect(Sanitizer.cleanLine("\u{2066}iso\u{2069}\u{200E}\u{200F}\u{061C}") == "iso")
        #expect(Sanitizer.cleanLine("zw\u{200B}sp\u{200C}\u{200D}\u{2060}\u{FEFF}") == "zwsp")
        #expect(Sanitizer.cleanLine("\u{2764}\u{FE0F}") == "\u{2764}")
        #expect(Sanitizer.cleanLine("\u{8FBB}\u{E0100}") == "\u{8FBB}")
        #expect(Sanitizer.cleanLine("flag\u{1F3F4}\u{E0067}\u{E0062}\u{E007F}") == "flag\u{1F3F4}")
        #expect(Sanitizer.cleanLine("soft\u{AD}hyphen") == "softhyphen")
    }

    @Test func zwjSequencesFallApart() {
        let family = "\u{1F468}\u{200D}\u{1F469}\u{200D}\u{1F467}"
        #expect(Sanitizer.cleanLine(family) == "\u{1F468}\u{1F469}\u{1F467}")
    }

    @Test func legitimateUnicodeSurvives() {
        let s = "Café — 漢字 テスト 😀 e\u{301} Ωμέγα עברית"
        #expect(Sanitizer.cleanLine(s) == s)
    }

    @Test func lengthIsCapped() {
        let long = String(repeating: "a", count: 5000)
        #expect(Sanitizer.cleanLine(long, maxLength: 100).count == 100)
        #expect(Sanitizer.cleanLine(long + "é", maxLength: 10) == String(repeating: "a", count: 10))
    }

    static let hostile: [Unicode.Scalar] = [
        "\u{1B}", "[", "]", "P", "\\", "\u{07}", "\u{9B}", "\u{9C}", "\u{9D}", "\u{90}", "\u{0}", "\u{8}", "\n", "\r", "\t",
        "\u{7F}", "\u{85}", "\u{202E}", "\u{200D}", "\u{FE0F}", "\u{E0041}", "a", "1", ";", "m", "é", "漢", "😀", "\u{301}",
    ]

    @Test func propertyNoControlsSurvive() async {
        let gen = Gen<Unicode.Scalar?>.element(of: Self.hostile).compactMap { $0 }.array(of: 0...40)
        await propertyCheck(count: 500, input: gen) { scalars in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars)
            let out = Sanitizer.cleanLine(String(s))
            for u in out.unicodeScalars {
                #expect(u.value >= 0x20 && !(0x7F...0x9F).contains(u.value), "control \(u.value) survived")
                #expect(!Sanitizer.isRemoved(u.value))
            }
            let multi = Sanitizer.clean(String(s))
            #expect(!multi.unicodeScalars.contains { $0.value < 0x20 && $0 != "\n" })
        }
    }

    @Test func propertyRandomScalarsNeverLeaveEscapes() async {
        let gen = Gen<Unicode.Scalar>.unicodeScalar(in: "\u{0}"..."\u{2FF}").array(of: 0...60)
        await propertyCheck(count: 300, input: gen) { scalars in
            var s = String.UnicodeScalarView()
            s.append(contentsOf: scalars)
            let out = Sanitizer.cleanLine(String(s))
            #expect(!out.unicodeScalars.contains { $0.value < 0x20 || (0x7F...0x9F).contains($0.value) })
        }
    }
}

@Suite struct WidthTests {
    @Test func asciiWidth() {
        #expect(displayWidth("hello") == 5)
        #expect(displayWidth("") == 0)
        #expect(displayWidth("a\u{7}b") == 2)
    }

    @Test func wideAndCombining() {
        #expect(displayWidth("漢字") == 4)
        #expect(displayWidth("ｶﾀｶﾅ") == 4)  // half-width katakana
        #expect(displayWidth("Ｆｕｌｌ") == 8)  // full-width latin
        #expect(displayWidth("😀") == 2)
        #expect(displayWidth("👍") == 2)
        #expect(displayWidth("e\u{301}") == 1)
        #expect(displayWidth(Character("e\u{301}\u{302}")) == 1)
        #expect(displayWidth("한국어") == 6)
        #expect(displayWidth("\u{1100}\u{1161}\u{11A8}") == 2)  // conjoining jamo: one cluster
        #expect(displayWidth("🇫🇷") == 2)
        #expect(displayWidth("\u{301}") == 0)  // lone combining mark
        #expect(displayWidth("Ωμέγα") == 5)
    }

    @Test func truncateKeepingEndShowsTheEnd() {
        #expect(truncateKeepingEnd("hello world", to: 20) == "hello world")
        #expect(truncateKeepingEnd("hello world", to: 8) == "…o world")
        #expect(truncateKeepingEnd("hello world", to: 8, ellipsis: "~") == "~o world")
        // A wide character that would straddle the limit is left out.
        #expect(truncateKeepingEnd("ab漢字", to: 4) == "…字")
        #expect(displayWidth(truncateKeepingEnd("ab漢字", to: 4)) == 3)
        #expect(truncateKeepingEnd("hello", to: 0) == "")
        #expect(truncateKeepingEnd("hello", to: 1, ellipsis: "...") == "o")
    }

    @Test func truncateFitsAndEndsWithEllipsis() {
        #expect(truncate("hello world", to: 20) == "hello world")
        #expect(truncate("hello world", to: 8) == "hello w…")
        #expect(truncate("hello world", to: 8, ellipsis: "~") == "hello w~")
        #expect(truncate("hello world", to: 8, ellipsis: "...") == "hello...")
        #expect(truncate("hello", to: 2, ellipsis: "...") == "he")
        #expect(truncate("hello", to: 0) == "")
        #expect(truncate("漢字漢字", to: 5) == "漢字…")
        #expect(truncate("漢字漢字", to: 4) == "漢…")
        #expect(truncate("a漢字", to: 3) == "a…")
        #expect(truncate("e\u{301}e\u{301}e\u{301}", to: 2) == "e\u{301}…")
        #expect(truncate("😀😀😀", to: 4) == "😀…")
    }

    @Test func padAligns() {
        #expect(pad("ab", to: 4) == "ab  ")
        #expect(pad("ab", to: 4, align: .right) == "  ab")
        #expect(pad("ab", to: 5, align: .center) == " ab  ")
        #expect(pad("漢字", to: 5) == "漢字 ")
        #expect(pad("漢字漢", to: 5) == "漢字…")
        #expect(pad("漢字漢字", to: 3).displayWidth == 3)
    }

    @Test func wrapWords() {
        #expect(wrap("the quick brown fox jumps", width: 10) == ["the quick", "brown fox", "jumps"])
        #expect(wrap("a\n\nb", width: 5) == ["a", "", "b"])
        #expect(wrap("abcdefghij", width: 4) == ["abcd", "efgh", "ij"])
        #expect(wrap("漢字漢字漢字", width: 5) == ["漢字", "漢字", "漢字"])
        #expect(wrap("  • item with long text", width: 12) == ["  • item", "    with", "    long", "    text"])
        #expect(wrap("anything", width: 0) == [])
    }

    static let pieces = ["a", "b ", "漢", "😀", "e\u{301}", "🇫🇷", " ", "ｶ", "Ω", "字字"]

    @Test func propertyTruncateNeverExceedsWidthNorSplits() async {
        let gen = Gen<String?>.element(of: Self.pieces).compactMap { $0 }.array(of: 0...20)
        await propertyCheck(count: 400, input: gen, Gen.int(in: 0...30)) { parts, width in
            let s = parts.joined()
            let t = truncate(s, to: width)
            #expect(displayWidth(t) <= width)
            let kept = t.hasSuffix("…") && t != s ? String(t.dropLast()) : t
            // Never split a cluster: the kept part is a whole number of s's characters.
            #expect(Array(s).starts(with: Array(kept)))
            if displayWidth(s) <= width { #expect(t == s) }
            for line in wrap(s, width: max(width, 2)) { #expect(displayWidth(line) <= max(width, 2)) }
        }
    }
}
