// Proxy settings from the environment by curl's rules (not yet used by SocketTransport).
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
        #expect(s.proxy(tls: true, host: "www.wrike.com") == https)
        #expect(s.proxy(tls: true, host: "a.internal") == nil)
        #expect(s.proxy(tls: false, host: "127.0.0.1") == nil)
        #expect(ProxySettings.fromEnvironment(["https_proxy": "socks5://p:1"]).unusable != nil)
    }
}
