// The remembered screen (Browser/Features/Views/RememberedView.swift) on disk: the last list, its sort and
// filter, and the open folder, in `$XDG_STATE_HOME/wrike-tui/view-<profile>.json` (one per profile, so
// one account's folder ids never open in another). Written with AtomicFile (0600 in 0700), read with
// SafeFile; a damaged or other-version file is ignored with a log line (the app starts as without one).
import Browser
import Foundation
import Platform

public struct ViewStateStore: Sendable {
    public let path: String
    private let log: @Sendable (String) -> Void

    public init(directory: String, profile: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        path = directory + "/view-\(TimerStore.fileSafe(profile)).json"
        self.log = log
    }

    public init(paths: XDGPaths, profile: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: paths.state, profile: profile, log: log)
    }

    /// The remembered screen, or nil (none, or one that cannot be used: logged).
    public func load() -> RememberedView? {
        let bytes: [UInt8]
        do {
            bytes = try SafeFile.read(path, limit: 64 << 10).bytes
        } catch {
            if error.kind != .missing { log("remembered view: \(error)") }
            return nil
        }
        guard let r = try? JSONDecoder().decode(RememberedView.self, from: Data(bytes)) else {
            log("remembered view: \(path) is not readable; starting without it")
            return nil
        }
        guard r.version == RememberedView.formatVersion else {
            log("remembered view: \(path) has format \(r.version), not \(RememberedView.formatVersion); ignored")
            return nil
        }
        return r
    }

    /// Writes it (a failure is logged: the next change tries again).
    public func save(_ r: RememberedView) {
        do {
            let data = try JSONEncoder().encode(r)
            try AtomicFile.write(Array(data), to: path, access: .owner)
        } catch {
            log("remembered view: not written: \(error)")
        }
    }

    public func perform(_ e: ViewsEffect) {
        switch e {
        case .remember(let r): save(r)
        }
    }
}
