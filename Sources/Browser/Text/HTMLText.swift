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
        var scalars = Array(html.unicodeScalars.prefix(limit))
        if html.unicodeScalars.count > limit { scalars.append(contentsOf: ellipsis.unicodeScalars) }
        var c = Converter(bullet: bullet)
        var i = 0
        let n = scalars.count
        while i < n {
            let ch = scalars[i]
            if ch == "<" {
                i = c.markup(scalars, at: i)
                continue
            }
            if c.skipUntil != nil { i += 1; continue }
            if ch == "&" {
                let (decoded, next) = decodeEntity(scalars, at: i)
                c.out.appendText(decoded, preformatted: c.preDepth > 0)
                i = next
                continue
            }
            c.out.appendScalar(ch, preformatted: c.preDepth > 0)
            i += 1
        }
        return c.out.finish()
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

    static func find(_ s: [Unicode.Scalar], _ needle: String, from start: Int) -> Int? {
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
    static func decodeEntity(_ s: [Unicode.Scalar], at i: Int) -> (String, Int) {
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
