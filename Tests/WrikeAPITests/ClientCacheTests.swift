import Foundation
import Testing
@testable import WrikeAPI

@Suite struct ClientCacheTests {
    func itemsEndpoint(_ path: String) -> Endpoint<[Item]> {
        Endpoints.list(HTTPRequest(path: path), kind: .taskList) { items in Set(items.map { Endpoints.Tag.task($0.id) }) }
    }

    func transport(_ clock: TestClock) -> FakeTransport {
        FakeTransport(clock: clock) { r, n in
            JSONResponse.envelope("tasks", [Item(id: String(r.path.dropFirst()), title: "v\(n)")])
        }
    }

    @Test func lruEvictsTheLeastRecentlyUsedEntry() async throws {
        let clock = TestClock()
        let t = transport(clock)
        let client = makeClient(t, clock: clock, cache: CachePolicy(maxEntries: 3))
        for p in ["/a", "/b", "/c"] { _ = try await client.read(itemsEndpoint(p)) }
        _ = try await client.read(itemsEndpoint("/a")) // /a is now the most recent
        _ = try await client.read(itemsEndpoint("/d")) // evicts /b
        #expect(t.count == 4)
        _ = try await client.read(itemsEndpoint("/a"))
        _ = try await client.read(itemsEndpoint("/c"))
        #expect(t.count == 4)
        _ = try await client.read(itemsEndpoint("/b"))
        #expect(t.count == 5)
        let stats = await client.cache.stats
        #expect(stats.entries == 3)
        #expect(stats.evictions == 2)
    }

    @Test func byteBoundEvictsToo() async throws {
        let clock = TestClock()
        let t = transport(clock)
        let client = makeClient(t, clock: clock, cache: CachePolicy(maxBytes: 150))
        for p in ["/a", "/b", "/c", "/d"] { _ = try await client.read(itemsEndpoint(p)) }
        let stats = await client.cache.stats
        #expect(stats.bytes <= 150)
        #expect(stats.entries < 4)
        #expect(stats.entries >= 1)
    }

    @Test func refreshBypassesAndPatchRewrites() async throws {
        let clock = TestClock()
        let t = transport(clock)
        let client = makeClient(t, clock: clock)
        let e = itemsEndpoint("/x")
        #expect(try await client.read(e).first?.title == "v1")
        #expect(try await client.read(e).first?.title == "v1")
        #expect(try await client.read(e, use: .refresh).first?.title == "v2")
        await client.cache.patch(tag: Endpoints.Tag.task("x")) { v in
            (v as? [Item]).map { $0.map { Item(id: $0.id, title: "patched") } }
        }
        #expect(try await client.read(e).first?.title == "patched")
        await client.cache.invalidate(tag: Endpoints.Tag.task("x"))
        #expect(try await client.read(e).first?.title == "v3")
        #expect(t.count == 3)
    }

    @Test func failedLoadsAreNotCachedAndShareTheError() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, n in
            n == 1 ? JSONResponse.error(404, "resource_not_found") : JSONResponse.envelope("tasks", [Item(id: "x", title: "ok")])
        }
        let client = makeClient(t, clock: clock)
        await #expect(throws: APIError.self) { _ = try await client.read(itemsEndpoint("/x")) }
        #expect(try await client.read(itemsEndpoint("/x")).first?.title == "ok")
    }

    @Test func writesSendOnlyTheParametersThatAreSet() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in JSONResponse.envelope("tasks", [Item(id: "x", title: "t")]) }
        let client = makeClient(t, clock: clock)
        _ = try await client.write(.put, "/tasks/T", body: TaskUpdate(customFields: [CustomFieldUpdate(id: "CF", value: nil)],
                                                                        customStatus: "CS2"),
                                   as: Item.self)
        let body = try #require(t.requests.first?.body)
        #expect(String(decoding: body, as: UTF8.self) == #"{"customFields":[{"id":"CF","value":null}],"customStatus":"CS2"}"#)
        #expect(t.requests.first?.header("Content-Type") == "application/json")
        _ = try await client.write(.post, "/tasks/T/dependencies", body: DependencyCreate.predecessor("P"), as: Item.self)
        #expect(String(decoding: try #require(t.requests.last?.body), as: UTF8.self)
                == #"{"predecessorId":"P","relationType":"FinishToStart"}"#)
    }
}
