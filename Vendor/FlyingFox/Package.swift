// swift-tools-version:6.0
// FlyingFox 0.27.1 (https://github.com/swhitty/FlyingFox, MIT, LICENSE beside this file), commit e3e3bbea,
// vendored without ProxyHTTPHandler (and `.proxy(via:)`): that file imports FoundationNetworking, and any
// linked import of it makes wrike-tui load libFoundationNetworking and libcurl with its TLS, Kerberos and
// LDAP libraries at start (docs/benchmarks.md, "Libraries"). Two changes for a build without warnings
// (Swift 6.3; 71 warnings before, none after): SocketAddress+Glibc.swift no longer restates FlyingSocks'
// conformances of the sockaddr types, and WebSocketHTTPHandler's 400 answer uses the HTTPHeaders
// initializer, not the deprecated dictionary one. Nothing else is changed; no tests are copied.

import PackageDescription

let package = Package(
    name: "FlyingFox",
    platforms: [
        .macOS(.v10_15), .iOS(.v13), .tvOS(.v13), .watchOS(.v8)
    ],
    products: [
        .library(
            name: "FlyingFox",
            targets: ["FlyingFox"]
        ),
        .library(
            name: "FlyingSocks",
            targets: ["FlyingSocks"]
        )
    ],
    targets: [
        .target(
            name: "FlyingFox",
            dependencies: ["FlyingSocks"],
            path: "FlyingFox/Sources",
            swiftSettings: .upcomingFeatures
        ),
        .target(
            name: "FlyingSocks",
            dependencies: [.target(name: "CSystemLinux", condition: .when(platforms: [.linux, .android]))],
            path: "FlyingSocks/Sources",
            swiftSettings: .upcomingFeatures
        ),
        .target(
            name: "CSystemLinux",
            path: "CSystemLinux"
        )
    ]
)

extension Array where Element == SwiftSetting {

    static var upcomingFeatures: [SwiftSetting] {
        [
            .enableUpcomingFeature("ExistentialAny"),
            .swiftLanguageMode(.v6)
        ]
    }
}
