import Foundation
import PropertyBased
import Testing
import TestSupport
import TermText

@testable import Browser

/// Random canonical documents from a tape of choices (the library shrinks the tape, so a failure shrinks
/// to a small document).
struct RichDocTape {
    var v: [UInt32]
    var i = 0
    mutating func next(_ n: Int) -> Int {
        defer { i += 1 }
        return i < v.count ? Int(v[i] % UInt32(n)) : 0
    }
    mutating func pick<T>(_ xs: [T]) -> T { xs[next(xs.count)] }

    static let words = ["a", "word", "x*y", "_", "**", "~~", "~", "`", "``", "[", "]", "(", ")", "\\", "@", "@[x](Y)",
                        "#", "-", "+", "1.", "2)", "<b>", "&amp;", "&", "\"", "é", "日本", "😀", "a_b", "http://x", "*",
                        "!", "*\u{301}", "<\u{301}b>", "- x", "```", "'", "\u{A0}", ">", "a@", "[l](u)"]
    static let codes = ["x", "a b", "`", "``", " x ", "  ", "<tag>", "&lt;", "*", "\\", "_a_", "` x", "x `"]
    static let links = ["https://example.com/a_(b)", "mailto:a@b.c", "http://x.y/?q=1&r=2", "ftp://f/\\x", "https://w.com/\"q\""]
    static let codeLines = ["let x = 1", "", "    indented", "```", "````x", "<b>&amp;</b>", "\tTab", "**not bold**", "- item", "~~~"]

    mutating func text() -> String { (0...next(4)).map { _ in pick(Self.words) }.joined(separator: " ") }

    mutating func run() -> RichRun {
        let kind: RichRun.Kind
        switch next(8) {
        case 0: kind = .code(pick(Self.codes))
        case 1: kind = .mention(id: pick(["KUATMOGX", "KUAB12", "@assignees"]), name: pick(["Ann Lee", "Bob", "X_Y", "[z]", "a*b"]))
        default: kind = .text(text())
        }
        var r = RichRun(kind, bold: next(3) == 1, italic: next(3) == 1, strike: next(4) == 1)
        if next(4) == 1, case .mention = kind {} else if next(4) == 1 { r.link = pick(Self.links) }
        return r
    }

    mutating func line() -> RichLine {
        var runs: [RichRun] = []
        for k in 0...next(4) {
            if k > 0 && next(2) == 0 { runs.append(RichRun(.text(" "))) }
            runs.append(run())
        }
        let l = RichDoc.normalize(runs)
        return l.isEmpty ? [RichRun(.text("a"))] : l
    }

    mutating func list(depth: Int) -> RichList {
        var items: [RichItem] = []
        for _ in 0...next(3) {
            let children = depth < 3 && next(3) == 0 ? (0...next(2)).map { _ in list(depth: depth + 1) } : []
            let n = children.isEmpty ? 1 + next(2) : next(3)
            items.append(RichItem(lines: (0..<n).map { _ in line() }, children: children))
        }
        return RichList(ordered: next(2) == 0, items: items)
    }

    mutating func doc() -> RichDoc {
        var blocks: [RichBlock] = []
        for _ in 0...next(5) {
            switch next(6) {
            case 0: blocks.append(.heading(level: 1 + next(6), line()))
            case 1, 2: blocks.append(.list(list(depth: 0)))
            case 3: blocks.append(.code((0...next(4)).map { _ in pick(Self.codeLines) }.joined(separator: "\n")))
            default: blocks.append(.paragraph((0...next(3)).map { _ in line() }))
            }
        }
        return RichDoc(blocks).normalized
    }

    static let gen = Gen.uint32().array(of: 0...400).map { v -> RichDoc in
        var t = RichDocTape(v: v)
        return t.doc()
    }
}

@Suite(.offPool) struct RichTextPropertyTests {
    @Test func markdownAndHTMLAreExactInversesOnTheSubset() async {
        await propertyCheck(count: 400, input: RichDocTape.gen) { doc in
            #expect(doc.normalized == doc, "normalizing twice changes \(doc)")
            let md = RichMarkdown.write(doc)
            let html = RichHTML.write(doc)
            #expect(RichMarkdown.parse(md) == doc, "md: \(md.debugDescription)")
            #expect(RichHTML.read(html)?.doc == doc, "html: \(html.debugDescription)")
            // md -> html -> md and html -> md -> html are identities.
            #expect(RichHTML.fromMarkdown(md) == html, "md: \(md.debugDescription)")
            #expect(RichHTML.toMarkdown(html) == md, "html: \(html.debugDescription)")
            #expect(RichHTML.read(html)?.lost == [])
        }
    }

    static let allowedTags: Set<String> = ["b", "i", "s", "code", "a", "ul", "ol", "li", "pre", "br", "h1", "h2", "h3",
                                           "h4", "h5", "h6"]

    @Test func hostileHTMLComesBackSanitizedAndStable() async {
        await propertyCheck(count: 400, input: PropertyHTMLTextTests.soup) { html in
            guard let md = RichHTML.toMarkdown(html) else { Issue.record("nil for \(html)"); return }
            let back = RichHTML.fromMarkdown(md)
            // Stable after one pass: what came in, sanitized, round-trips exactly.
            #expect(RichHTML.toMarkdown(back) == md, "html: \(html.debugDescription) md: \(md.debugDescription)")
            #expect(RichHTML.fromMarkdown(RichHTML.toMarkdown(back) ?? "") == back)
            #expect(!back.contains("SCRIPTBODY") && !back.contains("STYLEBODY") && !back.contains("hidden "))
            #expect(!back.lowercased().contains("javascript:"))
            #expect(!back.unicodeScalars.contains { RichDoc.isUnsafe($0) })
            for tag in Self.tagNames(back) { #expect(Self.allowedTags.contains(tag), "tag \(tag) in \(back)") }
        }
    }

    @Test func randomTextNeverCrashesAndIsStable() async {
        await propertyCheck(count: 300, input: FuzzStrings.string) { s in
            let html = RichHTML.fromMarkdown(s)
            let md = RichHTML.toMarkdown(html) ?? ""
            #expect(RichHTML.fromMarkdown(md) == html, "from \(s.debugDescription)")
            let fromHTML = RichHTML.toMarkdown(s) ?? ""
            #expect(RichHTML.toMarkdown(RichHTML.fromMarkdown(fromHTML)) == fromHTML)
        }
    }

    static func tagNames(_ html: String) -> [String] {
        var out: [String] = []
        var rest = Substring(html)
        while let lt = rest.firstIndex(of: "<") {
            rest = rest[rest.index(after: lt)...]
            let name = rest.drop(while: { $0 == "/" }).prefix(while: { $0.isLetter || $0.isNumber })
            out.append(name.lowercased())
        }
        return out
    }
}

@Suite struct RichTextExampleTests {
    @Test func wrikeMarkupBecomesMarkdownAndBack() throws {
        let html = "Intro <b>bold</b> and <i>it</i> <s>gone</s> <code>x()</code><br />second line<br /><br />"
            + "<ul><li>one<ul><li>nested</li></ul></li><li>two</li></ul><ol><li>first</li></ol>"
            + "<pre>let a = 1\n  b</pre>"
            + "Ask <a class=\"stream-user-id avatar\" rel=\"KUATMOGX\">&#64;Pylyp Orlyk</a> about <a href=\"https://example.com/x\" rel=\"nofollow\">the page</a>"
        let md = try #require(RichHTML.toMarkdown(html))
        #expect(md == """
            Intro **bold** and _it_ ~~gone~~ `x()`
            second line

            - one
              - nested
            - two

            1. first

            ```
            let a = 1
              b
            ```

            Ask @[Pylyp Orlyk](KUATMOGX) about [the page](https://example.com/x)
            """)
        // Wrike's own spelling differs a little (an entity, a blank line before a list); the canonical one round-trips.
        let canonical = RichHTML.fromMarkdown(md)
        #expect(canonical == html.replacingOccurrences(of: "&#64;", with: "@").replacingOccurrences(of: "<br /><br /><ul>", with: "<ul>"))
        #expect(RichHTML.toMarkdown(canonical) == md)
    }

    @Test func commonMarkdownSpellingsAreRead() {
        let html = RichHTML.fromMarkdown("*it* and **b** and 1) x\n\n* a\n* b\n\n# Title")
        #expect(html == "<i>it</i> and <b>b</b> and 1) x<ul><li>a</li><li>b</li></ul><h1>Title</h1>")
    }

    @Test func unclosedMarkupAndUnsafeLinksStayText() {
        #expect(RichHTML.fromMarkdown("a **b and [c](javascript:alert(1))") == "a **b and [c](javascript:alert(1))")
        #expect(RichHTML.fromMarkdown("a[b](c) `x") == "a[b](c) `x")
        #expect(RichHTML.fromMarkdown("snake\\_case and 2 * 3") == "snake_case and 2 * 3")
    }

    @Test func whatMarkdownCannotHoldIsNamed() throws {
        let r = try #require(RichHTML.read("<table><tr><td>a</td><td>b</td></tr></table><u>u</u><img src=x>"))
        #expect(r.lost == ["images", "tables", "underline"])
        #expect(RichMarkdown.write(r.doc) == "a | b\n\nu")
    }
}
