import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A one-shot HTTP listener on `127.0.0.1:PORT` that receives the OAuth redirect
/// (`GET /callback?code=…&state=…`) and answers the browser with a short "you can close this tab"
/// page. Works through `ssh -L PORT:127.0.0.1:PORT`. Other paths (a browser's `/favicon.ico`) get
/// 404 and the listener keeps waiting. It binds at `init`, stops after the first callback, and
/// `close()` (or cancelling the waiting task) stops it early.
public final class LoopbackListener: @unchecked Sendable {
    /// The bound port (the real one when `0` was asked for).
    public let port: UInt16
    /// The callback path, e.g. `/callback`.
    public let path: String

    private let lock = NSLock()
    private var listenFD: Int32
    private var wakeRead: Int32
    private var wakeWrite: Int32
    private var running = false
    private var closed = false

    public init(port: UInt16, path: String = "/callback") throws(AuthError) {
        self.path = path.hasPrefix("/") ? path : "/" + path
        let fd = socket(AF_INET, Int32(SOCK_STREAM.rawValue), 0)
        guard fd >= 0 else { throw .listener("socket: \(String(cString: strerror(errno)))") }
        var one: Int32 = 1
        _ = setsockopt(fd, SOL_SOCKET, SO_REUSEADDR, &one, socklen_t(MemoryLayout<Int32>.size))
        _ = fcntl(fd, F_SETFD, FD_CLOEXEC)
        var addr = sockaddr_in()
        addr.sin_family = sa_family_t(AF_INET)
        addr.sin_port = port.bigEndian
        addr.sin_addr.s_addr = UInt32(0x7F00_0001).bigEndian
        let bound = withUnsafePointer(to: &addr) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { bind(fd, $0, socklen_t(MemoryLayout<sockaddr_in>.size)) }
        }
        guard bound == 0 else {
            let text = String(cString: strerror(errno))
            Glibc.close(fd)
            throw .listener("cannot listen on 127.0.0.1:\(port): \(text) (choose another with --port)")
        }
        guard listen(fd, 8) == 0 else {
            let text = String(cString: strerror(errno))
            Glibc.close(fd)
            throw .listener("listen: \(text)")
        }
        var actual = sockaddr_in()
        var length = socklen_t(MemoryLayout<sockaddr_in>.size)
        _ = withUnsafeMutablePointer(to: &actual) {
            $0.withMemoryRebound(to: sockaddr.self, capacity: 1) { getsockname(fd, $0, &length) }
        }
        var pipeFDs: [Int32] = [-1, -1]
        guard pipe(&pipeFDs) == 0 else {
            Glibc.close(fd)
            throw .listener("pipe: \(String(cString: strerror(errno)))")
        }
        self.port = UInt16(bigEndian: actual.sin_port)
        self.listenFD = fd
        self.wakeRead = pipeFDs[0]
        self.wakeWrite = pipeFDs[1]
    }

    deinit { closeDescriptors() }

    /// Stops listening (a waiting `waitForCallback` throws `CancellationError`).
    public func close() {
        lock.withLock {
            closed = true
            if running {
                var byte: UInt8 = 1
                _ = Glibc.write(wakeWrite, &byte, 1)
            }
        }
        let idle = lock.withLock { !running }
        if idle { closeDescriptors() }
    }

    /// Waits for the redirect and returns the authorization code. A callback with a `state` other
    /// than `expectedState` throws `AuthError.stateMismatch`; `error=` throws `.authorizationDenied`.
    public func waitForCallback(expectedState: String?) async throws -> String {
        try lock.withLock {
            guard !closed, !running else { throw AuthError.listener("already used") }
            running = true
        }
        return try await withTaskCancellationHandler {
            try await withCheckedThrowingContinuation { (continuation: CheckedContinuation<String, any Error>) in
                let thread = Thread { [self] in
                    let result = self.acceptLoop(expectedState: expectedState)
                    self.lock.withLock { self.running = false }
                    self.closeDescriptors()
                    continuation.resume(with: result)
                }
                thread.name = "wrike-tui.oauth-listener"
                thread.start()
            }
        } onCancel: {
            self.close()
        }
    }

    private func closeDescriptors() {
        lock.withLock {
            closed = true
            for fd in [listenFD, wakeRead, wakeWrite] where fd >= 0 { Glibc.close(fd) }
            listenFD = -1
            wakeRead = -1
            wakeWrite = -1
        }
    }

    private func acceptLoop(expectedState: String?) -> Result<String, any Error> {
        let (listenFD, wakeRead) = lock.withLock { (self.listenFD, self.wakeRead) }
        guard listenFD >= 0 else { return .failure(CancellationError()) }
        while true {
            var fds = [pollfd(fd: listenFD, events: Int16(POLLIN), revents: 0),
                       pollfd(fd: wakeRead, events: Int16(POLLIN), revents: 0)]
            let n = poll(&fds, 2, -1)
            if n < 0 {
                if errno == EINTR { continue }
                return .failure(AuthError.listener("poll: \(String(cString: strerror(errno)))"))
            }
            if fds[1].revents != 0 || lock.withLock({ closed }) { return .failure(CancellationError()) }
            guard fds[0].revents & Int16(POLLIN) != 0 else { continue }
            let client = accept(listenFD, nil, nil)
            if client < 0 { continue }
            if let outcome = serve(client, expectedState: expectedState) { return outcome }
        }
    }

    /// Answers one connection; returns the login outcome, or nil to keep listening.
    private func serve(_ fd: Int32, expectedState: String?) -> Result<String, any Error>? {
        defer { Glibc.close(fd) }
        var timeout = timeval(tv_sec: 10, tv_usec: 0)
        _ = setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        _ = setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &timeout, socklen_t(MemoryLayout<timeval>.size))
        var data = [UInt8]()
        var buffer = [UInt8](repeating: 0, count: 4096)
        while data.count < 16384 {
            let n = buffer.withUnsafeMutableBytes { recv(fd, $0.baseAddress, $0.count, 0) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            data.append(contentsOf: buffer[0..<n])
            if data.containsSubsequence([13, 10, 13, 10]) { break }
        }
        let head = String(decoding: data, as: UTF8.self)
        let requestLine = head.split(separator: "\r\n", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
        let parts = requestLine.split(separator: " ")
        guard parts.count >= 2, parts[0] == "GET" else {
            respond(fd, status: "400 Bad Request", title: "Bad request", message: "wrike-tui expected the sign-in redirect here.")
            return nil
        }
        let target = String(parts[1])
        guard let components = URLComponents(string: "http://127.0.0.1" + target), components.path == path else {
            respond(fd, status: "404 Not Found", title: "Not found", message: "Nothing here.")
            return nil
        }
        let callback = OAuthCallback(queryItems: components.queryItems ?? [])
        switch callback.check(expectedState: expectedState) {
        case .success(let code):
            respond(fd, status: "200 OK", title: "Signed in",
                    message: "wrike-tui received the sign-in. You can close this tab and return to the terminal.")
            return .success(code)
        case .failure(let error):
            if error == .noCode {
                respond(fd, status: "400 Bad Request", title: "No code", message: "This address carries no authorization code.")
                return nil
            }
            respond(fd, status: "400 Bad Request", title: "Sign-in refused", message: error.description)
            return .failure(error)
        }
    }

    private func respond(_ fd: Int32, status: String, title: String, message: String) {
        let body = """
            <!doctype html><html><head><meta charset="utf-8"><title>wrike-tui: \(Self.escape(title))</title></head>
            <body style="font-family: sans-serif; margin: 3em;"><h1>\(Self.escape(title))</h1><p>\(Self.escape(message))</p></body></html>

            """
        let bytes = Array(body.utf8)
        let header = "HTTP/1.1 \(status)\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: \(bytes.count)\r\n"
            + "Cache-Control: no-store\r\nReferrer-Policy: no-referrer\r\nConnection: close\r\n\r\n"
        let all = Array(header.utf8) + bytes
        var offset = 0
        while offset < all.count {
            let n = all.withUnsafeBytes { send(fd, $0.baseAddress! + offset, all.count - offset, Int32(MSG_NOSIGNAL)) }
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            offset += n
        }
        _ = shutdown(fd, Int32(SHUT_WR))
    }

    static func escape(_ s: String) -> String {
        s.replacingOccurrences(of: "&", with: "&amp;").replacingOccurrences(of: "<", with: "&lt;")
            .replacingOccurrences(of: ">", with: "&gt;").replacingOccurrences(of: "\"", with: "&quot;")
    }
}

extension Array where Element == UInt8 {
    fileprivate func containsSubsequence(_ needle: [UInt8]) -> Bool {
        guard needle.count <= count else { return false }
        for i in 0...(count - needle.count) where self[i..<(i + needle.count)].elementsEqual(needle) { return true }
        return false
    }
}

/// The query of the redirect back from the authorization server.
public struct OAuthCallback: Sendable, Hashable {
    public var code: String?
    public var state: String?
    public var error: String?
    public var errorDescription: String?

    public init(code: String? = nil, state: String? = nil, error: String? = nil, errorDescription: String? = nil) {
        self.code = code
        self.state = state
        self.error = error
        self.errorDescription = errorDescription
    }

    init(queryItems: [URLQueryItem]) {
        func value(_ name: String) -> String? { queryItems.first { $0.name == name }?.value.flatMap { $0.isEmpty ? nil : $0 } }
        self.init(code: value("code"), state: value("state"), error: value("error"),
                  errorDescription: value("error_description"))
    }

    /// What the user pasted: the whole redirected URL, its query string, or just the code.
    public static func parsePasted(_ text: String) -> OAuthCallback? {
        let t = text.trimmingCharacters(in: .whitespacesAndNewlines)
        guard !t.isEmpty else { return nil }
        if t.contains("code=") || t.contains("error=") {
            let query: Substring
            if let q = t.firstIndex(of: "?") { query = t[t.index(after: q)...] } else { query = Substring(t) }
            let noFragment = query.split(separator: "#", maxSplits: 1, omittingEmptySubsequences: false).first ?? ""
            var components = URLComponents()
            components.percentEncodedQuery = String(noFragment)
            let callback = OAuthCallback(queryItems: components.queryItems ?? [])
            return callback.code == nil && callback.error == nil ? nil : callback
        }
        // A bare code: one token of URL-safe characters.
        guard t.count <= 2048, t.unicodeScalars.allSatisfy({ $0.isASCII && (CharacterSet.alphanumerics.contains($0) || "-._~+/=".unicodeScalars.contains($0)) })
        else { return nil }
        return OAuthCallback(code: t)
    }

    /// The code, if the callback is a success whose state matches. A bare pasted code has no state
    /// to check (only a URL carries it); `requireState` refuses that too.
    public func check(expectedState: String?, requireState: Bool = true) -> Result<String, AuthError> {
        if let error {
            return .failure(.authorizationDenied(AuthHosts.sanitized(errorDescription ?? error)))
        }
        guard let code else { return .failure(.noCode) }
        if let expectedState {
            if let state {
                guard Self.constantTimeEqual(state, expectedState) else { return .failure(.stateMismatch) }
            } else if requireState {
                return .failure(.stateMismatch)
            }
        }
        return .success(code)
    }

    static func constantTimeEqual(_ a: String, _ b: String) -> Bool {
        let x = Array(a.utf8), y = Array(b.utf8)
        guard x.count == y.count else { return false }
        var diff: UInt8 = 0
        for i in 0..<x.count { diff |= x[i] ^ y[i] }
        return diff == 0
    }
}
