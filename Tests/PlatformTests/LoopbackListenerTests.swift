import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif
import Testing
@testable import Platform

@Suite struct LoopbackListenerTests {
    /// The "browser": a long timeout, since the server shares the test process's threads with every
    /// other test (an upper bound, not a wait).
    static let browser: URLSession = {
        let config = URLSessionConfiguration.ephemeral
        config.timeoutIntervalForRequest = 600
        config.timeoutIntervalForResource = 600
        return URLSession(configuration: config)
    }()

    static func get(_ port: UInt16, _ target: String, method: String = "GET") async throws -> (status: Int, body: String) {
        var request = URLRequest(url: try #require(URL(string: "http://127.0.0.1:\(port)\(target)")))
        request.httpMethod = method
        let (data, response) = try await browser.data(for: request)
        return ((response as? HTTPURLResponse)?.statusCode ?? 0, String(decoding: data, as: UTF8.self))
    }

    static let judge: LoopbackListener.Judge = { items in
        guard let value = items.first(where: { $0.name == "v" })?.value else {
            return .keepWaiting(.init(status: 400, title: "No value", message: "none"))
        }
        return .finish(.success(value), .init(status: 200, title: "Done", message: "got <\(value)>"))
    }

    /// Other methods and paths are answered and the wait goes on; a callback that came before the wait
    /// started is judged once it does; then the port stops answering.
    @Test func answersWaitsAndStops() async throws {
        let listener = try await LoopbackListener.start(port: 0)
        #expect(listener.port != 0 && listener.path == "/callback")
        #expect(try await Self.get(listener.port, "/callback?v=1", method: "POST").status == 400)
        #expect(try await Self.get(listener.port, "/favicon.ico").status == 404)
        async let early = Self.get(listener.port, "/callback?v=a%20b")
        try await Task.sleep(for: .milliseconds(200))
        let value = try await listener.waitForCallback(Self.judge)
        #expect(value == "a b")
        let page = try await early
        #expect(page.status == 200 && page.body.contains("got &lt;a b&gt;"))
        await #expect(throws: (any Error).self) { _ = try await Self.get(listener.port, "/callback?v=2") }
    }

    @Test func aCallbackWithoutTheParameterKeepsWaiting() async throws {
        let listener = try await LoopbackListener.start(port: 0, path: "cb")
        let wait = Task { try await listener.waitForCallback(Self.judge) }
        #expect(try await Self.get(listener.port, "/cb").status == 400)
        #expect(try await Self.get(listener.port, "/cb?v=x").status == 200)
        #expect(try await wait.value == "x")
    }

    @Test func cancellingOrClosingEndsTheWaitAndFreesThePort() async throws {
        let listener = try await LoopbackListener.start(port: 0)
        let wait = Task { try await listener.waitForCallback(Self.judge) }
        try await Task.sleep(for: .milliseconds(100))
        wait.cancel()
        await #expect(throws: CancellationError.self) { try await wait.value }
        await #expect(throws: (any Error).self) { _ = try await Self.get(listener.port, "/callback?v=1") }
        // The port can be bound again at once.
        let again = try await LoopbackListener.start(port: listener.port)
        await again.close()
        await #expect(throws: CancellationError.self) { try await again.waitForCallback(Self.judge) }
    }

    @Test func aPortInUseIsReportedPlainly() async throws {
        let first = try await LoopbackListener.start(port: 0)
        do {
            let second = try await LoopbackListener.start(port: first.port)
            await second.close()
            Issue.record("bound a port that was in use")
        } catch {
            #expect(error.description.hasPrefix("cannot listen on 127.0.0.1:\(first.port): "))
            #expect(error.description.hasSuffix("(choose another with --port)"))
        }
        await first.close()
    }
}
