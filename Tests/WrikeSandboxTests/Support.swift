import Foundation
import Synchronization
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// A clock tests move by hand.
final class TestClock: Sendable {
    private let value: Mutex<Date>
    init(_ start: Date = Date(timeIntervalSince1970: 1_795_000_000)) { value = Mutex(start) }
    var now: Date { value.withLock { $0 } }
    func advance(_ seconds: TimeInterval) { value.withLock { $0 = $0.addingTimeInterval(seconds) } }
    var function: @Sendable () -> Date { { [self] in self.now } }
}

struct APICaller {
    let sandbox: Sandbox

    init(_ sandbox: Sandbox) { self.sandbox = sandbox }

    init(dataset: Dataset = DemoDataset.make(now: Date(timeIntervalSince1970: 1_795_000_000)), clock: TestClock = TestClock(),
         token: String? = nil, rateLimit: Int? = nil) {
        sandbox = Sandbox(dataset: dataset, options: SandboxOptions(token: token, rateLimitPerMinute: rateLimit, now: clock.function))
    }

    func call(_ method: HTTPMethod = .get, _ path: String, _ query: [(String, String)] = [], json: String? = nil,
              headers: [String: String] = [:], body: String? = nil) throws -> HTTPResponse {
        var h = headers
        if json != nil { h["Content-Type"] = "application/json" }
        return try sandbox.handle(HTTPRequest(method: method, path: path, query: query.map { QueryItem($0.0, $0.1) },
                                              headers: h, body: (json ?? body).map { Data($0.utf8) }))
    }

    func ok<T: Codable & Sendable>(_ type: T.Type, _ method: HTTPMethod = .get, _ path: String, _ query: [(String, String)] = [],
                                   json: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> Envelope<T> {
        let r = try call(method, path, query, json: json)
        #expect(r.status == 200, "\(method.rawValue) \(path): \(String(decoding: r.body, as: UTF8.self))", sourceLocation: sourceLocation)
        return try JSONDecoder().decode(Envelope<T>.self, from: r.body)
    }

    /// Expects a Wrike error answer and returns its body.
    func fail(_ status: Int, _ code: String, _ method: HTTPMethod = .get, _ path: String, _ query: [(String, String)] = [],
              json: String? = nil, sourceLocation: SourceLocation = #_sourceLocation) throws -> WrikeErrorBody {
        let r = try call(method, path, query, json: json)
        #expect(r.status == status, "\(method.rawValue) \(path): \(String(decoding: r.body, as: UTF8.self))", sourceLocation: sourceLocation)
        #expect(r.header("content-type")?.contains("application/json") == true, sourceLocation: sourceLocation)
        let body = try JSONDecoder().decode(WrikeErrorBody.self, from: r.body)
        #expect(body.error == code, "\(body.errorDescription ?? "")", sourceLocation: sourceLocation)
        return body
    }
}

let fixedNow = Date(timeIntervalSince1970: 1_795_000_000)

/// A small hand-made dataset whose values tests can rely on exactly.
func tinyDataset() -> Dataset {
    let wf = Workflow(id: "WF1", name: "Default Workflow", standard: true, hidden: false, customStatuses: [
        CustomStatus(id: "CS_NEW", name: "New", color: .blue, standard: true, group: .active, hidden: false),
        CustomStatus(id: "CS_WIP", name: "In Progress", color: .turquoise, standard: false, group: .active, hidden: false),
        CustomStatus(id: "CS_DONE", name: "Completed", color: .green, standard: true, group: .completed, hidden: false),
        CustomStatus(id: "CS_HOLD", name: "On Hold", color: .gray, standard: true, group: .deferred, hidden: false),
        CustomStatus(id: "CS_CANCEL", name: "Cancelled", color: .red, standard: true, group: .cancelled, hidden: false),
    ])
    let contacts = [
        Contact(id: "ME", firstName: "Alex", lastName: "Morgan", type: .person),
        Contact(id: "U2", firstName: "花子", lastName: "佐藤", type: .person),
        Contact(id: "U3", firstName: "José", lastName: "Álvarez", type: .person, deleted: true),
    ]
    let space = Space(id: "SP1", title: "Engineering", accessType: "Public", archived: false)
    let folders = [
        Folder(id: "F1", title: "Platform", parentIds: ["SP1"], scope: .wsFolder, workflowId: "WF1"),
        Folder(id: "F2", title: "API", parentIds: ["F1"], scope: .wsFolder,
               project: Project(authorId: "ME", ownerIds: ["ME"], status: .green, startDate: "2026-01-01", endDate: "2026-12-31")),
        Folder(id: "F3", title: "Old", parentIds: ["IEAAAAAAI7777776"], scope: .rbFolder),
    ]
    func task(_ id: String, _ title: String, parent: String?, status: String = "CS_NEW", group: TaskStatus = .active,
              importance: Importance = .normal, dates: TaskDates = TaskDates(type: .backlog), responsibles: [String] = [],
              supers: [String] = [], subs: [String] = [], created: String = "2026-10-01T09:00:00Z") -> WrikeTask {
        WrikeTask(id: id, accountId: "IEAAAAAA", title: title, description: "<p>About <b>\(title)</b> &amp; more</p>",
                  parentIds: parent.map { [$0] } ?? [], superParentIds: parent == nil ? ["F2"] : [], responsibleIds: responsibles,
                  status: group, importance: importance, createdDate: created, updatedDate: created, dates: dates,
                  scope: .wsTask, authorIds: ["ME"], customStatusId: status, permalink: "https://www.wrike.com/open.htm?id=\(id)",
                  superTaskIds: supers, subTaskIds: subs, dependencyIds: [])
    }
    let planned = TaskDates(type: .planned, duration: 960, start: "2026-11-01T09:00:00", due: "2026-11-02T17:00:00")
    let tasks = [
        task("T1", "Write spec", parent: "F2", importance: .high, dates: planned, responsibles: ["ME"], subs: ["T1a"]),
        task("T2", "Review spec", parent: "F2", status: "CS_DONE", group: .completed, dates: planned, responsibles: ["U2"]),
        task("T3", "Backlog idea", parent: "F1"),
        task("T4", "Plan sprint", parent: "F1", status: "CS_WIP", importance: .low,
             dates: TaskDates(type: .milestone, due: "2026-11-20T17:00:00"), responsibles: ["ME", "U2"]),
        task("T1a", "Subtask of spec", parent: nil, supers: ["T1"]),
    ]
    return Dataset(
        account: Account(id: "IEAAAAAA", name: "Tiny", rootFolderId: "IEAAAAAAI7777777", recycleBinId: "IEAAAAAAI7777776"),
        me: "ME", contacts: contacts, workflows: [wf], spaces: [space], folders: folders, tasks: tasks,
        comments: [
            WrikeComment(id: "C1", authorId: "U2", text: "Hi <a class=\"stream-user-id avatar\" rel=\"ME\">@Alex Morgan</a>,<br />see &quot;spec&quot;",
                         createdDate: "2026-10-02T10:00:00Z", updatedDate: "2026-10-02T10:00:00Z", taskId: "T1"),
        ],
        timelogs: [Timelog(id: "L1", taskId: "T1", userId: "ME", categoryId: "CAT1", hours: 2, createdDate: "2026-10-03T10:00:00Z",
                           updatedDate: "2026-10-03T10:00:00Z", trackedDate: "2026-10-03", comment: "coding")],
        timelogCategories: [TimelogCategory(id: "CAT1", name: "Development", order: 1, hidden: false)],
        approvals: [
            Approval(id: "A1", taskId: "T1", authorId: "U2", description: "Sign off", decisions: [
                ApprovalDecision(approverId: "ME", status: .pending)], status: .pending),
            Approval(id: "A2", folderId: "F2", authorId: "ME", description: "Done", decisions: [
                ApprovalDecision(approverId: "U2", status: .approved)], finished: true, status: .approved),
        ],
        attachments: [Attachment(id: "AT1", authorId: "ME", name: "spec.pdf", type: .wrike, contentType: "application/pdf",
                                 size: 1000, taskId: "T1")]
    )
}
