// The instant start's wiring: the kept screen and the warm-start file read before the loop starts (so
// that `.start` draws the screen before any request), and the keeper that writes the screen again.
import Browser
import BrowserRuntime
import Foundation
import TerminalUI

enum InstantStart {
    /// Reads the kept screen into `state` when it may be drawn; returns the keeper (nil: `maxAge` 0, off).
    static func prepare(_ state: inout AppState, warmStart: WarmStartCache, maxAge: TimeInterval,
                        log: @escaping @Sendable (String) -> Void) -> ScreenKeeper? {
        guard maxAge > 0 else { return nil }
        let store = ScreenSnapshotStore(warmStart: warmStart, maxAge: maxAge, log: log)
        // Both files or none: the screen needs the warm-start file's workflows, spaces and names.
        if let bootstrap = warmStart.load(), let snapshot = store.load(meId: bootstrap.me?.id) {
            state.session.fromDisk.pending = (snapshot, bootstrap)
            log("instant start: drawing the screen kept \(Int(Date().timeIntervalSince1970 - snapshot.screen.savedAt)) s ago")
        }
        return ScreenKeeper(store: store, log: log)
    }
}
