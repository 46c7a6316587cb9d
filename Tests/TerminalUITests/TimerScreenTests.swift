import Browser
import BrowserRuntime
import Foundation
import Synchronization
import Testing
@testable import TerminalUI
import WrikeAPI

/// The timer on the status line: the task and the elapsed minutes, drawn again only when they change.
@Suite struct TimerScreenTests {
    static func withTimer(_ start: Date, stopped: Date? = nil) -> AppState {
        var s = BrowserScreenTests.state(width: 120, height: 30, focus: .list, openTask: false)
        let e = TimerEntry(taskId: "T1", taskTitle: "Write \u{1B}[31mthe spec", startedAt: start, stoppedAt: stopped)
        let record = stopped == nil ? TimerRecord(profile: "default", host: "h", running: e)
            : TimerRecord(profile: "default", host: "h", stopped: e)
        _ = s.handle(.timerFile(.read, TimerOutcome(record: record)))
        s.status.message = nil
        return s
    }

    @Test func theStatusLineShowsTheTaskAndTheElapsedTime() {
        let now = BrowserScreenTests.now
        let c = BrowserScreenTests.render(Self.withTimer(now.addingTimeInterval(-(2 * 3600 + 5 * 60 + 59))), 120, 30)
        let status = c.line(c.height - 2)
        #expect(status.contains("timer 2:05 Write the spec"), "\(status)")
        #expect(!status.contains("\u{1B}"))
        let stopped = BrowserScreenTests.render(Self.withTimer(now.addingTimeInterval(-3600), stopped: now.addingTimeInterval(-1800)), 120, 30)
        #expect(stopped.line(stopped.height - 2).contains("timer stopped, 30m to log: Write the spec"))
        let none = BrowserScreenTests.render(BrowserScreenTests.state(width: 120, height: 30, focus: .list, openTask: false), 120, 30)
        #expect(!none.line(none.height - 2).contains("timer"))
    }

    @Test func aTickRedrawsOnlyWhenTheTimersMinuteChanges() {
        let start = BrowserScreenTests.now.addingTimeInterval(-30)
        let clock = TimeBox(BrowserScreenTests.now)
        var app = BrowserApp(state: Self.withTimer(start), runner: EffectRunner(service: BigFolderService(total: 0)) { _ in }, clock: { clock.now })
        func tick(_ seconds: TimeInterval) -> Bool {
            clock.set(BrowserScreenTests.now.addingTimeInterval(seconds))
            var c = LoopContext(width: 120, height: 30, glyphs: .unicode, colorMode: .none)
            app.tick(context: &c)
            return c.needsRender
        }
        #expect(app.state.timerLabel?.hasPrefix("timer 0:00") == true)
        // The timer started 30 s before a whole minute of the clock: its minute turns at +30 s, not at +60 s.
        #expect(!tick(0.5))
        #expect(tick(30.5))
        #expect(app.state.timerLabel?.hasPrefix("timer 0:01") == true)
        #expect(!tick(31))
        #expect(!tick(50))
    }
}

final class TimeBox: Sendable {
    private let value: Mutex<Date>
    init(_ d: Date) { value = Mutex(d) }
    var now: Date { value.withLock { $0 } }
    func set(_ d: Date) { value.withLock { $0 = d } }
}
