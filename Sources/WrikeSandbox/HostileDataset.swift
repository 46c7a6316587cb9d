import Foundation
import WrikeAPI

/// Text that tries to take over a terminal or break a layout, as a server could send it: escape
/// sequences (clear screen, set title, OSC 52 clipboard write, OSC 8 links, DCS/APC strings, C1 CSI),
/// C0/C1 controls, bidi overrides, zero-width characters, variation selectors, emoji ZWJ sequences,
/// combining marks, wide characters, malformed HTML and entities. Used by the hostile dataset and by
/// the property tests as atoms to mix.
public enum HostileText {
    /// The strings that must never reach a terminal as such (their payload markers).
    public static let clearScreen = "\u{1B}[2J\u{1B}[3J\u{1B}[H"
    public static let setTitle = "\u{1B}]0;pwned\u{07}"
    public static let setTitleST = "\u{1B}]2;pwned-st\u{1B}\\"
    public static let clipboardWrite = "\u{1B}]52;c;cHduZWQgY2xpcGJvYXJk\u{07}"   // "pwned clipboard"
    public static let hyperlink = "\u{1B}]8;;https://evil.example/\u{1B}\\click me\u{1B}]8;;\u{1B}\\"
    public static let c1CSI = "\u{9B}2J\u{9D}0;pwned-c1\u{9C}"
    public static let dcs = "\u{1B}Pq#0;2;0;0;0#1;2;100;100;0\u{1B}\\"
    public static let apc = "\u{1B}_Gf=100;AAAA\u{1B}\\"
    public static let sgrRed = "\u{1B}[31;1;5;7mRED\u{1B}[0m"
    public static let cursorMoves = "\u{1B}[10;10H\u{1B}[2K\u{1B}7\u{1B}8\u{1B}c"
    public static let bidiOverride = "invoice\u{202E}fdp.exe\u{202C} \u{2067}isolate\u{2069} \u{200F}rlm\u{200E}"
    public static let zeroWidth = "zero\u{200B}width\u{200C}non\u{200D}joiner\u{2060}word\u{FEFF}bom"
    public static let variationSelectors = "\u{2764}\u{FE0F} \u{263A}\u{FE0E} text\u{FE0F}"
    public static let emojiZWJ = "family 👨‍👩‍👧‍👦 flag 🇯🇵 skin 👋🏽 rainbow 🏳️‍🌈 keycap 1️⃣"
    public static let combining = "Z̴̢̛̗͓̗a̶̡̛͍l̷̨̛g̵̨̛o̴̡̢ e\u{301}\u{302}\u{303}\u{304}\u{305}\u{306}\u{307}\u{308} \u{301}lone"
    public static let c0 = "bell\u{07} bs\u{08}\u{08} tab\tvt\u{0B}ff\u{0C}cr\rnul\u{00}so\u{0E}si\u{0F}esc\u{1B}del\u{7F}end"
    public static let wide = "漢字テスト한국어全角ＡＢＣ"
    public static let tags = "tag\u{E0041}\u{E0042}\u{E007F} lineSep\u{2028}paraSep\u{2029}nel\u{85}end"

    /// One of each, for titles and names.
    public static let atoms: [String] = [
        clearScreen, setTitle, setTitleST, clipboardWrite, hyperlink, c1CSI, dcs, apc, sgrRed, cursorMoves,
        bidiOverride, zeroWidth, variationSelectors, emojiZWJ, combining, c0, wide, tags,
        "\u{1B}", "\u{1B}[", "\u{1B}]", "\u{9B}", "\u{1B}\u{1B}[2J", "\u{1B}[?1049l", "\u{1B}[?25l", "\u{1B}[6n",
        "\u{1B}]4;1;rgb:ff/00/00\u{07}", "\u{1B}]1337;File=inline=1:AAAA\u{07}", "\u{1B}P$q\"p\u{1B}\\",
        "\r\n", "\n", "\u{0}", "\u{FFFD}", "\u{10FFFF}", "\u{E000}",
        "&", "&amp;", "&#27;", "&#x1b;", "&#x9b;", "&#0;", "&#99999999;", "&#xD800;", "&lt;script&gt;", "&nbsp;",
        "<", ">", "<b>", "</b>", "<p", "<!--", "-->",
    ]

    /// Escape sequences embedded in HTML as entities: decode them and they are live again.
    public static let entityEncodedEscapes =
        "<p>&#27;]0;pwned-entity&#7; &#x1B;[2J &#x1b;]52;c;cHduZWQ=&#x07; &#155;2J</p>"

    /// Malformed HTML and entities.
    public static let malformedHTML = """
        <p>unclosed <b>bold <i>italic <a href="https://x.example/?a=1&b=2>broken quote</a> \
        <ul><li>one<li>two</ol></ul></ul></ul> &amp &ampx; &#; &#x; &#xZZ; &#-1; &#1114112; &unknown; \
        < p>spaced</ p> <<>> <a href='x'><img src=x onerror=alert(1)></a> <script>alert("\u{1B}]0;pwned-script\u{07}")</script \
        <style>body{}</style><!-- unterminated comment
        """

    /// `depth` nested elements (lists, quotes, divs, spans) around a little text.
    public static func deeplyNestedHTML(depth: Int) -> String {
        var s = ""
        s.reserveCapacity(depth * 40)
        for i in 0..<depth {
            switch i % 4 {
            case 0: s += "<ul><li>"
            case 1: s += "<blockquote>"
            case 2: s += "<div><span>"
            default: s += "<ol><li>"
            }
            if i % 50 == 0 { s += "level \(i) " }
        }
        s += "deep text"
        for i in (0..<depth).reversed() {
            switch i % 4 {
            case 0: s += "</li></ul>"
            case 1: s += "</blockquote>"
            case 2: s += "</span></div>"
            default: s += "</li></ol>"
            }
        }
        return s
    }

    /// A long single-line title (`count` characters) mixing wide, combining and escape characters.
    public static func longTitle(_ count: Int) -> String {
        let unit = Array("Long title 漢字 e\u{301} 👍 \u{1B}[2J ")
        var out = ""
        out.reserveCapacity(count * 2)
        var i = 0
        while out.count < count {
            out.append(unit[i % unit.count])
            i += 1
        }
        return out
    }

    /// About `bytes` bytes of comment HTML with escapes sprinkled in.
    public static func hugeComment(bytes: Int) -> String {
        let paragraph = "<p>Huge comment paragraph with <b>markup</b>, an escape \u{1B}]0;pwned\u{07}, "
            + "wide 漢字, emoji 👩‍💻 and an entity &#27;[2J. Lorem ipsum dolor sit amet, consectetur.</p>\n"
        let n = max(1, bytes / paragraph.utf8.count)
        return String(repeating: paragraph, count: n)
    }
}

/// A sandbox dataset made of hostile text (see `HostileText`): names, titles, statuses, comments,
/// descriptions, time logs, attachments and custom fields holding escape sequences, controls, bidi
/// overrides, zero-width characters, a 10,000-character title, a 1 MB comment, deeply nested and
/// malformed HTML, emoji sequences and combining marks. `wrike-tui sandbox generate --hostile`
/// writes it; `sandbox serve --data` serves it.
public enum HostileDataset {
    public static let accountId = "IEHOSTIL"

    /// The ids of a few entities tests look for.
    public static let longTitleLength = 10_000
    public static let hugeCommentBytes = 1 << 20

    public static func make(now: Date = Date(timeIntervalSince1970: 1_795_000_000)) -> Dataset {
        var b = Builder(seed: 0xBAD_DA7A, accountId: accountId, now: now)
        var (engWF, _) = b.standardWorkflows()
        // A hostile status name in the workflow the tasks use.
        if let i = engWF.customStatuses?.firstIndex(where: { $0.name == "In Review" }) {
            engWF.customStatuses?[i].name = "In \u{1B}[31mReview\u{1B}]0;pwned-status\u{07}\u{202E}"
            b.workflows[0] = engWF
        }
        b.standardCategories()
        b.categories[0].name = "Dev\u{1B}]52;c;cHduZWQ=\u{07}elopment"
        b.standardCustomFields()
        b.customFields[1].title = "Cust\u{1B}[2Jomer \u{202E}reversed"

        let me = b.addContact(first: "Alex", last: "Morgan", email: "alex@hostile.example", admin: true, owner: true)
        b.meId = me
        let mallory = b.addContact(first: "Mallory\u{1B}]0;pwned\u{07}", last: "\u{1B}[2J\u{1B}[HO'Hara",
                                   email: "mallory@hostile.example")
        let eve = b.addContact(first: "Eve\u{202E}exe.txt", last: "\u{200B}\u{200D}Zero\u{FEFF}", email: "eve@hostile.example")
        let zalgo = b.addContact(first: "Z̴̢̛a̶̡l̷̨g̵̨o̴̡", last: "👨‍👩‍👧‍👦", email: "zalgo@hostile.example")
        let longName = b.addContact(first: String(repeating: "長", count: 2_000), last: String(repeating: "x", count: 5_000),
                                    email: "long@hostile.example")
        let people = [me, mallory, eve, zalgo, longName]

        let workflow = engWF.id
        let space = b.addSpace("Hostile \u{1B}]52;c;cHduZWQ=\u{07}space \u{202E}ecaps", access: "Public", workflowId: workflow,
                               description: HostileText.malformedHTML, members: people)
        let folderA = b.addFolder(HostileText.hyperlink + " folder", parents: [space], workflowId: workflow, shared: people)
        let folderB = b.addFolder(HostileText.longTitle(longTitleLength), parents: [space], workflowId: workflow,
                                  project: Project(authorId: me, ownerIds: [mallory], status: .red, startDate: b.day(-3),
                                                   endDate: b.day(3), createdDate: b.stamp(daysAgo: 9)),
                                  shared: people)
        let folderC = b.addFolder("Escapes " + HostileText.clearScreen + HostileText.setTitle, parents: [folderA],
                                  workflowId: workflow, shared: people)

        let statuses = engWF.customStatuses ?? []
        func status(_ i: Int) -> CustomStatus { statuses[i % max(1, statuses.count)] }
        let importances: [Importance] = [.high, .normal, .low]

        // One task per atom, in the first folder; the long and nested ones in the others.
        var taskIds: [String] = []
        for (i, atom) in HostileText.atoms.enumerated() {
            let id = b.addTask("T\(i) " + atom + " end", parent: i % 3 == 2 ? folderC : folderA, status: status(i),
                               importance: importances[i % 3], dates: i % 2 == 0 ? b.planned(start: -i, length: 3) : Builder.backlog,
                               responsibles: [people[i % people.count], people[(i + 1) % people.count]],
                               author: people[(i + 2) % people.count],
                               description: "<p>Description \(i): \(atom)</p>" + HostileText.entityEncodedEscapes,
                               createdDaysAgo: 10 + i, updatedDaysAgo: i % 5)
            taskIds.append(id)
        }
        let longTask = b.addTask(HostileText.longTitle(longTitleLength), parent: folderB, status: status(1), importance: .high,
                                 dates: b.planned(start: -2, length: 5), responsibles: people, author: mallory,
                                 description: HostileText.deeplyNestedHTML(depth: 5_000), createdDaysAgo: 3, updatedDaysAgo: 0)
        let nestedTask = b.addTask("Deeply nested description", parent: folderB, status: status(2), importance: .normal,
                                   dates: Builder.backlog, responsibles: [eve], author: zalgo,
                                   description: HostileText.deeplyNestedHTML(depth: 20_000), createdDaysAgo: 4, updatedDaysAgo: 1)
        let malformedTask = b.addTask("Malformed <b>HTML</b> &amp entities &#27;[2J", parent: folderB, status: status(0),
                                      importance: .low, dates: b.milestone(2), responsibles: [mallory], author: eve,
                                      description: HostileText.malformedHTML, createdDaysAgo: 5, updatedDaysAgo: 2)
        let subtask = b.addTask("Subtask \u{1B}[2J" + HostileText.emojiZWJ, parent: nil, superTask: taskIds[0], status: status(0),
                                importance: .normal, dates: Builder.backlog, responsibles: [me], author: me,
                                description: HostileText.combining, createdDaysAgo: 2, updatedDaysAgo: 1)
        _ = subtask
        taskIds += [longTask, nestedTask, malformedTask]

        // Comments: every atom (as HTML text), entity-encoded escapes, a 1 MB comment, nested HTML.
        for (i, atom) in HostileText.atoms.enumerated() {
            b.comment(on: taskIds[i % 4], author: people[i % people.count], html: atom + " comment " + HostileText.sgrRed,
                      daysAgo: i % 7)
        }
        b.comment(on: taskIds[0], author: mallory, html: HostileText.entityEncodedEscapes, daysAgo: 0)
        b.comment(on: taskIds[0], author: eve, html: HostileText.hugeComment(bytes: hugeCommentBytes), daysAgo: 0)
        b.comment(on: longTask, author: zalgo, html: HostileText.deeplyNestedHTML(depth: 3_000), daysAgo: 1)
        b.comment(on: malformedTask, author: me, html: HostileText.malformedHTML, daysAgo: 1)

        // Dependencies, time logs, attachments, approvals with hostile text.
        b.link(taskIds[0], taskIds[1])
        b.link(taskIds[1], longTask)
        let category = b.categories.first?.id
        b.timelog(on: taskIds[0], user: mallory, hours: 1.5, daysAgo: 1, comment: HostileText.setTitle + "log", category: category)
        b.timelog(on: taskIds[0], user: me, hours: 0.25, daysAgo: 0, comment: HostileText.bidiOverride, category: nil)
        b.attach(to: taskIds[0], name: "report\u{202E}fdp.exe", author: eve, contentType: "application/pdf", size: 1234, daysAgo: 1)
        b.attach(to: taskIds[0], name: HostileText.clipboardWrite + "clip.png", author: mallory, contentType: "image/png",
                 size: 99, daysAgo: 2, width: 10, height: 10)
        b.approval(task: taskIds[0], author: mallory, description: HostileText.setTitle + " approve me " + HostileText.hyperlink,
                   decisions: [(me, .pending, ""), (eve, .rejected, "no\u{1B}[2J" + HostileText.c1CSI)], status: .pending,
                   dueOffset: 1, daysAgo: 1)
        b.finishFolders()
        let account = Account(id: accountId, name: "Hostile \u{1B}]0;pwned-account\u{07}Inc", dateFormat: "dd/MM/yyyy",
                              firstDayOfWeek: "Mon", workDays: ["Mon", "Tue", "Wed", "Thu", "Fri"],
                              rootFolderId: b.rootId, recycleBinId: b.recycleBinId, createdDate: b.stamp(daysAgo: 400),
                              joinedDate: b.stamp(daysAgo: 400))
        return b.dataset(account: account)
    }
}
