import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
import WrikeAPI
@testable import WrikeSandbox

@Suite struct ServerTests {
    /// An upper bound for an answer from the server in this process, which shares the machine and Swift's
    /// cooperative threads with every other test (a loaded machine can keep it waiting for minutes).
    static let session: URLSession = {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 600
        config.timeoutIntervalForResource = 600
        return URLSession(configuration: config)
    }()

    func get(_ url: URL, token: String? = nil, method: String = "GET", body: Data? = nil) async throws -> (Int, Data) {
        var request = URLRequest(url: url)
        request.httpMethod = method
        if let token { request.setValue("bearer \(token)", forHTTPHeaderField: "Authorization") }
        if let body {
            request.httpBody = body
            request.setValue("application/json", forHTTPHeaderField: "Content-Type")
        }
        let (data, response) = try await Self.session.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? -1, data)
    }

    @Test func servesOnLoopback() async throws {
        let sandbox = Sandbox(dataset: tinyDataset(), options: SandboxOptions(token: "tok"))
        let server = SandboxServer(sandbox: sandbox, auxiliaryHandler: { request in
            request.path == "/oauth2/token" ? HTTPResponse(status: 200, body: Data(#"{"access_token":"x"}"#.utf8)) : nil
        })
        let base = try await server.start()
        defer { Task { await server.stop() } }
        #expect(base.absoluteString.hasPrefix("http://127.0.0.1:"))
        #expect(base.path == "/api/v4")

        let (s1, d1) = try await get(base.appendingPathComponent("contacts").appending(queryItems: [URLQueryItem(name: "me", value: "true")]), token: "tok")
        #expect(s1 == 200)
        #expect(try JSONDecoder().decode(Envelope<Contact>.self, from: d1).data.map(\.id) == ["ME"])

        let (s2, d2) = try await get(base.appendingPathComponent("account"))
        #expect(s2 == 401)
        #expect(try JSONDecoder().decode(WrikeErrorBody.self, from: d2).error == "not_authorized")

        // JSON arrays in the query, percent-encoded.
        let listURL = base.appendingPathComponent("folders/F2/tasks").appending(queryItems: [
            URLQueryItem(name: "fields", value: #"["responsibleIds"]"#), URLQueryItem(name: "status", value: #"["Active"]"#)])
        let (s3, d3) = try await get(listURL, token: "tok")
        #expect(s3 == 200)
        let tasks = try JSONDecoder().decode(Envelope<WrikeTask>.self, from: d3)
        #expect(tasks.data.map(\.id) == ["T1"] && tasks.data[0].responsibleIds == ["ME"])

        let (s4, d4) = try await get(base.appendingPathComponent("tasks/T2/comments"), token: "tok", method: "POST",
                                     body: Data(#"{"text":"over HTTP — ✓ 日本語"}"#.utf8))
        #expect(s4 == 200)
        #expect(try JSONDecoder().decode(Envelope<WrikeComment>.self, from: d4).data.first?.text == "over HTTP — ✓ 日本語")
        #expect(sandbox.comments(onTask: "T2").count == 1)

        let ids = (0..<101).map { "X\($0)" }.joined(separator: ",")
        let (s5, _) = try await get(base.appendingPathComponent("tasks/\(ids)"), token: "tok")
        #expect(s5 == 400)

        let root = try #require(URL(string: "http://127.0.0.1:\(base.port ?? 0)"))
        let (s6, d6) = try await get(root.appendingPathComponent("oauth2/token"), method: "POST")
        #expect(s6 == 200 && String(decoding: d6, as: UTF8.self).contains("access_token"))
        let (s7, d7) = try await get(root.appendingPathComponent("elsewhere"))
        #expect(s7 == 404)
        #expect(try JSONDecoder().decode(WrikeErrorBody.self, from: d7).error == "method_not_found")

        // A dropped connection surfaces as a transport error, not a response.
        // A dropped connection surfaces as a transport error (truncated answer), never a response,
        // and libcurl does not silently resend.
        sandbox.schedule(.dropConnection())
        sandbox.resetLog()
        await #expect(throws: (any Error).self) {
            _ = try await get(base.appendingPathComponent("account"), token: "tok")
        }
        #expect(sandbox.requestLog.count == 1 && sandbox.requestLog.first?.status == nil)
        // Applied, answer lost: the POST lands exactly once.
        sandbox.schedule(.applyThenDrop(method: .post))
        await #expect(throws: (any Error).self) {
            _ = try await get(base.appendingPathComponent("tasks/T3/comments"), token: "tok", method: "POST",
                              body: Data(#"{"text":"exactly once"}"#.utf8))
        }
        #expect(sandbox.comments(onTask: "T3").map(\.text) == ["exactly once"])
        #expect(sandbox.requestLog.filter { $0.method == .post }.count == 1)
        let (s8, _) = try await get(base.appendingPathComponent("account"), token: "tok")
        #expect(s8 == 200)
        await server.stop()
        #expect(server.baseURL == nil)
    }
}
