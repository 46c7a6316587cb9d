// The instant start as a process: `wrike-tui` signed in with WRIKE_TOKEN + WRIKE_HOST against a sandbox
// server (optionally adding a fixed latency to every request, like a slow link), with the last screen
// (a 10,000-task folder listed, its first task open) kept on disk. Times, from spawning the process on
// a 200x50 pty: the first frame showing that screen, and the app's log line saying the screen from disk
// was replaced by Wrike's answers. The screen is kept by the app's own code (the in-process harness
// loads the folder and opens the task; `captureScreen` + `ScreenSnapshotStore.save`, as on quit).
import Browser
import BrowserRuntime
import Foundation
import Platform
import TerminalUI
import WrikeAPI
import WrikeSandbox

#if canImport(Glibc)
import Glibc
#endif

extension Measure {
    struct InstantRuns {
        var firstFrame: [Double] = []
        var fresh: [Double] = []
        /// Requests the server had answered when the first frame showed (per run).
        var answeredBeforeFrame: [Int] = []
    }

    /// The screen to keep: `fd`'s folder loaded in full, the first row's task open.
    static func instantScreen(_ fd: FolderDataset) async throws -> (state: AppState, bootstrap: Bootstrap) {
        let sandbox = Sandbox(dataset: fd.dataset, options: SandboxOptions(rateLimitPerMinute: nil))
        let service = makeService(transport: sandbox)
        guard let bootstrap = try await (service as? ClientService)?.bootstrap() else { throw BenchError.setup("no bootstrap") }
        let h = try loadBigList(folderId: fd.folderId, service: service)
        defer { h.close() }
        h.app.state.focus = .list
        h.press(.enter)
        guard h.pump(until: { $0.detail.taskStatus == .loaded && !$0.detail.isLoading }) else { throw BenchError.timeout("detail") }
        return (h.state, bootstrap)
    }

    /// Spawns `binary` `runs` times against `server` with the screen of `kept` on disk in `home`.
    static func instantProcess(binary: String, kept: (state: AppState, bootstrap: Bootstrap), server: URL, sandbox: Sandbox,
                               home: URL, runs: Int) throws -> InstantRuns {
        let host = (server.host ?? "") + (server.port.map { ":\($0)" } ?? "")
        let cacheDir = home.appendingPathComponent("cache/wrike-tui")
        let warm = WarmStartCache(directory: cacheDir, host: host, profile: "WRIKE_TOKEN")
        guard let title = kept.state.detail.task?.title else { throw BenchError.setup("no open task to keep") }
        let needles = [Array(FromDisk.marker.utf8), Array(title.prefix(24).utf8)]
        let logPath = home.appendingPathComponent("state/wrike-tui/log/wrike-tui.log").path
        var out = InstantRuns()
        for _ in 0..<runs {
            // Kept afresh for each run (the app rewrites it on quit).
            guard warm.save(kept.bootstrap), warm.saveDirectory(kept.bootstrap),
                  let capture = kept.state.captureScreen(host: host, profile: "WRIKE_TOKEN", appVersion: WrikeTUIVersion.string),
                  ScreenSnapshotStore(warmStart: warm).save(capture)
            else { throw BenchError.setup("cannot keep the screen in \(cacheDir.path)") }
            try? FileManager.default.removeItem(atPath: logPath)
            sandbox.resetLog()
            guard let pty = HeadlessTerminal(width: 200, height: 50, captureLimit: 16 << 20) else { throw BenchError.setup("no pty") }
            var env = ProcessInfo.processInfo.environment
            env["TERM"] = "xterm-256color"
            env["HOME"] = home.path
            env["XDG_CONFIG_HOME"] = home.appendingPathComponent("config").path
            env["XDG_STATE_HOME"] = home.appendingPathComponent("state").path
            env["XDG_CACHE_HOME"] = home.appendingPathComponent("cache").path
            env["WRIKE_TOKEN"] = "bench"
            env["WRIKE_HOST"] = server.absoluteString
            let app = try PtyProcess(binary, environment: env, on: pty)
            defer { app.quit() }
            let t0 = app.started
            let frame = app.msUntil(pollUs: 300) { bytes in needles.allSatisfy { contains(bytes, $0) } }
            guard let frame else { throw BenchError.timeout("instant start first frame") }
            out.answeredBeforeFrame.append(sandbox.requestLog.count)
            var fresh: Double?
            while fresh == nil && ContinuousClock.now - t0 < .seconds(30) {
                let text = (try? SafeFile.read(logPath, limit: 1 << 24).text) ?? ""
                if text.contains("screen from disk is fresh") { fresh = ms(ContinuousClock.now - t0) } else { usleep(1000) }
            }
            guard let fresh else { throw BenchError.timeout("instant start: fresh data") }
            out.firstFrame.append(frame)
            out.fresh.append(fresh)
        }
        return out
    }

    /// The harness's own floor: the same pty, spawn and polling with `/bin/sh` printing both needles at
    /// once (what a process that drew its frame instantly would cost to see). Milliseconds, median of `runs`.
    static func instantHarnessFloor(runs: Int) throws -> Double {
        let needles = [FromDisk.marker, "a task title"]
        var times: [Double] = []
        for _ in 0..<runs {
            guard let pty = HeadlessTerminal(width: 200, height: 50, captureLimit: 1 << 20) else { throw BenchError.setup("no pty") }
            let bytes = needles.map { Array($0.utf8) }
            let sh = try PtyProcess("/bin/sh", ["-c", "printf '%s %s' \"$1\" \"$2\"; sleep 0.2", "sh"] + needles, on: pty)
            let seen = sh.msUntil(pollUs: 300) { got in bytes.allSatisfy { contains(got, $0) } }
            sh.process.waitUntilExit()
            guard let seen else { throw BenchError.timeout("harness floor") }
            times.append(seen)
        }
        return median(times)
    }

    /// Both measurements: over loopback, and with `latencyMs` added to every request.
    static func instant(binary: String, _ fd: FolderDataset, latencyMs: Int, runs: Int) async throws -> (fast: InstantRuns, slow: InstantRuns) {
        let kept = try await instantScreen(fd)
        let home = FileManager.default.temporaryDirectory.appendingPathComponent("wrike-tui-bench-instant-\(getpid())")
        try FileManager.default.createDirectory(at: home, withIntermediateDirectories: true, attributes: [.posixPermissions: 0o700])
        defer { try? FileManager.default.removeItem(at: home) }
        var result: [InstantRuns] = []
        for latency in [0, latencyMs] {
            let d = Duration.milliseconds(latency)
            let sandbox = Sandbox(dataset: fd.dataset, options: SandboxOptions(rateLimitPerMinute: nil, latency: latency > 0 ? d...d : nil))
            let server = SandboxServer(sandbox: sandbox)
            let url = try await server.start()
            do {
                result.append(try instantProcess(binary: binary, kept: kept, server: url, sandbox: sandbox, home: home, runs: runs))
            } catch {
                await server.stop()
                throw error
            }
            await server.stop()
        }
        return (result[0], result[1])
    }
}

/// The instant start's figures (see `Measure.instant`).
@MainActor func recordInstantStart(binary: String, _ fd: FolderDataset, runs: Int = 5) async throws {
    let latency = 300
    let (fast, slow) = try await Measure.instant(binary: binary, fd, latencyMs: latency, runs: runs)
    let f = median(fast.firstFrame), s = median(slow.firstFrame)
    let floor = try Measure.instantHarnessFloor(runs: runs)
    record("warm_first_frame_ms", "instant start: first frame from disk, \(fd.taskCount)-task folder + task, process (median of \(runs))",
           f, "\(fmt(f, 1)) ms", target: "≤ 30 ms", met: f <= 30)
    record("warm_first_frame_300ms_ms", "  the same with \(latency) ms added per request", s, "\(fmt(s, 1)) ms",
           target: "≤ 30 ms", met: s <= 30)
    record("warm_first_frame_harness_ms", "  the harness alone (pty, spawn, polling: /bin/sh printing the same marks)", floor,
           "\(fmt(floor, 1)) ms")
    let answered = slow.answeredBeforeFrame.max() ?? 0
    record("warm_requests_before_frame_300ms", "  requests answered before that frame (\(latency) ms)", Double(answered), "\(answered)",
           target: "0", met: answered == 0)
    let freshFast = median(fast.fresh), freshSlow = median(slow.fresh)
    record("fresh_applied_ms", "instant start: Wrike's data applied (loopback)", freshFast, "\(fmt(freshFast, 0)) ms")
    record("fresh_applied_300ms_ms", "  the same with \(latency) ms added per request", freshSlow, "\(fmt(freshSlow, 0)) ms")
    let trips = (freshSlow - freshFast) / Double(latency)
    record("fresh_applied_round_trips", "  round trips until fresh ((\(latency) ms − loopback) / \(latency) ms)", trips, fmt(trips, 1),
           target: "≤ 3", met: trips <= 3)
    note("instant start first frames (ms): loopback \(fast.firstFrame.map { fmt($0, 1) }), \(latency) ms \(slow.firstFrame.map { fmt($0, 1) })")
}

extension Measure {
    /// The instant start's own work in process (no process start, no terminal): decoding the kept file,
    /// then `.start` drawing it into the state. Milliseconds, median of `runs`.
    static func instantRestore(_ kept: (state: AppState, bootstrap: Bootstrap), runs: Int = 5) throws -> (decode: Double, start: Double, bytes: Int) {
        guard let capture = kept.state.captureScreen(host: "h", profile: "p", appVersion: "v") else { throw BenchError.setup("nothing to keep") }
        let bytes = try capture.encoded()
        var decode: [Double] = [], start: [Double] = []
        for _ in 0..<runs {
            var snap: ScreenSnapshot?
            decode.append(timed { if case .success(let s) = ScreenSnapshot.decode(bytes) { snap = s } })
            guard let snap else { throw BenchError.setup("the kept screen does not decode") }
            var s = AppState(now: kept.state.now, timeZone: kept.state.timeZone)
            // Before `.start` nothing is loaded, so a layout asks for nothing.
            guard s.update(.layout(kept.state.viewport)).isEmpty else { throw BenchError.setup("layout before start asked for work") }
            var b = kept.bootstrap
            b.fromDiskCache = true
            b.hasDirectory = false
            s.session.fromDisk.pending = (snap, b)
            var effects: [Effect] = []
            start.append(timed { effects = s.update(.start) })
            guard !effects.isEmpty, s.list.taskCount == kept.state.list.taskCount else { throw BenchError.setup("not restored") }
        }
        return (median(decode), median(start), bytes.count)
    }
}
