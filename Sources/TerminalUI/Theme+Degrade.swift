// A theme degraded to what the terminal shows: 24-bit colours to the nearest of 256 or 16, a background
// the palette cannot tell apart replaced by the role's `mono` attributes (docs/themes.md).

extension Theme {
    /// Every role's colours and attributes as the backend should use them in `mode`.
    public func resolved(for mode: ColorMode) -> [ResolvedStyle] {
        Role.allCases.map { resolve($0, mode) }
    }

    /// A role's colours and attributes in `mode`. Without colours, the `mono` attributes. With 8 or 16,
    /// a role whose background the palette can no longer tell apart (see `losesBackground`) takes its
    /// `mono` attributes too: the selection in reverse video, the unfocused selection underlined.
    public func resolve(_ role: Role, _ mode: ColorMode) -> ResolvedStyle {
        let s = self[role]
        let mono = ResolvedStyle(fg: -1, bg: -1, attributes: (s.mono ?? role.defaultMono).union(s.attributes))
        if mode == .none { return mono }
        var attrs = s.attributes
        let fg = Theme.degrade(s.fg, to: mode, foreground: true, attributes: &attrs)
        let bg = Theme.degrade(s.bg, to: mode, foreground: false, attributes: &attrs)
        if mode < .full, losesBackground(s, fg: fg, bg: bg, mode) { return mono }
        return ResolvedStyle(fg: fg, bg: bg, attributes: attrs)
    }

    /// Whether a role's look, degraded to 8 or 16 colours (`fg`, `bg`), loses what marks it: its text
    /// takes its background's colour, or a background of its own (one that differs from `normal`'s)
    /// becomes the screen's. With the terminal's own background (`normal` bg "default") that is black or
    /// white, the usual terminal backgrounds: the default theme's selection (bg 24) and unfocused
    /// selection (bg 237) both become black on an 8-colour terminal, invisible on a dark one.
    func losesBackground(_ s: RoleStyle, fg: Int16, bg: Int16, _ mode: ColorMode) -> Bool {
        if fg >= 0 && fg == bg { return true }
        let normal = self[.normal].bg
        guard s.bg != .default, s.bg != normal else { return false }
        guard normal != .default else { return [0, 7, 15].contains(bg) }
        var unused: Attributes = []
        return bg == Theme.degrade(normal, to: mode, foreground: false, attributes: &unused)
    }

    /// xterm's default RGB values for the 16 basic colours.
    static let basic16: [(Int, Int, Int)] = [
        (0, 0, 0), (205, 0, 0), (0, 205, 0), (205, 205, 0), (0, 0, 238), (205, 0, 205), (0, 205, 205), (229, 229, 229),
        (127, 127, 127), (255, 0, 0), (0, 255, 0), (255, 255, 0), (92, 92, 255), (255, 0, 255), (0, 255, 255),
        (255, 255, 255),
    ]
    static let cubeLevels = [0, 95, 135, 175, 215, 255]

    /// RGB of a 256-palette index (xterm's defaults).
    static func rgb(ofIndex i: Int) -> (Int, Int, Int) {
        if i < 16 { return basic16[max(0, i)] }
        if i < 232 {
            let n = i - 16
            return (cubeLevels[n / 36], cubeLevels[n / 6 % 6], cubeLevels[n % 6])
        }
        let v = 8 + 10 * (min(i, 255) - 232)
        return (v, v, v)
    }

    static func distance(_ a: (Int, Int, Int), _ b: (Int, Int, Int)) -> Int {
        let dr = a.0 - b.0, dg = a.1 - b.1, db = a.2 - b.2
        return 3 * dr * dr + 4 * dg * dg + 2 * db * db
    }

    /// The nearest 256-palette index to an RGB colour (colour cube or grey ramp).
    static func nearest256(_ c: (Int, Int, Int)) -> Int {
        func level(_ v: Int) -> Int { cubeLevels.indices.min { abs(cubeLevels[$0] - v) < abs(cubeLevels[$1] - v) } ?? 0 }
        let cube = 16 + 36 * level(c.0) + 6 * level(c.1) + level(c.2)
        let avg = (c.0 + c.1 + c.2) / 3
        let grey = 232 + min(23, max(0, (avg - 3) / 10))
        return distance(rgb(ofIndex: cube), c) <= distance(rgb(ofIndex: grey), c) ? cube : grey
    }

    /// The nearest basic colour (0-15) to an RGB colour.
    static func nearest16(_ c: (Int, Int, Int)) -> Int {
        basic16.indices.min { distance(basic16[$0], c) < distance(basic16[$1], c) } ?? 7
    }

    /// A theme colour as a palette index for `mode` (-1: default). Going to 8 colours, a bright
    /// foreground becomes its normal colour in bold (bright black becomes white, not black).
    static func degrade(_ color: Color, to mode: ColorMode, foreground: Bool, attributes: inout Attributes) -> Int16 {
        var index: Int
        switch color {
        case .default: return -1
        case .index(let i): index = i
        case .rgb(let r, let g, let b):
            let c = (Int(r), Int(g), Int(b))
            index = mode == .full ? nearest256(c) : nearest16(c)
        }
        if mode == .full { return Int16(index) }
        if index >= 16 { index = nearest16(rgb(ofIndex: index)) }
        if mode == .sixteen { return Int16(index) }
        if index >= 8 {
            if foreground {
                if index == 8 { return 7 }
                attributes.insert(.bold)
            }
            index -= 8
        }
        return Int16(index)
    }
}
