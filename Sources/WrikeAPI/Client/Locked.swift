import Foundation

/// A value guarded by a lock, for small synchronous critical sections shared across tasks.
/// (`Synchronization.Mutex` needs macOS 15; the package still declares macOS 14.)
final class Locked<Value>: @unchecked Sendable {
    private var value: Value
    private let lock = NSLock()

    init(_ value: Value) { self.value = value }

    @discardableResult
    func withLock<R>(_ body: (inout Value) throws -> R) rethrows -> R {
        lock.lock()
        defer { lock.unlock() }
        return try body(&value)
    }

    var snapshot: Value { withLock { $0 } }
}
