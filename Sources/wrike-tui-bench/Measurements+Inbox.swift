// The inbox's figure: requests per poll (Features/Inbox, docs/inbox.md), in the real app on the demo
// workspace: the first poll (the baseline), a poll after a colleague mentioned me, a task was assigned
// to me and a predecessor of a task of mine was completed, and a quiet poll (nothing changed).
import Browser
import Foundation
import TerminalUI
import WrikeAPI
import WrikeSandbox

extension Measure {
    struct InboxPolls { var baseline: Int; var news: Int; var newsItems: Int; var quiet: Int; var quietPaths: [String] }

    static func inboxPolls(_ dataset: Dataset) throws -> InboxPolls {
        let sandbox = Sandbox(dataset: dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        let h = try Harness(service: makeService(transport: sandbox))
        defer { h.close() }
        h.start()
        // Folders, not only spaces: the space rows can be drawn (from the views' set-up) before the folder tree.
        guard h.pump(until: { $0.tree.rows.contains { $0.kind == .folder || $0.kind == .project } }) else {
            throw BenchError.timeout("tree")
        }
        if let row = h.state.tree.rows.first(where: { $0.kind == .folder || $0.kind == .project }) { _ = h.openFolder(row.id) }
        guard h.pump(until: { $0.list.status == .loaded && $0.catalog.directory.meId != nil }) else { throw BenchError.timeout("me") }
        h.settle(quietMs: 50)

        func poll(_ key: Key) throws -> ArraySlice<LoggedRequest> {
            let before = sandbox.requestLog.count
            let polls = h.state.features.inbox.polls
            h.press(key)
            guard h.pump(until: { $0.features.inbox.polls > polls }) else { throw BenchError.timeout("inbox poll") }
            h.settle(quietMs: 50)
            return sandbox.requestLog.dropFirst(before)
        }
        let baseline = try poll(.char("I"))
        try changeAsAColleague(sandbox, dataset)
        let unread = h.state.features.inbox.unread
        let news = try poll(.char("r"))
        let quiet = try poll(.char("r"))
        return InboxPolls(baseline: baseline.count, news: news.count, newsItems: h.state.features.inbox.unread - unread,
                          quiet: quiet.count, quietPaths: quiet.map { "\($0.method) \($0.path)" })
    }

    /// A comment mentioning me by someone else, a task assigned to me, a predecessor of a task of mine completed.
    static func changeAsAColleague(_ sandbox: Sandbox, _ d: Dataset) throws {
        let me = d.me ?? ""
        let others = d.tasks.filter { !($0.responsibleIds ?? []).contains(me) && $0.status == .active && $0.scope != .rbTask }
        guard let colleague = d.contacts.first(where: { $0.id != me && $0.type != .group }),
              let discussed = others.first, let given = others.dropFirst().first else { throw BenchError.setup("demo tasks") }
        _ = sandbox.addComment(taskId: discussed.id, authorId: colleague.id,
                               text: #"Please check <a class="stream-user-id avatar" rel="\#(me)">@me</a>"#)
        func put(_ id: String, _ name: String, _ value: String) throws {
            let r = HTTPRequest(method: .put, path: "/tasks/\(id)", query: [QueryItem(name, value)])
            guard case .response(let response) = sandbox.respond(to: r), response.status == 200 else {
                throw BenchError.setup("PUT /tasks/\(id) \(name)")
            }
        }
        try put(given.id, "addResponsibles", #"["\#(me)"]"#)
        if let dep = d.dependencies.first(where: { dep in
            d.tasks.contains { $0.id == dep.successorId && ($0.responsibleIds ?? []).contains(me) && $0.status == .active }
                && d.tasks.contains { $0.id == dep.predecessorId && $0.status == .active }
        }) {
            try put(dep.predecessorId, "status", "Completed")
        }
    }
}
