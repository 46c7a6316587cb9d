import Foundation
import Testing

/// The built binary is self-contained (Package.swift, `selfContained`): the Swift runtime, Foundation and ICU
/// are inside it, so it runs on a server without Swift and the dynamic loader maps only the system's C
/// libraries at start. No HTTP stack of its own either: no FoundationNetworking or libcurl (which brings gnutls,
/// Kerberos, LDAP and more), and OpenSSL is loaded with dlopen on the first https connection.
/// docs/benchmarks.md, "Libraries" and "Self-contained binary".
@Suite(.enabled(if: FileManager.default.isExecutableFile(atPath: "/usr/bin/readelf"), "needs readelf (binutils)"))
struct LinkedLibrariesTests {
    static let system = ["libncursesw", "libtinfo", "libz", "libstdc++", "libm", "libgcc_s", "libc", "libdl", "libpthread", "libutil",
                         "ld-linux-x86-64", "ld-linux-aarch64"]

    @Test func theBinaryNeedsOnlyTheSystemsCLibraries() throws {
        let binary = BrowserEndToEndTests.binary
        try #require(FileManager.default.isExecutableFile(atPath: binary), "build the binary first: swift build")
        let (status, dynamic) = spawnAndWait("/usr/bin/readelf", ["-d", binary])
        #expect(status == 0)
        let needed = dynamic.split(separator: "\n").filter { $0.contains("(NEEDED)") }
            .compactMap { $0.split(separator: "[").last?.split(separator: "]").first.map(String.init) }
        #expect(needed.contains { $0.hasPrefix("libc.so") }, "readelf gave no NEEDED list: \(dynamic.prefix(400))")
        for lib in needed {
            #expect(Self.system.contains { lib.hasPrefix($0 + ".so") }, "wrike-tui needs \(lib) at start")
        }
    }
}
