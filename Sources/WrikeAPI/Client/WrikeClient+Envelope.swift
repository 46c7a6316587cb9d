import Foundation

/// Envelopes and bodies: decoding Wrike's answers and encoding request bodies around `send(_:priority:)`.
extension WrikeClient {
    static let decoder = JSONDecoder()

    func decode<T: Decodable>(_ type: T.Type, _ response: HTTPResponse, _ request: HTTPRequest) throws -> T {
        do {
            return try Self.decoder.decode(T.self, from: response.body)
        } catch {
            throw fail(APIError(kind: .malformedResponse, status: response.status, method: request.method,
                                path: request.path, detail: Self.describe(error)), request)
        }
    }

    static func describe(_ error: any Error) -> String {
        guard let e = error as? DecodingError else { return String(describing: type(of: error)) }
        func path(_ c: DecodingError.Context) -> String {
            c.codingPath.map { $0.intValue.map { "[\($0)]" } ?? "." + $0.stringValue }.joined()
        }
        switch e {
        case .keyNotFound(let k, let c): return "missing key \(k.stringValue) at \(path(c))"
        case .typeMismatch(let t, let c): return "expected \(t) at \(path(c))"
        case .valueNotFound(let t, let c): return "null \(t) at \(path(c))"
        case .dataCorrupted(let c): return "corrupted data at \(path(c))"
        @unknown default: return "decoding error"
        }
    }

    static func encodeBody<T: Encodable>(_ value: T) throws -> Data {
        try WrikeFormat.jsonEncoder.encode(value)
    }

    /// One request, decoded as Wrike's envelope; returns `data` and the body size.
    public func envelope<Item: Decodable & Sendable>(
        _ method: HTTPMethod, _ path: String, query: [QueryItem] = [], body: Data? = nil,
        as: Item.Type = Item.self, priority: RequestPriority = .normal
    ) async throws -> WirePage<Item> {
        try await envelope(HTTPRequest(method: method, path: path, query: query, body: body), as: Item.self,
                           priority: priority)
    }

    /// One request (one of `Endpoints.Request`), decoded as Wrike's envelope.
    public func envelope<Item: Decodable & Sendable>(
        _ request: HTTPRequest, as: Item.Type = Item.self, priority: RequestPriority = .normal
    ) async throws -> WirePage<Item> {
        let response = try await send(request, priority: priority)
        var page = try decode(WirePage<Item>.self, response, request)
        page.bytes = response.body.count
        return page
    }

    /// A write (one of `Endpoints.Request`) with a JSON body from `body`, then the envelope's `data`.
    public func write<Item: Decodable & Sendable, Body: Encodable>(
        _ request: HTTPRequest, body: Body, as: Item.Type = Item.self, priority: RequestPriority = .interactive
    ) async throws -> [Item] {
        var r = request
        do {
            r.body = try Self.encodeBody(body)
        } catch {
            throw APIError(kind: .invalidParameter, method: r.method, path: r.path, detail: "cannot encode body")
        }
        return try await envelope(r, as: Item.self, priority: priority).data
    }

    /// A JSON body from an encodable parameters struct, then the envelope's `data`.
    public func write<Item: Decodable & Sendable, Body: Encodable>(
        _ method: HTTPMethod, _ path: String, body: Body, as: Item.Type = Item.self,
        priority: RequestPriority = .interactive
    ) async throws -> [Item] {
        try await write(HTTPRequest(method: method, path: path), body: body, as: Item.self, priority: priority)
    }
}
