// The loop's two wake-ups besides the terminal: the inbox (events posted by background work, from any
// thread) and the signals noted by CTerminal's handlers. See docs/terminal.md, The loop.
import CTerminal
import Synchronization

#if canImport(Glibc)
import Glibc
#endif

/// The signal bits `cterm_signals_take` reports.
let sigInt = UInt32(CTERM_SIG_INT)
let sigTerm = UInt32(CTERM_SIG_TERM)
let sigHup = UInt32(CTERM_SIG_HUP)
let sigTstp = UInt32(CTERM_SIG_TSTP)
let sigWinch = UInt32(CTERM_SIG_WINCH)
let sigCont = UInt32(CTERM_SIG_CONT)

/// A thread-safe mailbox: background tasks `post` events; the loop wakes up and hands them to the app.
public final class Inbox<Event: Sendable>: Sendable {
    private let queue = Mutex<[Event]>([])
    private let readFD: Int32
    private let writeFD: Int32

    /// Creates the wake pipe. Nil if no pipe can be made.
    public init?() {
        var fds: [Int32] = [-1, -1]
        guard cterm_pipe(&fds) == 0 else { return nil }
        readFD = fds[0]
        writeFD = fds[1]
    }

    deinit {
        close(readFD)
        close(writeFD)
    }

    /// Adds an event and wakes the loop. Callable from any thread.
    public func post(_ event: Event) {
        queue.withLock { $0.append(event) }
        var b: UInt8 = 1
        _ = write(writeFD, &b, 1)  // a full pipe is fine: the loop is awake anyway
    }

    /// Takes every queued event (oldest first).
    public func drain() -> [Event] {
        var buf = [UInt8](repeating: 0, count: 256)
        while read(readFD, &buf, buf.count) > 0 {}
        return queue.withLock { q in
            let out = q
            q.removeAll(keepingCapacity: true)
            return out
        }
    }

    /// The descriptor that becomes readable after a post.
    public var wakeFD: Int32 { readFD }
}

/// Whether SIGINT, SIGTERM or SIGHUP arrived and the loop has not handled it yet: the app is about to end
/// (checked after `$EDITOR` returns, which the loop waits for).
public var exitSignalPending: Bool { cterm_signals_peek() & (sigInt | sigTerm | sigHup) != 0 }

/// Whether the app is about to end: an exit signal is pending, or its terminal hung up (the pty master
/// closed, with or without a SIGHUP). Polled while a child program (`$EDITOR`, a custom command) has the
/// terminal, so that the child is stopped and the app exits instead of waiting on a dead terminal.
public var appMustEnd: Bool { exitSignalPending || cterm_terminal_hung_up() != 0 }
