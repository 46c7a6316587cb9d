import Foundation
import Testing

/// The built binary links no HTTP stack of its own at start: no FoundationNetworking, libcurl or OpenSSL in
/// its dynamic section (libcurl brings gnutls, Kerberos, LDAP and more, several MB resident before the
/// first request; OpenSSL is loaded with dlopen on the first https connection). docs/benchmarks.md, "Libraries".
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/readelf"), "needs readelf (binutils)"))
struct LinkedLibrariesTests {
    @Test func theBinaryNeedsNoFoundationNetworkingCurlOrOpenSSL() throws {
        let binary = BrowserEndToEndTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build")
        let (status, dynamic) = spawnAndWait("/usr/bin/readelf", ["-d", binary])
        #expect(status == 0)
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
        #expect(needed.contains { $0.contains("libFoundationEssentials") }, "readelf gave no NEEDED list: \(dynamic.prefix(400))")
        for lib in ["libFoundationNetworking", "libcurl", "libssl", "libcrypto", "libgnutls"] {
            #expect(!needed.contains { $0.contains(lib) }, "wrike-tui links \(lib) at start")
        }
    }
}
