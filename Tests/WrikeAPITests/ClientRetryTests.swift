import Foundation
import Testing
@testable import WrikeAPI

@Suite struct ClientRetryTests {
    let items = [Item(id: "A", title: "a")]

    /// Gaps between consecutive requests of the log.
    func gaps(_ t: FakeTransport) -> [TimeInterval] {
        let times = t.log.map(\.at)
        return zip(times.dropFirst(), times).map { $0.timeIntervalSince($1) }
    }

    @Test func fullJitterExponentialScheduleOn429() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, n in
            n <= 5 ? JSONResponse.error(429, "rate_limit_exceeded") : JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
        }
        let client = makeClient(t, clock: clock, random: 0.5, maxAttempts: 6)
        let page = try await client.envelope(.get, "/tasks", as: Item.self)
        #expect(page.data == items)
        #expect(t.count == 6)
        // random 0.5 × min(30, 1·2^k): 0.5, 1, 2, 4, 8 s
        #expect(gaps(t) == [0.5, 1, 2, 4, 8])
        #expect(client.state.lastError == nil)
        // Retries paid 5 each and were refunded on success.
        #expect(client.retryBudget.available == 500)
    }

    @Test func backoffIsCappedAt30Seconds() {
        let p = RetryPolicy(random: constantRandom(0.999999))
        #expect((0..<8).map { p.backoffCeiling(retry: $0) } == [1, 2, 4, 8, 16, 30, 30, 30])
        let q = RetryPolicy(random: constantRandom(0.25))
        #expect(q.delay(retry: 3, retryAfter: nil) == 2)
        #expect(q.delay(retry: 3, retryAfter: 7) == 7)
        #expect(q.delay(retry: 3, retryAfter: 1000) == 120)
    }

    @Test func retryAfterWins() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, n in
            n == 1 ? JSONResponse.error(429, nil, headers: ["Retry-After": "12"]) : JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
        }
        let client = makeClient(t, clock: clock)
        _ = try await client.envelope(.get, "/tasks", as: Item.self)
        #expect(gaps(t) == [12])
    }

    @Test func stateSaysRateLimitedRetryingWhileBackingOff() async throws {
        let clock = TestClock(mode: .manual)
        let t = FakeTransport(clock: clock) { _, n in
            n == 1 ? JSONResponse.error(429, nil, headers: ["Retry-After": "3"]) : JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
        }
        let client = makeClient(t, clock: clock)
        let call = Task { try await client.envelope(.get, "/tasks", as: Item.self) }
        #expect(await clock.waitForSleepers(1))
        let s = client.state
        #expect(s.backingOffUntil == clock.now.addingTimeInterval(3))
        #expect(s.lastError?.kind == .rateLimited)
        #expect(client.statusLine() == "Rate limited by Wrike, retrying in 3 s.")
        clock.advance(by: 1)
        #expect(client.statusLine() == "Rate limited by Wrike, retrying in 2 s.")
        clock.advance(by: 2)
        _ = try await call.value
        #expect(t.count == 2)
        #expect(client.state.lastError == nil)
        #expect(client.statusLine() == nil)
    }

    @Test func serverErrorsRetriedForGetPutDeleteNotPost() async throws {
        for method in [HTTPMethod.get, .put, .delete] {
            let clock = TestClock()
            let t = FakeTransport(clock: clock) { _, n in
                n <= 2 ? JSONResponse.error(503, nil) : JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
            }
            let client = makeClient(t, clock: clock)
            _ = try await client.envelope(method, "/tasks/A", as: Item.self)
            #expect(t.count == 3, "\(method)")
        }
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in JSONResponse.error(500, "server_error") }
        let client = makeClient(t, clock: clock)
        await #expect(throws: APIError.self) {
            _ = try await client.envelope(.post, "/tasks/A/comments", body: Data("{}".utf8), as: Item.self)
        }
        #expect(t.count == 1)
    }

    @Test func clientErrorsAreNotRetried() async throws {
        for (status, code) in [(400, "invalid_parameter"), (403, "not_allowed"), (404, "resource_not_found"), (300, "")] {
            let clock = TestClock()
            let t = FakeTransport(clock: clock) { _, _ in JSONResponse.error(status, code) }
            let client = makeClient(t, clock: clock)
            do {
                _ = try await client.envelope(.get, "/tasks", as: Item.self)
                Issue.record("expected an error")
            } catch let e as APIError {
                #expect(e.status == status)
            }
            #expect(t.count == 1)
            #expect(client.state.lastError?.status == status)
        }
    }

    @Test func postThatTimedOutAfterSendingIsNeverRepeated() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in throw TransportError.outcomeUnknown("timed out") }
        let client = makeClient(t, clock: clock)
        do {
            _ = try await client.write(.post, "/tasks/A/comments", body: ["text": "hi"], as: Item.self)
            Issue.record("expected outcomeUnknown")
        } catch let e as APIError {
            #expect(e.kind == .outcomeUnknown)
            #expect(e.method == .post)
        }
        #expect(t.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    /// A draft's PUT (`sentOnce`) is not repeated once it may have arrived (a lost answer, a 500), as a
    /// POST; the same PUT without it is, and one that never left is retried either way.
    @Test func aPutSentOnceIsNeverRepeatedOnceItMayHaveArrived() async throws {
        for failure in [TransportError.outcomeUnknown("reset"), nil] {
            let clock = TestClock()
            let t = FakeTransport(clock: clock) { _, _ in
                if let failure { throw failure }
                return JSONResponse.error(500, "server_error")
            }
            let client = makeClient(t, clock: clock)
            await #expect(throws: APIError.self) { _ = try await client.updateTask("A", TaskUpdate(title: "x"), sentOnce: true) }
            #expect(t.count == 1, "\(String(describing: failure))")
        }
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, n in
            if n == 1 { throw TransportError.outcomeUnknown("reset") }
            if n == 2 { throw TransportError.notSent("connection refused") }
            return JSONResponse.envelope("tasks", [WrikeTask(id: "A", title: "x")])
        }
        let client = makeClient(t, clock: clock)
        _ = try await client.updateTask("A", TaskUpdate(title: "x"))
        #expect(t.count == 3, "a plain PUT is retried after a lost answer")
        let u = FakeTransport(clock: clock) { _, n in
            if n == 1 { throw TransportError.notSent("connection refused") }
            return JSONResponse.envelope("tasks", [WrikeTask(id: "A", title: "x")])
        }
        _ = try await makeClient(u, clock: clock).updateTask("A", TaskUpdate(title: "x"), sentOnce: true)
        #expect(u.count == 2, "never left: retried")
    }

    @Test func postThatWasNeverSentIsRetried() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, n in
            if n == 1 { throw TransportError.notSent("connection refused") }
            return JSONResponse.envelope("comments", [Item(id: "C", title: "hi")])
        }
        let client = makeClient(t, clock: clock)
        let out = try await client.write(.post, "/tasks/A/comments", body: ["text": "hi"], as: Item.self)
        #expect(out.map(\.id) == ["C"])
        #expect(t.count == 2)
    }

    /// A proxy setting that cannot be used, or a proxy that refuses the tunnel: not sent, and not repeated
    /// either (repeating cannot help); the message is the proxy's problem.
    @Test func aRefusedRequestIsNotRetried() async throws {
        let clock = TestClock()
        let why = "network: the proxy p:3128 refused the tunnel to www.wrike.com:443 (HTTP 403: forbidden by the proxy)"
        let t = FakeTransport(clock: clock) { _, _ in throw TransportError.refused(why) }
        let client = makeClient(t, clock: clock)
        do {
            _ = try await client.write(.post, "/tasks/A/comments", body: ["text": "hi"], as: Item.self)
            Issue.record("expected an error")
        } catch let e as APIError {
            #expect(e.kind == .offline && e.lasting)
            #expect(e.plainMessage == "Cannot reach Wrike: the proxy p:3128 refused the tunnel to www.wrike.com:443 (HTTP 403: forbidden by the proxy).")
        }
        #expect(t.count == 1)
        #expect(clock.sleeps.isEmpty)
    }

    @Test func getTimeoutsAreRetriedAndCostMore() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, n in
            if n <= 2 { throw TransportError.outcomeUnknown("timed out") }
            return JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
        }
        let client = makeClient(t, clock: clock)
        let seen = Box<[ClientState]>([])
        client.addStateObserver { st in seen.with { $0.append(st) } }
        _ = try await client.envelope(.get, "/tasks", as: Item.self)
        #expect(t.count == 3)
        #expect(client.retryBudget.available == 500)
        let sawBudget = Set(seen.get.map(\.retryBudgetLeft))
        #expect(seen.get.contains { $0.lastError?.kind == .outcomeUnknown })
        #expect(sawBudget.contains(490))
        #expect(sawBudget.contains(480))
    }

    @Test func retryBudgetStopsAStorm() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in JSONResponse.error(503, nil) }
        let client = makeClient(t, clock: clock, maxAttempts: 3, budget: 22)
        // Budget 22, cost 5: four retries in total can be paid.
        var errors: [APIError] = []
        for _ in 0..<4 {
            do { _ = try await client.envelope(.get, "/tasks", as: Item.self) } catch let e as APIError { errors.append(e) }
        }
        #expect(errors.count == 4)
        #expect(errors.allSatisfy { $0.kind == .serverError })
        // 2 calls × (1 + 2 retries) = 6, then 2 calls without retries.
        #expect(t.count == 8)
        #expect(client.retryBudget.available == 2)
    }

    @Test func unauthorizedRefreshesOnceAndReplays() async throws {
        actor Refresher: TokenProvider {
            var token = "old"
            var refreshes = 0
            func accessToken() async throws -> String { token }
            func refreshAfterUnauthorized(rejected: String) async throws -> String {
                refreshes += 1
                token = "new"
                return token
            }
        }
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { r, _ in
            r.header("authorization") == "bearer new" ? JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
                : JSONResponse.error(401, "not_authorized", "Access token is unknown or invalid")
        }
        let tokens = Refresher()
        let client = makeClient(t, clock: clock, tokens: tokens)
        let out = try await client.write(.post, "/tasks/A/comments", body: ["text": "x"], as: Item.self)
        #expect(out.count == 1)
        #expect(t.requests.map { $0.header("Authorization") } == ["bearer old", "bearer new"])
        #expect(await tokens.refreshes == 1)
        #expect(t.requests.allSatisfy { $0.header("User-Agent") == WrikeTUIVersion.userAgent })
    }

    @Test func unauthorizedWithStaticTokenSaysSignInAgain() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in JSONResponse.error(401, "not_authorized") }
        let client = makeClient(t, clock: clock)
        do {
            _ = try await client.envelope(.get, "/account", as: Item.self)
            Issue.record("expected an error")
        } catch let e as APIError {
            #expect(e.kind == .notAuthorized)
            #expect(e.plainMessage.contains("sign in again"))
            #expect(!e.description.contains("test-token"))
        }
        #expect(t.count == 1)
    }

    @Test func malformedBodyIsATypedError() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in HTTPResponse(status: 200, body: Data("{\"data\":[{\"id\":1}]}".utf8)) }
        let client = makeClient(t, clock: clock)
        do {
            _ = try await client.envelope(.get, "/tasks", as: Item.self)
            Issue.record("expected an error")
        } catch let e as APIError {
            #expect(e.kind == .malformedResponse)
            #expect(e.detail?.contains("data") == true)
        }
    }

    @Test func cancellationDuringBackoffStops() async throws {
        let clock = TestClock(mode: .manual)
        let t = FakeTransport(clock: clock) { _, _ in JSONResponse.error(503, nil) }
        let client = makeClient(t, clock: clock)
        let call = Task { try await client.envelope(.get, "/tasks", as: Item.self) }
        #expect(await clock.waitForSleepers(1))
        call.cancel()
        await #expect(throws: CancellationError.self) { _ = try await call.value }
        #expect(t.count == 1)
        #expect(client.state.backingOffUntil == nil)
    }
}
