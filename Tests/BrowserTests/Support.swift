import Foundation
import Synchronization
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

/// A fixed "now": 2024-06-15 12:00 UTC.
let testNow = Date(timeIntervalSince1970: 1_718_452_800)
let utc = TimeZone(identifier: "UTC") ?? .current

enum Fixture {
    static let workflow = Workflow(id: "WF1", name: "Default", customStatuses: [
        CustomStatus(id: "CS_NEW", name: "New", color: .blue, group: .active),
        CustomStatus(id: "CS_PROG", name: "In Progress", color: .yellow, group: .active),
        CustomStatus(id: "CS_DONE", name: "Done", color: .green, group: .completed),
    ])
    static let contacts = [
        Contact(id: "ME", firstName: "Alex", lastName: "Morgan", me: true),
        Contact(id: "U2", firstName: "花子", lastName: "佐藤"),
        Contact(id: "U3", firstName: "José", lastName: "Álvarez"),
    ]
    static let bootstrap = Bootstrap(account: Account(id: "ACC", name: "Northwind"), me: contacts[0], contacts: contacts,
                                     workflows: [workflow],
                                     spaces: [Space(id: "SP1", title: "Engineering"), Space(id: "SP2", title: "Marketing")])
    /// SP1 -> F1 (folder), P1 (project); F1 -> SHARED; P1 -> SHARED (a folder with two parents).
    static let tree = [
        FolderTreeEntry(id: "SP1", title: "Engineering", childIds: ["F1", "P1"], scope: .wsFolder),
        FolderTreeEntry(id: "F1", title: "Platform", childIds: ["SHARED"], scope: .wsFolder),
        FolderTreeEntry(id: "P1", title: "Launch", childIds: ["SHARED"], scope: .wsFolder,
                        project: Project(status: .green, startDate: "2024-06-01", endDate: "2024-07-01")),
        FolderTreeEntry(id: "SHARED", title: "Shared docs", childIds: [], scope: .wsFolder),
    ]

    static func task(_ id: String, _ title: String, status: String = "CS_NEW", importance: Importance = .normal,
                     due: String? = nil, assignees: [String] = [], parent: String? = nil, subtasks: [String] = [],
                     deps: [String] = [], updated: String = "2024-06-01T00:00:00Z") -> WrikeTask {
        WrikeTask(id: id, title: title, responsibleIds: assignees,
                  status: status == "CS_DONE" ? .completed : .active, importance: importance, updatedDate: updated,
                  dates: due.map { TaskDates(type: .planned, due: $0 + "T17:00:00") }, customStatusId: status,
                  permalink: "https://www.wrike.com/open.htm?id=\(id)", superTaskIds: parent.map { [$0] } ?? [],
                  subTaskIds: subtasks, dependencyIds: deps)
    }

    static let tasks = [
        task("T1", "Write the spec", status: "CS_PROG", importance: .high, due: "2024-06-10", assignees: ["ME"], updated: "2024-06-03T00:00:00Z"),
        task("T2", "Review 設計 docs", due: "2024-06-20", assignees: ["U2"], subtasks: ["T2a", "T2b"], deps: ["D1"], updated: "2024-06-05T00:00:00Z"),
        task("T2a", "Sub one", parent: "T2"),
        task("T2b", "Sub two", status: "CS_DONE", parent: "T2"),
        task("T3", "Ship it 🚀", status: "CS_DONE", importance: .low, due: "2024-06-01", assignees: ["U3"], updated: "2024-06-09T00:00:00Z"),
        task("T4", "Evil \u{1B}[31mred\u{1B}[0m title\u{202E}", assignees: ["U3", "ME"]),
    ]
}

/// A state with bootstrap, the tree of SP1 and the fixture tasks listed for F1.
func loadedState(viewport: Viewport = Viewport(treeRows: 10, listRows: 4, detailRows: 10, detailWidth: 60)) -> AppState {
    var s = AppState(now: testNow, timeZone: utc)
    _ = s.update(.layout(viewport))
    _ = s.update(.start)
    _ = s.handle(.bootstrap(.success(Fixture.bootstrap)))
    _ = s.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
    s.tree.cursor = s.tree.rows.firstIndex { $0.id == "F1" } ?? 0  // Platform
    _ = s.update(.open)
    _ = s.handle(.taskPage(read: .folder("F1"), generation: s.list.generation, firstPage: true,
                           .success(TaskPage(tasks: Fixture.tasks, total: Fixture.tasks.count))))
    return s
}

/// Started as the app starts: workflows and spaces only (account, contacts and custom fields follow the
/// first frame), then the tree of SP1.
func startedWithoutNames(viewport: Viewport = Viewport(treeRows: 10, listRows: 10, detailRows: 10, detailWidth: 60)) -> AppState {
    var s = AppState(now: testNow, timeZone: utc)
    _ = s.update(.layout(viewport))
    _ = s.update(.start)
    var startup = Fixture.bootstrap
    startup.hasDirectory = false
    startup.contacts = []
    _ = s.handle(.bootstrap(.success(startup)))
    _ = s.handle(.tree(spaceId: "SP1", .success(Fixture.tree)))
    return s
}

final class EventBox: Sendable {
    private let events = Mutex<[Event]>([])
    func post(_ e: Event) { events.withLock { $0.append(e) } }
    func take() -> [Event] { events.withLock { e in defer { e.removeAll() }; return e } }
}

/// Applies an intent and runs every resulting effect against `service` until nothing is pending.
func drive(_ state: inout AppState, _ intent: Intent, service: any WrikeService) async -> [Effect] {
    var terminal: [Effect] = []
    var pending = state.update(intent)
    while !pending.isEmpty {
        let e = pending.removeFirst()
        switch e {
        case .copyToClipboard, .showHyperlink, .quit: terminal.append(e); continue
        default: break
        }
        let box = EventBox()
        await EffectRunner.perform(e, service: service) { box.post($0) }
        for ev in box.take() { pending += state.handle(ev) }
    }
    return terminal
}

func demoService() -> (TransportService, Sandbox) {
    let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow))
    return (TransportService(transport: sandbox, token: "test"), sandbox)
}
