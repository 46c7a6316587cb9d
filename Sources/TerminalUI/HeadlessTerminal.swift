// A pseudo-terminal for running the real ncurses backend without a real terminal: benchmarks count the
// bytes a frame costs, tests read back what curses holds. See docs/terminal.md.
import CTerminal

#if canImport(Glibc)
import Foundation
import Glibc
#endif

/// A pty pair whose master side is drained by a background thread that counts (and keeps up to
/// `captureLimit` of) the bytes the program writes.
public final class HeadlessTerminal {
    public let masterFD: Int32
    /// Give this to `NcursesScreen.Options.inputFD` / `outputFD`.
    public let slaveFD: Int32
    private let drain: OpaquePointer

    public init?(width: Int, height: Int, captureLimit: Int = 1 << 20) {
        var m: Int32 = -1, s: Int32 = -1
        guard cterm_openpty(&m, &s, Int32(height), Int32(width)) == 0 else { return nil }
        guard let d = cterm_drain_start(m, captureLimit) else {
            close(m)
            close(s)
            return nil
        }
        masterFD = m
        slaveFD = s
        drain = d
    }

    deinit {
        cterm_drain_stop(drain)
        close(slaveFD)
        close(masterFD)
    }

    /// Options for an `NcursesScreen` on this pty (no signal handlers, no setlocale unless asked).
    public func screenOptions(term: String = "xterm-256color", theme: Theme = .fallback) -> NcursesScreen.Options {
        var o = NcursesScreen.Options()
        o.term = term
        o.inputFD = slaveFD
        o.outputFD = slaveFD
        o.theme = theme
        o.installSignalHandlers = false
        o.environment = ["TERM": term]
        return o
    }

    /// Total bytes the program has written so far (as read by the drain thread).
    public var bytesWritten: UInt64 { cterm_drain_count(drain) }

    /// Waits until output has been quiet for `quietMilliseconds` and returns the total byte count.
    /// The pty hands bytes to the reader asynchronously (a kernel worker), so on a loaded machine a
    /// few milliseconds of quiet do not prove the output is complete: the default is generous.
    @discardableResult
    public func settle(quietMilliseconds: Int = 25, maxMilliseconds: Int = 3000) -> UInt64 {
        cterm_drain_settle(drain, Int32(quietMilliseconds), Int32(maxMilliseconds))
    }

    /// Waits until every byte the program has written so far has been read (and captured), however loaded
    /// the machine: a marker written after them must arrive (it is neither counted nor captured). Returns
    /// the total byte count, or nil when the marker did not arrive within `timeoutSeconds` (an upper bound,
    /// not the expected time). Prefer this to `settle` in tests: it does not guess from a quiet period.
    public func sync(timeoutSeconds: Double = 120) -> UInt64? {
        cterm_drain_barrier(drain, slaveFD, Int32(timeoutSeconds * 1000)) == 1 ? bytesWritten : nil
    }

    /// Waits (bounded) until the captured output satisfies `done`, then returns it as text. Prefer this
    /// to `settle` in tests: it does not guess from a quiet period when the bytes have all arrived. The
    /// timeout is an upper bound for a loaded machine, not the expected time.
    @discardableResult
    public func waitForOutput(timeoutSeconds: Double = 120, _ done: (String) -> Bool) -> String {
        let deadline = Date().addingTimeInterval(timeoutSeconds)
        var text = String(decoding: captured(), as: UTF8.self)
        while !done(text) && Date() < deadline {
            usleep(5_000)
            text = String(decoding: captured(), as: UTF8.self)
        }
        return text
    }

    @discardableResult
    public func waitForOutput(containing marker: String, timeoutSeconds: Double = 120) -> String {
        waitForOutput(timeoutSeconds: timeoutSeconds) { $0.contains(marker) }
    }

    /// The captured output so far.
    public func captured() -> [UInt8] {
        var buf = [UInt8](repeating: 0, count: 1 << 20)
        let n = cterm_drain_copy(drain, &buf, buf.count)
        return Array(buf[0..<n])
    }

    public func clearCaptured() { cterm_drain_clear(drain) }

    /// Types bytes as if from the keyboard.
    public func send(_ bytes: [UInt8]) {
        bytes.withUnsafeBytes { raw in
            if let base = raw.baseAddress { _ = cterm_write_all(masterFD, base, raw.count) }
        }
    }

    public func send(_ text: String) { send(Array(text.utf8)) }

    /// Changes the window size (then call `screen.handleResize()`).
    public func resize(width: Int, height: Int) { _ = cterm_set_winsize(masterFD, Int32(height), Int32(width)) }
}
