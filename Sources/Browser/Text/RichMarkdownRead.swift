// Reading the Markdown of `RichMarkdown`: blocks line by line, then each line's inline markup. Anything
// that does not close (a lone `**`, `[` without `](url)`) is text. Linear in practice: a failed opener is
// read as text once, nesting is capped. Pure.

struct MarkdownBlocks {
    let lines: [String]
    var i = 0
    init(lines: [String]) { self.lines = lines }

    mutating func blocks() -> [RichBlock] {
        var out: [RichBlock] = []
        while i < lines.count {
            let line = lines[i]
            if Self.isBlank(line) { i += 1; continue }
            if let n = Self.fenceOpen(line) { out.append(.code(code(fence: n))); continue }
            if let h = Self.heading(line) {
                out.append(.heading(level: h.level, InlineMarkdown.parse(h.rest)))
                i += 1
                continue
            }
            if let m = Self.marker(line) { out.append(.list(list(indent: m.indent, ordered: m.ordered, depth: 0))); continue }
            var para: [RichLine] = []
            while i < lines.count, !Self.isBlank(lines[i]), Self.fenceOpen(lines[i]) == nil, Self.heading(lines[i]) == nil,
                  Self.marker(lines[i]) == nil {
                para.append(InlineMarkdown.parse(Self.trimmed(lines[i])))
                i += 1
            }
            out.append(.paragraph(para))
        }
        return out
    }

    mutating func code(fence n: Int) -> String {
        i += 1
        var body: [String] = []
        while i < lines.count {
            let t = Self.trimmed(lines[i])
            if t.count >= n, t.allSatisfy({ $0 == "`" }) { i += 1; break }
            body.append(lines[i])
            i += 1
        }
        return body.joined(separator: "\n")
    }

    /// The items at `indent` of one kind; deeper lines belong to the item above them (nested lists, or
    /// more lines of its text).
    mutating func list(indent: Int, ordered: Bool, depth: Int) -> RichList {
        var items: [RichItem] = []
        while i < lines.count, let m = Self.marker(lines[i]), m.indent == indent, m.ordered == ordered {
            var item = RichItem(lines: m.rest.isEmpty ? [] : [InlineMarkdown.parse(m.rest)])
            i += 1
            while i < lines.count, !Self.isBlank(lines[i]), Self.indent(lines[i]) > indent {
                if depth < RichMarkdown.maxDepth, let c = Self.marker(lines[i]) {
                    item.children.append(list(indent: c.indent, ordered: c.ordered, depth: depth + 1))
                } else {
                    item.lines.append(InlineMarkdown.parse(Self.trimmed(lines[i])))
                    i += 1
                }
            }
            items.append(item)
        }
        return RichList(ordered: ordered, items: items)
    }

    static func isBlank(_ s: String) -> Bool { s.unicodeScalars.allSatisfy { $0 == " " || $0 == "\t" } }

    /// Without spaces and tabs at either end (scalars: a combining mark after a space stays text).
    static func trimmed(_ s: String) -> String {
        var t = Substring(s).unicodeScalars[...]
        while let f = t.first, f == " " || f == "\t" { t = t.dropFirst() }
        while let l = t.last, l == " " || l == "\t" { t = t.dropLast() }
        return String(String.UnicodeScalarView(t))
    }

    /// Leading spaces (a tab counts 4).
    static func indent(_ s: String) -> Int {
        var n = 0
        for c in s.unicodeScalars {
            if c == " " { n += 1 } else if c == "\t" { n += 4 } else { break }
        }
        return n
    }

    /// A fence line: 3 or more backticks and no backtick after them; the number of backticks.
    static func fenceOpen(_ s: String) -> Int? {
        let t = trimmed(s).unicodeScalars
        let n = t.prefix(while: { $0 == "`" }).count
        guard n >= 3, !t.dropFirst(n).contains("`") else { return nil }
        return n
    }

    static func heading(_ s: String) -> (level: Int, rest: String)? {
        let u = s.unicodeScalars
        let n = u.prefix(while: { $0 == "#" }).count
        guard (1...6).contains(n) else { return nil }
        let rest = u.dropFirst(n)
        guard rest.isEmpty || rest.first == " " || rest.first == "\t" else { return nil }
        return (n, trimmed(String(String.UnicodeScalarView(rest))))
    }

    /// A list item's first line: `- `, `+ `, `* ` or `1. ` / `1) ` (or the marker alone).
    static func marker(_ s: String) -> (indent: Int, ordered: Bool, rest: String)? {
        let ind = indent(s)
        let t = s.unicodeScalars.drop(while: { $0 == " " || $0 == "\t" })
        guard let f = t.first else { return nil }
        var after: Substring.UnicodeScalarView
        var ordered = false
        if f == "-" || f == "+" || f == "*" {
            after = Substring(String(String.UnicodeScalarView(t.dropFirst()))).unicodeScalars
        } else {
            let digits = t.prefix(while: { ("0"..."9").contains($0) })
            guard (1...9).contains(digits.count), let d = t.dropFirst(digits.count).first, d == "." || d == ")" else { return nil }
            after = Substring(String(String.UnicodeScalarView(t.dropFirst(digits.count + 1)))).unicodeScalars
            ordered = true
        }
        guard after.isEmpty || after.first == " " || after.first == "\t" else { return nil }
        return (ind, ordered, trimmed(String(after)))
    }
}

/// One line's inline Markdown.
struct InlineMarkdown {
    let c: [Unicode.Scalar]
    var depth = 0

    static func parse(_ s: String) -> RichLine {
        var p = InlineMarkdown(c: Array(s.unicodeScalars))
        var i = 0
        return p.runs(&i, closer: nil, style: RichRun(.text(""))) ?? []
    }

    static let punctuation = Set("!\"#$%&'()*+,-./:;<=>?@[\\]^_`{|}~".unicodeScalars)

    func at(_ i: Int, _ s: String) -> Bool {
        var j = i
        for ch in s.unicodeScalars {
            guard j < c.count, c[j] == ch else { return false }
            j += 1
        }
        return true
    }

    /// Runs until `closer` (nil: the end of the line); nil when `closer` never comes.
    mutating func runs(_ i: inout Int, closer: String?, style: RichRun) -> [RichRun]? {
        var out: [RichRun] = []
        var text = ""
        func flush() {
            guard !text.isEmpty else { return }
            var r = style
            r.kind = .text(text)
            out.append(r)
            text = ""
        }
        while i < c.count {
            let ch = c[i]
            if ch == "\\", i + 1 < c.count, Self.punctuation.contains(c[i + 1]) {
                text.unicodeScalars.append(c[i + 1])
                i += 2
                continue
            }
            if ch == "`" {
                let n = c[i...].prefix(while: { $0 == "`" }).count
                if let (code, next) = codeSpan(at: i, fence: n) {
                    flush()
                    var r = style
                    r.kind = .code(code)
                    out.append(r)
                    i = next
                } else {
                    text += String(repeating: "`", count: n)
                    i += n
                }
                continue
            }
            if let closer, at(i, closer), !(closer == "*" && at(i, "**")) {
                flush()
                i += closer.count
                return out
            }
            if depth < RichMarkdown.maxDepth, let (opened, next) = container(at: i, style: style) {
                flush()
                out += opened
                i = next
                continue
            }
            text.unicodeScalars.append(ch)
            i += 1
        }
        flush()
        return closer == nil ? out : nil
    }

    /// Bold, strike, italic, a link or a mention starting at `i`, with the index after it.
    mutating func container(at i: Int, style: RichRun) -> ([RichRun], Int)? {
        var st = style
        let delim: String
        if at(i, "**"), !style.bold { delim = "**"; st.bold = true }
        else if at(i, "~~"), !style.strike { delim = "~~"; st.strike = true }
        else if (c[i] == "_" || c[i] == "*"), !style.italic { delim = String(Character(c[i])); st.italic = true }
        else if at(i, "@["), let m = mention(at: i, style: style) { return m }
        else if c[i] == "[", style.link == nil { return link(at: i, style: style) }
        else { return nil }
        var j = i + delim.count
        depth += 1
        defer { depth -= 1 }
        guard let inner = runs(&j, closer: delim, style: st), !inner.isEmpty else { return nil }
        return (inner, j)
    }

    mutating func link(at i: Int, style: RichRun) -> ([RichRun], Int)? {
        var st = style
        st.link = ""
        var j = i + 1
        depth += 1
        defer { depth -= 1 }
        guard let inner = runs(&j, closer: "]", style: st), !inner.isEmpty, j < c.count, c[j] == "(",
              let (url, next) = target(from: j + 1), RichDoc.allowedLink(url) else { return nil }
        return (inner.map { r in
            var r = r
            if case .mention = r.kind { r.link = nil } else { r.link = url }
            return r
        }, next)
    }

    func mention(at i: Int, style: RichRun) -> ([RichRun], Int)? {
        var j = i + 2
        var name = ""
        while j < c.count, c[j] != "]" {
            if c[j] == "\\", j + 1 < c.count, Self.punctuation.contains(c[j + 1]) { j += 1 }
            name.unicodeScalars.append(c[j])
            j += 1
        }
        guard j + 1 < c.count, c[j + 1] == "(", let close = c[(j + 2)...].firstIndex(of: ")") else { return nil }
        let id = String(String.UnicodeScalarView(c[(j + 2)..<close]))
        guard RichDoc.validMentionId(id) else { return nil }
        var r = style
        r.kind = .mention(id: id, name: name)
        r.link = nil
        return ([r], close + 1)
    }

    /// A link target after `(`: to the `)` that balances it, `\` escaping; the index after it.
    func target(from start: Int) -> (String, Int)? {
        var j = start
        var url = ""
        var open = 0
        while j < c.count {
            let ch = c[j]
            if ch == "\\", j + 1 < c.count, Self.punctuation.contains(c[j + 1]) {
                url.unicodeScalars.append(c[j + 1])
                j += 2
                continue
            }
            if ch == "(" { open += 1 }
            if ch == ")" {
                if open == 0 { return (url, j + 1) }
                open -= 1
            }
            url.unicodeScalars.append(ch)
            j += 1
        }
        return nil
    }

    /// Inline code opened by `fence` backticks at `i`: up to the next run of exactly as many.
    func codeSpan(at i: Int, fence n: Int) -> (String, Int)? {
        var j = i + n
        while j < c.count {
            if c[j] == "`" {
                let m = c[j...].prefix(while: { $0 == "`" }).count
                if m == n {
                    var body = String(String.UnicodeScalarView(c[(i + n)..<j]))
                    if body.count >= 2, body.first == " ", body.last == " ", !body.unicodeScalars.allSatisfy({ $0 == " " }) {
                        body.removeFirst()
                        body.removeLast()
                    }
                    return (body, j + m)
                }
                j += m
            } else {
                j += 1
            }
        }
        return nil
    }
}
