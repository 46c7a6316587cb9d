import Foundation

/// HTTP method of a Wrike API call.
public enum HTTPMethod: String, Sendable, Hashable, Codable {
    case get = "GET", post = "POST", put = "PUT", delete = "DELETE"
}

/// One request to the Wrike API v4, relative to the API root (`https://{host}/api/v4`).
///
/// `path` starts with `/` and never contains the `/api/v4` prefix (`/tasks/ID1,ID2`).
/// `query` keeps its order; values are raw (not percent-encoded): arrays and objects are already
/// JSON text, as Wrike wants them (`fields=["responsibleIds"]`).
public struct HTTPRequest: Sendable, Hashable {
    public var method: HTTPMethod
    public var path: String
    public var query: [QueryItem]
    public var headers: [String: String]
    public var body: Data?
    /// Never repeated once it may have arrived, whatever its method (a draft's `PUT`, resolved by reading
    /// instead): retried only when it provably never left or was refused, as a POST is.
    public var sentOnce = false

    public init(method: HTTPMethod = .get, path: String, query: [QueryItem] = [],
                headers: [String: String] = [:], body: Data? = nil) {
        self.method = method
        self.path = path
        self.query = query
        self.headers = headers
        self.body = body
    }

    /// Header lookup, case-insensitive as HTTP wants.
    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.key.lowercased() == lower }?.value
    }
}

public struct QueryItem: Sendable, Hashable, Codable {
    public var name: String
    public var value: String
    public init(_ name: String, _ value: String) {
        self.name = name
        self.value = value
    }
}

/// A response as it came off the wire.
public struct HTTPResponse: Sendable, Hashable {
    public var status: Int
    public var headers: [String: String]
    public var body: Data

    public init(status: Int, headers: [String: String] = [:], body: Data = Data()) {
        self.status = status
        self.headers = headers
        self.body = body
    }

    public func header(_ name: String) -> String? {
        let lower = name.lowercased()
        return headers.first { $0.key.lowercased() == lower }?.value
    }
}

/// Why a transport could not produce a response. The distinction matters for retries: a request
/// that provably never reached the server can be repeated even when it is a POST; one whose
/// outcome is unknown cannot.
public enum TransportError: Error, Sendable, Hashable {
    /// The connection was refused or the host could not be resolved: the request never left.
    case notSent(String)
    /// The request never left, and sending it again cannot help until the setup changes: a proxy setting
    /// that cannot be used, a proxy that refuses the tunnel (403, 407).
    case refused(String)
    /// Sent (or possibly sent) but no complete answer came back: timeout, reset, truncated body.
    case outcomeUnknown(String)
    /// The task was cancelled by the caller.
    case cancelled
}

extension TransportError {
    /// The proxy part of a transport message ("the proxy host:port refused …", "https_proxy names a socks5://
    /// proxy …") without its `network: ` prefix, for a sentence of its own; nil when it is not about a proxy.
    public static func proxyProblem(_ message: String?) -> String? {
        guard let message, message.contains("proxy") else { return nil }
        return message.hasPrefix("network: ") ? String(message.dropFirst("network: ".count)) : message
    }
}

/// Something that carries requests to a Wrike API root and returns responses. Two implementations:
/// `SocketTransport` over real HTTP, and the sandbox in process.
public protocol Transport: Sendable {
    func send(_ request: HTTPRequest) async throws -> HTTPResponse
    /// Like `send`, but a 2xx answer's body goes to `sink` chunk by chunk as it arrives (the returned
    /// response's body is then empty); another answer's body is returned whole (an error to read). A sink
    /// that throws stops the transfer with its error.
    func stream(_ request: HTTPRequest, to sink: @escaping @Sendable (Data) throws -> Void) async throws -> HTTPResponse
}

extension Transport {
    /// Without streaming (the in-process sandbox): the whole answer, then one chunk.
    public func stream(_ request: HTTPRequest, to sink: @escaping @Sendable (Data) throws -> Void) async throws -> HTTPResponse {
        var response = try await send(request)
        guard (200..<300).contains(response.status) else { return response }
        try sink(response.body)
        response.body = Data()
        return response
    }
}
