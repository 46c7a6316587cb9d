// Writing a line of runs as nested markup (Markdown or HTML): consecutive runs sharing a link are one
// link, inside it those sharing strikethrough, then bold, then italic. Every writer nests in this one
// order, so a line has exactly one spelling in each format. Pure.

enum RichRender {
    struct Markup: Sendable {
        /// The opening and closing markup of a group at `level` (0 link, 1 strike, 2 bold, 3 italic);
        /// the string is the link for level 0.
        let opening: @Sendable (Int, String?) -> String
        let close: @Sendable (Int, String?) -> String
        let atom: @Sendable (RichRun) -> String
    }

    static func group(_ runs: RichLine, level: Int, markup: Markup) -> String {
        if level == 4 { return runs.map(markup.atom).joined() }
        var out = ""
        var i = 0
        while i < runs.count {
            let key = keyOf(runs[i], level)
            var j = i + 1
            while j < runs.count, keyOf(runs[j], level) == key { j += 1 }
            let inner = group(Array(runs[i..<j]), level: level + 1, markup: markup)
            if let key { out += markup.opening(level, key) + inner + markup.close(level, key) } else { out += inner }
            i = j
        }
        return out
    }

    static func keyOf(_ r: RichRun, _ level: Int) -> String? {
        switch level {
        case 0: r.link
        case 1: r.strike ? "" : nil
        case 2: r.bold ? "" : nil
        default: r.italic ? "" : nil
        }
    }
}
