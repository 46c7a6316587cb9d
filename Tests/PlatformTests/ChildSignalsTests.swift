import Foundation
import Testing
@testable import Platform
#if canImport(Glibc)
import Glibc
#endif

/// Programs the app starts (custom commands, token commands, a browser) get no blocked signal from the
/// thread that starts them (the app's worker threads block SIGHUP, SIGINT, SIGTERM...).
@Suite struct ChildSignalsTests {
    /// Runs `body` on this thread with SIGHUP, SIGINT and SIGTERM blocked (as on the app's worker threads).
    static func withSignalsBlocked<T>(_ body: () -> T) -> T {
        var set = sigset_t(), old = sigset_t()
        sigemptyset(&set)
        for s in [SIGHUP, SIGINT, SIGTERM] { sigaddset(&set, s) }
        pthread_sigmask(SIG_BLOCK, &set, &old)
        defer { pthread_sigmask(SIG_SETMASK, &old, nil) }
        return body()
    }

    @Test func aCommandStartsWithNoSignalBlocked() {
        let outcome = Self.withSignalsBlocked {
            ChildProcess.run(["/bin/sh", "-c", "exec grep -E 'SigBlk|SigIgn' /proc/self/status"], timeout: 30)
        }
        guard case .output(let data) = outcome else { Issue.record("\(outcome)"); return }
        let text = String(decoding: data, as: UTF8.self)
        #expect(Self.standardSignals(text, "SigBlk") == 0, "\(text)")
    }

    /// The bits of signals 1-31 in a /proc status line (`SigBlk:\t000…`); above them are the C library's own.
    static func standardSignals(_ status: String, _ field: String) -> UInt64? {
        guard let line = status.split(separator: "\n").first(where: { $0.hasPrefix(field + ":") }),
              let bits = UInt64(line.dropFirst(field.count + 1).trimmingCharacters(in: .whitespaces), radix: 16)
        else { return nil }
        return bits & 0x7FFF_FFFF
    }
}
