// What the event loop runs (`App`) and what an app may ask of it while handling a key or an event
// (`LoopContext`). See docs/terminal.md, The loop.
import TermText

/// What the loop runs. The browser's view models plug in here.
public protocol App {
    /// Results of background work, posted through an `Inbox`.
    associatedtype Event: Sendable

    mutating func handle(key: Key, context: inout LoopContext)
    /// Text the user pasted (bracketed paste): text for the focused input, never keys.
    mutating func handle(paste: Paste, context: inout LoopContext)
    /// A click or wheel turn (only when the screen reports the mouse).
    mutating func handle(mouse: MouseEvent, context: inout LoopContext)
    mutating func handle(event: Event, context: inout LoopContext)
    /// Called every `tickInterval` when the loop has one (countdowns, spinners).
    mutating func tick(context: inout LoopContext)
    /// Draws the whole screen. The canvas is blank and sized to the terminal.
    mutating func render(into canvas: inout Canvas, context: RenderContext)
    /// The loop is about to end without the user quitting: a signal (HUP, TERM, INT) or the terminal went
    /// away (a dropped SSH session). Save what must not be lost, such as text being typed. Runs on the
    /// loop's thread after the signal handler only noted the signal, so any work is allowed; the terminal
    /// may be gone, so draw nothing.
    mutating func prepareToExit()
}

extension App {
    /// An app without text inputs ignores pastes.
    public mutating func handle(paste: Paste, context: inout LoopContext) { context.needsRender = false }
    public mutating func handle(mouse: MouseEvent, context: inout LoopContext) { context.needsRender = false }
    public mutating func tick(context: inout LoopContext) {}
    public mutating func prepareToExit() {}
}

/// Facts render functions need besides the app's state.
public struct RenderContext: Sendable {
    public var glyphs: Glyphs
    public var colorMode: ColorMode
    public init(glyphs: Glyphs, colorMode: ColorMode) {
        self.glyphs = glyphs
        self.colorMode = colorMode
    }
}

/// Requests an app makes while handling a key or event; the loop carries them out after rendering.
public struct LoopContext {
    public let width: Int
    public let height: Int
    public let glyphs: Glyphs
    public let colorMode: ColorMode
    /// Set to false when nothing visible changed (the loop then skips rendering).
    public var needsRender = true
    public private(set) var quitRequested = false
    var outputs: [Output] = []

    enum Output {
        case clipboard(String)
        case hyperlink(url: String, text: String, x: Int, y: Int)
        case bell
        case repaint
        case theme(Theme)
        case suspend
        case release(() -> Void)
        case afterFrame(() -> Void)
    }

    public init(width: Int, height: Int, glyphs: Glyphs, colorMode: ColorMode) {
        self.width = width
        self.height = height
        self.glyphs = glyphs
        self.colorMode = colorMode
    }

    public mutating func quit() { quitRequested = true }
    /// Copy to the local clipboard with OSC 52 (works over SSH and in tmux/screen).
    public mutating func copyToClipboard(_ text: String) { outputs.append(.clipboard(text)) }
    /// After the next draw, make the cells at (x, y) showing `text` an OSC 8 hyperlink to `url`.
    public mutating func showHyperlink(url: String, text: String, x: Int, y: Int) {
        outputs.append(.hyperlink(url: url, text: text, x: x, y: y))
    }
    public mutating func bell() { outputs.append(.bell) }
    /// Tick within `d` rather than at the loop's interval (something waits for the clock: a debounce).
    public mutating func tickWithin(_ d: Duration) { tickSoon = min(tickSoon ?? d, d) }
    /// What `tickWithin` asked for.
    public private(set) var tickSoon: Duration?
    /// Repaint the whole terminal (e.g. after it was disturbed).
    public mutating func repaint() { outputs.append(.repaint) }
    public mutating func setTheme(_ theme: Theme) { outputs.append(.theme(theme)) }
    /// Suspend like Ctrl-Z (for a key binding).
    public mutating func suspend() { outputs.append(.suspend) }
    /// Give the terminal to `body` (e.g. to run $EDITOR), then take it back and repaint.
    public mutating func releaseTerminal(_ body: @escaping () -> Void) { outputs.append(.release(body)) }
    /// Run `body` once the frame is on the terminal (e.g. start background work so that it does not
    /// compete with drawing the keystroke's frame).
    public mutating func afterFrame(_ body: @escaping () -> Void) { outputs.append(.afterFrame(body)) }
}
