import Foundation

/// Runs `attempt` until it returns true, pausing `pauseMicroseconds` between tries, for at most `seconds`.
/// The bound is for a loaded machine (other builds on two cores), not the expected time: a fixed number of
/// short tries is a wall-clock guess that such a machine breaks. Returns whether `attempt` succeeded.
@discardableResult
func eventually(within seconds: Double = 120, pauseMicroseconds: UInt32 = 2000, _ attempt: () -> Bool) -> Bool {
    let deadline = Date().addingTimeInterval(seconds)
    while true {
        if attempt() { return true }
        if Date() >= deadline { return false }
        usleep(pauseMicroseconds)
    }
}
