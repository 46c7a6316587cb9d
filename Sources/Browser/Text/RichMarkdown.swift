// Markdown for task descriptions, written and read as a `RichDoc`: `**bold**`, `_italic_` (or `*italic*`),
// `~~struck~~`, `` `code` ``, `[text](url)`, `@[Name](contactId)`, `- ` and `1. ` lists (nested by
// indenting under the item's text), ``` fenced code blocks, `#` headings; a line break is a newline, a
// blank line starts a paragraph. Everything else is text: the writer escapes what would be read as
// markup (`\*`, `\_`, `\[`, a `-` or `1.` at the start of a line, …), so that `parse(write(d)) == d` for
// a canonical document. Pure. See docs/editing.md.

public enum RichMarkdown {
    /// Longer input is cut (an editor file of megabytes is a mistake; the draft keeps the whole text).
    public static let maxInput = 1_000_000
    static let maxDepth = 12

    // MARK: - Writing

    public static func write(_ doc: RichDoc) -> String {
        var parts: [String] = []
        for b in doc.blocks {
            switch b {
            case .paragraph(let lines): parts.append(lines.map { lineStart(inline($0)) }.joined(separator: "\n"))
            case .heading(let level, let line): parts.append(String(repeating: "#", count: level) + " " + inline(line))
            case .list(let l): parts.append(list(l, indent: "").joined(separator: "\n"))
            case .code(let t):
                let fence = String(repeating: "`", count: max(3, longestRun(of: "`", in: t) + 1))
                parts.append(fence + "\n" + t + "\n" + fence)
            }
        }
        return parts.joined(separator: "\n\n")
    }

    static func list(_ l: RichList, indent: String) -> [String] {
        var out: [String] = []
        for (k, item) in l.items.enumerated() {
            let marker = l.ordered ? "\(k + 1). " : "- "
            let pad = indent + String(repeating: " ", count: marker.count)
            if let first = item.lines.first {
                out.append(indent + marker + lineStart(inline(first)))
            } else {
                out.append(indent + String(marker.dropLast()))
            }
            for line in item.lines.dropFirst() { out.append(pad + lineStart(inline(line))) }
            for c in item.children { out += list(c, indent: pad) }
        }
        return out
    }

    /// A line's text with what would start a block at the start of a line escaped.
    static func lineStart(_ s: String) -> String {
        let u = s.unicodeScalars
        guard let f = u.first else { return s }
        if f == "-" || f == "+" || f == "#" { return "\\" + s }
        let digits = u.prefix(while: { ("0"..."9").contains($0) }).count
        if digits > 0, let next = u.dropFirst(digits).first, next == "." || next == ")" {
            return String(String.UnicodeScalarView(u.prefix(digits))) + "\\" + String(String.UnicodeScalarView(u.dropFirst(digits)))
        }
        return s
    }

    static func inline(_ runs: RichLine) -> String { RichRender.group(runs, level: 0, markup: markdownMarkup) }

    static let markdownMarkup = RichRender.Markup(
        opening: { level, _ in ["[", "~~", "**", "_"][level] },
        close: { level, link in level == 0 ? "](" + escapeURL(link ?? "") + ")" : ["", "~~", "**", "_"][level] },
        atom: { r in
            switch r.kind {
            case .text(let t): return escape(t)
            case .code(let t): return codeSpan(t)
            case .mention(let id, let name): return "@[" + escape(name) + "](" + id + ")"
            }
        })

    /// Text with Markdown's special characters escaped (an `@` at the end too: before a link it would make a mention).
    static func escape(_ t: String) -> String {
        var out = String.UnicodeScalarView()
        for c in t.unicodeScalars {
            if "\\*_~`[]".unicodeScalars.contains(c) { out.append("\\") }
            out.append(c)
        }
        if out.last == "@" { out.insert("\\", at: out.index(before: out.endIndex)) }
        return String(out)
    }

    static func escapeURL(_ u: String) -> String {
        var out = String.UnicodeScalarView()
        for c in u.unicodeScalars {
            if c == "\\" || c == "(" || c == ")" { out.append("\\") }
            out.append(c)
        }
        return String(out)
    }

    /// Inline code between backtick runs longer than any inside; padded with a space when it starts or
    /// ends with a backtick, or starts and ends with a space (the reader takes one space off each side).
    static func codeSpan(_ t: String) -> String {
        let fence = String(repeating: "`", count: longestRun(of: "`", in: t) + 1)
        let u = t.unicodeScalars
        let allSpaces = u.allSatisfy { $0 == " " }
        let pad = u.first == "`" || u.last == "`" || (!allSpaces && u.first == " " && u.last == " ")
        return fence + (pad ? " " + t + " " : t) + fence
    }

    static func longestRun(of ch: Unicode.Scalar, in t: String) -> Int {
        var best = 0, cur = 0
        for c in t.unicodeScalars {
            if c == ch { cur += 1; best = max(best, cur) } else { cur = 0 }
        }
        return best
    }

    // MARK: - Reading

    public static func parse(_ text: String) -> RichDoc {
        let cut = text.count > maxInput ? String(text.prefix(maxInput)) : text
        let lines = cut.replacingCRLF().split(separator: "\n", omittingEmptySubsequences: false).map(String.init)
        var r = MarkdownBlocks(lines: lines)
        return RichDoc(r.blocks()).normalized
    }
}
