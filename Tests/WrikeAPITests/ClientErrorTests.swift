import Foundation
import Testing
@testable import WrikeAPI

@Suite struct ClientErrorTests {
    static let now = Date(timeIntervalSince1970: 1_800_000_000)

    func map(_ status: Int, _ code: String?, _ desc: String? = nil, method: HTTPMethod = .get,
             headers: [String: String] = [:]) -> APIError {
        APIError.from(response: JSONResponse.error(status, code, desc, headers: headers), method: method,
                      path: "/tasks/X", now: Self.now)
    }

    @Test(arguments: [
        (400, "invalid_request", APIError.Kind.invalidRequest),
        (400, "invalid_parameter", .invalidParameter),
        (400, "parameter_required", .parameterRequired),
        (401, "not_authorized", .notAuthorized),
        (403, "access_forbidden", .accessForbidden),
        (403, "not_allowed", .notAllowed),
        (404, "resource_not_found", .notFound),
        (404, "method_not_found", .methodNotFound),
        (429, "rate_limit_exceeded", .rateLimited),
        (500, "server_error", .serverError),
        (503, nil, .serverError),
        (300, nil, .wrongHost),
        (418, nil, .unexpectedStatus),
    ] as [(Int, String?, APIError.Kind)])
    func everyWrikeCodeMapsToAKind(status: Int, code: String?, kind: APIError.Kind) {
        let e = map(status, code, "Something went wrong")
        #expect(e.kind == kind)
        #expect(e.status == status)
        #expect(e.code == code)
        #expect(e.errorDescription == "Something went wrong")
        #expect(e.path == "/tasks/X")
    }

    @Test func sentencesForTheStatusLine() {
        #expect(map(401, "not_authorized", "Access token is unknown or invalid").plainMessage
                == "Wrike did not accept the sign-in; sign in again (wrike-tui auth login).")
        #expect(map(403, "not_allowed", "Operation not allowed").plainMessage
                == "Not available on your Wrike plan: Operation not allowed.")
        #expect(map(403, "access_forbidden", nil).plainMessage == "You do not have access to this item in Wrike.")
        #expect(map(404, "resource_not_found", nil).plainMessage
                == "Not found in Wrike; it may have been deleted or moved.")
        #expect(map(404, "method_not_found", nil).plainMessage == "Wrike does not know this operation.")
        #expect(map(400, "invalid_parameter", "Parameter 'relationType' value is invalid").plainMessage
                == "Wrike refused the request: Parameter 'relationType' value is invalid.")
        #expect(map(400, "parameter_required", "Parameter 'text' is required").plainMessage
                == "Wrike refused the request: Parameter 'text' is required.")
        #expect(map(400, "invalid_request", nil).plainMessage == "Wrike refused the request as invalid.")
        #expect(map(300, nil).plainMessage.hasPrefix("Wrong Wrike data-center host"))
        #expect(map(429, nil, headers: ["Retry-After": "7"]).plainMessage == "Rate limited by Wrike; try again in 7 s.")
        #expect(map(429, nil).plainMessage(retryingIn: 2.2) == "Rate limited by Wrike, retrying in 3 s.")
        #expect(map(500, "server_error").plainMessage == "Wrike had a server error; try again later.")
        #expect(map(500, "server_error", method: .post).plainMessage
                == "Wrike had a server error; the change may or may not be saved, reload to check.")
        #expect(map(418, nil).plainMessage == "Wrike answered with HTTP 418.")
        let offline = APIError.from(transport: .notSent("refused"), method: .get, path: "/tasks")
        #expect(offline.kind == .offline)
        #expect(offline.plainMessage(retryingIn: 4) == "Offline, retrying in 4 s.")
        #expect(offline.plainMessage == "Cannot reach Wrike; check the network connection.")
        let unknown = APIError.from(transport: .outcomeUnknown("timeout"), method: .post, path: "/tasks/X/comments")
        #expect(unknown.kind == .outcomeUnknown)
        #expect(unknown.plainMessage
                == "No answer from Wrike: the change may or may not be saved, reload to check before trying again.")
        #expect(APIError(kind: .malformedResponse).plainMessage == "Wrike sent an answer wrike-tui could not read.")
    }

    @Test func everyKindHasANonEmptySentence() {
        for kind in APIError.Kind.allCases {
            let e = APIError(kind: kind, status: 400)
            #expect(!e.plainMessage.isEmpty)
            #expect(e.plainMessage.last == ".")
        }
    }

    @Test func unreadableErrorBodiesStillMap() {
        let e = APIError.from(response: HTTPResponse(status: 403, body: Data("<html>".utf8)), method: .get,
                              path: "/x", now: Self.now)
        #expect(e.kind == .accessForbidden)
        #expect(e.code == nil)
    }

    @Test func retryAfterSecondsAndHTTPDate() {
        #expect(RetryAfter.parse("120", now: Self.now) == 120)
        #expect(RetryAfter.parse(" 3 ", now: Self.now) == 3)
        #expect(RetryAfter.parse("-5", now: Self.now) == 0)
        // 1_800_000_000 = Fri, 15 Jan 2027 08:00:00 GMT
        #expect(RetryAfter.parse("Fri, 15 Jan 2027 08:00:30 GMT", now: Self.now) == 30)
        #expect(RetryAfter.parse("Fri, 15 Jan 2027 07:00:00 GMT", now: Self.now) == 0)
        #expect(RetryAfter.parse("soon", now: Self.now) == nil)
        #expect(RetryAfter.parse(nil, now: Self.now) == nil)
    }
}
