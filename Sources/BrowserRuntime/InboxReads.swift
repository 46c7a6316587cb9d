// An inbox poll's reads on the shared client (Browser Features/Inbox/InboxPoll.swift decides them):
// the tasks changed in the window, the first time the tasks assigned to me, the comments created in the
// window, the approvals waiting on me, then (only when needed) the dependencies of tasks completed in
// the window and the tasks the items name. All at background priority, never from the cache.
import Browser
import Foundation
import WrikeAPI

/// A gateway that can read an inbox poll (the app's `ClientService`).
public protocol InboxReading: Sendable {
    func inboxAnswer(_ poll: InboxPoll) async throws -> InboxAnswer
}

extension ClientService: InboxReading {
    public func inboxAnswer(_ poll: InboxPoll) async throws -> InboxAnswer {
        let counter = RequestCounter()
        var a = InboxAnswer()
        a.changedTasks = try await pages(Endpoints.Request.tasks(in: .account, query: poll.changedTasks), WrikeTask.self, counter)
        if poll.baseline {
            a.myTaskIds = try await pages(Endpoints.Request.tasks(in: .account, query: poll.myTasks), WrikeTask.self, counter).map(\.id)
        }
        do {
            counter.count += 1
            a.comments = try await client.envelope(Endpoints.Request.comments(created: poll.comments), as: Comment.self,
                                                   priority: .background).data
        } catch let e as APIError where e.kind == .notAllowed || e.kind == .accessForbidden {
            a.commentsUnavailable = e.plainMessage
        }
        a.approvals = try await pages(Endpoints.Request.approvals(poll.approvals), Approval.self, counter)
        // What the previous poll saw (the windows overlap) is not read about again.
        var fresh = a
        fresh.dropHandled(poll.handled)
        let deps = fresh.dependencyIdsToRead(since: poll.since)
        if !deps.isEmpty {
            counter.count += 1
            a.dependencies = try await client.envelope(Endpoints.Request.dependencies(ids: deps.joined(separator: ",")),
                                                       as: Dependency.self, priority: .background).data
            fresh.dependencies = a.dependencies
        }
        let ids = fresh.taskIdsToRead(me: poll.me, since: poll.since)
        if !ids.isEmpty {
            counter.count += 1
            a.tasksById = try await client.envelope(Endpoints.Request.tasks(ids: ids.joined(separator: ",")),
                                                    as: WrikeTask.self, priority: .background).data
        }
        a.requests = counter.count
        return a
    }

    /// Every page of a listing (at most `InboxPoll.maxPages`), 1000 per page.
    func pages<Item: Decodable & Sendable>(_ request: HTTPRequest, _: Item.Type, _ counter: RequestCounter) async throws -> [Item] {
        var all: [Item] = []
        var token: String?
        for index in 0..<InboxPoll.maxPages {
            counter.count += 1
            let page = try await client.page(request, size: InboxPoll.pageSize, token: token, index: index, as: Item.self,
                                             priority: .background)
            all += page.items
            guard let next = page.nextPageToken, !page.items.isEmpty else { break }
            token = next
        }
        return all
    }
}

/// Requests made by one poll (one task at a time: no lock needed beyond the class's own use).
final class RequestCounter: @unchecked Sendable {
    var count = 0
}
