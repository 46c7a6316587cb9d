import ArgumentParser
import Foundation

/// The options of the terminal UI. Declared on both `WrikeTUI` (so that `wrike-tui --help` lists them and
/// `wrike-tui --demo` parses) and `BrowseCommand`: ArgumentParser hands the group parsed by the parent to
/// the default subcommand.
struct BrowseOptions: ParsableArguments {
    @Flag(help: "Run on the built-in demo workspace (an in-process Wrike sandbox); no account needed.")
    var demo = false

    @Option(help: ArgumentHelp("With --demo: a dataset JSON file (from `wrike-tui sandbox generate`) instead of the built-in workspace.",
                               valueName: "file"))
    var data: String?

    @Option(name: .customLong("base-url"),
            help: ArgumentHelp("API root of a Wrike-compatible server, e.g. http://127.0.0.1:8080/api/v4 from `wrike-tui sandbox serve`. The token comes from WRIKE_TOKEN.",
                               valueName: "url"))
    var baseURL: String?

    @Option(help: ArgumentHelp("Theme: default, light, high-contrast, monochrome, or a user theme (docs/themes.md); overrides the config file.",
                               valueName: "name"))
    var theme: String?

    @Flag(help: "ASCII borders and symbols only (for fonts and terminals without them).")
    var ascii = false

    @Option(help: ArgumentHelp("Credentials profile to use when neither --demo nor --base-url is given (default: default).",
                               valueName: "name"))
    var profile: String?

    func validate() throws {
        try Connection.validate(demo: demo, data: data, baseURL: baseURL)
    }

    var connection: Connection { Connection(demo: demo, data: data, baseURL: baseURL, profile: profile) }
}
