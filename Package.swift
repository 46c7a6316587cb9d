// swift-tools-version:6.1
import PackageDescription

// Linux only. The code calls Glibc (file descriptors, signals, poll), links ncursesw and tinfo found by
// pkg-config (`#include <ncursesw/curses.h>`), opens pseudo-terminals through CTerminal, reads glibc's
// malloc_info in the benchmark, and speaks HTTP over POSIX sockets with the system's OpenSSL 3 (libssl.so.3,
// loaded on the first https request). Building on macOS would need
// Darwin branches for all of these; none is tested, so no Apple platform is claimed.
#if !os(Linux)
#error("wrike-tui builds and runs on Linux only (Glibc, ncursesw, OpenSSL 3); see README, Requirements.")
#endif

let strict: [SwiftSetting] = [.swiftLanguageMode(.v6)]

// The two programs carry the Swift runtime and Foundation (with ICU) inside, as position-dependent
// executables: one file to copy to a server that has no Swift, nothing for the dynamic loader to map and
// relocate at start beyond libc, ncurses and zlib, and only the pages actually run resident (demo 37 -> 29 MB,
// warm first frame ~30 -> ~22 ms; docs/benchmarks.md, "Self-contained binary"). OpenSSL stays the
// system's (dlopen on the first https request).
// `-static-stdlib` when compiling too: the program's own objects then name every static library Foundation
// needs (ICU, CoreFoundation, ...) for the linker.
let selfContained: [LinkerSetting] = [.unsafeFlags(["-static-stdlib", "-Xclang-linker", "-no-pie"])]
let selfContainedSwift: [SwiftSetting] = strict + [.unsafeFlags(["-static-stdlib"])]

let package = Package(
    name: "wrike-tui",
    products: [
        .executable(name: "wrike-tui", targets: ["wrike-tui"]),
        .executable(name: "wrike-tui-bench", targets: ["wrike-tui-bench"]),
    ],
    dependencies: [
        .package(url: "https://github.com/apple/swift-argument-parser", from: "1.8.2"),
        // FlyingFox 0.27.1 without its FoundationNetworking proxy handler (see Vendor/FlyingFox/Package.swift).
        .package(path: "Vendor/FlyingFox"),
        .package(url: "https://github.com/x-sheep/swift-property-based", from: "2.0.1"),
        .package(url: "https://github.com/apple/swift-log", from: "1.16.2"),
    ],
    targets: [
        // C: ncursesw bindings (the only curses user is TerminalUI).
        .systemLibrary(name: "CNcurses", pkgConfig: "ncursesw", providers: [.apt(["libncurses-dev"])]),
        // C: locale-independent wcwidth, fatal-signal terminal restore, pty helpers.
        .target(name: "CTerminal"),
        // Platform helpers, each once: XDG paths, atomic writes, safe reads, the log (swift-log with our
        // file handler and redaction), the loopback HTTP listener (FlyingFox).
        .target(name: "Platform",
                dependencies: ["TermText", .product(name: "Logging", package: "swift-log"),
                               .product(name: "FlyingFox", package: "FlyingFox")],
                swiftSettings: strict),
        // C: TCP with timeouts, TLS through the system's OpenSSL loaded on first use (dlopen).
        .target(name: "CNet"),
        // C: the system's zlib, to inflate gzip answers.
        .systemLibrary(name: "CZlib", pkgConfig: "zlib", providers: [.apt(["zlib1g-dev"])]),
        // Models, Transport (HTTP/1.1 over CNet), encoding, the client (cache, limiter, retry), auth.
        .target(name: "WrikeAPI", dependencies: ["Platform", "CNet", "CZlib"], swiftSettings: strict),
        // The Wrike API v4 emulator: dataset, router, semantics, faults, generator, HTTP server.
        .target(name: "WrikeSandbox",
                dependencies: ["WrikeAPI", .product(name: "FlyingFox", package: "FlyingFox")],
                swiftSettings: strict),
        // Sanitizing server text and measuring its width in terminal cells.
        .target(name: "TermText", dependencies: ["CTerminal"], swiftSettings: strict),
        // The pure core: state, intents, effects, reducers, the key table, the detail layout. No files,
        // network, tasks, clocks or random numbers (Tests/BrowserTests/CorePurityTests.swift checks).
        .target(name: "Browser", dependencies: ["WrikeAPI", "TermText"], swiftSettings: strict),
        // The core's runtime: the effect runner, the gateway to the client (WrikeService, ClientService),
        // the drafts store, the warm-start cache, the live environment (calendar, id prefix).
        .target(name: "BrowserRuntime", dependencies: ["Browser", "Platform", "WrikeAPI", "TermText"],
                swiftSettings: strict),
        // Canvas, widgets, render functions, themes, config, the ncurses backend and event loop. The
        // built-in themes are themes/*.toml (linked as Sources/TerminalUI/Themes), embedded in the binary.
        .target(name: "TerminalUI",
                dependencies: ["Platform", "Browser", "BrowserRuntime", "TermText", "CNcurses", "CTerminal", "WrikeAPI"],
                resources: [.embedInCode("Themes")],
                swiftSettings: strict),
        .executableTarget(name: "wrike-tui",
                          dependencies: ["Platform", "WrikeAPI", "WrikeSandbox", "Browser", "BrowserRuntime", "TerminalUI", "TermText",
                                         .product(name: "ArgumentParser", package: "swift-argument-parser"),
                                         .product(name: "Logging", package: "swift-log")],
                          swiftSettings: selfContainedSwift, linkerSettings: selfContained),
        .executableTarget(name: "wrike-tui-bench",
                          dependencies: ["Platform", "WrikeAPI", "WrikeSandbox", "Browser", "BrowserRuntime", "TerminalUI", "CTerminal"],
                          swiftSettings: selfContainedSwift, linkerSettings: selfContained),
        // Test helpers shared by the test targets (the `.offPool` trait, random strings for property tests).
        .target(name: "TestSupport",
                dependencies: ["WrikeSandbox", .product(name: "PropertyBased", package: "swift-property-based")],
                path: "Tests/TestSupport", swiftSettings: strict),
        .testTarget(name: "PlatformTests",
                    dependencies: ["Platform", "TestSupport", .product(name: "Logging", package: "swift-log")],
                    swiftSettings: strict),
        // Samples/: real Wrike responses (each with a .source.txt naming its source), read by #filePath.
        .testTarget(name: "WrikeAPITests",
                    dependencies: ["WrikeAPI", "WrikeSandbox", "Platform", "CZlib", "TestSupport",
                                   .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Samples"],
                    swiftSettings: strict),
        .testTarget(name: "WrikeSandboxTests", dependencies: ["WrikeAPI", "WrikeSandbox", "TestSupport"], swiftSettings: strict),
        .testTarget(name: "BrowserTests",
                    dependencies: ["Browser", "BrowserRuntime", "Platform", "WrikeAPI", "WrikeSandbox", "TermText", "TestSupport",
                                   .product(name: "PropertyBased", package: "swift-property-based")],
                    swiftSettings: strict),
        .testTarget(name: "TerminalUITests",
                    dependencies: ["TerminalUI", "Platform", "Browser", "BrowserRuntime", "TermText", "WrikeAPI", "WrikeSandbox", "TestSupport",
                                   .product(name: "PropertyBased", package: "swift-property-based")],
                    exclude: ["Golden"],
                    swiftSettings: strict),
        .testTarget(name: "EndToEndTests", dependencies: ["Platform", "WrikeAPI", "WrikeSandbox", "Browser", "BrowserRuntime", "CTerminal"], swiftSettings: strict),
    ]
)
