import Foundation
import Platform

/// Opens a link in a browser (`ExternalOpener`: `$BROWSER`, else `xdg-open` with a display). Only http(s)
/// links are opened.
enum BrowserLauncher {
    static func open(_ link: String, environment: [String: String]) -> Bool {
        guard let url = URL(string: link), ["http", "https"].contains(url.scheme?.lowercased() ?? "") else { return false }
        if case .opened = ExternalOpener.open(link, environment: environment) { return true }
        return false
    }
}
