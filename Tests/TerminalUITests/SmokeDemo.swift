import TermText
import Testing

@testable import TerminalUI

#if canImport(Glibc)
import Glibc
#endif

/// A manual smoke test of the real backend on the real terminal, off by default:
///   WRIKE_TUI_SMOKE=1 swift test --filter smokeDemo      (inside tmux or a terminal)
/// Keys: any key is counted, y copies (OSC 52), o shows an OSC 8 link, t cycles themes, q quits.
/// A background task posts an event every 200 ms through the Inbox.
@Suite struct SmokeDemo {
    struct Demo: App {
        var keys: [Key] = []
        var ticks = 0
        var themeIndex = 0
        var size = (0, 0)

        mutating func handle(key: Key, context: inout LoopContext) {
            size = (context.width, context.height)
            switch key {
            case .char("q"): context.quit()
            case .char("y"): context.copyToClipboard("https://www.wrike.com/open.htm?id=42")
            case .char("o"): context.showHyperlink(url: "https://www.wrike.com/open.htm?id=42", text: "permalink", x: 2, y: 3)
            case .char("t"):
                themeIndex = (themeIndex + 1) % Theme.builtinNames.count
                context.setTheme(Theme.builtin(Theme.builtinNames[themeIndex]) ?? .fallback)
            default: break
            }
            if key != .resize { keys.append(key) }
        }

        mutating func handle(event: Int, context: inout LoopContext) { ticks = event }

        mutating func render(into canvas: inout Canvas, context: RenderContext) {
            let g = context.glyphs
            let full = canvas.bounds
            let cols = full.inset(top: 0, left: 0, bottom: 1, right: 0).columns(weights: [1, 2])
            canvas.box(cols[0], chars: g.focusedBorder, style: Style(.borderFocused), title: "Demo 漢字",
                       titleStyle: Style(.titleFocused), ellipsis: g.ellipsis)
            canvas.box(cols[1], chars: g.border, style: Style(.border), title: "Colours", titleStyle: Style(.title))
            canvas.withRegion(cols[0].inset(by: 1)) { c in
                c.put("size \(size.0)x\(size.1) mode \(context.colorMode)", x: 0, y: 0)
                c.put("events \(ticks)", x: 0, y: 1, style: Style(.dim))
                c.put("permalink", x: 1, y: 2, style: Style(.link))
                c.putPadded("\(g.selectionMarker) selected row 😀 e\u{301}", x: 0, y: 4, width: c.bounds.width,
                            style: Style(.selection), ellipsis: g.ellipsis)
                let last = keys.suffix(8).map(\.displayName).joined(separator: " ")
                c.put("keys: " + last, x: 0, y: 6, style: Style(.hintKey))
            }
            canvas.withRegion(cols[1].inset(by: 1)) { c in
                for (i, role) in Role.allCases.enumerated() {
                    let x = i / c.bounds.height * 22
                    c.putPadded(role.name, x: x, y: i % max(1, c.bounds.height), width: 21, style: Style(role))
                }
            }
            canvas.putPadded(" q quit  y copy  o link  t theme  Ctrl-Z suspend", x: 0, y: full.height - 1,
                             width: full.width, style: Style(.statusLine), ellipsis: g.ellipsis)
        }
    }

    @Test(.enabled(if: getenv("WRIKE_TUI_SMOKE") != nil))
    func smokeDemo() throws {
        let screen = try NcursesScreen()
        defer { screen.shutdown() }
        let inbox = try #require(Inbox<Int>())
        let task = Task.detached {
            var n = 0
            while !Task.isCancelled {
                try? await Task.sleep(for: .milliseconds(200))
                n += 1
                inbox.post(n)
            }
        }
        defer { task.cancel() }
        let loop = EventLoop<Demo>(screen: screen, inbox: inbox)
        var app = Demo()
        loop.run(&app)
        #expect(loop.exitReason == .quit)
    }
}
