import Foundation

/// What Wrike's `plainText=true` does to comment/description HTML, and the reverse for input.
enum HTMLText {
    /// Tags dropped, `<br>`/block ends as newlines, entities decoded; mentions become `@Name`.
    static func plain(_ html: String) -> String {
        var out = ""
        out.reserveCapacity(html.count)
        var i = html.startIndex
        while i < html.endIndex {
            let c = html[i]
            if c == "<", let close = html[i...].firstIndex(of: ">") {
                let tag = html[html.index(after: i)..<close].lowercased()
                let name = tag.split(whereSeparator: { $0 == " " || $0 == "/" }).first.map(String.init) ?? ""
                let closing = tag.hasPrefix("/")
                if name == "br" || (closing && ["p", "div", "li", "h1", "h2", "h3", "h4", "tr"].contains(String(tag.dropFirst()))) {
                    if !out.hasSuffix("\n") { out.append("\n") }
                } else if !closing && name == "li" {
                    out.append("• ")
                }
                i = html.index(after: close)
            } else if c == "&", let semi = html[i...].prefix(10).firstIndex(of: ";") {
                let entity = String(html[html.index(after: i)..<semi])
                if let decoded = decode(entity) {
                    out.append(decoded)
                    i = html.index(after: semi)
                } else {
                    out.append(c)
                    i = html.index(after: i)
                }
            } else {
                out.append(c)
                i = html.index(after: i)
            }
        }
        while out.hasSuffix("\n") { out.removeLast() }
        return out
    }

    private static func decode(_ entity: String) -> String? {
        switch entity {
        case "amp": return "&"
        case "lt": return "<"
        case "gt": return ">"
        case "quot": return "\""
        case "apos": return "'"
        case "nbsp": return " "
        case "mdash": return "—"
        case "ndash": return "–"
        case "hellip": return "…"
        case "laquo": return "«"
        case "raquo": return "»"
        case "copy": return "©"
        default:
            if entity.hasPrefix("#x") || entity.hasPrefix("#X"), let v = UInt32(entity.dropFirst(2), radix: 16), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            if entity.hasPrefix("#"), let v = UInt32(entity.dropFirst()), let s = Unicode.Scalar(v) {
                return String(Character(s))
            }
            return nil
        }
    }

    /// Plain text sent with `plainText=true`, stored as HTML.
    static func html(fromPlain text: String) -> String {
        text.replacingOccurrences(of: "&", with: "&amp;")
            .replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;")
            .replacingOccurrences(of: "\n", with: "<br />")
    }
}
