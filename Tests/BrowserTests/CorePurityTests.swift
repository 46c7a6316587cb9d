// Issue 14, rule 1: the `Browser` module is the pure core (state, reducers, keymap, detail layout). It
// imports only Foundation's value types, the WrikeAPI models and TermText; files, network, tasks, clocks,
// time zones, random numbers and process ids belong to `BrowserRuntime`. Time comes in with `.tick`, the
// calendar, time zone and id prefix with `CoreEnvironment`. This scans the core's sources (comments left
// out) for what the runtime alone may use.
import Foundation
import Testing
import TestSupport

/// The package's `Sources` directory, found from this file.
func sourcesRoot() -> URL {
    URL(fileURLWithPath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().appendingPathComponent("Sources")
}

/// The Swift files under `Sources/<dir>` (relative paths), sorted.
func swiftFiles(under dir: String) throws -> [String] {
    let root = sourcesRoot().appendingPathComponent(dir)
    let all = try #require(FileManager.default.enumerator(atPath: root.path)).compactMap { $0 as? String }
    return all.filter { $0.hasSuffix(".swift") }.sorted()
}

/// The lines of `Sources/<path>` without `//` comments, numbered from 1.
func codeLines(_ path: String) throws -> [(number: Int, text: String)] {
    let text = try String(contentsOf: sourcesRoot().appendingPathComponent(path), encoding: .utf8)
    return text.split(separator: "\n", omittingEmptySubsequences: false).enumerated().map { n, line in
        let code = line.range(of: "//").map { String(line[..<$0.lowerBound]) } ?? String(line)
        return (n + 1, code)
    }
}

/// Every line of the files that matches one of `patterns`, as `file:line: pattern: text`.
func matches(of patterns: [String], in files: [String]) throws -> [String] {
    let regexes = try patterns.map { ($0, try NSRegularExpression(pattern: $0)) }
    var found: [String] = []
    for f in files {
        for (number, code) in try codeLines(f) {
            for (p, r) in regexes where r.firstMatch(in: code, range: NSRange(code.startIndex..., in: code)) != nil {
                found.append("\(f):\(number): \(p): \(code.trimmingCharacters(in: .whitespaces))")
            }
        }
    }
    return found
}

@Suite(.offPool) struct CorePurityTests {
    /// What only the runtime may use: files, the network, tasks and threads, the clock, the machine's
    /// time zone and calendar, random numbers, process ids. (`open()` without arguments is the tree's
    /// Enter, not the system call.)
    static let forbidden = [
        #"\bFileManager\b"#, #"\bFileHandle\b"#, #"\bopen\((?!\))"#, #"\bfsync\b"#, #"\bunlink\("#,
        #"\bTask\s*\{"#, #"\bTask\."#, #"\bTask<"#, #"\bDispatchQueue\b"#, #"\bThread\b"#,
        #"\bDate\(\)"#, #"\bCalendar\.current\b"#, #"\bTimeZone\.current\b"#,
        #"\b(TimeZone|Calendar)\s*=\s*\.current\b"#, #"\bProcessInfo\b"#,
        #"\bgetpid\b"#, #"\.random\b"#, #"\bSystemRandomNumberGenerator\b"#, #"\barc4random"#,
        #"^\s*(@testable\s+)?import\s+(Platform|Glibc|Darwin|Dispatch|FoundationNetworking)\b"#,
        #"\bURLSession\b"#,
    ]

    @Test func theCoreUsesNoFilesNetworkClockRandomOrProcess() throws {
        let files = try swiftFiles(under: "Browser").map { "Browser/" + $0 }
        #expect(files.count > 30)
        let found = try matches(of: Self.forbidden, in: files)
        #expect(found.isEmpty, "the core does I/O or reads the machine:\n\(found.joined(separator: "\n"))")
    }

    /// Rule 3: the reducers (Update/ and the features' updates), the key dispatch in the core (`act(_:)`,
    /// the modals' input in Features/Modal) and the effect runner switch over every case of their intents,
    /// effects, events and modals: a new case does not compile until it is handled.
    @Test func noDefaultArmInTheReducersOrTheEffectRunner() throws {
        var files = try swiftFiles(under: "Browser/Update").map { "Browser/Update/" + $0 }
        for feature in ["Modal", "Session", "Tree", "Composer", "GoTo", "Timer", "Timesheet", "Snapshot"] {
            files += try swiftFiles(under: "Browser/Features/" + feature).map { "Browser/Features/\(feature)/" + $0 }
        }
        files += try swiftFiles(under: "BrowserRuntime").filter { $0.hasPrefix("EffectRunner") }.map { "BrowserRuntime/" + $0 }
        #expect(files.count > 10 && files.contains("BrowserRuntime/EffectRunner+Writes.swift"))
        let found = try matches(of: [#"^\s*(@unknown\s+)?default\s*:"#], in: files)
        #expect(found.isEmpty, "default: arms:\n\(found.joined(separator: "\n"))")
    }

    /// The scan itself finds each kind of thing it looks for.
    @Test func theScanFindsWhatItLooksFor() throws {
        let samples = ["let d = Date()", "FileManager.default", "let fd = open(path, O_RDONLY)", "fsync(fd)",
                       "Task { await x() }", "Task.detached {", "var t: Task<Void, Never>", "Calendar.current",
                       "TimeZone.current", "timeZone: TimeZone = .current", "getpid()", "UInt32.random(in: 0...9)",
                       "import Platform", "import Glibc", "URLSession.shared"]
        let regexes = try Self.forbidden.map { try NSRegularExpression(pattern: $0) }
        for s in samples {
            #expect(regexes.contains { $0.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }, "\(s)")
        }
        for s in ["case .open: return open()", "WrikeTask.self", "Date(timeIntervalSince1970: 0)", "openList(x)"] {
            #expect(!regexes.contains { $0.firstMatch(in: s, range: NSRange(s.startIndex..., in: s)) != nil }, "\(s)")
        }
    }
}
