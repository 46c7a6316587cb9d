import Testing
@testable import Platform

@Suite struct XDGPathsTests {
    @Test func defaultsAreUnderHome() {
        let p = XDGPaths(environment: ["HOME": "/h"])
        #expect(p.configHome == "/h/.config")
        #expect(p.cacheHome == "/h/.cache")
        #expect(p.stateHome == "/h/.local/state")
        #expect(p.dataHome == "/h/.local/share")
        #expect(p.config == "/h/.config/wrike-tui")
        #expect(p.configFile == "/h/.config/wrike-tui/config.toml")
        #expect(p.themes == "/h/.config/wrike-tui/themes")
        #expect(p.cache == "/h/.cache/wrike-tui")
        #expect(p.drafts == "/h/.local/state/wrike-tui/drafts")
        #expect(p.logDirectory == "/h/.local/state/wrike-tui/log")
        #expect(p.data == "/h/.local/share/wrike-tui")
    }

    @Test func absoluteXDGVariablesWinRelativeOnesAreIgnored() {
        let env = ["HOME": "/h", "XDG_CONFIG_HOME": "/c/", "XDG_CACHE_HOME": "/k", "XDG_STATE_HOME": "/s",
                   "XDG_DATA_HOME": "relative/d"]
        let p = XDGPaths(environment: env)
        #expect(p.config == "/c/wrike-tui")
        #expect(p.cache == "/k/wrike-tui")
        #expect(p.logDirectory == "/s/wrike-tui/log")
        #expect(p.data == "/h/.local/share/wrike-tui")
        #expect(XDGPaths(environment: ["HOME": "/h", "XDG_STATE_HOME": ""]).state == "/h/.local/state/wrike-tui")
    }

    @Test func aMissingHomeFallsBackToTheUsersHomeDirectory() {
        let p = XDGPaths(environment: ["HOME": ""])
        #expect(p.home.hasPrefix("/"))
        #expect(p.config.hasSuffix("/.config/wrike-tui") && p.config.count > "/.config/wrike-tui".count - 1)
        #expect(XDGPaths(environment: ["HOME": "/"]).config == "/.config/wrike-tui")
    }
}
