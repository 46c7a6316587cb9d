// One inbox poll: the window it reads and the reads the runtime makes for it (BrowserRuntime
// InboxReads.swift), and what it got back. Wrike has no inbox endpoint; a poll reads only what changed
// since the previous one (`updatedDate` / `createdDate` ranges). See docs/inbox.md.
import Foundation
import WrikeAPI

/// The reads of one poll, as plain values (the core decides them; the runtime sends them).
public struct InboxPoll: Sendable, Hashable {
    public var me: String
    /// What changed from here on is read.
    public var since: Date
    /// When the poll went out (the app's clock): the next poll's window starts here.
    public var at: Date
    /// The first poll of this inbox: also reads which tasks are mine now (quietly), and every approval
    /// waiting on me; items older than `since` (the look-back window) are not made.
    public var baseline: Bool
    public var generation: Int
    /// What the previous poll saw (`InboxRecord.handled`): not read about again.
    public var handled: Set<String> = []

    /// A first poll looks back this far (a day of history, not more: no flood).
    public static let lookBack: TimeInterval = 24 * 3600
    /// A poll's window starts this much before the previous poll (clocks of Wrike and this machine differ a
    /// little); what is seen twice is added once (items have stable ids).
    public static let overlap: TimeInterval = 120
    /// After a long absence a poll reads at most this far back (Wrike's account-wide comment listing
    /// allows 7 days).
    public static let maxWindow: TimeInterval = 7 * 86_400 - 600
    /// Tasks read per page (the most Wrike allows), and pages read at most per listing.
    public static let pageSize = 1000
    public static let maxPages = 10

    public init(me: String, since: Date, at: Date, baseline: Bool, generation: Int) {
        self.me = me
        self.since = since
        self.at = at
        self.baseline = baseline
        self.generation = generation
    }

    /// The poll after `record` (nil: a new inbox) at `now`.
    public static func next(me: String, record: InboxRecord?, now: Date, generation: Int) -> InboxPoll {
        let fresh = record.map { $0.me != me } ?? true
        let from = fresh ? now.addingTimeInterval(-lookBack)
            : (record?.polledThrough ?? now.addingTimeInterval(-lookBack)).addingTimeInterval(-overlap)
        let since = max(from, now.addingTimeInterval(-maxWindow))
        var poll = InboxPoll(me: me, since: since, at: now, baseline: fresh, generation: generation)
        if !fresh { poll.handled = Set(record?.handled ?? []) }
        return poll
    }

    /// Every task changed in the window, with who is responsible and its dependencies:
    /// `GET /tasks?updatedDate={"start":since}&subTasks=true&fields=["responsibleIds","dependencyIds"]`.
    public var changedTasks: TaskQuery {
        TaskQuery(subTasks: true, updatedDate: TimestampRange(start: since), sortField: "UpdatedDate", sortOrder: "Desc",
                  fields: ["responsibleIds", "dependencyIds"])
    }

    /// The first poll only: the tasks assigned to me now (`GET /tasks?responsibles=[me]&subTasks=true`).
    public var myTasks: TaskQuery {
        TaskQuery(subTasks: true, responsibles: [me])
    }

    /// Comments created in the window, account-wide (`GET /comments?createdDate={"start":since}`).
    public var comments: TimestampRange { TimestampRange(start: since) }

    /// Approvals waiting on my decision changed in the window; the first poll: all of them.
    public var approvals: ApprovalQuery {
        ApprovalQuery(pendingApprovers: [me], updatedDate: baseline ? nil : TimestampRange(start: since))
    }
}

/// What one poll read.
public struct InboxAnswer: Sendable, Hashable {
    public var changedTasks: [WrikeTask]
    /// The first poll only: ids of the tasks assigned to me.
    public var myTaskIds: [String]?
    public var comments: [Comment]
    /// Why comments could not be read (e.g. Wrike's plan gate on `GET /comments`); mentions were not checked.
    public var commentsUnavailable: String?
    public var approvals: [Approval]
    /// The dependencies of the tasks completed in the window (`GET /dependencies/{ids}`).
    public var dependencies: [Dependency]
    /// The tasks the items name that `changedTasks` does not hold (`GET /tasks/{ids}`): titles, responsibles.
    public var tasksById: [WrikeTask]
    /// Requests the poll made.
    public var requests: Int

    public init(changedTasks: [WrikeTask] = [], myTaskIds: [String]? = nil, comments: [Comment] = [],
                commentsUnavailable: String? = nil, approvals: [Approval] = [], dependencies: [Dependency] = [],
                tasksById: [WrikeTask] = [], requests: Int = 0) {
        self.changedTasks = changedTasks
        self.myTaskIds = myTaskIds
        self.comments = comments
        self.commentsUnavailable = commentsUnavailable
        self.approvals = approvals
        self.dependencies = dependencies
        self.tasksById = tasksById
        self.requests = requests
    }

    /// What this answer saw, as `InboxRecord.handled` keeps it.
    public var seen: [String] {
        comments.map { "c:" + $0.id } + approvals.map { "a:" + $0.id }
            + changedTasks.filter { $0.status == .completed }.map { "t:" + $0.id }
    }

    /// Without what the previous poll already saw (its window overlaps this one's): nothing is read or
    /// made about them again.
    public mutating func dropHandled(_ handled: Set<String>) {
        guard !handled.isEmpty else { return }
        comments.removeAll { handled.contains("c:" + $0.id) }
        approvals.removeAll { handled.contains("a:" + $0.id) }
        changedTasks = changedTasks.map { t in
            guard t.status == .completed, handled.contains("t:" + t.id) else { return t }
            var seen = t
            seen.dependencyIds = nil  // its successors were looked at
            return seen
        }
        dependencies.removeAll { handled.contains("t:" + $0.predecessorId) }
    }

    /// The tasks completed in the window.
    public func completed(since: Date) -> [WrikeTask] {
        changedTasks.filter { t in
            t.status == .completed && (t.completedDate.flatMap(WrikeDate.parseTimestamp).map { $0 >= since } ?? false)
        }
    }

    /// The dependencies to read: those of the tasks completed in the window (at most 100: one request).
    public func dependencyIdsToRead(since: Date) -> [String] {
        var seen = Set<String>()
        return completed(since: since).flatMap { $0.dependencyIds ?? [] }.filter { seen.insert($0).inserted }.prefix(100).map { $0 }
    }

    /// The tasks to read by id: those of mentions, approvals and successors that `changedTasks` does not hold
    /// (at most 100: one request).
    public func taskIdsToRead(me: String, since: Date) -> [String] {
        let have = Set(changedTasks.map(\.id))
        let done = Set(completed(since: since).map(\.id))
        var ids: [String] = []
        ids += comments.filter { c in
            guard c.authorId != me else { return false }
            let t = Mentions.targets(c.text)
            return t.contains(me) || t.contains(Mentions.assignees)
        }.compactMap(\.taskId)
        ids += approvals.compactMap(\.taskId)
        ids += dependencies.filter { done.contains($0.predecessorId) }.map(\.successorId)
        var seen = have
        return ids.filter { seen.insert($0).inserted }.prefix(100).map { $0 }
    }
}
