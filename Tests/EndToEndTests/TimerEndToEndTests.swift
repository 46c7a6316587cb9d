import Browser
import Foundation
import Testing
import WrikeAPI
import WrikeSandbox

/// The timer in the real binary, in tmux, against `wrike-tui sandbox serve`: it survives `kill -9` (a start
/// time on disk), stopping it fills in the time-log form, Enter logs it exactly once (read back from the
/// sandbox); the same through `wrike-tui timer start|status|stop --log`. Skipped when tmux is missing.
@Suite(.serialized, .enabled(if: tmuxInstalled, "tmux is not installed")) struct TimerEndToEndTests {
    typealias Session = ActionsEndToEndTests.Session

    static func timerPath(_ s: Session) -> String { s.stateDir + "/wrike-tui/timer-default.json" }

    static func record(_ s: Session) -> TimerRecord? {
        guard let data = FileManager.default.contents(atPath: timerPath(s)) else { return nil }
        return try? TimerRecord.decode(Array(data)).get()
    }

    /// Moves the running timer's start back by `seconds`, as if that much time had passed while no app ran.
    static func backdate(_ s: Session, by seconds: TimeInterval) throws {
        var r = try #require(record(s), "no timer file")
        r.running?.startedAt.addTimeInterval(-seconds)
        try Data(r.encoded()).write(to: URL(fileURLWithPath: timerPath(s)))
    }

    /// How far back a start can go today without crossing local midnight (the test wants one day).
    static func sameDayOffset(_ wanted: TimeInterval) -> TimeInterval {
        let sinceMidnight = Date().timeIntervalSince(Calendar.current.startOfDay(for: Date()))
        return sinceMidnight > wanted + 600 ? wanted : 5 * 60
    }

    static func minutesText(_ seconds: TimeInterval) -> String {
        let m = Int((seconds / 60).rounded())
        return "\(m / 60):" + (m % 60 < 10 ? "0" : "") + "\(m % 60)"
    }

    @Test func theTimerSurvivesKill9AndIsLoggedOnceFromTheForm() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = ActionsEndToEndTests.Demo()
        let task = try #require(demo.candidates.dropFirst(6).first)
        s.openTaskList()
        s.select(task.title)
        let before = Date()  // the app's clock is the last tick's (every 500 ms; later under load)
        s.tmux.keys("p")
        s.waitStatus("Timer started on")
        s.waitStatus("timer 0:00 \(String(task.title.prefix(20)))")
        let started = try #require(Self.record(s)?.running)
        #expect(started.taskId == task.id && started.startedAt >= before.addingTimeInterval(-5) && started.startedAt <= Date())

        // kill -9: nothing is written on the way out; the file alone carries the timer.
        try s.killApp()
        let offset = Self.sameDayOffset(2 * 3600 + 5 * 60)
        try Self.backdate(s, by: offset)
        s.restartApp()
        let label = "timer \(Self.minutesText(offset)) \(String(task.title.prefix(20)))"
        s.waitStatus(label)  // the right elapsed time, read from the file

        // Stop: the form is filled in; nothing is sent before Enter.
        s.openTaskList()
        s.select(task.title)
        s.tmux.keys("p")
        s.waitStatus("Log time · ")
        let screen = s.tmux.capture()
        let minutes = Int((offset / 60).rounded())
        let hoursText = TimeInput.formatHours(Double(minutes) / 60).replacingOccurrences(of: " ", with: "")
        #expect(screen.contains(hoursText), "the hours \(hoursText) are not filled in:\n\(screen)")
        #expect(try s.log().filter { $0.method == "POST" }.isEmpty, "something was sent before Enter")
        #expect(Self.record(s)?.stopped != nil)
        s.tmux.keys("Enter")
        s.waitStatus("Timer logged.")  // after "Time logged.": the file changed once Wrike confirmed
        let (ok, d) = try s.waitForData { $0.timelogs.contains { $0.taskId == task.id && $0.userId == demo.me && $0.comment == "" } }
        #expect(ok)
        let mine = d.timelogs.filter { $0.taskId == task.id && $0.userId == demo.me && abs($0.hours - Double(minutes) / 60) < 0.01 }
        #expect(mine.count == 1, "\(d.timelogs.filter { $0.taskId == task.id })")
        #expect(try s.log().filter { $0.method == "POST" && $0.path.hasSuffix("/timelogs") }.count == 1)
        let (gone, _) = s.tmux.waitFor("timer file removed", timeout: 30) { _ in !FileManager.default.fileExists(atPath: Self.timerPath(s)) }
        #expect(gone, "the timer file stayed after the entry was confirmed")
    }

    @Test func theCommandLineTimerStartsShowsAndLogsOnce() throws {
        guard let s = try Session() else { return }
        defer { s.close() }
        let demo = ActionsEndToEndTests.Demo()
        let task = try #require(demo.candidates.dropFirst(7).first)
        let env = ProcessInfo.processInfo.environment.merging(["XDG_STATE_HOME": s.stateDir, "WRIKE_TOKEN": s.token]) { $1 }
        func cli(_ args: String...) -> (status: Int32, output: String) {
            spawnAndWait(BrowserEndToEndTests.binary, ["timer"] + args, environment: env, withStderr: true)
        }
        var r = cli("start", task.id, "--base-url", s.api)
        #expect(r.status == 0 && r.output.contains("Timer started on “\(task.title)”"), "\(r.output)")
        r = cli("start", task.id, "--base-url", s.api)
        #expect(r.status != 0 && r.output.contains("already runs"), "\(r.output)")
        let offset = Self.sameDayOffset(90 * 60)
        try Self.backdate(s, by: offset)
        r = cli("status", "--json")
        #expect(r.status == 0, "\(r.output)")
        let json = try #require(try JSONSerialization.jsonObject(with: Data(r.output.utf8)) as? [String: Any], "\(r.output)")
        #expect(json["running"] as? Bool == true && json["taskId"] as? String == task.id && json["title"] as? String == task.title)
        let elapsed = try #require(json["elapsedSeconds"] as? Int)
        #expect(elapsed >= Int(offset) && elapsed < Int(offset) + 120, "\(elapsed)")
        #expect(cli("status").output.contains("on “\(task.title)” (\(task.id))"))

        // Stop without --log: the split is shown, nothing is sent, the time waits.
        r = cli("stop")
        #expect(r.status == 0 && r.output.contains("Not logged"), "\(r.output)")
        #expect(try s.log().filter { $0.method == "POST" }.isEmpty)
        r = cli("stop", "--log", "--comment", "cli timer", "--base-url", s.api)
        #expect(r.status == 0 && r.output.contains("The timer's time is logged."), "\(r.output)")
        // Again: nothing left to log, nothing sent twice.
        r = cli("stop", "--log", "--base-url", s.api)
        #expect(r.output.contains("No timer running."), "\(r.output)")
        let (ok, d) = try s.waitForData { $0.timelogs.contains { $0.comment == "cli timer" } }
        #expect(ok)
        let logged = d.timelogs.filter { $0.comment == "cli timer" }
        #expect(logged.count == 1 && logged.first?.taskId == task.id && logged.first?.userId == demo.me)
        #expect(abs((logged.first?.hours ?? 0) - (offset / 60).rounded() / 60) < 0.01)
        #expect(!FileManager.default.fileExists(atPath: Self.timerPath(s)))
        let after = cli("status", "--json").output
        #expect(after.contains("\"running\":false"), "\(after)")
    }
}
