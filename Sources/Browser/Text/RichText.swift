// The rich text a task description holds, between Markdown (what the user edits in $EDITOR) and Wrike's
// HTML subset (what Wrike stores): paragraphs of lines, headings, lists (ordered or not, nested), code
// blocks; in a line, text that is bold, italic, struck through and/or a link, inline code, @mentions.
// A document is kept in one canonical form (`normalized`), so that both directions are exact inverses on
// it: `RichMarkdown` and `RichHTML` write and read it. Pure. See docs/editing.md.

/// A piece of a line: text, inline code or a mention, with its styles and link.
public struct RichRun: Sendable, Equatable {
    public enum Kind: Sendable, Equatable {
        case text(String)
        case code(String)
        /// A Wrike contact (`id`) shown as `@name`.
        case mention(id: String, name: String)
    }

    public var kind: Kind
    public var bold = false
    public var italic = false
    public var strike = false
    /// The link target (http, https, ftp, mailto); never set on a mention.
    public var link: String?

    public init(_ kind: Kind, bold: Bool = false, italic: Bool = false, strike: Bool = false, link: String? = nil) {
        self.kind = kind
        self.bold = bold
        self.italic = italic
        self.strike = strike
        self.link = link
    }

    /// Same styles and link (may be merged with a neighbour of the same kind).
    func sameStyle(_ o: RichRun) -> Bool { bold == o.bold && italic == o.italic && strike == o.strike && link == o.link }
}

public typealias RichLine = [RichRun]

public struct RichList: Sendable, Equatable {
    public var ordered: Bool
    public var items: [RichItem]
    public init(ordered: Bool, items: [RichItem]) {
        self.ordered = ordered
        self.items = items
    }
}

/// A list item: its lines (line breaks between them), then its nested lists.
public struct RichItem: Sendable, Equatable {
    public var lines: [RichLine]
    public var children: [RichList]
    public init(lines: [RichLine], children: [RichList] = []) {
        self.lines = lines
        self.children = children
    }
}

public enum RichBlock: Sendable, Equatable {
    /// Lines separated by line breaks.
    case paragraph([RichLine])
    case heading(level: Int, RichLine)
    case list(RichList)
    /// Preformatted lines, kept as they are.
    case code(String)
}

public struct RichDoc: Sendable, Equatable {
    public var blocks: [RichBlock]
    public init(_ blocks: [RichBlock]) { self.blocks = blocks }

    /// Link schemes Wrike keeps (developers.wrike.com/special-syntax); other links keep only their text.
    public static let linkSchemes = ["http://", "https://", "ftp://", "mailto:"]

    public static func allowedLink(_ url: String) -> Bool {
        let lower = url.lowercased()
        return linkSchemes.contains { lower.hasPrefix($0) && lower.count > $0.count }
    }

    /// Mention ids: Wrike's contact ids, and its quasi-contacts such as `@assignees`.
    public static func validMentionId(_ id: String) -> Bool {
        !id.isEmpty && id.count <= 64 && id.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || ("0"..."9").contains($0) || $0 == "@" || $0 == "_" || $0 == "-") }
    }

    /// The canonical form: whitespace collapsed, lines trimmed, neighbours with the same styles merged,
    /// empty parts dropped, adjacent lists of one kind merged, unsafe characters and links removed.
    public var normalized: RichDoc {
        var out: [RichBlock] = []
        for b in blocks {
            switch b {
            case .paragraph(let lines):
                let ls = lines.map(Self.normalize).filter { !$0.isEmpty }
                if !ls.isEmpty { out.append(.paragraph(ls)) }
            case .heading(let level, let line):
                let l = Self.normalize(line)
                if !l.isEmpty { out.append(.heading(level: min(max(level, 1), 6), l)) }
            case .list(let list):
                guard let l = Self.normalize(list) else { continue }
                if case .list(let prev)? = out.last, prev.ordered == l.ordered {
                    out[out.count - 1] = .list(RichList(ordered: l.ordered, items: prev.items + l.items))
                } else {
                    out.append(.list(l))
                }
            case .code(let text):
                let t = Self.cleanCode(text)
                if !t.isEmpty { out.append(.code(t)) }
            }
        }
        return RichDoc(out)
    }

    static func normalize(_ list: RichList) -> RichList? {
        var items: [RichItem] = []
        for item in list.items {
            let lines = item.lines.map(normalize).filter { !$0.isEmpty }
            var children: [RichList] = []
            for c in item.children {
                guard let n = normalize(c) else { continue }
                if let last = children.last, last.ordered == n.ordered {
                    children[children.count - 1].items += n.items
                } else {
                    children.append(n)
                }
            }
            if !lines.isEmpty || !children.isEmpty { items.append(RichItem(lines: lines, children: children)) }
        }
        return items.isEmpty ? nil : RichList(ordered: list.ordered, items: items)
    }

    /// One line in canonical form.
    static func normalize(_ line: RichLine) -> RichLine {
        var runs: [RichRun] = []
        var lastWasSpace = true  // at the line's start: leading spaces go
        for var r in line {
            if case .mention(let id, let name) = r.kind, !validMentionId(id) { r.kind = .text("@" + name) }
            if let l = r.link, !allowedLink(l) { r.link = nil }
            if let l = r.link { r.link = String(l.unicodeScalars.filter { !isUnsafe($0) && $0 != "\n" && $0 != "\r" }) }
            switch r.kind {
            case .text(let t):
                var s = ""
                for c in t.unicodeScalars where !isUnsafe(c) {
                    if c == " " || c == "\t" || c == "\n" || c == "\r" {
                        if !lastWasSpace { s.unicodeScalars.append(" ") }
                        lastWasSpace = true
                    } else {
                        s.unicodeScalars.append(c)
                        lastWasSpace = false
                    }
                }
                guard !s.isEmpty else { continue }
                r.kind = .text(s)
            case .code(let t):
                let s = String(String.UnicodeScalarView(t.unicodeScalars.compactMap { c -> Unicode.Scalar? in
                    isUnsafe(c) ? nil : (c == "\n" || c == "\r" || c == "\t") ? " " : c
                }))
                guard !s.isEmpty else { continue }
                r.kind = .code(s)
                lastWasSpace = false
            case .mention(let id, let name):
                var n = String(name.unicodeScalars.filter { !isUnsafe($0) }.map(Character.init))
                    .split(whereSeparator: { $0 == " " || $0 == "\n" || $0 == "\t" || $0 == "\r" }).joined(separator: " ")
                while n.hasPrefix("@") { n.removeFirst() }
                r.kind = .mention(id: id, name: n.isEmpty ? id : n)
                r.link = nil
                lastWasSpace = false
            }
            if let prev = runs.last, prev.sameStyle(r) {
                switch (prev.kind, r.kind) {
                case (.text(let a), .text(let b)): runs[runs.count - 1].kind = .text(a + b); continue
                case (.code(let a), .code(let b)): runs[runs.count - 1].kind = .code(a + b); continue
                default: break
                }
            }
            runs.append(r)
        }
        // Trailing spaces go.
        while let last = runs.last, case .text(var t) = last.kind, t.hasSuffix(" ") {
            t.removeLast()
            if t.isEmpty { runs.removeLast() } else { runs[runs.count - 1].kind = .text(t) }
        }
        return runs
    }

    /// Code block text: newlines as `\n`, no unsafe characters, no trailing empty lines.
    static func cleanCode(_ text: String) -> String {
        var s = String(String.UnicodeScalarView(text.replacingCRLF().unicodeScalars.filter { $0 == "\n" || $0 == "\t" || !isUnsafe($0) }))
        while s.hasSuffix("\n") { s.removeLast() }
        while s.hasPrefix("\n") { s.removeFirst() }
        return s
    }

    /// Controls (C0 but tab/newline, DEL, C1) and the bidi overrides/isolates: never kept in a description.
    static func isUnsafe(_ c: Unicode.Scalar) -> Bool {
        let v = c.value
        if v == 0x09 || v == 0x0A || v == 0x0D { return false }
        return v < 0x20 || (0x7F...0x9F).contains(v) || (0x202A...0x202E).contains(v) || (0x2066...0x2069).contains(v)
            || v == 0xFEFF
    }
}

extension String {
    /// `\r\n` and lone `\r` as `\n`.
    func replacingCRLF() -> String {
        guard contains("\r") else { return self }
        var out = String.UnicodeScalarView()
        var prevCR = false
        for c in unicodeScalars {
            if c == "\r" { out.append("\n"); prevCR = true; continue }
            if c == "\n" && prevCR { prevCR = false; continue }
            prevCR = false
            out.append(c)
        }
        return String(out)
    }
}
