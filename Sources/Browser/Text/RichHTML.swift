// Wrike's HTML for task descriptions, written and read as a `RichDoc`. Written: lines joined by `<br />`,
// paragraphs by `<br /><br />` (Wrike's documented line break: developers.wrike.com/special-syntax),
// `<b>`, `<i>`, `<s>`, `<code>`, `<a href="…" rel="nofollow">` (http, https, ftp, mailto), mentions as
// Wrike writes them (`<a class="stream-user-id avatar" rel="KUATMOGX">@Name</a>`), `<ul>`/`<ol>`/`<li>`,
// `<pre>`, `<h1>`…`<h6>`. Read: that and what Wrike or other clients send besides (`<p>`, `<div>`,
// `<strong>`, `<em>`, `<strike>`, `<del>`, entities); script and style content is dropped, other tags
// keep only their text, and what Markdown cannot hold (images, tables, underline, colours, quotes) is
// named in `lost`. Pure. See docs/editing.md.

public enum RichHTML {
    /// Longer HTML is not read for editing (the caller says so instead of cutting it).
    public static let maxInput = 2_000_000

    // MARK: - Writing

    public static func write(_ doc: RichDoc) -> String {
        var out = ""
        var afterParagraph = false
        for b in doc.blocks {
            switch b {
            case .paragraph(let lines):
                if afterParagraph { out += "<br /><br />" }
                out += lines.map(inline).joined(separator: "<br />")
                afterParagraph = true
                continue
            case .heading(let level, let line): out += "<h\(level)>" + inline(line) + "</h\(level)>"
            case .list(let l): out += list(l)
            case .code(let t): out += "<pre>" + escape(t) + "</pre>"
            }
            afterParagraph = false
        }
        return out
    }

    static func list(_ l: RichList) -> String {
        let tag = l.ordered ? "ol" : "ul"
        var out = "<\(tag)>"
        for item in l.items {
            out += "<li>" + item.lines.map(inline).joined(separator: "<br />") + item.children.map(list).joined() + "</li>"
        }
        return out + "</\(tag)>"
    }

    static func inline(_ runs: RichLine) -> String { RichRender.group(runs, level: 0, markup: htmlMarkup) }

    static let htmlMarkup = RichRender.Markup(
        opening: { level, link in
            level == 0 ? "<a href=\"" + escape(link ?? "", attribute: true) + "\" rel=\"nofollow\">" : ["", "<s>", "<b>", "<i>"][level]
        },
        close: { level, _ in ["</a>", "</s>", "</b>", "</i>"][level] },
        atom: { r in
            switch r.kind {
            case .text(let t): return escape(t)
            case .code(let t): return "<code>" + escape(t) + "</code>"
            case .mention(let id, let name):
                return "<a class=\"stream-user-id avatar\" rel=\"" + escape(id, attribute: true) + "\">@" + escape(name) + "</a>"
            }
        })

    static func escape(_ t: String, attribute: Bool = false) -> String {
        var out = String.UnicodeScalarView()
        for c in t.unicodeScalars {
            switch c {
            case "&": out.append(contentsOf: "&amp;".unicodeScalars)
            case "<": out.append(contentsOf: "&lt;".unicodeScalars)
            case ">": out.append(contentsOf: "&gt;".unicodeScalars)
            case "\"" where attribute: out.append(contentsOf: "&quot;".unicodeScalars)
            default: out.append(c)
            }
        }
        return String(out)
    }

    // MARK: - Reading

    /// The document the HTML holds, and what it had that Markdown cannot hold (e.g. "images"); nil when
    /// it is longer than `maxInput`.
    public static func read(_ html: String) -> (doc: RichDoc, lost: [String])? {
        let scalars = Array(html.unicodeScalars)
        guard scalars.count <= maxInput else { return nil }
        var r = HTMLReader()
        r.read(scalars)
        return (RichDoc(r.finish()).normalized, r.lost.sorted())
    }

    /// Wrike HTML as Markdown (nil: too long to edit).
    public static func toMarkdown(_ html: String) -> String? { read(html).map { RichMarkdown.write($0.doc) } }

    /// Markdown as Wrike HTML.
    public static func fromMarkdown(_ md: String) -> String { write(RichMarkdown.parse(md)) }
}
