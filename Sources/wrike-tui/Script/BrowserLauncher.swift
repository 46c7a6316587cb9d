import Foundation
import Platform

/// Opens a link in a browser: `$BROWSER` (split into words, the link a separate last argument, no shell),
/// else `xdg-open` when there is a display. Only http(s) links are opened.
enum BrowserLauncher {
    static func open(_ link: String, environment: [String: String]) -> Bool {
        guard let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return false }
        if let browser = environment["BROWSER"], !browser.isEmpty,
           case let words = CommandWords.split(browser), !words.isEmpty {
            return ChildProcess.start(words + [link])
        }
        let display = !(environment["DISPLAY"] ?? "").isEmpty || !(environment["WAYLAND_DISPLAY"] ?? "").isEmpty
        return display && ChildProcess.start(["xdg-open", link])
    }
}
