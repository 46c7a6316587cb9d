import Foundation

/// Blocking work (a child process, a file, a socket wait) run on a thread of its own and awaited: Swift's
/// cooperative pool has one thread per core (two on a small machine), and a blocked one stalls every task.
public enum OwnThread {
    public static func run<T: Sendable>(_ body: @escaping @Sendable () -> T) async -> T {
        await withCheckedContinuation { (continuation: CheckedContinuation<T, Never>) in
            Thread { continuation.resume(returning: body()) }.start()
        }
    }
}
