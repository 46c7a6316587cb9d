import Foundation
import Logging
import Testing
@testable import Platform

@Suite struct LogTests {
    @Test func redactsCredentialsAndSanitizes() {
        #expect(LogRedaction.redact("GET /tasks Authorization: Bearer abc.def-123 ok") == "GET /tasks Authorization: Bearer [redacted] ok")
        #expect(LogRedaction.redact("body access_token=secret&x=1") == "body access_token=[redacted]&x=1")
        #expect(LogRedaction.redact("{\"refresh_token\":\"r1\",\"a\":1}") == "{\"refresh_token\":\"[redacted]\",\"a\":1}")
        #expect(LogRedaction.redact("grant code=abc123&state=s client_secret=cs") == "grant code=[redacted]&state=s client_secret=[redacted]")
        #expect(LogRedaction.redact("bad \u{1B}[31m") == "bad ")
    }

    /// Through swift-log's `Logger` into the file: no token in the message, the metadata or an error
    /// ever reaches the file, and lines keep the `TIME [level] message` format.
    @Test func tokensNeverReachTheLogFile() throws {
        let scratch = ScratchDir()
        let paths = XDGPaths(environment: ["HOME": scratch.path, "XDG_STATE_HOME": scratch.path + "/state"])
        var logger = Logger.wrikeTUI(paths: paths)
        let path = try #require(logger.filePath)
        #expect(path == scratch.path + "/state/wrike-tui/log/wrike-tui.log")
        logger[metadataKey: "accessToken"] = "TOKEN-IN-METADATA"
        struct Refused: Error, CustomStringConvertible { var description: String { "refused bearer TOKEN-IN-ERROR" } }
        logger.info("request Authorization: Bearer TOKEN-IN-MESSAGE sent")
        logger.warning("refresh failed", metadata: ["body": "{\"refresh_token\":\"TOKEN-IN-BODY\"}",
                                                     "client_secret": "SECRET-IN-KEY"])
        logger.error("sign-in", error: Refused())
        logger.debug("below the level: TOKEN-DEBUG")
        let text = try #require(contents(path))
        for secret in ["TOKEN-IN-METADATA", "TOKEN-IN-MESSAGE", "TOKEN-IN-BODY", "SECRET-IN-KEY", "TOKEN-IN-ERROR", "TOKEN-DEBUG"] {
            #expect(!text.contains(secret), "\(secret) reached the log")
        }
        let lines = text.split(separator: "\n")
        #expect(lines.count == 3)
        #expect(lines[0].wholeMatch(of: /\d{4}-\d\d-\d\dT\d\d:\d\d:\d\dZ \[info\] request Authorization: Bearer \[redacted\] sent accessToken=\[redacted\]/) != nil)
        #expect(lines[1].contains("[warning] refresh failed"))
        #expect(lines[2].contains("[error] sign-in"))
        #expect(permissions(path) == 0o600)
        #expect(permissions(scratch.path + "/state/wrike-tui/log") == 0o700)
    }

    @Test func anUnopenableLogDropsEverything() throws {
        let scratch = ScratchDir()
        #expect(FileManager.default.createFile(atPath: scratch.path + "/state", contents: Data()))
        let logger = Logger.wrikeTUI(paths: XDGPaths(environment: ["HOME": scratch.path, "XDG_STATE_HOME": scratch.path + "/state"]))
        #expect(logger.filePath == nil)
        logger.info("nothing happens")
        #expect(Logger.disabled.filePath == nil)
    }

    @Test func aLargeLogIsRotatedWhenOpened() throws {
        let scratch = ScratchDir()
        let dir = scratch.path + "/wrike-tui/log"
        try AtomicFile.write([UInt8](repeating: 46, count: LogFile.rotateAbove + 1), to: dir + "/wrike-tui.log", access: .owner)
        let logger = Logger.wrikeTUI(paths: XDGPaths(environment: ["HOME": scratch.path, "XDG_STATE_HOME": scratch.path]))
        logger.info("fresh")
        #expect(contents(dir + "/wrike-tui.log")?.hasSuffix("[info] fresh\n") == true)
        #expect((contents(dir + "/wrike-tui.log")?.count ?? 0) < 100)
        #expect(FileManager.default.fileExists(atPath: dir + "/wrike-tui.log.1"))
    }
}
