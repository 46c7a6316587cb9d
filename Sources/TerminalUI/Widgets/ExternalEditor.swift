// Long comments in `$VISUAL` / `$EDITOR` (falling back to `vi`): the text goes into a private temp file
// (0600 in a 0700 directory), the editor runs WITHOUT a shell (the variable is split into words, quotes
// honoured), the file is read back and deleted. Run it inside `LoopContext.releaseTerminal { ... }` so
// curses gives the terminal to the editor and repaints afterwards. See docs/actions.md.
import Foundation
import Browser
import Platform

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

public enum ExternalEditorError: Error, Sendable, Equatable, CustomStringConvertible {
    /// The editor could not be started (not found, not executable).
    case cannotStart(command: String, reason: String)
    /// It exited with a failure status (vim's `:cq`): the text is left as it was.
    case failed(command: String, status: Int32)
    /// The temp file could not be created or read.
    case file(String)
    /// It failed or was killed while the app was being ended (hangup, SIGTERM): `text` is what the temp
    /// file held, kept so that it can be saved as a draft.
    case interrupted(command: String, status: Int32, text: String)

    public var description: String {
        switch self {
        case .cannotStart(let c, let r): "Cannot start the editor \(c): \(r). Set VISUAL or EDITOR."
        case .failed(let c, let s): "The editor \(c) exited with status \(s); the comment was not changed."
        case .file(let m): m
        case .interrupted(let c, let s, _): "The editor \(c) was ended (status \(s)); the text it had saved is kept."
        }
    }
}

public enum ExternalEditor {
    /// A longer file is not read back (the text in the app stays as it was).
    static let maxFileSize = 16 << 20
    /// The editor's argv: `$VISUAL`, else `$EDITOR`, else `vi`, split into words.
    public static func command(environment: [String: String]) -> [String] {
        for name in ["VISUAL", "EDITOR"] {
            if let v = environment[name] {
                let words = splitWords(v)
                if !words.isEmpty { return words }
            }
        }
        return ["vi"]
    }

    /// Splits a command line into words like a shell would, without running one (`CommandWords.split`).
    public static func splitWords(_ s: String) -> [String] { CommandWords.split(s) }

    /// Writes `text` to a private temp file, runs the editor on it and waits, reads the file back and
    /// deletes it. The result is sanitized like pasted text (controls and escapes removed, newlines
    /// kept), with trailing newlines trimmed. Blocks: call it from `releaseTerminal`.
    ///
    /// `appEnding` says whether the app is being ended (a hangup, SIGTERM, SIGINT noted by the loop). It
    /// is polled while the editor runs: once true, the editor gets SIGHUP (what it would get from a
    /// closed terminal; when the app is the session leader the kernel sends it only after the app
    /// exits, which waits for the editor), SIGTERM 3 s later and SIGKILL 6 s later if it is still
    /// there. When the editor then fails or is killed, a changed, non-empty file becomes
    /// `.interrupted` with its text, so that what the user had saved survives as a draft. Otherwise
    /// (vim's `:cq`) a failure drops the text as the user asked.
    public static func edit(_ text: String, environment: [String: String] = ProcessInfo.processInfo.environment,
                            tempRoot: String? = nil, fileName: String = "wrike-comment.md",
                            appEnding: () -> Bool = { false }) throws(ExternalEditorError) -> String {
        let argv = command(environment: environment)
        let root = tempRoot ?? environment["TMPDIR"].flatMap { $0.isEmpty ? nil : $0 } ?? "/tmp"
        var template = Array((root + "/wrike-tui-XXXXXX").utf8CString)
        let dirPtr: UnsafeMutablePointer<CChar>? = template.withUnsafeMutableBufferPointer { buf in
            guard let base = buf.baseAddress else { return nil }
            return mkdtemp(base)
        }
        guard dirPtr != nil else {
            throw .file("Cannot create a temporary directory in \(root): \(String(cString: strerror(errno))).")
        }
        let dir = template.withUnsafeBufferPointer { buf in buf.baseAddress.map { String(cString: $0) } ?? "" }
        _ = chmod(dir, 0o700)
        let path = dir + "/" + fileName
        defer {
            unlink(path)
            rmdir(dir)
        }
        var body = text
        if !body.isEmpty && !body.hasSuffix("\n") { body += "\n" }
        do {
            try AtomicFile.write(Array(body.utf8), to: path, access: .owner)
        } catch {
            throw .file("Cannot write \(path): \(String(cString: strerror(error.code))).")
        }

        let status = try run(argv + [path], environment: environment, stop: appEnding)
        let display = argv.joined(separator: " ")
        func contents() -> String? {
            guard let file = try? SafeFile.read(path, limit: Self.maxFileSize) else { return nil }
            var result = TextEditorState.sanitize(file.text)
            while result.hasSuffix("\n") { result.removeLast() }
            return result
        }
        guard status == 0 else {
            if appEnding(), let saved = contents(), saved != text,
               !saved.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty {
                throw .interrupted(command: display, status: status, text: saved)
            }
            throw .failed(command: display, status: status)
        }
        guard let result = contents() else {
            throw .file("The editor removed \(path); the comment was not changed.")
        }
        return result
    }

    /// Spawns `argv` (PATH lookup in this process's PATH, no shell) with `environment` and waits for it;
    /// once `stop()` is true, asks it to end (SIGHUP, then SIGTERM after 3 s, SIGKILL after 6 s).
    /// Returns its exit status (128 + signal when killed).
    static func run(_ argv: [String], environment: [String: String],
                    stop: () -> Bool = { false }) throws(ExternalEditorError) -> Int32 {
        guard let program = argv.first else { throw .cannotStart(command: "", reason: "empty command") }
        var cargs: [UnsafeMutablePointer<CChar>?] = argv.map { strdup($0) }
        cargs.append(nil)
        var cenv: [UnsafeMutablePointer<CChar>?] = environment.sorted { $0.key < $1.key }.map { strdup($0.key + "=" + $0.value) }
        cenv.append(nil)
        defer {
            for p in cargs { free(p) }
            for p in cenv { free(p) }
        }
        var pid: pid_t = 0
        // No signal blocked or ignored in the editor: the loop's thread blocks SIGHUP and SIGTERM.
        let rc = ChildSignals.withAttributes { posix_spawnp(&pid, program, nil, &$0, cargs, cenv) }
        guard rc == 0 else {
            throw .cannotStart(command: program, reason: String(cString: strerror(rc)))
        }
        var status: Int32 = 0
        // Polled (20 ms) rather than a blocking waitpid: the loop's signal handlers restart waitpid
        // (SA_RESTART), so a hangup noted meanwhile would otherwise go unseen until the editor exits.
        var stopping: ContinuousClock.Instant?
        var sent: Int32 = 0
        while true {
            let r = waitpid(pid, &status, WNOHANG)
            if r == pid { break }
            if r < 0 {
                if errno == EINTR { continue }
                throw .cannotStart(command: program, reason: String(cString: strerror(errno)))
            }
            if stopping == nil, stop() { stopping = .now }
            if let since = stopping {
                let elapsed = ContinuousClock.now - since
                let next: Int32 = elapsed >= .seconds(6) ? SIGKILL : elapsed >= .seconds(3) ? SIGTERM : SIGHUP
                if next != sent {
                    _ = kill(pid, next)
                    sent = next
                }
            }
            usleep(20_000)
        }
        // WIFEXITED / WEXITSTATUS / WTERMSIG by hand (macros are not imported).
        let low = status & 0x7F
        if low == 0 {
            let code = (status >> 8) & 0xFF
            // posix_spawnp reports exec failure as exit 127 from the child on glibc.
            if code == 127 { throw .cannotStart(command: program, reason: "command not found") }
            return code
        }
        return 128 + low
    }
}

