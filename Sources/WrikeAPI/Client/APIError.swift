import Foundation

/// Why a Wrike call failed, as a value the UI can show (`plainMessage`) and code can branch on
/// (`kind`, `status`, `code`). Never carries a token.
public struct APIError: Error, Sendable, Hashable, CustomStringConvertible {
    public enum Kind: String, Sendable, Hashable, CaseIterable {
        /// 401 `not_authorized` that a token refresh could not fix: the user must sign in again.
        case notAuthorized
        /// 403 `not_allowed`: license or plan limits.
        case notAllowed
        /// 403 `access_forbidden`: no access to that entity.
        case accessForbidden
        /// 404 `resource_not_found`.
        case notFound
        /// 404 `method_not_found`.
        case methodNotFound
        /// 400 `invalid_request`: unknown or unsupported parameter, bad HTTP usage.
        case invalidRequest
        /// 400 `invalid_parameter`.
        case invalidParameter
        /// 400 `parameter_required`.
        case parameterRequired
        /// 300: the account lives on another data-center host.
        case wrongHost
        /// 429, retries exhausted.
        case rateLimited
        /// 500 `server_error` or another 5xx.
        case serverError
        /// The request never reached Wrike (connection refused, DNS), retries exhausted.
        case offline
        /// A timeout or lost connection after the request may have reached Wrike. For a POST this
        /// means the change may or may not have been applied; it is never repeated automatically.
        case outcomeUnknown
        /// The answer could not be decoded.
        case malformedResponse
        /// Any other status.
        case unexpectedStatus
    }

    public var kind: Kind
    /// HTTP status when Wrike answered.
    public var status: Int?
    /// Wrike's short `error` code (`not_allowed`, `invalid_parameter`, …).
    public var code: String?
    /// Wrike's `errorDescription`, verbatim.
    public var errorDescription: String?
    public var method: HTTPMethod?
    /// Path relative to `/api/v4`, without query (ids only, no secrets).
    public var path: String?
    /// Seconds the server asked to wait (`Retry-After`).
    public var retryAfter: TimeInterval?
    /// Technical detail (transport or decoding message) for logs.
    public var detail: String?
    /// Not sent, and repeating it cannot help until the setup changes (`TransportError.refused`): no retry.
    public var lasting: Bool

    public init(kind: Kind, status: Int? = nil, code: String? = nil, errorDescription: String? = nil,
                method: HTTPMethod? = nil, path: String? = nil, retryAfter: TimeInterval? = nil,
                detail: String? = nil, lasting: Bool = false) {
        self.kind = kind
        self.status = status
        self.code = code
        self.errorDescription = errorDescription
        self.method = method
        self.path = path
        self.retryAfter = retryAfter
        self.detail = detail
        self.lasting = lasting
    }

    /// One sentence for the status line.
    public var plainMessage: String { plainMessage(retryingIn: nil) }

    /// One sentence for the status line; `retryingIn` (seconds) when the client is about to retry.
    public func plainMessage(retryingIn seconds: TimeInterval?) -> String {
        let wait = seconds.map { " in \(Self.wholeSeconds($0)) s" } ?? ""
        switch kind {
        case .notAuthorized:
            return "Wrike did not accept the sign-in; sign in again (wrike-tui auth login)."
        case .notAllowed:
            return "Not available on your Wrike plan" + describe()
        case .accessForbidden:
            return "You do not have access to this item in Wrike" + describe()
        case .notFound:
            return "Not found in Wrike; it may have been deleted or moved" + describe()
        case .methodNotFound:
            return "Wrike does not know this operation" + describe()
        case .invalidRequest, .invalidParameter, .parameterRequired:
            if let d = errorDescription, !d.isEmpty { return "Wrike refused the request: \(Self.sentence(d))" }
            return "Wrike refused the request as invalid."
        case .wrongHost:
            return "Wrong Wrike data-center host for this account; sign in again or set the host your Wrike address bar shows."
        case .rateLimited:
            if seconds != nil { return "Rate limited by Wrike, retrying\(wait)." }
            let after = retryAfter.map { " in \(Self.wholeSeconds($0)) s" } ?? " in a moment"
            return "Rate limited by Wrike; try again\(after)."
        case .serverError:
            if seconds != nil { return "Wrike had a server error, retrying\(wait)." }
            // 503: Wrike did not take the request (a POST is never repeated, so it was not saved).
            if status == 503, let m = method, m != .get { return "Wrike was unavailable (503); the change was not saved." }
            if method == .post { return "Wrike had a server error; the change may or may not be saved, reload to check." }
            return "Wrike had a server error; try again later."
        case .offline:
            // A proxy that cannot be reached, refused or is unusable: its problem in the transport's words
            // (host:port and status, never credentials).
            if let why = TransportError.proxyProblem(detail) {
                return seconds != nil ? "Cannot reach Wrike (\(why)), retrying\(wait)." : "Cannot reach Wrike: \(why)."
            }
            if seconds != nil { return "Offline, retrying\(wait)." }
            return "Cannot reach Wrike; check the network connection."
        case .outcomeUnknown:
            if seconds != nil { return "No answer from Wrike, retrying\(wait)." }
            if method == .post {
                return "No answer from Wrike: the change may or may not be saved, reload to check before trying again."
            }
            return "No answer from Wrike; try again."
        case .malformedResponse:
            return "Wrike sent an answer wrike-tui could not read."
        case .unexpectedStatus:
            return "Wrike answered with HTTP \(status.map(String.init) ?? "?")" + describe()
        }
    }

    public var description: String {
        var parts = ["APIError.\(kind.rawValue)"]
        if let status { parts.append("status=\(status)") }
        if let code { parts.append("code=\(code)") }
        if let method, let path { parts.append("\(method.rawValue) \(path)") }
        if let errorDescription { parts.append("\"\(errorDescription)\"") }
        if let detail { parts.append("(\(detail))") }
        return parts.joined(separator: " ")
    }

    /// Whether the request may be retried as far as the *error* goes (the method decides the rest).
    var isTransient: Bool {
        switch kind {
        case .rateLimited, .serverError, .offline, .outcomeUnknown: return true
        default: return false
        }
    }

    private func describe() -> String {
        if let d = errorDescription, !d.isEmpty { return ": \(Self.sentence(d))" }
        return "."
    }

    private static func sentence(_ s: String) -> String {
        let t = s.trimmingCharacters(in: .whitespacesAndNewlines)
        if let last = t.last, ".!?".contains(last) { return t }
        return t + "."
    }

    static func wholeSeconds(_ s: TimeInterval) -> Int { max(1, Int(s.rounded(.up))) }

    /// Maps a non-2xx answer to an error.
    static func from(response: HTTPResponse, method: HTTPMethod, path: String, now: Date) -> APIError {
        var code: String?
        var desc: String?
        if let body = try? JSONDecoder().decode(ErrorBodyProbe.self, from: response.body) {
            code = body.error
            desc = body.errorDescription
        }
        let retryAfter = RetryAfter.parse(response.header("Retry-After"), now: now)
        let kind: Kind
        switch (response.status, code) {
        case (300, _): kind = .wrongHost
        case (401, _): kind = .notAuthorized
        case (403, "not_allowed"): kind = .notAllowed
        case (403, _): kind = .accessForbidden
        case (404, "method_not_found"): kind = .methodNotFound
        case (404, _): kind = .notFound
        case (400, "invalid_parameter"): kind = .invalidParameter
        case (400, "parameter_required"): kind = .parameterRequired
        case (400, _): kind = .invalidRequest
        case (429, _): kind = .rateLimited
        case (500...599, _): kind = .serverError
        default: kind = .unexpectedStatus
        }
        return APIError(kind: kind, status: response.status, code: code, errorDescription: desc,
                        method: method, path: path, retryAfter: retryAfter)
    }

    static func from(transport error: TransportError, method: HTTPMethod, path: String) -> APIError {
        switch error {
        case .notSent(let m): return APIError(kind: .offline, method: method, path: path, detail: m)
        case .refused(let m): return APIError(kind: .offline, method: method, path: path, detail: m, lasting: true)
        case .outcomeUnknown(let m): return APIError(kind: .outcomeUnknown, method: method, path: path, detail: m)
        case .cancelled: return APIError(kind: .offline, method: method, path: path, detail: "cancelled")
        }
    }
}

/// Just the two fields of Wrike's error body; tolerant of anything else.
private struct ErrorBodyProbe: Decodable {
    var error: String?
    var errorDescription: String?
}

/// `Retry-After`: delta-seconds or an HTTP-date (IMF-fixdate, RFC 850 or asctime).
public enum RetryAfter {
    public static func parse(_ value: String?, now: Date) -> TimeInterval? {
        guard let raw = value?.trimmingCharacters(in: .whitespaces), !raw.isEmpty else { return nil }
        if let secs = Double(raw), secs.isFinite {
            return max(0, secs)
        }
        for format in ["EEE, dd MMM yyyy HH:mm:ss zzz", "EEEE, dd-MMM-yy HH:mm:ss zzz", "EEE MMM d HH:mm:ss yyyy"] {
            let f = DateFormatter()
            f.locale = Locale(identifier: "en_US_POSIX")
            f.timeZone = TimeZone(identifier: "GMT")
            f.dateFormat = format
            if let date = f.date(from: raw) {
                return max(0, date.timeIntervalSince(now))
            }
        }
        return nil
    }
}
