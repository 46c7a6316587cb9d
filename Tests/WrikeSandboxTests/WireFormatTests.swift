import Foundation
import Testing
import WrikeAPI
@testable import WrikeSandbox

/// Requests as other people's Wrike clients write them (issue 13, items 1 to 3).
@Suite struct WireFormatTests {
    /// Sends a request line exactly as written (no re-encoding by a URL type).
    func raw(_ base: URL, _ method: String, _ pathAndQuery: String) async throws -> (Int, Data) {
        try await ServerTests().get(try #require(URL(string: base.absoluteString + pathAndQuery)), token: "tok", method: method)
    }

    /// Item 1. WrikePy 1.0.4 (PyPI) builds queries with Python's `urllib.parse.urlencode`
    /// (`WrikePy/helpers.py`, `convert_parameters`), which writes a space as `+`:
    /// `POST /tasks/{id}/comments?text=From+WrikePy&plainText=true`, and a JSON array of fields as
    /// `["responsibleIds",+"subTaskIds"]`. Form encoding reads `+` as a space.
    @Test func plusInTheQueryIsASpace() async throws {
        let sandbox = Sandbox(dataset: tinyDataset(), options: SandboxOptions(token: "tok"))
        let server = SandboxServer(sandbox: sandbox)
        let base = try await server.start()
        defer { Task { await server.stop() } }

        let (s1, d1) = try await raw(base, "POST", "/tasks/T2/comments?text=From+WrikePy&plainText=true")
        #expect(s1 == 200, "\(String(decoding: d1, as: UTF8.self))")
        #expect(sandbox.comments(onTask: "T2").map { HTMLText.plain($0.text) } == ["From WrikePy"])

        let (s2, d2) = try await raw(base, "GET", "/folders/F2/tasks?fields=%5B%22responsibleIds%22%2C+%22subTaskIds%22%5D")
        #expect(s2 == 200, "\(String(decoding: d2, as: UTF8.self))")
        let tasks = try JSONDecoder().decode(Envelope<WrikeTask>.self, from: d2).data
        #expect(tasks.first { $0.id == "T1" }?.subTaskIds == ["T1a"])

        // A `+` meant as a plus is escaped by every form encoder (`%2B`); the app's client does too.
        let (s3, _) = try await raw(base, "POST", "/tasks/T2/comments?text=1%2B1")
        #expect(s3 == 200)
        #expect(sandbox.comments(onTask: "T2").map { HTMLText.plain($0.text) } == ["From WrikePy", "1+1"])
    }

    /// Item 2. devrev/airdrop-wrike-snap-in `wrike_postman.json` (Wrike's Postman collection) sends
    /// arrays with bare names: `GET /spaces/{id}?fields=[members]`, `/contacts?fields=[metadata,workScheduleId]`,
    /// and live Wrike answers 200. Python clients that pass a list get `str(list)`: `['responsibleIds']`.
    @Test func barewordAndSingleQuotedArraysAreAccepted() throws {
        let api = APICaller(dataset: tinyDataset())
        let space = try api.ok(Space.self, .get, "/spaces/SP1", [("fields", "[members]")])
        #expect(space.data.first?.members != nil)
        _ = try api.ok(Contact.self, .get, "/contacts", [("fields", "[metadata,workScheduleId]"), ("deleted", "false")])
        let tasks = try api.ok(WrikeTask.self, .get, "/folders/F2/tasks", [("fields", "['responsibleIds', 'subTaskIds']")])
        #expect(tasks.data.first { $0.id == "T1" }?.responsibleIds == ["ME"])
        let filtered = try api.ok(WrikeTask.self, .get, "/tasks", [("responsibles", "[ME]"), ("status", "[Active]")])
        #expect(Set(filtered.data.map(\.id)) == ["T1", "T4"])
    }

    /// Item 2, the other half: what Wrike refuses stays refused (amp-labs/connectors README: "unknown
    /// names are rejected").
    @Test func unknownNamesAndMalformedArraysAreStillRefused() throws {
        let api = APICaller(dataset: tinyDataset())
        for bad in ["[nonsense]", "[members", "[members,,workScheduleId]", "[members,]", "[,]", "members]", "[members] x",
                    "[\"members\"", "['members]"] {
            _ = try api.fail(400, "invalid_parameter", .get, "/spaces/SP1", [("fields", bad)])
        }
    }

    @Test func lenientReaderKeepsStructureStrict() {
        #expect(LenientJSON.parse(#"["a", "b"]"#) == .array([.string("a"), .string("b")]))
        #expect(LenientJSON.parse("[a,b]") == .array([.string("a"), .string("b")]))
        #expect(LenientJSON.parse("[ 'it\\'s', \"x\" ]") == .array([.string("it's"), .string("x")]))
        #expect(LenientJSON.parse("[1488253819, true, null]") == .array([.number(1488253819), .bool(true), .null]))
        #expect(LenientJSON.parse("{start:'2026-01-01', end:\"2026-01-02\"}")
                == .object(["start": .string("2026-01-01"), "end": .string("2026-01-02")]))
        #expect(LenientJSON.parse(#"["\u65e5\ud83d\ude80"]"#) == .array([.string("日🚀")]))
        for bad in ["[", "[a", "[a,]", "[,a]", "{a}", "{a:}", "{:b}", "[a] b", "'open", #"["\x"]"#,
                    String(repeating: "[", count: 100) + String(repeating: "]", count: 100)] {
            #expect(LenientJSON.parse(bad) == nil, "\(bad)")
        }
    }

    /// Item 3. developers.wrike.com, API overview: "Client can pass an additional state parameter in
    /// the request, which also will be included in the response."
    @Test func stateIsEchoed() throws {
        let api = APICaller(dataset: tinyDataset())
        let r = try api.call(.get, "/contacts", [("me", "true"), ("state", "req-42 ✓")])
        #expect(r.status == 200)
        let body = try #require(Ordered.read(r.body))
        #expect(body.keys == ["kind", "state", "data"])
        if case .scalar(let s)? = body["state"] { #expect(s == "req-42 ✓") } else { Issue.record("no state") }
        // A form body's state too.
        let w = try api.call(.post, "/tasks/T2/comments", headers: ["Content-Type": "application/x-www-form-urlencoded"],
                             body: "text=hi&state=s1")
        #expect(w.status == 200 && String(decoding: w.body, as: UTF8.self).contains(#""state":"s1""#))
    }

    /// Item 3. developers.wrike.com, API overview: "If a client is not able to execute all kinds of
    /// requests, then only GET requests can be used with an additional method parameter, which is set to
    /// the required request type (e.g., ...&method=POST)."
    @Test func methodTunnelsAWriteThroughGet() throws {
        let api = APICaller(dataset: tinyDataset())
        _ = try api.ok(WrikeComment.self, .get, "/tasks/T2/comments", [("method", "POST"), ("text", "tunnelled")])
        #expect(api.sandbox.comments(onTask: "T2").map(\.text) == ["tunnelled"])
        _ = try api.ok(WrikeTask.self, .get, "/tasks/T3", [("method", "PUT"), ("title", "Renamed")])
        #expect(api.sandbox.task("T3")?.title == "Renamed")
        _ = try api.ok(WrikeTask.self, .get, "/tasks/T3", [("method", "DELETE")])
        #expect(api.sandbox.task("T3")?.scope == .rbTask)
        #expect(api.sandbox.requestLog.suffix(3).map(\.method) == [.post, .put, .delete])
        _ = try api.fail(400, "invalid_parameter", .get, "/contacts", [("method", "PATCH")])
        // Only a GET tunnels.
        _ = try api.fail(400, "invalid_parameter", .post, "/tasks/T2/comments", [("method", "PUT"), ("text", "x")])
    }
}
