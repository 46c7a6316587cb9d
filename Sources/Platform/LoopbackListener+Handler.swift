// The listener's state (who waits, what the judge decided) and its HTTP handler.
import FlyingFox
import FlyingSocks
import Foundation
import Synchronization

extension LoopbackListener {
    /// The one wait and the requests that arrive before it starts.
    final class Waits: Sendable {
        private struct State {
            var judge: Judge?
            var waiter: CheckedContinuation<Result<String, any Error>, Never>?
            var result: Result<String, any Error>?
            var closed = false
            /// Callbacks that arrived before `waitForCallback` gave the judge.
            var early: [CheckedContinuation<Judge?, Never>] = []
            /// The page of the callback that ended the wait has been written (or given up on).
            var pageWritten = false
            var pageWaiter: CheckedContinuation<Void, Never>?
        }

        private let state = Mutex(State())

        /// Starts the wait (once): early callbacks are judged now. A wait already finished (closed,
        /// cancelled) or a second wait returns at once.
        func arm(_ judge: @escaping Judge, _ waiter: CheckedContinuation<Result<String, any Error>, Never>) {
            let (immediate, early) = state.withLock { s -> (Result<String, any Error>?, [CheckedContinuation<Judge?, Never>]) in
                if let result = s.result { return (result, []) }
                if s.judge != nil { return (.failure(CancellationError()), []) }
                s.judge = judge
                s.waiter = waiter
                defer { s.early = [] }
                return (nil, s.early)
            }
            if let immediate { waiter.resume(returning: immediate) }
            for e in early { e.resume(returning: judge) }
        }

        /// Ends the wait with `result`; false when it had already ended.
        @discardableResult
        func finish(_ result: Result<String, any Error>) -> Bool {
            let taken = state.withLock { s -> (Bool, CheckedContinuation<Result<String, any Error>, Never>?, [CheckedContinuation<Judge?, Never>]) in
                guard s.result == nil else { return (false, nil, []) }
                s.result = result
                defer {
                    s.waiter = nil
                    s.early = []
                }
                return (true, s.waiter, s.early)
            }
            taken.1?.resume(returning: result)
            for e in taken.2 { e.resume(returning: nil) }
            return taken.0
        }

        /// The page that ended the wait has been written to the browser's connection.
        func pageWasWritten() {
            let waiter = state.withLock { s -> CheckedContinuation<Void, Never>? in
                s.pageWritten = true
                defer { s.pageWaiter = nil }
                return s.pageWaiter
            }
            waiter?.resume()
        }

        /// Waits until `pageWasWritten()` (at most `limit`: a browser that went away does not hold the
        /// listener open).
        func untilPageWritten(limit: Duration) async {
            let timer = Task {
                try await Task.sleep(for: limit)
                pageWasWritten()
            }
            await withCheckedContinuation { c in
                let done = state.withLock { s -> Bool in
                    if !s.pageWritten { s.pageWaiter = c }
                    return s.pageWritten
                }
                if done { c.resume() }
            }
            timer.cancel()
        }

        /// No more callbacks are judged (the server is stopping).
        func closeForNewCallbacks() {
            let early = state.withLock { s -> [CheckedContinuation<Judge?, Never>] in
                s.closed = true
                defer { s.early = [] }
                return s.early
            }
            for e in early { e.resume(returning: nil) }
        }

        /// The judge for a callback: waits for `waitForCallback` when it has not started yet; nil once
        /// the wait is over.
        func judgeForCallback() async -> Judge? {
            await withCheckedContinuation { c in
                let ready = state.withLock { s -> (Bool, Judge?) in
                    if s.result != nil || s.closed { return (true, nil) }
                    if let judge = s.judge { return (true, judge) }
                    s.early.append(c)
                    return (false, nil)
                }
                if ready.0 { c.resume(returning: ready.1) }
            }
        }
    }

    struct Handler: HTTPHandler {
        let path: String
        let state: Waits

        static let notTheRedirect = Page(status: 400, title: "Bad request", message: "wrike-tui expected the sign-in redirect here.")
        static let notFound = Page(status: 404, title: "Not found", message: "Nothing here.")
        static let over = Page(status: 410, title: "Gone", message: "wrike-tui is no longer waiting for a sign-in here.")

        func handleRequest(_ request: FlyingFox.HTTPRequest) async throws -> FlyingFox.HTTPResponse {
            guard request.method == .GET else { return Self.response(Self.notTheRedirect) }
            guard request.path == path else { return Self.response(Self.notFound) }
            guard let judge = await state.judgeForCallback() else { return Self.response(Self.over) }
            switch judge(request.query.map { URLQueryItem(name: $0.name, value: $0.value) }) {
            case .finish(let result, let page):
                guard state.finish(result) else { return Self.response(Self.over) }
                return Self.response(page) { [state] in state.pageWasWritten() }
            case .keepWaiting(let page):
                return Self.response(page)
            }
        }

        /// The page as HTML; `written` runs once its last byte has gone to the connection.
        static func response(_ page: Page, written: (@Sendable () -> Void)? = nil) -> FlyingFox.HTTPResponse {
            let body = """
                <!doctype html><html><head><meta charset="utf-8"><title>wrike-tui: \(escape(page.title))</title></head>
                <body style="font-family: sans-serif; margin: 3em;"><h1>\(escape(page.title))</h1><p>\(escape(page.message))</p></body></html>

                """
            return FlyingFox.HTTPResponse(statusCode: HTTPStatusCode(page.status, phrase: phrase(page.status)),
                                          headers: [.contentType: "text/html; charset=utf-8", HTTPHeader("Cache-Control"): "no-store",
                                                    HTTPHeader("Referrer-Policy"): "no-referrer", .connection: "close"],
                                          body: HTTPBodySequence(from: Body(bytes: Array(body.utf8), written: written),
                                                                 count: body.utf8.count))
        }

        static func phrase(_ status: Int) -> String {
            switch status {
            case 200: return "OK"
            case 400: return "Bad Request"
            case 404: return "Not Found"
            case 410: return "Gone"
            default: return "Status \(status)"
            }
        }

        static func escape(_ s: String) -> String {
            s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
                .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
        }
    }

    /// A response body that tells when it has been sent: FlyingFox asks for the next chunk only after
    /// writing the previous one, so the end of the sequence means every byte was written.
    struct Body: AsyncBufferedSequence {
        typealias Element = UInt8
        let bytes: [UInt8]
        let written: (@Sendable () -> Void)?

        struct AsyncIterator: AsyncBufferedIteratorProtocol {
            let bytes: [UInt8]
            let written: (@Sendable () -> Void)?
            var offset = 0

            mutating func next() async throws -> UInt8? {
                try await nextBuffer(suggested: 1)?.first
            }

            mutating func nextBuffer(suggested count: Int) async throws -> ArraySlice<UInt8>? {
                guard offset < bytes.count else {
                    written?()
                    return nil
                }
                let end = Swift.min(bytes.count, offset + Swift.max(1, count))
                defer { offset = end }
                return bytes[offset..<end]
            }
        }

        func makeAsyncIterator() -> AsyncIterator { AsyncIterator(bytes: bytes, written: written) }
    }
}
