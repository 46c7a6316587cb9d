import Foundation
import Testing
@testable import Browser
@testable import BrowserRuntime
import WrikeAPI
import WrikeSandbox

/// Opening a link waits for the browser program (`ExternalOpener`): on threads of its own, so that launches
/// never hold the cooperative pool (one thread per core) that the app's network tasks run on.
@Suite struct LinksLaunchTests {
    @Test func launchesWaitingForTheirProgramsLeaveThePoolFree() async throws {
        let dir = FileManager.default.temporaryDirectory.appendingPathComponent("launch-\(UUID().uuidString)").path
        try FileManager.default.createDirectory(atPath: dir, withIntermediateDirectories: true)
        defer { try? FileManager.default.removeItem(atPath: dir) }
        let go = dir + "/go"
        let opener = dir + "/opener"
        try "#!/bin/sh\nwhile [ ! -e '\(go)' ]; do sleep 0.01; done\n".write(toFile: opener, atomically: true, encoding: .utf8)
        try FileManager.default.setAttributes([.posixPermissions: 0o755], ofItemAtPath: opener)
        // The bound is a hang guard: before the fix the launches held every pool thread for all of it.
        let runner = LinksRunner(environment: ["BROWSER": opener, "PATH": "/usr/bin:/bin"], openerWait: 120)
        let service = ClientService(client: WrikeClient(transport: Sandbox(dataset: DemoDataset.make(now: testNow)),
                                                        tokens: StaticTokenProvider("test")))
        let box = EventBox()
        let poolWidth = ProcessInfo.processInfo.activeProcessorCount
        let url = "https://www.wrike.com/open.htm?id=1"
        let launches = (0..<poolWidth).map { _ in runner.perform(.launch(.url(url)), service: service) { box.post($0) } }
        // A task on the pool runs while every launch still waits for its program.
        let postedMeanwhile = await Task.detached { box.take().count }.value
        #expect(FileManager.default.createFile(atPath: go, contents: nil))
        for launch in launches { await launch?.value }
        #expect(postedMeanwhile == 0)
        let opened = box.take().map { event -> LinksEvent? in if case .links(let e) = event { e } else { nil } }
        #expect(opened == Array(repeating: .opened(.url(url), error: nil), count: poolWidth))
    }
}
