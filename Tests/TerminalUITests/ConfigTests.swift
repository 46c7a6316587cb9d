import Foundation
import Platform
import Browser
import BrowserRuntime
import Testing

@testable import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

@Suite struct TOMLTests {
    @Test func parsesTheSubset() throws {
        let doc = try TOML.parse("""
            # comment
            name = "x" # trailing
            n = 42
            neg = -7
            big = 1_000
            f = 2.5
            on = true
            off = false
            list = ["a", 'b\\c', "q\\"uote\\u00e9"]
            multi = [
              1, # one
              2,
            ]
            inline = { fg = "red", bold = true }
            "quoted key" = 1
            dotted.key = "v"

            [a.b]
            c = "deep"
            [a]
            d = 1
            """)
        #expect(doc["name"] == .string("x"))
        #expect(doc["n"]?.integer == 42)
        #expect(doc["neg"]?.integer == -7)
        #expect(doc["big"]?.integer == 1000)
        #expect(doc["f"]?.number == 2.5)
        #expect(doc["on"]?.bool == true)
        #expect(doc["off"]?.bool == false)
        #expect(doc["list"]?.strings == ["a", "b\\c", "q\"uoteé"])
        #expect(doc["multi"] == .array([.integer(1), .integer(2)]))
        #expect(doc["inline"]?.table?["fg"]?.string == "red")
        #expect(doc["quoted key"]?.integer == 1)
        #expect(doc["dotted"]?.table?["key"]?.string == "v")
        #expect(doc["a"]?.table?["b"]?.table?["c"]?.string == "deep")
        #expect(doc["a"]?.table?["d"]?.integer == 1)
        #expect(doc.line(of: "n") == 3)
        #expect(doc.keys.prefix(3) == ["name", "n", "neg"])
    }

    @Test func errorsCarryLineNumbers() {
        func line(_ text: String) -> Int? {
            do { _ = try TOML.parse(text); return nil } catch { return error.line }
        }
        #expect(line("a = 1\nb = \n") == 2)
        #expect(line("a = 1\n\n\nb = bare\n") == 4)
        #expect(line("a = \"unterminated\nb = 2") == 1)
        #expect(line("a = 1\na = 2") == 2)
        #expect(line("[t]\nx = 1\n[t]\n") == 3)
        #expect(line("x = [1, 2\ny = 3") == 2)
        #expect(line("[[a.b]]") == 1)
        #expect(line("[[arr]\nx = 1") == 1)
        #expect(line("[arr]\n[[arr]]") == 2)
        #expect(line("ok = 1\ns = \"\"\"multi\"\"\"") == 2)
        #expect(line("x = 1 2") == 1)
        #expect(line("a = 1\n[a]\n") == 2)
        #expect(line("k = \"bad \\q escape\"") == 1)
    }
}

@Suite struct ThemeTests {
    static var packageRoot: String {
        var parts = String(#filePath).split(separator: "/", omittingEmptySubsequences: false)
        parts.removeLast(3)  // Tests/TerminalUITests/ConfigTests.swift
        return parts.joined(separator: "/")
    }

    /// Every file of themes/ is built in (embedded by SwiftPM), byte for byte, and nothing else is.
    @Test func everyThemeFileIsBuiltIn() throws {
        let files = try FileManager.default.contentsOfDirectory(atPath: "\(Self.packageRoot)/themes")
            .filter { $0.hasSuffix(".toml") }.map { String($0.dropLast(5)) }
        #expect(Set(Theme.builtinNames) == Set(files), "list new theme files in Sources/TerminalUI/BuiltinThemes.swift")
        #expect(Set(Theme.builtinNames) == ["default", "light", "high-contrast", "monochrome"])
        for name in Theme.builtinNames {
            let file = try #require(try Config.readText("\(Self.packageRoot)/themes/\(name).toml"), "themes/\(name).toml")
            #expect(Theme.builtinText(name) == file)
        }
    }

    @Test func builtinsParseWithoutMessages() throws {
        for name in Theme.builtinNames {
            let text = try #require(Theme.builtinText(name))
            let (theme, messages) = try Theme.parse(text, file: name)
            #expect(messages.isEmpty, "\(messages)")
            #expect(theme.name == name)
        }
        let d = try #require(Theme.builtin("default"))
        #expect(d[.normal].bg == .default)
        #expect(d[.selection].mono == [.reverse, .bold])
        #expect(d[.colorDarkBlue].fg == .index(69))
    }

    @Test func colourParsing() {
        #expect(Color(parsing: "default") == .default)
        #expect(Color(parsing: "red") == .index(1))
        #expect(Color(parsing: "bright-red") == .index(9))
        #expect(Color(parsing: "BrightWhite") == .index(15))
        #expect(Color(parsing: "grey") == .index(8))
        #expect(Color(parsing: "#ff8000") == .rgb(255, 128, 0))
        #expect(Color(parsing: "200") == .index(200))
        #expect(Color(parsing: "256") == nil)
        #expect(Color(parsing: "#12345") == nil)
        #expect(Color(parsing: "chartreuse") == nil)
    }

    @Test func degradation() throws {
        let (theme, messages) = try Theme.parse("""
            [selection]
            fg = "#ffffff"
            bg = 24
            [border]
            fg = "bright-black"
            [hint]
            fg = "bright-green"
            bg = "bright-blue"
            """)
        #expect(messages.isEmpty)
        let sel256 = theme.resolve(.selection, .full)
        #expect(sel256.fg == 231 && sel256.bg == 24)
        let sel16 = theme.resolve(.selection, .sixteen)
        #expect(sel16.fg == 15)
        #expect((0..<16).contains(sel16.bg))
        // bg 24 becomes black with 8 colours (invisible on a dark terminal): reverse video instead.
        let sel8 = theme.resolve(.selection, .eight)
        #expect(sel8.fg == -1 && sel8.bg == -1 && sel8.attributes.contains(.reverse))
        #expect(theme.resolve(.border, .eight).fg == 7)  // grey does not become black
        let hint8 = theme.resolve(.hint, .eight)
        #expect(hint8.fg == 2 && hint8.bg == 4 && hint8.attributes.contains(.bold))
        let none = theme.resolve(.selection, .none)
        #expect(none.fg == -1 && none.bg == -1 && none.attributes.contains(.reverse))
        // Unmentioned roles inherit: border-focused from border.
        #expect(theme[.borderFocused].fg == .index(8))
        #expect(Theme.nearest256((255, 135, 0)) == 208)
        #expect(Theme.nearest256((128, 128, 128)) == 244)
    }

    @Test func colorModeDetection() {
        #expect(ColorMode.detect(colors: 256, environment: [:]) == .full)
        #expect(ColorMode.detect(colors: 16, environment: [:]) == .sixteen)
        #expect(ColorMode.detect(colors: 8, environment: [:]) == .eight)
        #expect(ColorMode.detect(colors: 0, environment: [:]) == .none)
        #expect(ColorMode.detect(colors: 256, environment: ["NO_COLOR": "1"]) == .none)
        #expect(ColorMode.detect(colors: 256, environment: ["NO_COLOR": ""]) == .full)
        #expect(ColorMode.detect(colors: 256, environment: [:], requested: "16") == .sixteen)
        #expect(ColorMode.detect(colors: 8, environment: [:], requested: "256") == .eight)
        #expect(ColorMode.detect(colors: 256, environment: [:], requested: "none") == .none)
    }

    @Test func themeProblemsAreMessagesWithLines() throws {
        let (theme, messages) = try Theme.parse("""
            name = "mine"
            inherits = "light"
            [selection]
            fg = "chartreuse"
            attrs = ["bold", "blink"]
            [no-such-role]
            fg = 1
            """, file: "mine.toml")
        #expect(theme.name == "mine")
        #expect(theme[.border] == Theme.builtin("light")?[.border])
        #expect(messages.map(\.line) == [4, 5, 6])
        #expect(messages[0].description.hasPrefix("mine.toml:4: invalid colour"))
    }

    @Test func loadUserThemeThenBuiltinThenFallback() {
        let env = XDGPaths(environment: ["XDG_CONFIG_HOME": "/cfg", "HOME": "/home/u"])
        let files = ["/cfg/wrike-tui/themes/solar.toml": "name = \"solar\"\n[border]\nfg = 3\n",
                     "/cfg/wrike-tui/themes/broken.toml": "[border\n"]
        let user = Theme.load(named: "solar", paths: env) { files[$0] }
        #expect(user.theme.name == "solar" && user.messages.isEmpty)
        #expect(user.theme[.border].fg == .index(3))
        let builtin = Theme.load(named: "light", paths: env) { files[$0] }
        #expect(builtin.theme.name == "light" && builtin.messages.isEmpty)
        let broken = Theme.load(named: "broken", paths: env) { files[$0] }
        #expect(broken.theme.name == "default")
        #expect(broken.messages.first?.line == 1)
        let missing = Theme.load(named: "nope", paths: env) { files[$0] }
        #expect(missing.theme.name == "default")
        #expect(missing.messages.first?.message.contains("no theme named 'nope'") == true)
    }

    /// A theme file that is a FIFO would block `fopen` forever: the default theme and a message instead.
    @Test func anUnreadableUserThemeFallsBackWithAMessage() throws {
        let home = NSTemporaryDirectory() + "wtui-theme-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: home) }
        let paths = XDGPaths(environment: ["HOME": home])
        try FileManager.default.createDirectory(atPath: paths.themes, withIntermediateDirectories: true)
        #expect(mkfifo(paths.themes + "/solar.toml", 0o600) == 0)
        let (theme, messages) = Theme.load(named: "solar", paths: paths)
        #expect(theme.name == "default")
        #expect(messages.map(\.description) == [paths.themes + "/solar.toml: not a regular file; using the default theme"])
    }
}

@Suite struct ConfigTests {
    /// docs/auth.md tells to put the OAuth app under `[auth]` in config.toml (read by `auth login` and the
    /// token refresh): the app must not call that section an unknown setting at start.
    @Test func theAuthSectionDocsAuthDescribesIsASetting() {
        let ok = Config.parse("[auth]\nclient_id = \"id\"\nclient_secret = \"secret\"\n")
        #expect(ok.messages.isEmpty, "\(ok.messages)")
        #expect(Config.settingNames.contains("[auth]"))
        let wrong = Config.parse("auth = 3\n")
        #expect(wrong.messages.map(\.message) == ["auth must be a table: [auth] with client_id and client_secret"])
        let typo = Config.parse("[auth]\nclient_idd = \"x\"\n")
        #expect(typo.messages.map(\.message) == ["unknown setting 'auth.client_idd' (known: client_id, client_secret)"])
        let notText = Config.parse("[auth]\nclient_id = 5\n")
        #expect(notText.messages.map(\.message) == ["auth.client_id must be a string"])
    }

    @Test func defaultsWhenMissing() {
        let (config, messages) = Config.load(paths: XDGPaths(environment: ["HOME": "/nonexistent-home"])) { _ in nil }
        #expect(config == Config())
        #expect(messages.isEmpty)
        #expect(Config.load(paths: XDGPaths(environment: ["HOME": "/nonexistent-home"])) == (Config(), []))
    }

    /// config.toml as a FIFO (or a directory) used to hang the start in `fopen`; now: defaults and a message.
    @Test func anUnreadableConfigGivesDefaultsAndAMessage() throws {
        let home = NSTemporaryDirectory() + "wtui-config-" + UUID().uuidString
        defer { try? FileManager.default.removeItem(atPath: home) }
        let paths = XDGPaths(environment: ["HOME": home])
        try FileManager.default.createDirectory(atPath: paths.config, withIntermediateDirectories: true)
        #expect(mkfifo(paths.configFile, 0o600) == 0)
        let (config, messages) = Config.load(paths: paths)
        #expect(config == Config())
        #expect(messages.map(\.description) == [paths.configFile + ": not a regular file; using the default settings"])
    }

    @Test func parsesSettings() {
        let (config, messages) = Config.parse("""
            theme = "light"
            ascii = true
            colors = "16"
            refresh-interval = 30
            rate-limit = 120
            columns = ["status", "title", "due"]

            [keys]
            quit = ["q", "ctrl-c"]
            move-down = "j"
            """)
        #expect(messages.isEmpty)
        #expect(config.theme == "light")
        #expect(config.ascii)
        #expect(config.colors == "16")
        #expect(config.refreshInterval == 30)
        #expect(config.rateLimit == 120)
        #expect(config.columns == ["status", "title", "due"])
        #expect(config.keys == ["quit": ["q", "ctrl-c"], "move-down": ["j"]])
        #expect(config.keyLines["move-down"] == 10)
    }

    @Test func syntaxErrorGivesDefaultsAndTheLine() {
        let (config, messages) = Config.parse("theme = \"light\"\nrate-limit = \n", file: "/c/config.toml")
        #expect(config == Config())
        #expect(messages.count == 1)
        #expect(messages.first?.line == 2)
        #expect(messages.first?.description.hasPrefix("/c/config.toml:2:") == true)
    }

    @Test func badValuesKeepDefaultsWithLines() {
        let (config, messages) = Config.parse("""
            theme = "light"
            rate-limit = "fast"
            columns = ["title", "nope"]
            wat = 1
            [keys]
            quit = ["q", "ctrl-shift-meta-x"]
            """)
        #expect(config.theme == "light")
        #expect(config.rateLimit == 300)
        #expect(config.columns == Config.defaultColumns)
        #expect(config.keys["quit"] == nil)   // the default
        #expect(messages.map(\.line) == [2, 3, 4, 6])
    }

    @Test func keysThatAreNotKeysKeepTheDefaultAndQStillQuits() {
        for value in ["\"xyz123\"", "\"\"", "[\"xyz123\"]", "[]"] {
            let (config, messages) = Config.parse("[keys]\nquit = \(value)\nhelp = \(value)\n")
            let (keymap, keyMessages) = Keymap.from(config: config)
            #expect(keymap.action(for: "q") == .quit, "quit = \(value)")
            #expect(keymap.action(for: "?") == .help, "help = \(value)")
            let all = messages.map(\.description) + keyMessages
            #expect(all.count == 2 && all.allSatisfy { $0.contains("keeping the default") }, "\(value): \(all)")
        }
    }
}

@Suite struct KeyTests {
    @Test func parsing() {
        #expect(Key(parsing: "g") == .char("g"))
        #expect(Key(parsing: "G") == .char("G"))
        #expect(Key(parsing: "?") == .char("?"))
        #expect(Key(parsing: "space") == .char(" "))
        #expect(Key(parsing: "ctrl-u") == .ctrl("u"))
        #expect(Key(parsing: "C-d") == .ctrl("d"))
        #expect(Key(parsing: "^U") == .ctrl("u"))
        #expect(Key(parsing: "ctrl-i") == .tab)
        #expect(Key(parsing: "S-Tab") == .backTab)
        #expect(Key(parsing: "shift-tab") == .backTab)
        #expect(Key(parsing: "PgDn") == .pageDown)
        #expect(Key(parsing: "pageup") == .pageUp)
        #expect(Key(parsing: "Enter") == .enter)
        #expect(Key(parsing: "esc") == .escape)
        #expect(Key(parsing: "F5") == .function(5))
        #expect(Key(parsing: "home") == .home)
        #expect(Key(parsing: "ctrl-") == nil)
        #expect(Key(parsing: "hyper-x") == nil)
        #expect(Key(parsing: "F99") == nil)
        #expect(Key(parsing: "") == nil)
    }

    @Test func displayAndRoundTrip() {
        #expect(Key.ctrl("u").displayName == "Ctrl-u")
        #expect(Key.backTab.displayName == "S-Tab")
        #expect(Key.pageDown.displayName == "PgDn")
        #expect(Key.char(" ").displayName == "Space")
        #expect(Key.down.name(ascii: true) == "Down")
        let all: [Key] = [.char("g"), .char(" "), .ctrl("u"), .up, .down, .left, .right, .pageUp, .pageDown, .home, .end,
                          .enter, .escape, .tab, .backTab, .backspace, .delete, .insert, .function(12)]
        for k in all { #expect(Key(parsing: k.configName) == k, "\(k.configName)") }
    }

    @Test func fromTerminalCharacters() {
        #expect(Key.from(character: "\t") == .tab)
        #expect(Key.from(character: "\r") == .enter)
        #expect(Key.from(character: "\u{1B}") == .escape)
        #expect(Key.from(character: "\u{7F}") == .backspace)
        #expect(Key.from(character: "\u{15}") == .ctrl("u"))
        #expect(Key.from(character: "é") == .char("é"))
        #expect(Key.from(character: "\u{9B}") == nil)
    }
}
