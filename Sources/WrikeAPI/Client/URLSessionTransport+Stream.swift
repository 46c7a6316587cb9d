import Foundation
#if canImport(FoundationNetworking)
import FoundationNetworking
#endif

extension URLSessionTransport {
    /// A GET whose 2xx body goes to `sink` chunk by chunk (a download): its own session and delegate, the
    /// request timeout between packets, no bound on the whole transfer. Cancelling the calling task stops it.
    public func stream(_ request: HTTPRequest, to sink: @escaping @Sendable (Data) throws -> Void) async throws -> HTTPResponse {
        guard let url = url(for: request) else { throw TransportError.notSent("cannot build a URL for \(request.path)") }
        var r = URLRequest(url: url)
        r.httpMethod = request.method.rawValue
        for (k, v) in request.headers { r.setValue(v, forHTTPHeaderField: k) }
        if request.header("User-Agent") == nil { r.setValue(userAgent, forHTTPHeaderField: "User-Agent") }
        let config = Self.configuration(timeout: timeout, resource: 7 * 24 * 3600, connections: 1)
        let delegate = StreamDelegate(sink: sink)
        let session = URLSession(configuration: config, delegate: delegate, delegateQueue: nil)
        defer { session.finishTasksAndInvalidate() }
        if Task.isCancelled { throw TransportError.cancelled }
        let task = session.dataTask(with: r)
        do {
            return try await withTaskCancellationHandler {
                try await withCheckedThrowingContinuation { continuation in
                    delegate.begin(continuation, task: task)
                }
            } onCancel: {
                task.cancel()
            }
        } catch let e as TransportError {
            throw e
        } catch let e as URLError {
            throw Self.map(e)
        }
    }

    /// Receives one transfer: 2xx chunks to the sink, another answer's body kept; resumes the caller once.
    final class StreamDelegate: NSObject, URLSessionDataDelegate, @unchecked Sendable {
        private let sink: @Sendable (Data) throws -> Void
        private let lock = NSLock()
        private var continuation: CheckedContinuation<HTTPResponse, any Error>?
        private var response: HTTPResponse?
        private var sinkError: (any Error)?

        init(sink: @escaping @Sendable (Data) throws -> Void) { self.sink = sink }

        func begin(_ c: CheckedContinuation<HTTPResponse, any Error>, task: URLSessionDataTask) {
            lock.withLock { continuation = c }
            task.resume()
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive response: URLResponse,
                        completionHandler: @escaping (URLSession.ResponseDisposition) -> Void) {
            if let http = response as? HTTPURLResponse {
                var headers: [String: String] = [:]
                for (k, v) in http.allHeaderFields { if let k = k as? String, let v = v as? String { headers[k] = v } }
                lock.withLock { self.response = HTTPResponse(status: http.statusCode, headers: headers) }
            }
            completionHandler(.allow)
        }

        func urlSession(_ session: URLSession, dataTask: URLSessionDataTask, didReceive data: Data) {
            let ok = lock.withLock { response.map { (200..<300).contains($0.status) } ?? false }
            if ok {
                do { try sink(data) } catch {
                    lock.withLock { sinkError = error }
                    dataTask.cancel()
                }
            } else {
                lock.withLock { response?.body.append(data) }
            }
        }

        func urlSession(_ session: URLSession, task: URLSessionTask, didCompleteWithError error: (any Error)?) {
            let (c, r, s) = lock.withLock { () -> (CheckedContinuation<HTTPResponse, any Error>?, HTTPResponse?, (any Error)?) in
                defer { continuation = nil }
                return (continuation, response, sinkError)
            }
            if let s { c?.resume(throwing: s) }
            else if let error { c?.resume(throwing: error) }
            else if let r { c?.resume(returning: r) }
            else { c?.resume(throwing: TransportError.outcomeUnknown("not an HTTP response")) }
        }
    }
}
