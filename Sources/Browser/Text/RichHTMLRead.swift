// Reading HTML into a `RichDoc` in one forward pass (tags found like `HTMLText`: linear, no recursion).
// Inline text goes to the current line; `<br />` ends it, an empty line ends a paragraph; block tags end
// the line and the paragraph; lists are a stack of open lists and items (a mis-nested close tag closes
// up to its match, an unmatched one is ignored). Pure.

struct HTMLReader {
    struct OpenList {
        var list: RichList
        var item: RichItem?
    }

    var blocks: [RichBlock] = []
    var para: [RichLine] = []
    var line: RichLine = []
    var lists: [OpenList] = []
    var headingLevel: Int?
    var pre: String?
    var bold = 0, italic = 0, strike = 0, code = 0
    /// Open `<a>`s: their link (nil for one without an allowed href).
    var links: [String?] = []
    /// An open mention: its id and the text so far.
    var mention: (id: String, text: String)?
    var skipUntil: String?
    var lost: Set<String> = []
    static let maxLists = 32

    mutating func read(_ s: [Unicode.Scalar]) {
        var i = 0
        var text = String.UnicodeScalarView()
        func flushText(_ r: inout HTMLReader) {
            guard !text.isEmpty else { return }
            r.addText(String(text))
            text = String.UnicodeScalarView()
        }
        while i < s.count {
            let c = s[i]
            if c == "<", let close = HTMLText.findTagEnd(s, from: i + 1) {
                let raw = String(String.UnicodeScalarView(s[(i + 1)..<close]))
                i = close + 1
                if raw.hasPrefix("!--") {
                    if !raw.hasSuffix("--") { i = HTMLText.find(s, "-->", from: i).map { $0 + 3 } ?? s.count }
                    continue
                }
                let tag = HTMLText.Tag(raw)
                if let skip = skipUntil {
                    if tag.closing && tag.name == skip { skipUntil = nil }
                    continue
                }
                flushText(&self)
                handle(tag)
                continue
            }
            if skipUntil != nil { i += 1; continue }
            if c == "&" {
                let (decoded, next) = HTMLText.decodeEntity(s, at: i)
                text.append(contentsOf: decoded.unicodeScalars)
                i = next
                continue
            }
            text.append(c)
            i += 1
        }
        flushText(&self)
    }

    mutating func addText(_ t: String) {
        if pre != nil { pre? += t; return }
        if mention != nil { mention?.text += t; return }
        var r = RichRun(code > 0 ? .code(t) : .text(t), bold: bold > 0, italic: italic > 0, strike: strike > 0)
        r.link = links.last(where: { $0 != nil }) ?? nil
        line.append(r)
    }

    mutating func handle(_ tag: HTMLText.Tag) {
        let open = !tag.closing
        if Self.skipped.contains(tag.name) {
            if open && !tag.selfClosing { skipUntil = tag.name }
            return
        }
        if pre != nil {
            if tag.name == "pre" && tag.closing { endPre() } else if tag.name == "br" { pre? += "\n" }
            return
        }
        switch tag.name {
        case "br":
            if headingLevel != nil { addText(" ") } else { endLine() }
        case "b", "strong": bold = max(0, bold + (open ? 1 : -1))
        case "i", "em": italic = max(0, italic + (open ? 1 : -1))
        case "s", "strike", "del": strike = max(0, strike + (open ? 1 : -1))
        case "code", "tt", "kbd", "samp": code = max(0, code + (open ? 1 : -1))
        case "a": anchor(tag)
        case "h1", "h2", "h3", "h4", "h5", "h6":
            heading(tag)
        case "ul", "ol":
            if open { openList(ordered: tag.name == "ol") } else { closeList() }
        case "li":
            if open { openItem() } else { closeItem() }
        case "pre":
            if open { endBlock(); pre = "" }
        case "img": lost.insert("images")
        case "table", "tr":
            lost.insert("tables")
            endBlock()
        case "td", "th":
            if open && !line.isEmpty { addText(" | ") }
        case "u", "ins": lost.insert("underline")
        case "span", "font":
            if open && tag.attribute("style") != nil || tag.attribute("color") != nil { lost.insert("colours") }
        case "blockquote":
            lost.insert("quotes")
            endBlock()
        default:
            if Self.blockTags.contains(tag.name) { endBlock() }
        }
    }

    static let skipped: Set<String> = ["script", "style", "head", "title", "template"]
    static let blockTags: Set<String> = ["p", "div", "section", "article", "header", "footer", "hr", "dl", "dt", "dd",
                                         "tbody", "thead", "center", "figure", "figcaption", "address", "main", "nav"]

    mutating func anchor(_ tag: HTMLText.Tag) {
        if tag.closing {
            if let m = mention {
                mention = nil
                var r = RichRun(.mention(id: m.id, name: m.text), bold: bold > 0, italic: italic > 0, strike: strike > 0)
                r.link = nil
                line.append(r)
            } else if !links.isEmpty {
                links.removeLast()
            }
            return
        }
        if (tag.attribute("class") ?? "").contains("stream-user-id"), mention == nil {
            mention = (HTMLText.decodeEntities(tag.attribute("rel") ?? ""), "")
            return
        }
        let href = tag.attribute("href").map(HTMLText.decodeEntities)
        links.append(href.flatMap { RichDoc.allowedLink($0) ? $0 : nil })
    }

    mutating func heading(_ tag: HTMLText.Tag) {
        guard lists.isEmpty else { endLine(); return }
        if !tag.closing {
            endBlock()
            headingLevel = Int(String(tag.name.dropFirst())) ?? 1
        } else if let level = headingLevel {
            blocks.append(.heading(level: level, line))
            line = []
            headingLevel = nil
        }
    }

    /// Ends the current line: into the open item, or the paragraph; an empty line ends the paragraph.
    mutating func endLine() {
        if headingLevel != nil { return }
        if !lists.isEmpty {
            if !line.isEmpty {
                if lists[lists.count - 1].item == nil { lists[lists.count - 1].item = RichItem(lines: []) }
                lists[lists.count - 1].item?.lines.append(line)
            }
        } else if !RichDoc.normalize(line).isEmpty {
            para.append(line)
        } else if !para.isEmpty {
            blocks.append(.paragraph(para))
            para = []
        }
        line = []
    }

    /// Ends the line and, outside lists, the paragraph.
    mutating func endBlock() {
        if let level = headingLevel {
            blocks.append(.heading(level: level, line))
            line = []
            headingLevel = nil
        }
        endLine()
        if lists.isEmpty && !para.isEmpty {
            blocks.append(.paragraph(para))
            para = []
        }
    }

    mutating func endPre() {
        guard let text = pre else { return }
        pre = nil
        if lists.isEmpty {
            blocks.append(.code(text))
        } else {
            for l in text.split(separator: "\n") { line.append(RichRun(.code(String(l)))); endLine() }
        }
    }

    mutating func openList(ordered: Bool) {
        endBlock()
        guard lists.count < Self.maxLists else { return }
        if !lists.isEmpty, lists[lists.count - 1].item == nil {
            // A list right inside a list: it belongs to the item before it (or a new one).
            lists[lists.count - 1].item = lists[lists.count - 1].list.items.popLast() ?? RichItem(lines: [])
        }
        lists.append(OpenList(list: RichList(ordered: ordered, items: [])))
    }

    mutating func closeList() {
        endLine()
        guard var top = lists.popLast() else { return }
        if let item = top.item { top.list.items.append(item) }
        if lists.isEmpty {
            blocks.append(.list(top.list))
        } else {
            if lists[lists.count - 1].item == nil {
                lists[lists.count - 1].item = lists[lists.count - 1].list.items.popLast() ?? RichItem(lines: [])
            }
            lists[lists.count - 1].item?.children.append(top.list)
        }
    }

    mutating func openItem() {
        guard !lists.isEmpty else { endLine(); return }
        closeItem()
        lists[lists.count - 1].item = RichItem(lines: [])
    }

    mutating func closeItem() {
        endLine()
        guard !lists.isEmpty, let item = lists[lists.count - 1].item else { return }
        lists[lists.count - 1].list.items.append(item)
        lists[lists.count - 1].item = nil
    }

    mutating func finish() -> [RichBlock] {
        if pre != nil { endPre() }
        if let m = mention {
            mention = nil
            line.append(RichRun(.mention(id: m.id, name: m.text)))
        }
        while !lists.isEmpty { closeList() }
        endBlock()
        return blocks
    }
}
