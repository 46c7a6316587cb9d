// What a program the app starts ($EDITOR, a custom command, a browser, a token command) gets of the
// app's signal state: nothing. posix_spawn copies the calling thread's signal mask and the ignored
// signals into the child; the app spawns from worker threads, which block SIGHUP, SIGINT, SIGTERM,
// SIGCHLD and more (libdispatch sends process signals to the main thread that way). A child started
// with that mask could not be ended by a hang-up or Ctrl-C, and its own children (a shell's jobs, an
// editor's `:!`) inherit it too. See docs/terminal.md, Terminal hygiene.
#if canImport(Glibc)
import Glibc
#endif

public enum ChildSignals {
    /// The signals a child gets back with their default action (those a parent may have ignored or
    /// handled: a handler does not survive exec, an ignored signal does).
    public static let resetToDefault: [Int32] = [SIGHUP, SIGINT, SIGQUIT, SIGTERM, SIGPIPE, SIGCHLD, SIGALRM,
                                                 SIGUSR1, SIGUSR2, SIGTSTP, SIGTTIN, SIGTTOU, SIGWINCH, SIGCONT]

    /// Sets `attr` (initialised by the caller) so that the child starts with no signal blocked and
    /// `resetToDefault` at their default action; `extraFlags` are or-ed in (e.g. `posixSpawnSetsid`).
    public static func configure(_ attr: inout posix_spawnattr_t, extraFlags: Int16 = 0) {
        var none = sigset_t()
        sigemptyset(&none)
        posix_spawnattr_setsigmask(&attr, &none)
        var defaults = sigset_t()
        sigemptyset(&defaults)
        for s in resetToDefault { sigaddset(&defaults, s) }
        posix_spawnattr_setsigdefault(&attr, &defaults)
        posix_spawnattr_setflags(&attr, Int16(POSIX_SPAWN_SETSIGMASK | POSIX_SPAWN_SETSIGDEF) | extraFlags)
    }

    /// Runs `body` with spawn attributes set by `configure`.
    public static func withAttributes<T>(extraFlags: Int16 = 0, _ body: (inout posix_spawnattr_t) -> T) -> T {
        var attr = posix_spawnattr_t()
        posix_spawnattr_init(&attr)
        defer { posix_spawnattr_destroy(&attr) }
        configure(&attr, extraFlags: extraFlags)
        return body(&attr)
    }
}
