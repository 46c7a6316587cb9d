// HTMLText's converter: the state between tags (the text written, open lists, a skipped element, an open
// link) and what each tag does to it.
extension HTMLText {
    struct Converter {
        var out = Output()
        var listStack: [ListState] = []
        /// Inside <script> or <style>: their content is dropped.
        var skipUntil: String?
        var linkHref: String?
        var linkTextStart = 0
        var preDepth = 0
        let bullet: String

        init(bullet: String) { self.bullet = bullet }

        /// The markup starting with the `<` at `i`: a tag, a comment, or a stray `<` (text); returns where
        /// the text goes on.
        mutating func markup(_ scalars: [Unicode.Scalar], at i: Int) -> Int {
            // Find the end of the tag; a stray '<' with no '>' is text.
            guard let close = HTMLText.findTagEnd(scalars, from: i + 1) else {
                if skipUntil == nil { out.append("<") }
                return i + 1
            }
            let raw = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
            if raw.hasPrefix("!--") {            // comment: skip to -->
                if raw.hasSuffix("--") { return close + 1 }
                return HTMLText.find(scalars, "-->", from: close + 1).map { $0 + 3 } ?? scalars.count
            }
            apply(Tag(raw))
            return close + 1
        }

        mutating func apply(_ tag: Tag) {
            if let skip = skipUntil {
                if tag.closing && tag.name == skip { skipUntil = nil }
                return
            }
            switch tag.name {
            case "script", "style", "head", "title":
                if !tag.closing && !tag.selfClosing { skipUntil = tag.name }
            case "br":
                out.newline()
            case "p", "div", "section", "article", "header", "footer", "table", "tr", "h1", "h2", "h3", "h4", "h5", "h6":
                out.paragraph()
            case "blockquote":
                out.paragraph()
                if tag.closing { out.quote = max(0, out.quote - 1) } else { out.quote += 1 }
            case "pre":
                out.paragraph()
                if tag.closing { preDepth = max(0, preDepth - 1) } else { preDepth += 1 }
            case "ul", "ol":
                if tag.closing {
                    if !listStack.isEmpty { listStack.removeLast() }
                    out.paragraph()
                } else {
                    out.newline()
                    listStack.append(ListState(ordered: tag.name == "ol"))
                }
            case "li":
                if !tag.closing { item() }
            case "td", "th":
                if !tag.closing { out.space() }
            case "img":
                let alt = tag.attribute("alt") ?? ""
                out.append(alt.isEmpty ? "[image]" : "[image: \(HTMLText.decodeEntities(alt))]")
            case "a":
                link(tag)
            default:
                break
            }
        }

        /// A list item: its marker (a bullet or the ordered list's number), indented by the lists' depth.
        mutating func item() {
            out.newline()
            let depth = min(max(0, listStack.count - 1), HTMLText.maxListIndent)
            let marker: String
            if var top = listStack.last, top.ordered {
                top.counter += 1
                listStack[listStack.count - 1] = top
                marker = "\(top.counter). "
            } else {
                marker = bullet + " "
            }
            out.append(String(repeating: "  ", count: depth) + marker)
            out.atLineStart = true   // allow no leading-space collapse after marker
            out.pendingSpace = false
        }

        /// `<a>` opens a link (a mention's text is already "@Name"); `</a>` adds its url after the text
        /// when the text is not the url.
        mutating func link(_ tag: Tag) {
            guard tag.closing else {
                let cls = tag.attribute("class") ?? ""
                if cls.contains("stream-user-id") {
                    linkHref = nil
                } else {
                    linkHref = tag.attribute("href").map(HTMLText.decodeEntities) ?? ""
                    linkTextStart = out.count
                }
                return
            }
            if let href = linkHref {
                let text = out.text(since: linkTextStart)
                if !href.isEmpty, !text.isEmpty, text != href, !href.hasPrefix("mailto:") || text != String(href.dropFirst(7)) {
                    out.append(" <\(href)>")
                } else if text.isEmpty, !href.isEmpty {
                    out.append(href)
                }
            }
            linkHref = nil
        }
    }

    struct ListState {
        var ordered: Bool
        var counter = 0
    }


    /// The plain text being written: breaks, spaces and quote prefixes collapsed as a browser would.
    struct Output {
        var scalars = String.UnicodeScalarView()
        var count: Int { scalars.count }
        var atLineStart = true
        var pendingSpace = false
        var blankLines = 0    // newlines pending
        var quote = 0
        var hasContent = false

        mutating func flushBreaks() {
            guard hasContent else { blankLines = 0; return }
            if blankLines > 0 {
                for _ in 0..<min(blankLines, 2) { scalars.append("\n") }
                blankLines = 0
                atLineStart = true
                pendingSpace = false
            }
        }
        mutating func startLine() {
            if atLineStart && quote > 0 {
                // Capped like list indentation: 15k nested quotes would prefix every line with 30k characters.
                scalars.append(contentsOf: String(repeating: "> ", count: min(quote, HTMLText.maxListIndent)).unicodeScalars)
            }
        }
        mutating func append(_ s: String) {
            flushBreaks()
            if pendingSpace && !atLineStart { scalars.append(" ") }
            pendingSpace = false
            startLine()
            scalars.append(contentsOf: s.unicodeScalars)
            atLineStart = false
            hasContent = true
        }
        mutating func appendText(_ s: String, preformatted: Bool) {
            for c in s.unicodeScalars { appendScalar(c, preformatted: preformatted) }
        }
        mutating func appendScalar(_ c: Unicode.Scalar, preformatted: Bool) {
            if preformatted {
                if c == "\n" { blankLines = max(blankLines, 1); if !hasContent { return }; flushBreaks(); return }
                flushBreaks(); startLine(); scalars.append(c); atLineStart = false; hasContent = true
                return
            }
            if c == " " || c == "\n" || c == "\t" || c == "\r" {
                if !atLineStart { pendingSpace = true }
                return
            }
            flushBreaks()
            if pendingSpace && !atLineStart { scalars.append(" ") }
            pendingSpace = false
            startLine()
            scalars.append(c)
            atLineStart = false
            hasContent = true
        }
        mutating func space() { if !atLineStart { pendingSpace = true } }
        mutating func newline() { blankLines = max(blankLines, 1); pendingSpace = false }
        mutating func paragraph() { blankLines = max(blankLines, atLineStart && blankLines == 0 && !hasContent ? 0 : 2); pendingSpace = false }
        func text(since start: Int) -> String {
            guard start <= scalars.count else { return "" }
            var view = String.UnicodeScalarView()
            view.append(contentsOf: scalars.dropFirst(start))
            return String(view).trimmingCharacters()
        }
        func finish() -> String {
            var s = String(scalars)
            while s.hasSuffix("\n") || s.hasSuffix(" ") { s.removeLast() }
            return s
        }
    }
}
