import Foundation
import TerminalUI

/// A program the bench runs on a headless terminal, timed from its launch.
struct PtyProcess {
    let process: Process
    let pty: HeadlessTerminal
    let started: ContinuousClock.Instant

    /// Starts `path` with `arguments` and `environment` (nil: the bench's own), the terminal as its stdin,
    /// stdout and stderr.
    init(_ path: String, _ arguments: [String] = [], environment: [String: String]? = nil, on pty: HeadlessTerminal) throws {
        let p = Process()
        p.executableURL = URL(fileURLWithPath: path)
        p.arguments = arguments
        if let environment { p.environment = environment }
        let slave = FileHandle(fileDescriptor: pty.slaveFD, closeOnDealloc: false)
        p.standardInput = slave
        p.standardOutput = slave
        p.standardError = slave
        started = ContinuousClock.now
        try p.run()
        process = p
        self.pty = pty
    }

    /// Milliseconds from the launch until `seen` holds for what the terminal received, polled every `pollUs`;
    /// nil after `limit`.
    func msUntil(limit: Duration = .seconds(10), pollUs: UInt32, _ seen: ([UInt8]) -> Bool) -> Double? {
        while ContinuousClock.now - started < limit {
            if seen(pty.captured()) { return ms(ContinuousClock.now - started) }
            usleep(pollUs)
        }
        return nil
    }

    /// `q`, then up to 3 s for the program to end, else SIGTERM; waits for its end.
    func quit() {
        pty.send("q")
        let stop = ContinuousClock.now
        while process.isRunning && ContinuousClock.now - stop < .seconds(3) { usleep(2000) }
        if process.isRunning { process.terminate() }
        process.waitUntilExit()
    }
}
