// A profile's `token_command` (e.g. `pass show wrike`): a program whose output is the access token.
// It runs without a shell; its output is never stored, logged or shown. See docs/cli.md.
import Foundation
import Platform

public enum TokenCommand {
    /// Why the command gave no token. The messages never contain what the command printed.
    public enum Failure: Error, Sendable, Equatable, CustomStringConvertible {
        case empty
        case unbalancedQuote
        case cannotStart(program: String, reason: String)
        case exited(program: String, status: Int32)
        case killed(program: String, signal: Int32)
        case timedOut(program: String, seconds: Int)
        case noToken(program: String)

        public var description: String {
            switch self {
            case .empty: return "token_command is empty."
            case .unbalancedQuote: return "token_command has an unclosed quote."
            case .cannotStart(let p, let reason): return "token_command: cannot run '\(p)': \(reason)."
            case .exited(let p, let status): return "token_command '\(p)' failed (exit status \(status))."
            case .killed(let p, let signal): return "token_command '\(p)' was killed by signal \(signal)."
            case .timedOut(let p, let s): return "token_command '\(p)' gave no answer within \(s) s; stopped it."
            case .noToken(let p): return "token_command '\(p)' did not print a token (one line without spaces)."
            }
        }
    }

    /// Runs `command` (split by `words`, looked up in PATH, no shell) and returns its first output line,
    /// trimmed. stdin and stderr are /dev/null; the output is read up to 64 KB and never kept.
    public static func token(from command: String, timeout: TimeInterval = 60) throws(Failure) -> String {
        let argv: [String]
        do { argv = try CommandWords.strictSplit(command) } catch { throw .unbalancedQuote }
        guard let program = argv.first else { throw .empty }
        let output: Data
        switch ChildProcess.run(argv, timeout: timeout) {
        case .output(let data): output = data
        case .cannotStart(let reason): throw .cannotStart(program: program, reason: reason)
        case .exited(let status): throw .exited(program: program, status: status)
        case .killed(let signal): throw .killed(program: program, signal: signal)
        case .timedOut: throw .timedOut(program: program, seconds: Int(timeout))
        }
        let text = String(decoding: output, as: UTF8.self).trimmingCharacters(in: .whitespacesAndNewlines)
        let first = text.split(whereSeparator: \.isNewline).first.map(String.init) ?? ""
        let token = first.trimmingCharacters(in: .whitespaces)
        guard !token.isEmpty, token.allSatisfy({ $0.isASCII && !$0.isWhitespace }) else { throw .noToken(program: program) }
        return token
    }

}
