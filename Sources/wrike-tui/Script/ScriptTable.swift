import Foundation
import TermText
#if canImport(Glibc)
import Glibc
#endif

/// Rows of cells printed as an aligned table (a terminal), tab-separated lines (`--plain`). Every cell is
/// server text: sanitized to one line (no escapes, controls, bidi), tabs and newlines made spaces.
struct ScriptTable {
    var headers: [String]
    var rows: [[String]]

    static func cell(_ s: String) -> String { Sanitizer.cleanLine(s) }

    func render(_ format: OutputFormat, color: Bool, width: Int = ScriptTable.terminalWidth()) -> String {
        let clean = rows.map { $0.map(Self.cell) }
        switch format {
        case .plain, .json:
            return clean.map { $0.joined(separator: "\t") + "\n" }.joined()
        case .table:
            var widths = headers.map(displayWidth)
            for r in clean { for (i, c) in r.enumerated() where i < widths.count { widths[i] = max(widths[i], displayWidth(c)) } }
            // The last column takes what is left of the terminal's width.
            let fixed = widths.dropLast().reduce(0) { $0 + $1 + 2 }
            if let last = widths.indices.last { widths[last] = max(10, min(widths[last], width - fixed)) }
            func line(_ cells: [String]) -> String {
                cells.enumerated().map { i, c in
                    i == cells.count - 1 ? truncate(c, to: widths[i]) : pad(c, to: widths[i])
                }.joined(separator: "  ")
            }
            let head = line(headers)
            var out = (color ? "\u{1B}[1m" + head + "\u{1B}[0m" : head) + "\n"
            for r in clean { out += line(r) + "\n" }
            return out
        }
    }

    /// The terminal's columns (COLUMNS, else the tty's size, else 100).
    static func terminalWidth() -> Int {
        if let c = ProcessInfo.processInfo.environment["COLUMNS"].flatMap(Int.init), c > 20 { return c }
        var size = winsize()
        if ioctl(STDOUT_FILENO, UInt(TIOCGWINSZ), &size) == 0, size.ws_col > 20 { return Int(size.ws_col) }
        return 100
    }
}
