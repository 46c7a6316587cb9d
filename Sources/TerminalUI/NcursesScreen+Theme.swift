// NcursesScreen: the theme's roles as curses attributes and colour pairs (see docs/terminal.md, What a
// frame costs the terminal, and docs/themes.md).
import CNcurses
import CTerminal
import TermText

#if canImport(Glibc)
import Glibc
#endif

extension NcursesScreen {
    // MARK: - Theme and colours

    /// Switches theme (colours are set up again and the next draw repaints everything).
    public func setTheme(_ theme: Theme) {
        self.theme = theme
        applyTheme()
        invalidate()
    }

    func applyTheme() {
        resolved = theme.resolved(for: colorMode)
        rolePairs = Array(repeating: 0, count: resolved.count)
        attrCache = Array(repeating: attr_t.max, count: resolved.count * 32)
        // Every (role, attributes) combination up front: `draw` then only reads the table.
        for role in Role.allCases where Int(role.rawValue) < resolved.count {
            for bits in 0..<32 { _ = cursesAttributes(Style(role, Attributes(rawValue: UInt8(bits)))) }
        }
        blankStyles = Self.blankStyles(resolved)
        defer { setBlank() }
        guard colorMode != .none else {
            // start_color() ran (to learn COLORS): without this, pair 0 is white on black and ncurses sends
            // it with every reset, painting a NO_COLOR screen white on black instead of the terminal's own.
            if has_colors() { _ = use_default_colors() }
            return
        }
        let usesDefault = resolved.contains { $0.fg < 0 || $0.bg < 0 }
        let defaultsOK = usesDefault ? use_default_colors() == OK : true
        var pairs: [Int32: Int32] = [:]
        let maxPairs = Int32(shim_color_pairs())
        for (i, r) in resolved.enumerated() {
            var fg = r.fg, bg = r.bg
            if !defaultsOK {
                if fg < 0 { fg = 7 }
                if bg < 0 { bg = 0 }
            }
            // With 8 or 16 colours the terminal's own colours stay pair 0: the Linux console's `ncv`
            // (no_color_video) drops underline and dim from every cell that has a colour pair, and the
            // unfocused selection is underlined there (`Theme.losesBackground`).
            if colorMode < .full, fg < 0, bg < 0 { continue }
            // The terminal's own colours get a pair of their own too (not pair 0): ncurses leaves a colour
            // for pair 0 with `sgr0` after `op` (`\e[39m\e(B\e[m`, and the attributes must then be set
            // again), but switches to another pair with `setaf`/`setab` alone (`\e[39m`). Every coloured
            // word in a list row is followed by plain text, so this saves 6 bytes per colour change.
            let key = (Int32(fg) + 1) << 16 | (Int32(bg) + 1)
            if let p = pairs[key] {
                rolePairs[i] = p
                continue
            }
            let p = Int32(pairs.count + 1)
            guard p < maxPairs, init_pair(Int16(p), fg, bg) == OK else { continue }
            pairs[key] = p
            rolePairs[i] = p
        }
    }

    /// The window's background: a blank in the `normal` role's colours, so that what curses clears
    /// (scrolled-in lines, a cleared screen) is the same cell as a blank canvas cell and is not sent again.
    private func setBlank() {
        wbuf[0] = 0x20
        wbuf[1] = 0
        var blank = cchar_t()
        _ = shim_setcchar(&blank, wbuf, cursesAttributes(.normal), rolePairs[Int(Role.normal.rawValue)])
        wbkgrndset(window, &blank)
    }

    /// See `blankStyles`.
    static func blankStyles(_ resolved: [ResolvedStyle]) -> [Int32] {
        let normalIndex = Int32(Role.normal.rawValue) * 32
        let normalBg = resolved.indices.contains(Int(Role.normal.rawValue)) ? resolved[Int(Role.normal.rawValue)].bg : -1
        var out: [Int32] = []
        out.reserveCapacity(resolved.count * 32)
        for (role, r) in resolved.enumerated() {
            for bits in 0..<32 {
                let a = r.attributes.union(Attributes(rawValue: UInt8(bits)))
                let plain = r.bg == normalBg && !a.contains(.reverse) && !a.contains(.underline)
                out.append(plain ? normalIndex : Int32(role * 32 + bits))
            }
        }
        return out
    }

    @inline(__always)
    private func cursesAttributes(_ style: Style) -> attr_t {
        let index = Int(style.role.rawValue) * 32 + Int(style.attributes.rawValue & 31)
        let cached = attrCache[index]
        if cached != attr_t.max { return cached }
        let a = resolved[Int(style.role.rawValue)].attributes.union(style.attributes)
        var out = shim_a_normal()
        if a.contains(.bold) { out |= shim_a_bold() }
        if a.contains(.dim) { out |= shim_a_dim() }
        if a.contains(.underline) { out |= shim_a_underline() }
        if a.contains(.reverse) { out |= shim_a_reverse() }
        if a.contains(.italic) { out |= shim_a_italic() }
        attrCache[index] = out
        return out
    }
}
