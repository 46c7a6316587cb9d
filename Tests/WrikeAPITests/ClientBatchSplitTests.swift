// Issue 12, item 6: Wrike answers 404 for a whole `GET /dependencies/{ids}` when one id is gone or not
// visible. The client still reads the others with a bounded number of requests, and remembers the
// missing one for the cache's lifetime.
import Foundation
import Testing
@testable import WrikeAPI
import WrikeSandbox

@Suite struct ClientBatchSplitTests {
    static let gone = "IEAGBOGUSDEP0001"

    static func setup() -> (Sandbox, WrikeClient, [Dependency]) {
        let clock = TestClock()
        let sandbox = Sandbox(dataset: DemoDataset.make(now: Date(timeIntervalSince1970: 1_800_000_000)),
                              options: SandboxOptions(rateLimitPerMinute: nil, now: { clock.now }))
        return (sandbox, makeClient(sandbox, clock: clock), sandbox.snapshot().dependencies)
    }

    static func depReads(_ s: Sandbox) -> [LoggedRequest] { s.requestLog.filter { $0.path.hasPrefix("/dependencies/") } }

    /// The sandbox answers like Wrike: one missing id fails the whole batch.
    @Test func theSandboxAnswers404ForABatchWithAMissingId() async throws {
        let (sandbox, _, deps) = Self.setup()
        let ids = deps.prefix(3).map(\.id) + [Self.gone]
        let r = try await sandbox.send(HTTPRequest(method: .get, path: "/dependencies/" + ids.joined(separator: ","),
                                                   headers: ["Authorization": "bearer t"]))
        #expect(r.status == 404)
    }

    @Test func oneMissingIdStillReadsTheOthers() async throws {
        let (sandbox, client, deps) = Self.setup()
        try #require(deps.count >= 6)
        // The missing id in the middle of the list.
        let ids = Array(deps.prefix(deps.count / 2).map(\.id)) + [Self.gone] + deps.dropFirst(deps.count / 2).map(\.id)
        let read = try await client.dependencies(ids: ids)
        #expect(read.map(\.id) == deps.map(\.id))
        let requests = Self.depReads(sandbox)
        // One batch, then two halves per level down to the missing id.
        let levels = Int(ceil(log2(Double(ids.count))))
        #expect(requests.count <= 1 + 2 * levels, "\(requests.count) requests for \(ids.count) ids")
        #expect(requests.filter { $0.status == 404 }.count <= 1 + levels)
        // The 404s were the reads' own business: the connection's sentence says nothing about them.
        #expect(client.state.lastError?.kind == .notFound || client.state.lastError == nil)
        #expect(client.statusLine() == nil)
        // The missing one is remembered: reading again costs nothing.
        let again = try await client.dependencies(ids: ids)
        #expect(again.map(\.id) == deps.map(\.id))
        #expect(Self.depReads(sandbox).count == requests.count)
    }

    @Test func theExtraRequestsAreBounded() async throws {
        let (sandbox, client, deps) = Self.setup()
        // Many missing ids: the split stops after its budget; what is left is neither read nor remembered.
        let missing = (0..<40).map { String(format: "IEAGBOGUSDEP%04d", $0) }
        var ids: [String] = []
        for (i, m) in missing.enumerated() { ids.append(m); if i < deps.count { ids.append(deps[i].id) } }
        let split = try await client.batchSplittingNotFound(ids: ids, path: { "/dependencies/\($0)" },
                                                             id: { (d: Dependency) in d.id }, maxSplitRequests: 32)
        #expect(Self.depReads(sandbox).count <= 1 + 32)
        #expect(split.notFound.isSubset(of: Set(missing)) && split.unresolved.isSubset(of: Set(ids)))
        #expect(Set(split.items.value.map(\.id)).union(split.unresolved).isSuperset(of: deps.prefix(40).map(\.id)))
        // Other failures are not split: they are thrown as they are.
        sandbox.schedule(Fault(count: 100, status: 403, method: .get, pathPrefix: "/dependencies"))
        await #expect(throws: APIError.self) { _ = try await client.dependencies(ids: [Self.gone], use: .refresh) }
        #expect(Self.depReads(sandbox).last?.status == 403)
    }

    /// Only failures about reaching Wrike make the client's status-line sentence.
    @Test func onlyConnectionFailuresMakeTheSentence() {
        var state = ClientState()
        let now = Date(timeIntervalSince1970: 1_800_000_000)
        state.lastError = APIError(kind: .notFound, status: 404, code: "resource_not_found", errorDescription: "Dependency not found")
        #expect(state.statusLine(now: now) == nil)
        state.lastError = APIError(kind: .invalidParameter, status: 400, errorDescription: "bad")
        #expect(state.statusLine(now: now) == nil)
        state.lastError = APIError(kind: .offline)
        #expect(state.statusLine(now: now) == "Cannot reach Wrike; check the network connection.")
        state.lastError = APIError(kind: .serverError, status: 503)
        #expect(state.statusLine(now: now) != nil)
    }
}
