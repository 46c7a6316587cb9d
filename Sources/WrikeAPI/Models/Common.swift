import Foundation

/// A custom field value on a task, folder or account: `{id, value}`. The value is always a string in Wrike (numbers are tolerated and kept as text; `null` means no value).
public struct CustomFieldValue: Codable, Sendable, Hashable {
    public var id: String
    public var value: String?

    public init(id: String, value: String? = nil) {
        self.id = id
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        value = try c.decodeLenientStringIfPresent(forKey: .value)
    }
}

/// A metadata entry `{key, value}` (isolated per OAuth client).
public struct MetadataEntry: Codable, Sendable, Hashable {
    public var key: String
    public var value: String?

    public init(key: String, value: String? = nil) {
        self.key = key
        self.value = value
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        key = try c.decode(String.self, forKey: .key)
        value = try c.decodeLenientStringIfPresent(forKey: .value)
    }
}

/// The success envelope of every Wrike response: `data` is always an array. Paged lists add `nextPageToken` (absent on the last page) and `responseSize` (the total count).
public struct Envelope<T: Codable & Sendable>: Codable, Sendable {
    public var kind: String
    public var data: [T]
    public var nextPageToken: String?
    public var responseSize: Int?

    public init(
        kind: String,
        data: [T],
        nextPageToken: String? = nil,
        responseSize: Int? = nil
    ) {
        self.kind = kind
        self.data = data
        self.nextPageToken = nextPageToken
        self.responseSize = responseSize
    }
}

/// Wrike's error body: `{"errorDescription": "…", "error": "invalid_request"}`.
public struct WrikeErrorBody: Codable, Sendable, Hashable, Error {
    public var error: String
    public var errorDescription: String?

    public init(error: String, errorDescription: String? = nil) {
        self.error = error
        self.errorDescription = errorDescription
    }
}

/// The answer of `POST /oauth2/token`. `expires_in` may be a number or a numeric string; `host` builds the API base `https://{host}/api/v4`.
public struct OAuthTokenResponse: Codable, Sendable, Hashable {
    public var accessToken: String
    public var refreshToken: String?
    public var tokenType: String?
    /// Seconds until the access token expires (decoded from a number or a numeric string).
    public var expiresIn: Int?
    public var host: String?

    public init(
        accessToken: String,
        refreshToken: String? = nil,
        tokenType: String? = nil,
        expiresIn: Int? = nil,
        host: String? = nil
    ) {
        self.accessToken = accessToken
        self.refreshToken = refreshToken
        self.tokenType = tokenType
        self.expiresIn = expiresIn
        self.host = host
    }

    enum CodingKeys: String, CodingKey {
        case accessToken = "access_token"
        case refreshToken = "refresh_token"
        case tokenType = "token_type"
        case expiresIn = "expires_in"
        case host = "host"
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        accessToken = try c.decode(String.self, forKey: .accessToken)
        refreshToken = try c.decodeIfPresent(String.self, forKey: .refreshToken)
        tokenType = try c.decodeIfPresent(String.self, forKey: .tokenType)
        expiresIn = try c.decodeLenientIntIfPresent(forKey: .expiresIn)
        host = try c.decodeIfPresent(String.self, forKey: .host)
    }
}

extension Envelope: Equatable where T: Equatable {}
extension Envelope: Hashable where T: Hashable {}

/// An entry of `GET /ids`: a permalink number (`apiV2Id`, sent as text or a number) and the API id.
public struct IdMapping: Codable, Sendable, Hashable {
    public var id: String
    public var apiV2Id: String?

    public init(id: String, apiV2Id: String?) {
        self.id = id
        self.apiV2Id = apiV2Id
    }

    public init(from decoder: any Decoder) throws {
        let c = try decoder.container(keyedBy: CodingKeys.self)
        id = try c.decode(String.self, forKey: .id)
        apiV2Id = try c.decodeLenientStringIfPresent(forKey: .apiV2Id)
    }
}
