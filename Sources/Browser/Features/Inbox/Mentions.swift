// Who a comment @mentions, from Wrike's mention markup in comment HTML. Wrike writes a mention as a link
// whose class holds `stream-user-id` and whose `rel` is the person's contact id:
//   <a class="stream-user-id avatar" rel="KUATMOGX">&#64;Pylyp Orlyk</a>
// and a mention of a task's assignees as `<a class="stream-user-id avatar quasi-contact" rel="@assignees">`.
// Sources: docs/inbox.md. Mentions inside a quote (`<blockquote>`: a reply quoting an older comment),
// an HTML comment, `script` or `style` are not new mentions and are left out.
import Foundation

public enum Mentions {
    /// The `rel` of a mention of the task's assignees.
    public static let assignees = "@assignees"
    /// Hard cap on the HTML scanned (a hostile 10 MB comment costs no more than this).
    static let limit = 200_000
    /// At most this many distinct people are taken from one comment.
    static let maxTargets = 200

    /// The contact ids (and `@assignees`) a comment's HTML mentions, outside quotes.
    public static func targets(_ html: String) -> Set<String> {
        let s = Array(html.unicodeScalars.prefix(limit))
        var out: Set<String> = []
        var quoteDepth = 0
        var skipUntil: String?
        var i = 0
        var nextClose = -1  // where the next '>' is: with none left, no tag can follow
        while i < s.count, out.count < maxTargets {
            if s[i] == "<", nextClose < i {
                nextClose = s[i...].firstIndex(of: ">") ?? s.count
                if nextClose == s.count { break }
            }
            guard s[i] == "<", let close = HTMLText.findTagEnd(s, from: i + 1) else {
                i += 1
                continue
            }
            let raw = String(String.UnicodeScalarView(s[(i + 1)..<close]))
            i = close + 1
            if raw.hasPrefix("!--") {
                if !raw.hasSuffix("--") { i = endOfComment(s, from: i) }
                continue
            }
            let tag = HTMLText.Tag(raw)
            if let skip = skipUntil {
                if tag.closing && tag.name == skip { skipUntil = nil }
                continue
            }
            switch tag.name {
            case "script", "style":
                if !tag.closing && !tag.selfClosing { skipUntil = tag.name }
            case "blockquote":
                quoteDepth = tag.closing ? max(0, quoteDepth - 1) : min(quoteDepth + 1, 1000)
            case "a" where !tag.closing && quoteDepth == 0:
                if let target = mention(tag) { out.insert(target) }
            default: break
            }
        }
        return out
    }

    /// Whether a comment on a task with `responsibles` mentions `me`: by id, or as one of the assignees.
    public static func mentions(_ html: String, me: String, responsibles: [String]) -> Bool {
        let t = targets(html)
        return t.contains(me) || (t.contains(assignees) && responsibles.contains(me))
    }

    /// The person a link names when it is a mention.
    static func mention(_ tag: HTMLText.Tag) -> String? {
        guard let cls = tag.attribute("class"),
              cls.split(whereSeparator: { $0 == " " || $0 == "\t" || $0 == "\n" || $0 == "\r" })
                .contains(where: { $0.lowercased() == "stream-user-id" }),
              let rel = tag.attribute("rel") else { return nil }
        let id = HTMLText.decodeEntities(rel).trimmingCharacters(in: .whitespacesAndNewlines)
        guard !id.isEmpty, id.count <= 64, id.unicodeScalars.allSatisfy({ $0.isASCII && $0.value > 32 }) else { return nil }
        return id
    }

    private static func endOfComment(_ s: [Unicode.Scalar], from start: Int) -> Int {
        var j = start
        while j + 2 < s.count {
            if s[j] == "-" && s[j + 1] == "-" && s[j + 2] == ">" { return j + 3 }
            j += 1
        }
        return s.count
    }
}
