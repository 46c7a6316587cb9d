import Foundation

/// The sign-in's HTTP exchanges (token endpoint, account checks): requests sent through a `Transport`
/// opened on the login server or the API root, with transport failures in the auth's words.
enum AuthExchange {
    /// Opens a transport to `root` (an API root or the login server).
    static func open(_ root: URL, with transports: any TransportFactory) throws(AuthError) -> any Transport {
        do {
            return try transports.transport(to: root)
        } catch {
            throw .invalidURL("\(root.absoluteString): \(error)")
        }
    }

    /// Sends `request`; a failure to get an answer is `AuthError.network` naming the host (never a token:
    /// tokens travel in headers and bodies), cancellation is `CancellationError`.
    static func send(_ request: HTTPRequest, over transport: any Transport, to root: URL) async throws -> HTTPResponse {
        do {
            return try await transport.send(request)
        } catch let error as TransportError {
            let host = root.host ?? "?"
            switch error {
            case .cancelled: throw CancellationError()
            case .notSent(let m), .refused(let m): throw AuthError.network("\(host): cannot connect (\(m))")
            case .outcomeUnknown(let m): throw AuthError.network("\(host): no complete answer (\(m))")
            }
        }
    }

    /// A GET of the API with a bearer token.
    static func api(_ request: HTTPRequest, token: String) -> HTTPRequest {
        var r = request
        r.headers["Authorization"] = "bearer \(token)"
        r.headers["Accept"] = "application/json"
        return r
    }

    /// A form-encoded POST (`application/x-www-form-urlencoded`) to `path`.
    static func form(_ path: String, _ fields: [(String, String)]) -> HTTPRequest {
        let body = fields.map { "\(formEncode($0.0))=\(formEncode($0.1))" }.joined(separator: "&")
        return HTTPRequest(method: .post, path: path,
                           headers: ["Content-Type": "application/x-www-form-urlencoded", "Accept": "application/json"],
                           body: Data(body.utf8))
    }

    static func formEncode(_ s: String) -> String { WrikeFormat.formEncode(s) }
}
