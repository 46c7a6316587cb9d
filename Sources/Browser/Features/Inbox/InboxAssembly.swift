// The inbox's items from one poll's answers: pure (the poll's time comes with it), so tests give it
// Wrike's answers and a clock. See docs/inbox.md for each reason's rule.
import Foundation
import WrikeAPI

public enum InboxAssembly {
    /// The record after `answer` (a new inbox when `record` is nil or someone else's), and the items added.
    public static func apply(_ answer: InboxAnswer, poll: InboxPoll, to record: InboxRecord?) -> (InboxRecord, added: [InboxItem]) {
        var r = record.flatMap { $0.me == poll.me ? $0 : nil } ?? InboxRecord(me: poll.me)
        r.handled = Array(Set(answer.seen)).sorted()
        var answer = answer
        answer.dropHandled(poll.handled)
        let known = Set(r.mine)
        var tasks: [String: WrikeTask] = [:]
        for t in answer.tasksById + answer.changedTasks { tasks[t.id] = t }
        var made = assigned(answer, poll: poll, known: known)
        made += mentioned(answer, poll: poll, tasks: tasks)
        made += approvals(answer, poll: poll, tasks: tasks)
        made += unblocked(answer, poll: poll, tasks: tasks, known: known)

        var mine = known.union(answer.myTaskIds ?? [])
        for t in answer.changedTasks {
            if (t.responsibleIds ?? []).contains(poll.me) { mine.insert(t.id) } else { mine.remove(t.id) }
        }
        r.mine = Array(mine).sorted().suffix(InboxRecord.maxMine).map { $0 }
        r.polledThrough = max(r.polledThrough ?? poll.at, poll.at)

        let have = Set(r.items.map(\.id))
        var seen = have
        let added = made.filter { seen.insert($0.id).inserted }
        r.items = Array(sortNewestFirst(r.items + added).prefix(InboxRecord.maxItems))
        let kept = Set(r.items.map(\.id))
        return (r, added.filter { kept.contains($0.id) })
    }

    static func sortNewestFirst(_ items: [InboxItem]) -> [InboxItem] {
        items.sorted { $0.at != $1.at ? $0.at > $1.at : $0.id < $1.id }
    }

    static func date(_ s: String?) -> Date? { s.flatMap(WrikeDate.parseTimestamp) }

    /// Tasks that became mine: my id among the responsibles of a task changed in the window that was not
    /// known to be mine. The first poll knows nothing yet: there, only tasks created in the window count.
    static func assigned(_ a: InboxAnswer, poll: InboxPoll, known: Set<String>) -> [InboxItem] {
        a.changedTasks.compactMap { t in
            guard (t.responsibleIds ?? []).contains(poll.me), !known.contains(t.id) else { return nil }
            if poll.baseline, (date(t.createdDate) ?? .distantPast) < poll.since { return nil }
            return InboxItem(id: "assigned:\(t.id)", reason: .assigned, taskId: t.id, title: t.title,
                             at: date(t.updatedDate) ?? poll.at)
        }
    }

    /// Comments on tasks, by someone else, that mention me (or the assignees of a task of mine).
    static func mentioned(_ a: InboxAnswer, poll: InboxPoll, tasks: [String: WrikeTask]) -> [InboxItem] {
        a.comments.compactMap { c in
            guard let taskId = c.taskId, c.authorId != poll.me else { return nil }
            let responsibles = tasks[taskId]?.responsibleIds ?? []
            guard Mentions.mentions(c.text, me: poll.me, responsibles: responsibles) else { return nil }
            return InboxItem(id: "mentioned:\(c.id)", reason: .mentioned, taskId: taskId, title: tasks[taskId]?.title ?? "",
                             note: plain(c.text), by: c.authorId, at: date(c.createdDate) ?? poll.at)
        }
    }

    /// Approvals of tasks where my decision is pending.
    static func approvals(_ a: InboxAnswer, poll: InboxPoll, tasks: [String: WrikeTask]) -> [InboxItem] {
        a.approvals.compactMap { ap in
            guard let taskId = ap.taskId, ap.status == nil || ap.status == .pending,
                  let mine = ap.decisions?.first(where: { $0.approverId == poll.me && $0.status == .pending }) else { return nil }
            let note = [ap.title ?? "", plain(ap.description ?? "")].first { !$0.isEmpty } ?? ""
            return InboxItem(id: "approval:\(ap.id)", reason: .approval, taskId: taskId, title: tasks[taskId]?.title ?? "",
                             note: note, by: ap.authorId, at: date(mine.updatedDate) ?? date(ap.updatedDate) ?? poll.at)
        }
    }

    /// Tasks of mine, still open, whose predecessor was completed in the window.
    static func unblocked(_ a: InboxAnswer, poll: InboxPoll, tasks: [String: WrikeTask], known: Set<String>) -> [InboxItem] {
        let done = Dictionary(a.completed(since: poll.since).map { ($0.id, $0) }, uniquingKeysWith: { x, _ in x })
        return a.dependencies.compactMap { d in
            guard let pred = done[d.predecessorId] else { return nil }
            let succ = tasks[d.successorId]
            let isMine = succ.map { ($0.responsibleIds ?? []).contains(poll.me) } ?? known.contains(d.successorId)
            guard isMine, succ?.status != .completed, succ?.status != .cancelled else { return nil }
            return InboxItem(id: "unblocked:\(d.successorId):\(pred.id)", reason: .unblocked, taskId: d.successorId,
                             title: succ?.title ?? "", note: pred.title, at: date(pred.completedDate) ?? poll.at)
        }
    }

    /// A comment or description as one line of plain text (sanitized when drawn).
    static func plain(_ html: String) -> String {
        HTMLText.toText(html, limit: 4000).split(whereSeparator: \.isNewline).joined(separator: " ")
    }
}
