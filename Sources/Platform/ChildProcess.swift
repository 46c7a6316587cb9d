// Running a program without a shell: words split like a shell would, without any expansion, and a
// child process whose output is read with a time limit. Used by `token_command` and custom commands.
import Foundation
#if canImport(Glibc)
import Glibc
#endif

public enum CommandWords {
    public struct UnclosedQuote: Error, Sendable, Equatable {}

    /// Splits a command line into words like a shell would, without running one: whitespace separates
    /// words; '...' is literal; "..." allows \" \\ \$ \`; a backslash outside quotes escapes the next
    /// character. No expansion of variables, command substitutions, globs or `~`: `$(…)`, `;`, `|` are
    /// ordinary characters. An unclosed quote takes the rest of the line.
    public static func split(_ s: String) -> [String] { scan(s).words }

    /// `split`, refusing an unclosed quote or a trailing backslash.
    public static func strictSplit(_ s: String) throws(UnclosedQuote) -> [String] {
        let (words, unclosed) = scan(s)
        if unclosed { throw UnclosedQuote() }
        return words
    }

    static func scan(_ s: String) -> (words: [String], unclosed: Bool) {
        var words: [String] = []
        var current = ""
        var inWord = false
        var quote: Character?
        var escape = false
        for c in s {
            if escape {
                if quote == "\"" && !["\"", "\\", "$", "`"].contains(c) { current.append("\\") }
                current.append(c)
                escape = false
                inWord = true
                continue
            }
            if let q = quote {
                if c == q { quote = nil }
                else if c == "\\" && q == "\"" { escape = true }
                else { current.append(c) }
                continue
            }
            switch c {
            case "'", "\"":
                quote = c
                inWord = true
            case "\\":
                escape = true
            case " ", "\t", "\n":
                if inWord { words.append(current); current = ""; inWord = false }
            default:
                current.append(c)
                inWord = true
            }
        }
        let unclosed = escape || quote != nil
        if escape { current.append("\\") }
        if inWord { words.append(current) }
        return (words, unclosed)
    }
}

public enum ChildProcess {
    public enum Outcome: Sendable, Equatable {
        case output(Data)
        case cannotStart(String)
        case exited(Int32)
        case killed(Int32)
        case timedOut
    }

    /// Runs `argv` (looked up in PATH; no shell) with stdin and stderr on /dev/null, reading its stdout (up to
    /// 64 KB kept; with `stderrToo` its stderr as well); kills it at the timeout. `environment` nil: this process's.
    public static func run(_ argv: [String], environment: [String: String]? = nil, timeout: TimeInterval,
                           stderrToo: Bool = false) -> Outcome {
        guard let program = argv.first, !program.isEmpty else { return .cannotStart("no program given") }
        var fds: [Int32] = [-1, -1]
        guard pipe(&fds) == 0 else { return .cannotStart(String(cString: strerror(errno))) }
        var actions = posix_spawn_file_actions_t()
        posix_spawn_file_actions_init(&actions)
        defer { posix_spawn_file_actions_destroy(&actions) }
        posix_spawn_file_actions_addopen(&actions, 0, "/dev/null", O_RDONLY, 0)
        posix_spawn_file_actions_adddup2(&actions, fds[1], 1)
        if stderrToo {
            posix_spawn_file_actions_adddup2(&actions, fds[1], 2)
        } else {
            posix_spawn_file_actions_addopen(&actions, 2, "/dev/null", O_WRONLY, 0)
        }
        posix_spawn_file_actions_addclose(&actions, fds[0])
        posix_spawn_file_actions_addclose(&actions, fds[1])
        let cArgs = argv.map { strdup($0) } + [nil]
        defer { cArgs.forEach { free($0) } }
        var pid: pid_t = 0
        let cEnv: [UnsafeMutablePointer<CChar>?]? = environment.map { $0.map { strdup("\($0.key)=\($0.value)") } + [nil] }
        defer { cEnv?.forEach { free($0) } }
        let rc = ChildSignals.withAttributes { attr in
            cEnv.map { posix_spawnp(&pid, program, &actions, &attr, cArgs, $0) } ?? posix_spawnp(&pid, program, &actions, &attr, cArgs, environ)
        }
        close(fds[1])
        guard rc == 0 else {
            close(fds[0])
            return .cannotStart(rc == ENOENT ? "not found in PATH" : String(cString: strerror(rc)))
        }
        var data = Data()
        let deadline = Date().addingTimeInterval(timeout)
        var timedOut = false
        var buffer = [UInt8](repeating: 0, count: 4096)
        while true {
            let left = deadline.timeIntervalSinceNow
            if left <= 0 { timedOut = true; break }
            var p = pollfd(fd: fds[0], events: Int16(POLLIN), revents: 0)
            let ready = poll(&p, 1, Int32(min(left, 1) * 1000))
            if ready < 0 && errno == EINTR { continue }
            if ready <= 0 { continue }
            let n = read(fds[0], &buffer, buffer.count)
            if n < 0 && errno == EINTR { continue }
            if n <= 0 { break }
            if data.count < 65_536 { data.append(contentsOf: buffer[0..<n]) }
        }
        close(fds[0])
        if timedOut { kill(pid, SIGKILL) }
        var status: Int32 = 0
        while waitpid(pid, &status, 0) == -1 && errno == EINTR {}
        if timedOut { return .timedOut }
        let signal = status & 0x7f
        if signal != 0 { return .killed(signal) }
        let code = (status >> 8) & 0xff
        return code == 0 ? .output(data) : .exited(code)
    }
}
