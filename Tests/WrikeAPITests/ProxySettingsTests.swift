// Proxy settings from the environment by curl's rules, and the route they give each host.
import Foundation
import Testing

@testable import WrikeAPI

@Suite struct ProxySettingsTests {
    @Test func noProxyMatchesTheHostOrADomainSuffixAndStarMatchesAll() {
        let list = ProxySettings.entries(" .wrike.com, example.org,10.0.0.1 ")
        #expect(list == ["wrike.com", "example.org", "10.0.0.1"])
        #expect(ProxySettings.bypasses(host: "www.wrike.com", noProxy: list))
        #expect(ProxySettings.bypasses(host: "wrike.com", noProxy: list))
        #expect(ProxySettings.bypasses(host: "WWW.Wrike.Com.", noProxy: list))
        #expect(!ProxySettings.bypasses(host: "notwrike.com", noProxy: list))
        #expect(!ProxySettings.bypasses(host: "wrike.com.evil", noProxy: list))
        #expect(ProxySettings.bypasses(host: "10.0.0.1", noProxy: list))
        #expect(!ProxySettings.bypasses(host: "110.0.0.1", noProxy: list))
        #expect(ProxySettings.bypasses(host: "anything", noProxy: ["*"]))
    }

    @Test func environmentFollowsCurlAndCredentialsStayOutOfDescriptions() throws {
        let s = ProxySettings.fromEnvironment(["HTTPS_PROXY": "http://user:s3cret@proxy.corp:3128", "HTTP_PROXY": "http://evil:1",
                                               "all_proxy": "fallback", "NO_PROXY": "internal"])
        let https = try #require(s.https)
        #expect(https.host == "proxy.corp" && https.port == 3128)
        #expect(https.authorization == "Basic dXNlcjpzM2NyZXQ=")
        #expect(!"\(https) \(String(reflecting: https))".contains("s3cret"))
        #expect(s.http?.host == "fallback" && s.http?.port == 1080)  // HTTP_PROXY ignored, as curl
        #expect(s.route(tls: true, host: "www.wrike.com") == .proxy(https))
        #expect(s.route(tls: true, host: "a.internal") == .direct)
        #expect(s.route(tls: false, host: "127.0.0.1") == .direct)
        #expect(s.route(tls: true, host: "localhost") == .direct)
        var hooked = s
        hooked.proxyLoopback = true
        #expect(hooked.route(tls: true, host: "localhost") == .proxy(https))

        // Percent-encoded credentials are decoded before they are encoded for Basic.
        #expect(ProxyServer("http://us%40er:p%3Ass@p:1")?.authorization == "Basic " + Data("us@er:p:ss".utf8).base64EncodedString())

        // Unusable settings: per scheme, naming the variable and the kind, never the value.
        let socks = ProxySettings.fromEnvironment(["all_proxy": "socks5://u:s3cret@p:1", "https_proxy": "http://ok:8080"])
        #expect(socks.route(tls: true, host: "www.wrike.com") == .proxy(try #require(ProxyServer("ok:8080"))))
        #expect(socks.route(tls: false, host: "example.com") == .unusable("all_proxy names a socks5:// proxy, which is not supported (only http:// proxies)"))
        #expect(socks.route(tls: false, host: "127.0.0.1") == .direct)
        let garbage = ProxySettings.fromEnvironment(["https_proxy": "http://:s3cret@"])
        #expect(garbage.route(tls: true, host: "www.wrike.com") == .unusable("https_proxy is not a proxy URL (http://host:port)"))
    }
}
