import Foundation
import Platform
#if canImport(Glibc)
import Glibc
#endif

/// tmux is on PATH. Every suite that drives the app in tmux is `.enabled(if: tmuxInstalled)`, so that
/// without tmux its tests show as skipped (never as passed).
let tmuxInstalled = findOnPath("tmux") != nil

/// The full path of `tool` in PATH, if any.
func findOnPath(_ tool: String) -> String? {
    for dir in (ProcessInfo.processInfo.environment["PATH"] ?? "/usr/bin:/bin").split(separator: ":") {
        let p = "\(dir)/\(tool)"
        if FileManager.default.isExecutableFile(atPath: p) { return p }
    }
    return nil
}

/// Runs a program to completion with posix_spawn + waitpid and returns its exit status and stdout.
/// The program starts with no signal blocked or ignored (`ChildSignals`), as from a shell.
///
/// Foundation's `Process.waitUntilExit` can hang forever on Linux when the child forks a daemon
/// (`tmux new-session` does): the child is left a zombie and Foundation never notices it ended.
/// Waiting on the exact pid ourselves has no such failure mode. Output goes to a temporary file,
/// not a pipe, because a daemon that inherits the pipe would keep it open. With `withStderr`, stderr goes to
/// the same output (else to /dev/null).
func spawnAndWait(_ path: String, _ arguments: [String], environment: [String: String]? = nil,
                  withStderr: Bool = false) -> (status: Int32, output: String) {
    let outPath = NSTemporaryDirectory() + "wtui-spawn-\(getpid())-\(UInt32.random(in: 0...UInt32.max))"
    defer { unlink(outPath) }
    var actions = posix_spawn_file_actions_t()
    posix_spawn_file_actions_init(&actions)
    defer { posix_spawn_file_actions_destroy(&actions) }
    posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
    posix_spawn_file_actions_addopen(&actions, 1, outPath, O_WRONLY | O_CREAT | O_TRUNC, 0o600)
    if withStderr {
        posix_spawn_file_actions_adddup2(&actions, 1, 2)
    } else {
        posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
    }
    let argv = ([path] + arguments).map { strdup($0) } + [nil]
    defer { argv.forEach { free($0) } }
    let env = (environment ?? ProcessInfo.processInfo.environment).map { strdup("\($0.key)=\($0.value)") } + [nil]
    defer { env.forEach { free($0) } }
    var pid: pid_t = 0
    // With no signal blocked: posix_spawn copies the calling thread's mask, and the test's threads block
    // SIGTERM, SIGHUP and SIGCHLD. A tmux server started so never handled `kill-server` (its SIGTERM stayed
    // pending), kept the pane's pty open, and the app in it never saw its terminal go.
    let rc = ChildSignals.withAttributes { posix_spawn(&pid, path, &actions, &$0, argv, env) }
    guard rc == 0 else { return (-1, "") }
    var status: Int32 = 0
    while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
    let output = (try? String(contentsOfFile: outPath, encoding: .utf8)) ?? ""
    let exited = (status & 0x7f) == 0
    return (exited ? (status >> 8) & 0xff : -1, output)
}
