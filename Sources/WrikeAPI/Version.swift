/// The version of wrike-tui, defined here only: `wrike-tui --version`, the User-Agent of every request, the
/// first line of the log and the title of the `?` overlay.
public enum WrikeTUIVersion {
    public static let string = "0.1.0"
    public static var userAgent: String { "wrike-tui/\(string)" }
}
