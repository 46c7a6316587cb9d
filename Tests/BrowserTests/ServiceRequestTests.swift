// The requests the app's services send, pinned: their paths and queries are built in
// `Endpoints.Request` (WrikeAPI), the one place a request to Wrike is made.
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox
@testable import Browser
@testable import BrowserRuntime

@Suite struct ServiceRequestTests {
    static let listFields = #"["responsibleIds","superTaskIds","subTaskIds","dependencyIds","parentIds"]"#

    static func world() -> (Sandbox, String) {
        let sandbox = Sandbox(dataset: DemoDataset.make(now: testNow), options: SandboxOptions(token: "t", rateLimitPerMinute: nil))
        var counts: [String: Int] = [:]
        for t in sandbox.snapshot().tasks { for p in t.parentIds ?? [] { counts[p, default: 0] += 1 } }
        return (sandbox, counts.max { $0.value < $1.value }?.key ?? "")
    }

    static func query(_ r: LoggedRequest?) -> [String] { (r?.query ?? []).map { "\($0.name)=\($0.value)" } }

    @Test func clientServiceListsSearchesAndReadsMyTime() async throws {
        let (sandbox, folder) = Self.world()
        let client = WrikeClient(transport: sandbox, tokens: StaticTokenProvider("t"))
        let plain = ClientService(client: client)
        let first = try await plain.tasks(inFolder: folder, pageSize: 2, pageToken: nil)
        let next = try #require(first.nextPageToken)
        _ = try await plain.tasks(inFolder: folder, pageSize: 2, pageToken: next)
        _ = try await ClientService(client: client, extraListFields: ["authorIds"]).revalidatedTasks(inFolder: folder, pageSize: 5)
        _ = try await plain.searchTasks(title: "plan")
        _ = try await plain.myTimelogs(meId: "ME", date: "2026-11-20")
        let log = sandbox.requestLog
        #expect(log.map(\.path) == ["/folders/\(folder)/tasks", "/folders/\(folder)/tasks", "/folders/\(folder)/tasks",
                                    "/tasks", "/timelogs"])
        #expect(Self.query(log[0]) == ["subTasks=true", "fields=\(Self.listFields)", "pageSize=2"])
        #expect(Self.query(log[1]) == ["subTasks=true", "fields=\(Self.listFields)", "pageSize=2", "nextPageToken=\(next)"])
        #expect(Self.query(log[2]) == ["subTasks=true", "fields=" + Self.listFields.dropLast() + #","authorIds"]"#, "pageSize=5"])
        #expect(Self.query(log[3]) == ["title=plan", "subTasks=true", "pageSize=50", "fields=\(Self.listFields)"])
        #expect(Self.query(log[4]) == ["me=true", #"trackedDate={"start":"2026-11-20T00:00:00Z","end":"2026-11-20T23:59:59Z"}"#])
    }

    @Test func transportServiceSendsTheSameListRequests() async throws {
        let (sandbox, folder) = Self.world()
        let service = TransportService(transport: sandbox, token: "t")
        _ = try await service.tasks(inFolder: folder, pageSize: 3, pageToken: nil)
        _ = try? await service.tasks(ids: ["A", "B"])
        _ = try? await service.comments(taskId: "A")
        let log = sandbox.requestLog
        #expect(log.map(\.path) == ["/folders/\(folder)/tasks", "/tasks/A,B", "/tasks/A/comments"])
        #expect(Self.query(log[0]) == ["subTasks=true", "fields=\(Self.listFields)", "pageSize=3"])
    }
}
