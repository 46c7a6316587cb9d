// The built-in themes: the files of themes/ (linked as Sources/TerminalUI/Themes), embedded in the binary
// by SwiftPM (`resources: [.embedInCode("Themes")]` in Package.swift) so that they work from any
// directory. A test checks that every file there is listed here and loads.

enum BuiltinThemes {
    static let files: [(name: String, text: String)] = [
        ("default", String(decoding: PackageResources.default_toml, as: UTF8.self)),
        ("light", String(decoding: PackageResources.light_toml, as: UTF8.self)),
        ("high-contrast", String(decoding: PackageResources.high_contrast_toml, as: UTF8.self)),
        ("monochrome", String(decoding: PackageResources.monochrome_toml, as: UTF8.self)),
    ]
}
