// Running a custom command (`[[commands]]`): never through a shell. With `output = true` it runs in the
// background, its output (stdout and stderr, sanitized) goes to the status line; otherwise it gets the
// terminal (curses suspended, as for $EDITOR), so it may ask questions. See docs/cli.md.
import Browser
import Foundation
import Platform

extension BrowserApp {
    /// How long a background command may run before it is stopped.
    static let customCommandTimeout: TimeInterval = 60

    mutating func runCustomCommand(_ name: String, context: inout LoopContext) {
        guard let command = state.keymap.bindings.compactMap(\.command).first(where: { $0.name == name }),
              let facts = state.customCommandFacts else { return }
        let (argv, extra) = command.invocation(facts)
        let env = environment.merging(extra) { _, new in new }
        let runner = self.runner
        if command.showOutput {
            state.status.message = "\(name): running…"
            let thread = Thread {
                let outcome = ChildProcess.run(argv, environment: env, timeout: Self.customCommandTimeout, stderrToo: true)
                let (message, error) = Self.describe(outcome, name: name)
                runner.deliver(.customCommandDone(message: message, error: error))
            }
            thread.name = "wrike-tui.command"
            thread.start()
            return
        }
        context.releaseTerminal {
            do {
                let status = try ExternalEditor.run(argv, environment: env, stop: { appMustEnd })
                runner.deliver(status == 0 ? .customCommandDone(message: "\(name): done.", error: nil)
                               : .customCommandDone(message: nil, error: "\(name) exited with status \(status)."))
            } catch {
                runner.deliver(.customCommandDone(message: nil, error: "\(name): \(error)"))
            }
        }
    }

    /// The status line's words for a background run: the last line of output, or why it failed.
    static func describe(_ outcome: ChildProcess.Outcome, name: String) -> (message: String?, error: String?) {
        func lastLine(_ d: Data) -> String {
            String(decoding: d, as: UTF8.self).split(whereSeparator: \.isNewline).last.map(String.init) ?? ""
        }
        switch outcome {
        case .output(let data):
            let line = lastLine(data)
            return (line.isEmpty ? "\(name): done." : "\(name): \(line)", nil)
        case .cannotStart(let reason): return (nil, "\(name): cannot start: \(reason).")
        case .exited(let status): return (nil, "\(name) exited with status \(status).")
        case .killed(let signal): return (nil, "\(name) was killed by signal \(signal).")
        case .timedOut: return (nil, "\(name) ran longer than \(Int(customCommandTimeout)) s; stopped it.")
        }
    }
}
