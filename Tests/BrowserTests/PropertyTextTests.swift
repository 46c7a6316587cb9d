import Foundation
import PropertyBased
import Testing
import TestSupport
import TermText
import WrikeSandbox

@testable import Browser
@testable import BrowserRuntime

/// Property tests of the HTML-to-text converter, the time parsers and fuzzy matching.
@Suite(.offPool) struct PropertyHTMLTextTests {
    static let tagNames = ["p", "div", "span", "b", "i", "em", "strong", "ul", "ol", "li", "br", "h1", "h3", "blockquote",
                           "pre", "code", "table", "tr", "td", "a", "img", "section", "u", "s"]

    /// Well-formed tags, text and entities (no `&lt;`/`&#60;`, so the output may not contain a tag).
    static func soupToken(_ kind: Int, _ v: UInt32) -> String {
        let name = tagNames[Int(v % UInt32(tagNames.count))]
        switch kind {
        case 0: return "<\(name)>"
        case 1: return "</\(name)>"
        case 2: return "<\(name) class=\"c\(v % 7)\" data-x='\(v)'>"
        case 3: return "<br/>"
        case 4: return "<a href=\"https://example.com/\(v % 100)?a=1&amp;b=2\">"
        case 5: return "<a class=\"stream-user-id avatar\" rel=\"KU\(v % 9)\">@Name\(v % 9)</a>"
        case 6: return ["&amp;", "&quot;", "&#233;", "&#x1F600;", "&nbsp;", "&hellip;", "&bogus;", "& ", "&#;", "&#xZZ;",
                        "&#99999999;", "&#0;", "&#27;", "&#x9b;"][Int(v % 14)]
        case 7: return "<script>SCRIPTBODY \(v)</script>"
        case 8: return "<style>STYLEBODY{}</style>"
        case 9: return "<!-- hidden \(v) -->"
        case 10: return "<img src=\"x\" alt=\"pic \(v % 5)\"/>"
        default: return FuzzStrings.token(Int(v % 11), v).replacingOccurrences(of: "<", with: "(")
                .replacingOccurrences(of: "&lt", with: "&l").replacingOccurrences(of: "&#60", with: "&#6")
                .replacingOccurrences(of: "&#x3c", with: "").replacingOccurrences(of: "&#x3C", with: "")
        }
    }

    static let soup = zip(Gen.int(in: 0...14), Gen.uint32()).array(of: 0...60).map { tokens in
        tokens.map { soupToken($0.0, $0.1) }.joined()
    }

    @Test func wellFormedTagsNeverReachTheText() async {
        await propertyCheck(count: 500, input: Self.soup) { html in
            let text = HTMLText.toText(html)
            for name in Self.tagNames {
                #expect(!text.contains("<\(name)>") && !text.contains("<\(name) ") && !text.contains("</\(name)"),
                        "tag \(name) in \(text.debugDescription) from \(html.debugDescription)")
            }
            #expect(!text.contains("SCRIPTBODY") && !text.contains("STYLEBODY") && !text.contains("hidden "))
            #expect(!text.hasSuffix(" ") && !text.hasSuffix("\n"))  // (leading spaces: kept inside <pre>)
            if !html.contains("<pre") { #expect(!text.contains("\n\n\n")) }  // (<pre> keeps its blank lines)
        }
    }

    @Test func randomAndHostileInputNeverCrashesAndSanitizesClean() async {
        await propertyCheck(count: 500, input: FuzzStrings.string) { s in
            let text = HTMLText.toText(s)
            let clean = Sanitizer.clean(text)
            #expect(!clean.unicodeScalars.contains { $0.value == 0x1B || (0x80...0x9F).contains($0.value) })
            _ = HTMLText.decodeEntities(s)
        }
    }

    @Test func outputStaysLinearInTheInput() async {
        // Deep nesting must not blow up (indentation per level, quote prefixes per line).
        await propertyCheck(count: 40, input: Gen.int(in: 1...4), Gen.int(in: 100...6_000)) { kind, depth in
            let open = ["<ul><li>x", "<blockquote>x<br>", "<ol><li>y<ul><li>z", "<div><blockquote><p>q"][kind - 1]
            let html = String(repeating: open, count: depth)
            let text = HTMLText.toText(html)
            #expect(text.unicodeScalars.count <= 40 * html.unicodeScalars.count + 1_000,
                    "\(depth) levels of \(open): \(html.unicodeScalars.count) in, \(text.unicodeScalars.count) out")
        }
    }

    @Test func adversarialDocumentsFromTheHostileDataset() {
        let inputs = [
            HostileText.deeplyNestedHTML(depth: 20_000),
            HostileText.malformedHTML,
            HostileText.entityEncodedEscapes,
            HostileText.hugeComment(bytes: 1 << 20),
            "<a href=\"" + String(repeating: "x", count: 300_000) + "\">big attribute</a>",
            "<" + String(repeating: "a", count: 300_000),
            String(repeating: "<b", count: 100_000),
            String(repeating: "&#x41", count: 100_000),
            String(repeating: "<!--", count: 50_000),
            String(repeating: "<script>", count: 30_000),
            String(repeating: "<a href='", count: 30_000),
            String(repeating: "&amp;", count: 100_000),
        ]
        for html in inputs {
            let text = HTMLText.toText(html)
            #expect(text.unicodeScalars.count <= HTMLText.defaultLimit * 8, "\(html.prefix(40))")
            let clean = Sanitizer.clean(text)
            #expect(!clean.contains("\u{1B}"))
            #expect(!clean.contains("]0;pwned\u{07}"))
        }
        // Entity-encoded escapes decode (that is the converter's job) and the sanitizer removes them.
        let decoded = HTMLText.toText(HostileText.entityEncodedEscapes)
        #expect(decoded.contains("\u{1B}"))
        #expect(!Sanitizer.clean(decoded).contains("pwned-entity"))
    }
}

@Suite struct PropertyTimeInputTests {
    static let calendar: Calendar = {
        var c = Calendar(identifier: .gregorian)
        c.timeZone = TimeZone(identifier: "UTC") ?? c.timeZone
        return c
    }()

    @Test func formatThenParseRoundTripsToTheMinute() async {
        await propertyCheck(count: 500, input: Gen.int(in: 0...(24 * 60 * 3))) { minutes in
            let hours = Double(minutes) / 60
            let text = TimeInput.formatHours(hours)
            let parsed = TimeInput.parseHours(text)
            #expect(parsed.map { abs($0 - hours) < 1.0 / 60 } == true, "\(minutes) min -> \(text) -> \(String(describing: parsed))")
        }
    }

    @Test func equivalentSpellingsAgree() async {
        await propertyCheck(count: 300, input: Gen.int(in: 0...30), Gen.int(in: 0...59)) { h, m in
            let expected = Double(h) + Double(m) / 60
            for text in ["\(h)h\(m)m", "\(h)h \(m)min", "\(h):\(m < 10 ? "0" : "")\(m)", "\(h * 60 + m)m", " \(h) H \(m) M "] {
                let v = TimeInput.parseHours(text)
                #expect(v.map { abs($0 - expected) < 1e-9 } == true, "\(text) -> \(String(describing: v))")
            }
        }
    }

    @Test func randomInputNeverCrashesAndGivesASaneNumber() async {
        let digitsAndUnits = Gen.element(of: Array("0123456789.,:hmHMinrsuteo -+e")).compactMap { $0 }.string(of: 0...40)
        await propertyCheck(count: 500, input: digitsAndUnits) { s in
            if let v = TimeInput.parseHours(s) {
                #expect(v.isFinite && v >= 0, "\(s.debugDescription) -> \(v)")
                _ = TimeInput.formatHours(v)
            }
        }
        await propertyCheck(count: 300, input: FuzzStrings.string) { s in
            if let v = TimeInput.parseHours(s) {
                #expect(v.isFinite && v >= 0)
                _ = TimeInput.formatHours(v)
            }
        }
    }

    @Test func hugeAndOddNumbersAreRefusedOrFormattable() {
        for s in ["1e308", "1e300h", "99999999999999999999999999999", "9999999999999999999h", "1" + String(repeating: "0", count: 31),
                  "nan", "inf", "-1", "1e-300", "0x10", "1:60", "99999999999999999999:00", "١٢h", "²h", "½h"] {
            if let v = TimeInput.parseHours(s) {
                #expect(v.isFinite && v >= 0, "\(s) -> \(v)")
                #expect(!TimeInput.formatHours(v).isEmpty)
            }
        }
        for v in [Double.infinity, -Double.infinity, .nan, 1e300, -5, Double.greatestFiniteMagnitude] {
            #expect(!TimeInput.formatHours(v).isEmpty)
        }
    }

    @Test func parseDateNeverCrashesAndAnswersAnISODate() async {
        let today = Date(timeIntervalSince1970: 1_795_000_000)
        let dateish = Gen.element(of: Array("0123456789-ytodaesr ")).compactMap { $0 }.string(of: 0...24)
        await propertyCheck(count: 500, input: dateish) { s in
            if let d = TimeInput.parseDate(s, today: today, calendar: Self.calendar) {
                #expect(d.count == 10 && d.dropFirst(4).first == "-" && d.dropFirst(7).first == "-", "\(s) -> \(d)")
            }
        }
        for s in ["9999-99-99", "2026-02-30", "99999999999999-1", "1-99999999999999", "0", "-3650", "-3651", "--1",
                  "-9223372036854775808", "2026-13-01", "0000-01-01"] {
            _ = TimeInput.parseDate(s, today: today, calendar: Self.calendar)
        }
        #expect(TimeInput.parseDate("2026-02-30", today: today, calendar: Self.calendar) == nil)
    }

    @Test func relativeTimeNeverCrashesForServerDates() async {
        let now = Date(timeIntervalSince1970: 1_795_000_000)
        // Wrike dates are years 0001...9999: about ±3e11 s from now.
        await propertyCheck(count: 300, input: Gen.int(in: -320_000_000_000...320_000_000_000)) { offset in
            let text = RelativeTime.describe(now.addingTimeInterval(TimeInterval(offset)), now: now)
            #expect(!text.isEmpty)
        }
    }
}

@Suite struct PropertyFuzzyTests {
    @Test func matchesAreSubsequencesAndNeverCrash() async {
        await propertyCheck(count: 400, input: FuzzStrings.string, FuzzStrings.string) { q, c in
            _ = Fuzzy.score(q, c)
            // A candidate always matches itself and every query made of its own letters in order.
            let letters = String(c.filter { $0.isLetter }.prefix(5))
            if !letters.isEmpty { #expect(Fuzzy.score(letters, c) != nil, "\(letters.debugDescription) in \(c.debugDescription)") }
            let ranked = Fuzzy.rank(q, [c, q, ""], key: { $0 })
            #expect(ranked.count <= 3)
        }
    }
}
