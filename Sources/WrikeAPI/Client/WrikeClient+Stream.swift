import Foundation

extension WrikeClient {
    /// A GET whose 2xx body goes to `sink` as it arrives (downloads): through the limiter, with the token
    /// (refreshed once on a 401), without retries (bytes may already be in the sink). Throws `APIError`, or
    /// `CancellationError` when the calling task is cancelled (the transfer stops), or the sink's error.
    public func stream(_ request: HTTPRequest, to sink: @escaping @Sendable (Data) throws -> Void,
                       priority: RequestPriority = .interactive) async throws -> HTTPResponse {
        var token = try await tokens.accessToken()
        var refreshed = false
        while true {
            try Task.checkCancellation()
            try await limiter.acquire(priority)
            let r = authorized(request, token: token)
            let response: HTTPResponse
            do {
                response = try await transport.stream(r, to: sink)
            } catch let e as TransportError {
                await limiter.release(.other)
                if case .cancelled = e { throw CancellationError() }
                throw fail(APIError.from(transport: e, method: request.method, path: request.path), request)
            } catch {
                await limiter.release(.other)
                throw error
            }
            if (200..<300).contains(response.status) {
                await limiter.release(.success)
                return response
            }
            let error = APIError.from(response: response, method: request.method, path: request.path, now: clock.now)
            await limiter.release(response.status == 429 ? .throttled(retryAfter: error.retryAfter) : .other)
            if response.status == 401, !refreshed {
                refreshed = true
                token = try await tokens.refreshAfterUnauthorized(rejected: token)
                continue
            }
            throw fail(error, request)
        }
    }
}
