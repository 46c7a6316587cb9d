// Keeps the last screen on disk for the instant start (Browser/Features/Snapshot): on ticks, once the
// screen has stayed the same for `settle` after a change, it is written in the background (never on a
// keystroke's path); on quit and on a signal it is written at once (the process ends right after).
// One write at a time; a change during a write is written on a later tick.
import Browser
import BrowserRuntime
import Foundation
import Synchronization

public final class ScreenKeeper: Sendable {
    public let store: ScreenSnapshotStore
    /// How long the screen stays unchanged before it is written.
    public let settle: TimeInterval

    private struct Book {
        var seen: Int?
        var changedAt: Date?
        var written: Int?
        var writing = false
        /// The screen from disk was seen stale and not yet fresh.
        var shownStale = false
    }
    private let book = Mutex(Book())

    private let log: @Sendable (String) -> Void
    private let started = ContinuousClock.now

    public init(store: ScreenSnapshotStore, settle: TimeInterval = 2, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.store = store
        self.settle = settle
        self.log = log
    }

    /// Called after every event: logs once when the screen drawn from disk has become fresh (the
    /// benchmark times the instant start's revalidation by this line).
    public func observe(_ state: AppState) {
        let stale = state.session.fromDisk.stale
        let becameFresh: Bool = book.withLock { b in
            if stale { b.shownStale = true; return false }
            defer { b.shownStale = false }
            return b.shownStale
        }
        if becameFresh {
            let ms = (ContinuousClock.now - started).components
            log("instant start: the screen from disk is fresh, \(ms.seconds * 1000 + ms.attoseconds / 1_000_000_000_000_000) ms after start")
        }
    }

    /// Called on every tick with the app's clock.
    public func tick(_ state: AppState) {
        let signature = state.screenSignature
        let now = state.now
        let due: Bool = book.withLock { b in
            if b.seen != signature {
                b.seen = signature
                b.changedAt = now
                return false
            }
            guard !b.writing, b.written != signature, let at = b.changedAt, now.timeIntervalSince(at) >= settle else { return false }
            b.writing = true
            return true
        }
        guard due else { return }
        guard let capture = capture(state) else {
            book.withLock { $0.writing = false }
            return
        }
        let store = self.store
        Task.detached(priority: .background) { [self] in
            let ok = store.save(capture)
            book.withLock { b in
                b.writing = false
                if ok { b.written = signature }
            }
        }
    }

    /// Writes the screen now (quitting).
    public func saveNow(_ state: AppState) {
        guard let capture = capture(state) else { return }
        store.save(capture)
    }

    private func capture(_ state: AppState) -> ScreenCapture? {
        state.captureScreen(host: store.host, profile: store.profile, appVersion: store.appVersion)
    }
}
