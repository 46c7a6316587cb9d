import Foundation

/// An HTTP proxy from a proxy URL (`http://user:pass@proxy.example:3128`, or `proxy.example:3128`; port
/// 1080 when none is given, as curl). Its credentials only ever go out as `Proxy-Authorization`: its
/// description (and so every log line and error message) is `host:port`.
public struct ProxyServer: Sendable, Hashable, CustomStringConvertible, CustomDebugStringConvertible, CustomReflectable {
    public let host: String
    public let port: Int
    /// `Basic base64(user:password)`, when the URL had credentials.
    let authorization: String?

    /// nil for an empty value, a URL without a host, or a scheme other than http (https and SOCKS proxies
    /// are not supported: `unsupported` names it).
    public init?(_ text: String) {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard !t.isEmpty, let parts = URLComponents(string: t.contains("://") ? t : "http://" + t),
              parts.scheme?.lowercased() == "http", var host = parts.host, !host.isEmpty
        else { return nil }
        if host.hasPrefix("["), host.hasSuffix("]") { host = String(host.dropFirst().dropLast()) }
        self.host = host
        self.port = parts.port ?? 1080
        if let user = parts.user, !user.isEmpty {
            authorization = "Basic " + Data("\(user):\(parts.password ?? "")".utf8).base64EncodedString()
        } else {
            authorization = nil
        }
    }

    /// The scheme of a proxy URL this transport cannot use (`https://`, `socks5://`), else nil.
    static func unsupported(_ text: String) -> String? {
        let t = text.trimmingCharacters(in: .whitespaces)
        guard let r = t.range(of: "://") else { return nil }
        let scheme = t[..<r.lowerBound].lowercased()
        return scheme == "http" ? nil : scheme
    }

    public var description: String { host.contains(":") ? "[\(host)]:\(port)" : "\(host):\(port)" }
    public var debugDescription: String { description }
    public var customMirror: Mirror { Mirror(self, children: ["proxy": description]) }
}

/// How a connection to a host goes: direct, through an HTTP proxy, or not at all (the proxy set for it is of
/// a kind this transport cannot use; the message says which, never the proxy URL itself).
enum ProxyRoute: Hashable, Sendable {
    case direct
    case proxy(ProxyServer)
    case unusable(String)
}

/// Which proxy a request goes through, read from the environment by curl's rules:
/// https URLs use `https_proxy` (or `HTTPS_PROXY`), http URLs `http_proxy` (lower case only: curl ignores
/// `HTTP_PROXY`, which a CGI environment sets from a request header), both fall back to `all_proxy` /
/// `ALL_PROXY`; `no_proxy` / `NO_PROXY` lists hosts that go direct. Loopback hosts (the sandbox, the
/// sign-in listener) always go direct.
public struct ProxySettings: Sendable, Equatable {
    public var https: ProxyServer?
    public var http: ProxyServer?
    /// Entries of `no_proxy`: host names, domain suffixes, IP addresses; `*` alone: no proxy at all.
    public var noProxy: [String]
    /// Why the proxy set for https (or http) URLs cannot be used (another scheme, not a URL): such requests
    /// fail instead of going direct.
    public var unusableHTTPS: String?
    public var unusableHTTP: String?
    /// Loopback hosts through the proxy too (tests whose proxy and server are both local).
    var proxyLoopback = false

    public static let none = ProxySettings(https: nil, http: nil, noProxy: [])

    public init(https: ProxyServer?, http: ProxyServer?, noProxy: [String], unusableHTTPS: String? = nil,
                unusableHTTP: String? = nil) {
        self.https = https
        self.http = http
        self.noProxy = noProxy
        self.unusableHTTPS = unusableHTTPS
        self.unusableHTTP = unusableHTTP
    }

    public static func fromEnvironment(_ env: [String: String] = ProcessInfo.processInfo.environment) -> ProxySettings {
        func first(_ names: String...) -> (name: String, value: String)? {
            names.lazy.compactMap { n in env[n].map { (n, $0) } }.first { !$0.1.trimmingCharacters(in: .whitespaces).isEmpty }
        }
        let all = first("all_proxy", "ALL_PROXY")
        let https = first("https_proxy", "HTTPS_PROXY") ?? all
        let http = first("http_proxy") ?? all
        return ProxySettings(https: https.flatMap { ProxyServer($0.value) }, http: http.flatMap { ProxyServer($0.value) },
                             noProxy: entries(first("no_proxy", "NO_PROXY")?.value ?? ""),
                             unusableHTTPS: https.flatMap(problem), unusableHTTP: http.flatMap(problem))
    }

    /// Why a proxy variable's value cannot be used, naming the variable and the scheme (not the value: it may
    /// hold a password); nil when it can.
    static func problem(_ variable: (name: String, value: String)) -> String? {
        if let scheme = ProxyServer.unsupported(variable.value) {
            return "\(variable.name) names a \(scheme):// proxy, which is not supported (only http:// proxies)"
        }
        return ProxyServer(variable.value) == nil ? "\(variable.name) is not a proxy URL (http://host:port)" : nil
    }

    /// The comma- (or space-) separated entries of a `no_proxy` value, lower case, without a leading dot.
    static func entries(_ value: String) -> [String] {
        value.split(whereSeparator: { $0 == "," || $0 == " " || $0 == "\t" }).map { entry in
            var e = entry.lowercased()
            while e.hasPrefix(".") { e.removeFirst() }
            if e.hasPrefix("["), e.hasSuffix("]") { e = String(e.dropFirst().dropLast()) }
            return e
        }.filter { !$0.isEmpty }
    }

    /// How a connection to `host` goes: loopback and `no_proxy` hosts direct, else through the proxy of the
    /// scheme (direct without one; refused when it is unusable).
    func route(tls: Bool, host: String) -> ProxyRoute {
        if !proxyLoopback && SocketTransport.isLoopback(host) { return .direct }
        if Self.bypasses(host: host, noProxy: noProxy) { return .direct }
        if let why = tls ? unusableHTTPS : unusableHTTP { return .unusable(why) }
        return (tls ? https : http).map(ProxyRoute.proxy) ?? .direct
    }

    /// curl's `no_proxy` match: `*` matches every host; an entry matches the host itself or, for a name,
    /// any host under it (`example.com` and `.example.com` both match `api.example.com`, not `badexample.com`).
    static func bypasses(host: String, noProxy: [String]) -> Bool {
        var h = host.lowercased()
        if h.hasPrefix("["), h.hasSuffix("]") { h = String(h.dropFirst().dropLast()) }
        while h.hasSuffix(".") { h.removeLast() }
        return noProxy.contains { entry in
            entry == "*" || h == entry || (!isAddress(entry) && h.hasSuffix("." + entry))
        }
    }

    private static func isAddress(_ s: String) -> Bool {
        s.contains(":") || s.allSatisfy { $0.isNumber || $0 == "." }
    }
}
