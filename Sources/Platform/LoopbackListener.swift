// A one-shot HTTP listener on 127.0.0.1 (FlyingFox) for the browser's redirect back from a sign-in.
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

/// Listens on `127.0.0.1:PORT` for one `GET <path>?…` and answers the browser with a short page. Works
/// through `ssh -L PORT:127.0.0.1:PORT`. Requests other than GET get 400, other paths 404, and the
/// listener keeps waiting. `start` binds (so the port is known before the address is shown);
/// `waitForCallback` hands each callback's query to a judge until one finishes the wait, then stops
/// listening; cancelling the wait, or `close()`, stops it early.
public final class LoopbackListener: Sendable {
    /// The page the browser gets.
    public struct Page: Sendable, Equatable {
        public var status: Int
        public var title: String
        public var message: String
        public init(status: Int, title: String, message: String) {
            self.status = status
            self.title = title
            self.message = message
        }
    }

    /// What a callback means.
    public enum Verdict: Sendable {
        /// Answer with the page and end the wait with the result.
        case finish(Result<String, any Error>, Page)
        /// Answer with the page and keep waiting (a callback without the expected parameters).
        case keepWaiting(Page)
    }

    public typealias Judge = @Sendable ([URLQueryItem]) -> Verdict

    /// Why listening could not start.
    public struct StartError: Error, Sendable, CustomStringConvertible {
        public var port: UInt16
        public var reason: String
        public var description: String { "cannot listen on 127.0.0.1:\(port): \(reason)" }
    }

    /// The bound port (the real one when 0 was asked for).
    public let port: UInt16
    /// The callback path, e.g. `/callback`.
    public let path: String
    private let server: HTTPServer
    private let serving: Task<Void, Never>
    private let state: Waits

    private init(port: UInt16, path: String, server: HTTPServer, serving: Task<Void, Never>, state: Waits) {
        self.port = port
        self.path = path
        self.server = server
        self.serving = serving
        self.state = state
    }

    /// Binds `127.0.0.1:port` (0: any free port) and starts answering.
    public static func start(port: UInt16, path: String = "/callback") async throws(StartError) -> LoopbackListener {
        let callbackPath = path.hasPrefix("/") ? path : "/" + path
        let state = Waits()
        let address: sockaddr_in
        do { address = try .inet(ip4: "127.0.0.1", port: port) } catch {
            throw StartError(port: port, reason: "\(error)")
        }
        let server = HTTPServer(address: address, timeout: 30, logger: .disabled, handler: Handler(path: callbackPath, state: state))
        let started = Started()
        let serving = Task<Void, Never> {
            do { try await server.run() } catch { started.resolve(.failure(error)) }
        }
        let waiting = Task {
            do {
                try await server.waitUntilListening(timeout: 10)
                started.resolve(.success(()))
            } catch {
                started.resolve(.failure(error))
            }
        }
        let outcome = await started.value
        waiting.cancel()
        guard case .success = outcome, case .ip4(_, let bound)? = await server.listeningAddress else {
            await server.stop()
            serving.cancel()
            throw StartError(port: port, reason: Self.reason(outcome))
        }
        return LoopbackListener(port: bound, path: callbackPath, server: server, serving: serving, state: state)
    }

    /// Waits until `judge` finishes the wait for a callback, then stops listening. Throws what the judge
    /// finished with, `CancellationError` when cancelled or closed, or when called twice.
    public func waitForCallback(_ judge: @escaping Judge) async throws -> String {
        let result = await withTaskCancellationHandler {
            await withCheckedContinuation { continuation in state.arm(judge, continuation) }
        } onCancel: {
            state.finish(.failure(CancellationError()))
        }
        // A callback ended the wait: its page reaches the browser before the server stops.
        if case .failure(let error) = result, error is CancellationError {} else {
            await state.untilPageWritten(limit: .seconds(2))
        }
        await stop()
        return try result.get()
    }

    /// Stops listening (a waiting `waitForCallback` throws `CancellationError`).
    public func close() async {
        state.finish(.failure(CancellationError()))
        await stop()
    }

    private func stop() async {
        state.closeForNewCallbacks()
        await server.stop(timeout: 0)
        serving.cancel()
        _ = await serving.value
    }

    static func reason(_ outcome: Result<Void, any Error>) -> String {
        guard case .failure(let error) = outcome else { return "no listening address" }
        if case SocketError.failed(_, let code, let message) = error {
            return code == EADDRINUSE ? "\(message) (choose another with --port)" : message
        }
        return "\(error)"
    }
}

extension LoopbackListener {
    /// The first result of starting: listening, or the server's failure.
    final class Started: Sendable {
        private let slot = Mutex<(result: Result<Void, any Error>?, waiter: CheckedContinuation<Result<Void, any Error>, Never>?)>((nil, nil))

        func resolve(_ result: Result<Void, any Error>) {
            let waiter = slot.withLock { s -> CheckedContinuation<Result<Void, any Error>, Never>? in
                guard s.result == nil else { return nil }
                s.result = result
                defer { s.waiter = nil }
                return s.waiter
            }
            waiter?.resume(returning: result)
        }

        var value: Result<Void, any Error> {
            get async {
                await withCheckedContinuation { c in
                    let ready = slot.withLock { s -> Result<Void, any Error>? in
                        if s.result == nil { s.waiter = c }
                        return s.result
                    }
                    if let ready { c.resume(returning: ready) }
                }
            }
        }
    }
}
