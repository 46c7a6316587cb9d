import Foundation
import Testing
import TestSupport
@testable import Browser
@testable import BrowserRuntime

@Suite(.offPool) struct HTMLTextTests {
    @Test func paragraphsAndBreaks() {
        #expect(HTMLText.toText("<p>Hello</p><p>World</p>") == "Hello\n\nWorld")
        #expect(HTMLText.toText("one<br />two<br>three") == "one\ntwo\nthree")
        #expect(HTMLText.toText("  lots   of\n\n spaces ") == "lots of spaces")
    }

    @Test func listsAreBulletedAndNumbered() {
        let html = "<h3>Plan</h3><ul><li>First</li><li>Second<ol><li>a</li><li>b</li></ol></li></ul>After"
        #expect(HTMLText.toText(html) == "Plan\n\n• First\n• Second\n  1. a\n  2. b\n\nAfter")
    }

    @Test func mentionsAndLinks() {
        let html = #"Hi <a class="stream-user-id avatar" rel="KUATMOGX">&#64;Pylyp Orlyk</a>, see <a href="https://example.com/x?a=1&amp;b=2">the spec</a>."#
        #expect(HTMLText.toText(html) == "Hi @Pylyp Orlyk, see the spec <https://example.com/x?a=1&b=2>.")
        #expect(HTMLText.toText(#"<a href="https://a.b">https://a.b</a>"#) == "https://a.b")
    }

    @Test func entities() {
        #expect(HTMLText.toText("a &amp; b &lt;c&gt; &quot;d&quot; &#x41;&#66; &eacute;x &unknown; & alone") == "a & b <c> \"d\" AB &eacute;x &unknown; & alone")
        #expect(HTMLText.decodeEntities("caf&#233; &#0; &#xD800;") == "café \u{FFFD} \u{FFFD}")
    }

    @Test func scriptsAndStylesAreDropped() {
        #expect(HTMLText.toText("<style>p{color:red}</style>ok<script>alert(1)</script>!") == "ok!")
        #expect(HTMLText.toText("a<!-- hidden -->b") == "ab")
    }

    @Test func malformedHTMLDoesNotLoseText() {
        #expect(HTMLText.toText("5 < 6 and <b>bold") == "5 < 6 and bold")
        #expect(HTMLText.toText("<p>unclosed <i>italic") == "unclosed italic")
        #expect(HTMLText.toText("</ul></li>stray closers") == "stray closers")
    }

    @Test func deepNestingIsLinear() {
        let deep = String(repeating: "<div><ul><li>", count: 20_000) + "core" + String(repeating: "</li></ul></div>", count: 20_000)
        let text = HTMLText.toText(deep, limit: 1_000_000)
        #expect(text.hasSuffix("core"))
    }

    @Test func hugeInputIsCapped() {
        let huge = String(repeating: "x", count: 300_000)
        let text = HTMLText.toText(huge)
        #expect(text.count == HTMLText.defaultLimit + 1)
        #expect(text.hasSuffix("…"))
    }

    @Test func imagesAndQuotes() {
        #expect(HTMLText.toText(#"<img src="https://x/y.png" alt="diagram">"#) == "[image: diagram]")
        #expect(HTMLText.toText("<blockquote>quoted</blockquote>reply") == "> quoted\n\nreply")
    }
}

@Suite struct TimeInputTests {
    @Test(arguments: [
        ("1.5", 1.5), ("1,5", 1.5), ("1h30m", 1.5), ("1h 30m", 1.5), ("90m", 1.5), ("2h", 2.0),
        ("1:30", 1.5), ("45min", 0.75), ("0.25", 0.25), ("3 hours", 3.0), ("10 minutes", 1.0 / 6),
    ])
    func hours(input: String, expected: Double) throws {
        let value = try #require(TimeInput.parseHours(input))
        #expect(abs(value - expected) < 0.001)
    }

    @Test(arguments: ["", "abc", "1x", "h", "1:75", "--1", "1h30q", "-1"])
    func badHours(input: String) {
        #expect(TimeInput.parseHours(input) == nil)
    }

    @Test func dates() throws {
        var cal = Calendar(identifier: .gregorian)
        cal.timeZone = try #require(TimeZone(identifier: "UTC"))
        let today = try #require(cal.date(from: DateComponents(year: 2026, month: 3, day: 1, hour: 10)))
        #expect(TimeInput.parseDate("today", today: today, calendar: cal) == "2026-03-01")
        #expect(TimeInput.parseDate("", today: today, calendar: cal) == "2026-03-01")
        #expect(TimeInput.parseDate("yesterday", today: today, calendar: cal) == "2026-02-28")
        #expect(TimeInput.parseDate("-2", today: today, calendar: cal) == "2026-02-27")
        #expect(TimeInput.parseDate("2025-12-31", today: today, calendar: cal) == "2025-12-31")
        #expect(TimeInput.parseDate("02-14", today: today, calendar: cal) == "2026-02-14")
        #expect(TimeInput.parseDate("2026-02-30", today: today, calendar: cal) == nil)
        #expect(TimeInput.parseDate("someday", today: today, calendar: cal) == nil)
    }

    @Test func formatting() {
        #expect(TimeInput.formatHours(1.5) == "1h 30m")
        #expect(TimeInput.formatHours(0.25) == "15m")
        #expect(TimeInput.formatHours(2) == "2h")
    }

    @Test func relative() {
        let now = Date(timeIntervalSince1970: 1_000_000_000)
        #expect(RelativeTime.describe(now.addingTimeInterval(-10), now: now) == "just now")
        #expect(RelativeTime.describe(now.addingTimeInterval(-300), now: now) == "5 min ago")
        #expect(RelativeTime.describe(now.addingTimeInterval(3 * 3600), now: now) == "in 3 h")
        #expect(RelativeTime.describe(now.addingTimeInterval(-3 * 86400), now: now) == "3 days ago")
    }
}

@Suite struct FuzzyTests {
    @Test func matchesInOrder() {
        #expect(Fuzzy.score("dpl", "Deploy pipeline") != nil)
        #expect(Fuzzy.score("xyz", "Deploy pipeline") == nil)
        #expect(Fuzzy.score("", "anything") == 0)
    }

    @Test func ranksWordStartsAndRunsFirst() {
        let ranked = Fuzzy.rank("api", ["Rapid prototyping", "API client", "a pie"], key: { $0 })
        #expect(ranked.first == "API client")
        #expect(ranked.count == 3)
    }
}

@Suite struct HTMLNestingTests {
    @Test func listIndentIsCapped() {
        let html = String(repeating: "<ul><li>x", count: 50)
        let lines = HTMLText.toText(html).split(separator: "\n")
        #expect(lines.count == 50)
        #expect(lines.allSatisfy { $0.count <= 2 * HTMLText.maxListIndent + 3 })
    }
}
