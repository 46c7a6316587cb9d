import Browser
import Foundation
import Testing
@testable import TerminalUI
import WrikeAPI

/// The instant start on screen: the kept screen drawn by `.start` carries the `from disk` marker on the
/// status line until Wrike's answers replace it; the config key that bounds its age.
@Suite struct InstantStartScreenTests {
    @Test func theScreenFromDiskIsMarkedUntilFresh() throws {
        let old = BrowserScreenTests.state(width: 160, height: 30, focus: .list, openTask: true)
        let capture = try #require(old.captureScreen(host: "h", profile: "p", appVersion: "v"))
        guard case .success(let snap) = ScreenSnapshot.decode(try capture.encoded()) else {
            Issue.record("the kept screen does not decode")
            return
        }
        var s = AppState(now: old.now, timeZone: old.timeZone)
        _ = s.update(.layout(old.viewport))
        var b = Bootstrap(workflows: old.actions.workflows, spaces: old.tree.spaces, hasDirectory: false)
        b.fromDiskCache = true
        s.session.fromDisk.pending = (snap, b)
        _ = s.update(.start)
        let text = BrowserScreenTests.render(s, 160, 30).text()
        #expect(text.contains(FromDisk.marker))
        let before = BrowserScreenTests.render(old, 160, 30).text()
        #expect(!before.contains(FromDisk.marker))
        // The same rows as before the quit.
        let firstTitle = try #require(old.list.info.first?.title)
        #expect(text.contains(String(firstTitle.prefix(12))))
    }

    @Test func snapshotMaxAgeIsReadAndChecked() {
        #expect(Config().snapshotMaxAge == 86_400)
        let (config, messages) = Config.parse("snapshot-max-age = 600\n")
        #expect(messages.isEmpty && config.snapshotMaxAge == 600)
        let (off, _) = Config.parse("snapshot-max-age = 0\n")
        #expect(off.snapshotMaxAge == 0)
        let (bad, badMessages) = Config.parse("snapshot-max-age = -5\n")
        #expect(bad.snapshotMaxAge == 86_400 && badMessages.first?.description.contains("snapshot-max-age") == true)
    }
}
