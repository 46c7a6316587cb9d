import Foundation
import Testing
@testable import WrikeAPI

let STORM = Int(ProcessInfo.processInfo.environment["STORM"] ?? "300") ?? 300

@Suite struct ClientLimiterTests {
    @Test func neverExceedsTheCeiling() async throws {
        let clock = TestClock()
        let t = FakeTransport(clock: clock) { _, _ in JSONResponse.envelope("tasks", [Item(id: "A", title: "a")]) }
        let client = makeClient(t, clock: clock, rate: RateLimiterConfiguration(ceilingPerMinute: 120, burst: 10))
        let start = clock.now
        try await withThrowingTaskGroup(of: Void.self) { g in
            for i in 0..<400 {
                g.addTask { _ = try await client.envelope(.get, "/tasks/\(i)", as: Item.self) }
            }
            try await g.waitForAll()
        }
        #expect(t.count == 400)
        let times = t.log.map(\.at)
        #expect(maxInWindow(times, seconds: 60) <= 120 + 10)
        // 10 at once, then one every 0.5 s: the last leaves at (400 − 10) × 0.5 s = 195 s.
        let span = (times.max() ?? start).timeIntervalSince(start)
        #expect(abs(span - 195) < 0.01)
        #expect(t.maxInFlight <= 4)
    }

    @Test func inFlightIsCapped() async throws {
        let clock = TestClock(mode: .manual)
        let gate = Box<[CheckedContinuation<Void, Never>]>([])
        let t = FakeTransport(clock: clock) { _, _ in
            await withCheckedContinuation { c in gate.with { $0.append(c) } }
            return JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
        }
        let client = makeClient(t, clock: clock, rate: RateLimiterConfiguration(burst: 50, maxInFlight: 4))
        let calls = (0..<10).map { i in Task { try await client.envelope(.get, "/tasks/\(i)", as: Item.self) } }
        for _ in 0..<10_000 where gate.get.count < 4 { await Task.yield() }
        for _ in 0..<1000 { await Task.yield() }
        #expect(gate.get.count == 4)
        #expect(t.count == 4)
        #expect(client.state.inFlight == 4)
        #expect(client.state.queued == 6)
        // Release them one by one; never more than 4 inside.
        var released = 0
        while released < 10 {
            let next: CheckedContinuation<Void, Never>? = gate.with { $0.isEmpty ? nil : $0.removeFirst() }
            if let next {
                next.resume()
                released += 1
            } else {
                await Task.yield()
            }
        }
        for c in calls { _ = try await c.value }
        #expect(t.count == 10)
        #expect(t.maxInFlight == 4)
        #expect(client.state.inFlight == 0)
        #expect(client.state.queued == 0)
    }

    @Test func interactiveGoesBeforeBackground() async throws {
        let clock = TestClock(mode: .manual)
        let limiter = RateLimiter(configuration: RateLimiterConfiguration(ceilingPerMinute: 60, burst: 1), clock: clock)
        try await limiter.acquire(.normal) // takes the only token
        await limiter.release(.success)
        let order = Box<[String]>([])
        var tasks: [Task<Void, any Error>] = []
        for (name, p) in [("bg1", RequestPriority.background), ("bg2", .background), ("n1", .normal), ("ui", .interactive)] {
            tasks.append(Task {
                try await limiter.acquire(p)
                order.with { $0.append(name) }
                await limiter.release(.success)
            })
            for _ in 0..<10_000 { if await limiter.snapshot.queued == tasks.count { break }; await Task.yield() }
        }
        #expect(await limiter.snapshot.queued == 4)
        for _ in 0..<4 {
            let before = order.get.count
            clock.advance(by: 1)
            for _ in 0..<10_000 where order.get.count == before { await Task.yield() }
        }
        for t in tasks { try await t.value }
        #expect(order.get == ["ui", "n1", "bg1", "bg2"])
    }

    @Test func halvesAfter429AndRecoversSlowly() async throws {
        let clock = TestClock(mode: .manual)
        let limiter = RateLimiter(configuration: RateLimiterConfiguration(ceilingPerMinute: 400), clock: clock)
        for _ in 0..<3 { try await limiter.acquire() }
        await limiter.release(.throttled(retryAfter: nil))
        #expect(await limiter.currentRate(at: clock.now) == 200)
        // A second refusal of the same burst does not halve again…
        await limiter.release(.throttled(retryAfter: nil))
        #expect(await limiter.currentRate(at: clock.now) == 200)
        // …one after the cooldown does.
        clock.advance(by: 2)
        await limiter.release(.throttled(retryAfter: 5))
        #expect(abs(await limiter.currentRate(at: clock.now) - 101.6667) < 0.01) // (200 + 100·2/60) / 2
        #expect(await limiter.snapshot.pausedUntil == clock.now.addingTimeInterval(5))
        // Recovery: +100/min per minute.
        #expect(abs(await limiter.currentRate(at: clock.now.addingTimeInterval(60)) - 201.6667) < 0.01)
        #expect(await limiter.currentRate(at: clock.now.addingTimeInterval(180)) == 400)
        #expect(await limiter.currentRate(at: clock.now.addingTimeInterval(600)) == 400)
    }

    @Test func pauseFromRetryAfterHoldsEveryone() async throws {
        let clock = TestClock(mode: .manual)
        let limiter = RateLimiter(configuration: RateLimiterConfiguration(burst: 10), clock: clock)
        try await limiter.acquire()
        await limiter.release(.throttled(retryAfter: 10))
        let got = Box(false)
        let t = Task {
            try await limiter.acquire(.interactive)
            got.with { $0 = true }
        }
        for _ in 0..<1000 { await Task.yield() }
        #expect(got.get == false)
        clock.advance(by: 9.9)
        for _ in 0..<1000 { await Task.yield() }
        #expect(got.get == false)
        clock.advance(by: 0.5)
        try await t.value
        #expect(got.get == true)
    }

    @Test func cancelledWaiterLeavesTheQueue() async throws {
        let clock = TestClock(mode: .manual)
        let limiter = RateLimiter(configuration: RateLimiterConfiguration(ceilingPerMinute: 60, burst: 1), clock: clock)
        try await limiter.acquire()
        let t = Task { try await limiter.acquire() }
        for _ in 0..<10_000 { if await limiter.snapshot.queued == 1 { break }; await Task.yield() }
        t.cancel()
        await #expect(throws: CancellationError.self) { try await t.value }
        #expect(await limiter.snapshot.queued == 0)
    }

    /// Wrike (faked) allows 100 requests per sliding minute and answers 429 beyond; the client starts
    /// at 400/min. Every request must eventually succeed, the client must never send faster than its
    /// limiter allows, and it must adapt so that most requests are not refused.
    @Test func survivesA429Storm() async throws {
        let clock = TestClock()
        let accepted = Box<[Date]>([])
        let t = FakeTransport(clock: clock) { _, _ in
            let now = clock.now
            let ok: Bool = accepted.with { a in
                let recent = a.filter { now.timeIntervalSince($0) < 60 }.count
                if recent < 100 { a.append(now); return true }
                return false
            }
            return ok ? JSONResponse.envelope("tasks", [Item(id: "A", title: "a")])
                : JSONResponse.error(429, "rate_limit_exceeded", "Rate limit exceeded, try again later")
        }
        let client = makeClient(t, clock: clock, random: 0.7, maxAttempts: 12, budget: 5000)
        let seen = Box<Double>(400)
        client.addStateObserver { s in seen.with { $0 = min($0, s.ratePerMinute) } }
        try await withThrowingTaskGroup(of: Void.self) { g in
            for i in 0..<STORM {
                g.addTask { _ = try await client.envelope(.get, "/tasks/\(i)", as: Item.self) }
            }
            try await g.waitForAll()
        }
        let sent = t.log.map(\.at)
        let refused = t.count - STORM
        #expect(accepted.get.count == STORM)
        #expect(maxInWindow(sent, seconds: 60) <= 400 + 10)
        #expect(seen.get < 400) // the limiter slowed down
        #expect(refused < STORM)
        #expect(client.state.lastError == nil)
        if ProcessInfo.processInfo.environment["CLIENT_NUMBERS"] != nil {
            let span = (sent.max() ?? clock.now).timeIntervalSince(sent.min() ?? clock.now)
            FileHandle.standardError.write(Data("storm: \(STORM) ok, \(refused) refused, \(t.count) sent, span \(span) s, min rate \(seen.get)\n".utf8))
        }
    }
}
