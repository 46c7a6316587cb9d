import Testing
@testable import TerminalUI

/// 8 and 16 colours: what marks a role must survive the smaller palette.
@Suite struct ThemeDegradationTests {
    /// A role's look stands out from plain text: reverse video, underline, or a background of its own
    /// that is neither black nor white (the usual terminal backgrounds) nor its text's colour.
    static func standsOut(_ r: ResolvedStyle, normal: ResolvedStyle) -> Bool {
        if r.attributes.contains(.reverse) || r.attributes.contains(.underline) { return true }
        guard r.bg >= 0, r.bg != r.fg, r.bg != normal.bg else { return false }
        return normal.bg >= 0 || ![0, 7, 15].contains(r.bg)
    }

    @Test(arguments: [ColorMode.eight, .sixteen])
    func everyBuiltInThemeShowsBothSelections(mode: ColorMode) throws {
        for name in Theme.builtinNames {
            let theme = try #require(Theme.builtin(name))
            let normal = theme.resolve(.normal, mode)
            for role in [Role.selection, .selectionUnfocused, .statusLine, .statusError, .attention] {
                let r = theme.resolve(role, mode)
                #expect(Self.standsOut(r, normal: normal), "\(name) \(role.name) at \(mode): \(r)")
                #expect(r.fg < 0 || r.fg != r.bg, "\(name) \(role.name) at \(mode): text in its background's colour")
            }
            // The two selections differ from each other.
            #expect(theme.resolve(.selection, mode) != theme.resolve(.selectionUnfocused, mode), "\(name) at \(mode)")
        }
    }

    /// The default theme on `TERM=xterm`: the selection is reverse video in the terminal's own colours in
    /// every mode (issue 19: fewer bytes per cursor step), the unfocused one underlined on 8 colours.
    @Test func theDefaultThemeOnEightColours() throws {
        let theme = try #require(Theme.builtin("default"))
        #expect(theme.resolve(.selection, .eight) == ResolvedStyle(fg: -1, bg: -1, attributes: [.reverse]))
        #expect(theme.resolve(.selectionUnfocused, .eight) == ResolvedStyle(fg: -1, bg: -1, attributes: [.underline]))
        #expect(theme.resolve(.selection, .full) == ResolvedStyle(fg: -1, bg: -1, attributes: [.reverse]))
        #expect(theme.resolve(.selection, .none).attributes == [.reverse, .bold])
        // A theme whose normal background is its own (high-contrast: black) keeps the roles that share it.
        let hc = try #require(Theme.builtin("high-contrast"))
        #expect(hc.resolve(.hint, .eight).bg == 0 && hc.resolve(.hint, .eight).fg >= 0)
        #expect(hc.resolve(.selection, .eight).bg == 3)
    }
}
