import Foundation
import Synchronization
import Testing
import WrikeAPI
@testable import WrikeSandbox

@Suite struct AuthAndFaultTests {
    @Test func bearerTokenRequired() throws {
        let api = APICaller(dataset: tinyDataset(), token: "s3cret")
        let none = try api.call(.get, "/account")
        #expect(none.status == 401)
        #expect(try JSONDecoder().decode(WrikeErrorBody.self, from: none.body).error == "not_authorized")
        #expect(try api.call(.get, "/account", headers: ["Authorization": "bearer wrong"]).status == 401)
        #expect(try api.call(.get, "/account", headers: ["Authorization": "Basic s3cret"]).status == 401)
        #expect(try api.call(.get, "/account", headers: ["Authorization": "bearer s3cret"]).status == 200)
        #expect(try api.call(.get, "/account", headers: ["authorization": "BEARER s3cret"]).status == 200)
        #expect(try api.call(.get, "/account", [("access_token", "s3cret")]).status == 200)
        let open = APICaller(dataset: tinyDataset())
        #expect(try open.call(.get, "/account").status == 200)
    }

    @Test func authorizerOverridesToken() throws {
        let sandbox = Sandbox(dataset: tinyDataset(), options: SandboxOptions(token: "static", authorizer: { $0.hasPrefix("oauth-") }))
        let api = APICaller(sandbox)
        #expect(try api.call(.get, "/account", headers: ["Authorization": "Bearer oauth-123"]).status == 200)
        #expect(try api.call(.get, "/account", headers: ["Authorization": "Bearer static"]).status == 401)
    }

    @Test func rateLimitAnswers429ThenRecovers() throws {
        let clock = TestClock()
        let sandbox = Sandbox(dataset: tinyDataset(), options: SandboxOptions(rateLimitPerMinute: 5, sendRetryAfter: true, now: clock.function))
        let api = APICaller(sandbox)
        for _ in 0..<5 { #expect(try api.call(.get, "/account").status == 200) }
        clock.advance(30)
        let limited = try api.call(.get, "/account")
        #expect(limited.status == 429)
        #expect(try JSONDecoder().decode(WrikeErrorBody.self, from: limited.body).error == "rate_limit_exceeded")
        #expect(limited.header("Retry-After") == "30")
        clock.advance(31)
        #expect(try api.call(.get, "/account").status == 200)
        let statuses = sandbox.requestLog.map(\.status)
        #expect(statuses == [200, 200, 200, 200, 200, 429, 200])
        // Default: 400 per minute.
        let def = Sandbox(dataset: tinyDataset(), options: SandboxOptions(now: clock.function))
        #expect(def.options.rateLimitPerMinute == 400)
        for _ in 0..<400 { _ = try def.handle(HTTPRequest(path: "/version")) }
        #expect(try def.handle(HTTPRequest(path: "/version")).status == 429)
    }

    @Test func scheduledStatusFaults() throws {
        let api = APICaller(dataset: tinyDataset())
        api.sandbox.schedule(Fault(count: 2, status: 503))
        #expect(try api.call(.get, "/account").status == 503)
        let second = try api.call(.get, "/account")
        #expect(second.status == 503)
        #expect(try JSONDecoder().decode(WrikeErrorBody.self, from: second.body).error == "server_error")
        #expect(try api.call(.get, "/account").status == 200)
        // Matching by method and path prefix only.
        api.sandbox.schedule(Fault(count: 1, status: 500, method: .post, pathPrefix: "/tasks/T1/comments"))
        #expect(try api.call(.get, "/tasks/T1/comments").status == 200)
        #expect(try api.call(.post, "/tasks/T2/comments", json: #"{"text":"x"}"#).status == 200)
        #expect(try api.call(.post, "/tasks/T1/comments", json: #"{"text":"x"}"#).status == 500)
        #expect(api.sandbox.comments(onTask: "T1").count == 1)
        #expect(try api.call(.post, "/tasks/T1/comments", json: #"{"text":"x"}"#).status == 200)
        api.sandbox.schedule(Fault(count: 5, status: 429))
        api.sandbox.clearFaults()
        #expect(try api.call(.get, "/account").status == 200)
    }

    /// A slow path: the request is held, then applied, even when its caller gave up meanwhile.
    @Test func delayedRequestIsAppliedAfterTheCallerHasGone() async throws {
        let api = APICaller(dataset: tinyDataset())
        api.sandbox.schedule(Fault(count: 1, kind: .delay(.milliseconds(400)), method: .post, pathPrefix: "/tasks/T2/comments"))
        let caller = Task {
            try await api.sandbox.send(HTTPRequest(method: .post, path: "/tasks/T2/comments", body: Data(#"{"text":"slow"}"#.utf8)))
        }
        try await Task.sleep(for: .milliseconds(50))
        caller.cancel()
        #expect(api.sandbox.comments(onTask: "T2").isEmpty)
        _ = await caller.result
        #expect(api.sandbox.comments(onTask: "T2").map(\.text).count == 1)
        // Other requests are not held, and the fault is used up.
        let clock = ContinuousClock()
        let took = try await clock.measure {
            _ = try await api.sandbox.send(HTTPRequest(method: .post, path: "/tasks/T2/comments", body: Data(#"{"text":"fast"}"#.utf8)))
        }
        #expect(took < .milliseconds(300))
    }

    @Test func droppedConnectionIsNotApplied() async throws {
        let api = APICaller(dataset: tinyDataset())
        api.sandbox.schedule(.dropConnection(count: 1, method: .post))
        await #expect(throws: TransportError.self) {
            _ = try await api.sandbox.send(HTTPRequest(method: .post, path: "/tasks/T2/comments", body: Data(#"{"text":"lost"}"#.utf8)))
        }
        #expect(api.sandbox.comments(onTask: "T2").isEmpty)
        #expect(api.sandbox.requestLog.last?.status == nil)
        #expect(api.sandbox.requestLog.last?.applied == false)
    }

    @Test func appliedButAnswerLost() async throws {
        let api = APICaller(dataset: tinyDataset())
        api.sandbox.schedule(.applyThenDrop(pathPrefix: "/tasks/T2/comments"))
        do {
            _ = try await api.sandbox.send(HTTPRequest(method: .post, path: "/tasks/T2/comments", body: Data(#"{"text":"landed"}"#.utf8)))
            Issue.record("expected outcomeUnknown")
        } catch let error as TransportError {
            guard case .outcomeUnknown = error else { Issue.record("wrong error \(error)"); return }
        }
        #expect(api.sandbox.comments(onTask: "T2").map(\.text) == ["landed"])
        #expect(api.sandbox.requestLog.last?.applied == true)
        // The next request is normal.
        let r = try await api.sandbox.send(HTTPRequest(path: "/tasks/T2/comments"))
        #expect(r.status == 200)
    }

    @Test func randomFailuresAndLatency() async throws {
        let always = Sandbox(dataset: tinyDataset(), options: SandboxOptions(failureProbability: 1))
        #expect(try always.handle(HTTPRequest(path: "/account")).status == 503)
        let half = Sandbox(dataset: tinyDataset(), options: SandboxOptions(rateLimitPerMinute: nil, failureProbability: 0.5, seed: 42))
        var failures = 0
        for _ in 0..<200 where try half.handle(HTTPRequest(path: "/version")).status == 503 { failures += 1 }
        #expect(failures > 60 && failures < 140)
        let slow = Sandbox(dataset: tinyDataset(), options: SandboxOptions(latency: .milliseconds(1) ... .milliseconds(3)))
        let start = ContinuousClock.now
        #expect(try await slow.send(HTTPRequest(path: "/account")).status == 200)
        #expect(ContinuousClock.now - start >= .milliseconds(1))
    }

    @Test func requestLogAndSnapshot() throws {
        let api = APICaller(dataset: tinyDataset())
        _ = try api.call(.get, "/tasks", [("status", "Active")])
        _ = try api.call(.get, "/nope")
        let log = api.sandbox.requestLog
        #expect(log.map(\.path) == ["/tasks", "/nope"])
        #expect(log.map(\.status) == [200, 404])
        #expect(log[0].query == [QueryItem("status", "Active")])
        api.sandbox.resetLog()
        #expect(api.sandbox.requestLog.isEmpty)
        _ = try api.call(.post, "/tasks/T1/comments", json: #"{"text":"once"}"#)
        let snap = api.sandbox.snapshot()
        #expect(snap.comments.filter { $0.text == "once" }.count == 1)
        #expect(snap.tasks.count == 5)
        #expect(api.sandbox.meId == "ME")
    }
}
