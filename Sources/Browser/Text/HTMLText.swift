/// Converts the HTML Wrike sends in descriptions and comments into plain text lines.
///
/// A single forward pass over the input with no recursion, so malformed or deeply nested HTML
/// costs linear time and constant stack. What it understands: paragraphs and line breaks, headings,
/// ordered and unordered lists (nested, indented), links (`text <url>` when the text is not the url),
/// Wrike mentions (`<a class="stream-user-id" ...>@Name</a>` → `@Name`), block quotes, `pre`,
/// images (`[image]`), entities (named, decimal and hex). `script` and `style` content is dropped.
/// The result still needs `Sanitizer` before drawing: this converter only deals with markup.
public enum HTMLText {
    /// Hard cap on input scanned, so a 1 MB comment cannot stall the UI thread.
    public static let defaultLimit = 200_000
    /// Nested lists (and quotes) indent at most this many levels, so hostile nesting cannot blow up the output.
    static let maxListIndent = 6

    /// `bullet` starts an item of an unordered list; `ellipsis` ends a text cut at `limit`.
    public static func toText(_ html: String, limit: Int = defaultLimit, bullet: String = "•", ellipsis: String = "…") -> String {
        var out = Output()
        var scalars = Array(html.unicodeScalars.prefix(limit))
        let truncated = html.unicodeScalars.count > limit
        if truncated { scalars.append(contentsOf: ellipsis.unicodeScalars) }
        var i = 0
        var listStack: [ListState] = []
        var skipUntil: String?            // inside <script> or <style>
        var linkHref: String?
        var linkTextStart = 0
        var preDepth = 0
        let n = scalars.count

        while i < n {
            let c = scalars[i]
            if c == "<" {
                // Find the end of the tag; a stray '<' with no '>' is text.
                guard let close = findTagEnd(scalars, from: i + 1) else {
                    if skipUntil == nil { out.append("<") }
                    i += 1
                    continue
                }
                let raw = String(String.UnicodeScalarView(scalars[(i + 1)..<close]))
                i = close + 1
                if raw.hasPrefix("!--") {            // comment: skip to -->
                    if !raw.hasSuffix("--") {
                        if let end = find(scalars, "-->", from: i) { i = end + 3 } else { i = n }
                    }
                    continue
                }
                let tag = Tag(raw)
                if let skip = skipUntil {
                    if tag.closing && tag.name == skip { skipUntil = nil }
                    continue
                }
                switch tag.name {
                case "script", "style", "head", "title":
                    if !tag.closing && !tag.selfClosing { skipUntil = tag.name }
                case "br":
                    out.newline()
                case "p", "div", "section", "article", "header", "footer", "table", "tr":
                    out.paragraph()
                case "h1", "h2", "h3", "h4", "h5", "h6":
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
                    if !tag.closing {
                        out.newline()
                        let depth = min(max(0, listStack.count - 1), maxListIndent)
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
                case "td", "th":
                    if !tag.closing { out.space() }
                case "img":
                    let alt = tag.attribute("alt") ?? ""
                    out.append(alt.isEmpty ? "[image]" : "[image: \(decodeEntities(alt))]")
                case "a":
                    if tag.closing {
                        if let href = linkHref {
                            let text = out.text(since: linkTextStart)
                            if !href.isEmpty, !text.isEmpty, text != href, !href.hasPrefix("mailto:") || text != String(href.dropFirst(7)) {
                                out.append(" <\(href)>")
                            } else if text.isEmpty, !href.isEmpty {
                                out.append(href)
                            }
                        }
                        linkHref = nil
                    } else {
                        let cls = tag.attribute("class") ?? ""
                        if cls.contains("stream-user-id") {
                            linkHref = nil      // a mention: its text is already "@Name"
                        } else {
                            linkHref = tag.attribute("href").map(decodeEntities) ?? ""
                            linkTextStart = out.count
                        }
                    }
                default:
                    break
                }
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                let (decoded, next) = decodeEntity(scalars, at: i)
                out.appendText(decoded, preformatted: preDepth > 0)
                i = next
                continue
            }
            out.appendScalar(c, preformatted: preDepth > 0)
            i += 1
        }
        return out.finish()
    }

    /// Decodes HTML entities in a plain string (attribute values, or text from `plainText=true`).
    public static func decodeEntities(_ s: String) -> String {
        guard s.contains("&") else { return s }
        let scalars = Array(s.unicodeScalars)
        var result = String.UnicodeScalarView()
        var i = 0
        while i < scalars.count {
            if scalars[i] == "&" {
                let (decoded, next) = decodeEntity(scalars, at: i)
                result.append(contentsOf: decoded.unicodeScalars)
                i = next
            } else {
                result.append(scalars[i])
                i += 1
            }
        }
        return String(result)
    }

    // MARK: - Internals

    private struct ListState {
        var ordered: Bool
        var counter = 0
    }

    struct Tag {
        var name: String
        var closing: Bool
        var selfClosing: Bool
        var rest: Substring

        init(_ raw: String) {
            var body = Substring(raw)
            closing = body.hasPrefix("/")
            if closing { body = body.dropFirst() }
            selfClosing = body.hasSuffix("/")
            if selfClosing { body = body.dropLast() }
            let nameEnd = body.firstIndex(where: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" || $0 == "/" }) ?? body.endIndex
            name = body[..<nameEnd].lowercased()
            rest = body[nameEnd...]
        }

        /// Value of an attribute, quoted with ' or " or bare.
        func attribute(_ wanted: String) -> String? {
            var s = rest[...]
            while !s.isEmpty {
                s = s.drop(while: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                let nameEnd = s.firstIndex(where: { $0 == "=" || $0 == " " || $0 == "\t" || $0 == "\n" }) ?? s.endIndex
                let name = s[..<nameEnd].lowercased()
                s = s[nameEnd...]
                s = s.drop(while: { $0 == " " })
                var value = ""
                if s.first == "=" {
                    s = s.dropFirst().drop(while: { $0 == " " })
                    if let q = s.first, q == "\"" || q == "'" {
                        s = s.dropFirst()
                        let end = s.firstIndex(of: q) ?? s.endIndex
                        value = String(s[..<end])
                        s = end < s.endIndex ? s[s.index(after: end)...] : s[end...]
                    } else {
                        let end = s.firstIndex(where: { $0 == " " || $0 == "\t" }) ?? s.endIndex
                        value = String(s[..<end])
                        s = s[end...]
                    }
                }
                if name == wanted { return value }
                if name.isEmpty && value.isEmpty { s = s.dropFirst() }
            }
            return nil
        }
    }

    private struct Output {
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

    static func findTagEnd(_ s: [Unicode.Scalar], from start: Int) -> Int? {
        // A tag name must start with a letter, '/', or '!' to be a tag at all.
        guard start < s.count else { return nil }
        let first = s[start]
        guard first == "/" || first == "!" || first.properties.isAlphabetic else { return nil }
        var quote: Unicode.Scalar?
        var j = start
        while j < s.count {
            let c = s[j]
            if let q = quote { if c == q { quote = nil } }
            else if c == "\"" || c == "'" { quote = c }
            else if c == ">" { return j }
            j += 1
            if j - start > 4096 { return nil }   // absurd tag: treat '<' as text
        }
        return nil
    }

    private static func find(_ s: [Unicode.Scalar], _ needle: String, from start: Int) -> Int? {
        let n = Array(needle.unicodeScalars)
        guard !n.isEmpty, s.count >= n.count else { return nil }
        var j = start
        while j + n.count <= s.count {
            if s[j] == n[0] && Array(s[j..<(j + n.count)]) == n { return j }
            j += 1
        }
        return nil
    }

    private static let named: [String: String] = [
        "amp": "&", "lt": "<", "gt": ">", "quot": "\"", "apos": "'", "nbsp": " ", "ndash": "–", "mdash": "—",
        "hellip": "…", "laquo": "«", "raquo": "»", "lsquo": "‘", "rsquo": "’", "ldquo": "“", "rdquo": "”",
        "copy": "©", "reg": "®", "trade": "™", "euro": "€", "pound": "£", "yen": "¥", "cent": "¢", "deg": "°",
        "times": "×", "divide": "÷", "bull": "•", "middot": "·", "para": "¶", "sect": "§", "shy": "",
        "zwj": "", "zwnj": "", "lrm": "", "rlm": "", "thinsp": " ", "ensp": " ", "emsp": " ",
    ]

    /// Decodes the entity starting at `i` (which holds '&'); returns the text and the next index.
    private static func decodeEntity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
        var j = i + 1
        var name = String.UnicodeScalarView()
        while j < s.count, j - i <= 32 {
            let c = s[j]
            if c == ";" {
                let key = String(name)
                if key.hasPrefix("#") {
                    let digits = key.dropFirst()
                    let value: UInt32?
                    if digits.hasPrefix("x") || digits.hasPrefix("X") {
                        value = UInt32(digits.dropFirst(), radix: 16)
                    } else {
                        value = UInt32(digits, radix: 10)
                    }
                    if let v = value, let scalar = Unicode.Scalar(v), v != 0 {
                        return (String(Character(scalar)), j + 1)
                    }
                    return ("\u{FFFD}", j + 1)
                }
                if let text = named[key] ?? named[key.lowercased()] { return (text, j + 1) }
                return ("&", i + 1)
            }
            guard c.properties.isAlphabetic || c.properties.numericType != nil || c == "#" || c.isASCII && (c.value >= 0x30 && c.value <= 0x39) else { break }
            name.append(c)
            j += 1
        }
        return ("&", i + 1)
    }
}

extension String {
    /// Trims spaces and newlines at both ends (Foundation-free).
    func trimmingCharacters() -> String {
        var s = Substring(self)
        while let f = s.first, f == " " || f == "\n" || f == "\t" { s = s.dropFirst() }
        while let l = s.last, l == " " || l == "\n" || l == "\t" { s = s.dropLast() }
        return String(s)
    }
}
