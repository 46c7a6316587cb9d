// The file of the instant start: the last screen (Features/Snapshot/ScreenSnapshot.swift) in
// $XDG_CACHE_HOME/wrike-tui/screen-<host>-<profile>.bin, next to the warm-start file of the same
// identity, 0600 in a 0700 directory, written atomically with `AtomicFile` (never a token: the file
// holds ids, titles, the open task and its comments). A file of another app version or format, of
// another identity (host, profile, or "me" as the warm-start file knows it) or older than `maxAge` is
// not used (a cold start, with a log line); a damaged one is renamed to `<name>.damaged` with a log line.
import Browser
import Foundation
import Platform
import WrikeAPI

public struct ScreenSnapshotStore: Sendable {
    /// `snapshot-max-age` in the config, seconds.
    public static let defaultMaxAge: TimeInterval = 7 * 24 * 3600
    /// A 100,000-task list is about 20 MB; larger files are not read.
    public static let maxFileSize = 256 << 20

    public let directory: URL
    public let host: String
    public let profile: String
    public var maxAge: TimeInterval
    public var appVersion: String
    let log: @Sendable (String) -> Void

    public init(directory: URL, host: String, profile: String, maxAge: TimeInterval = Self.defaultMaxAge,
                appVersion: String = WrikeTUIVersion.string, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.host = host
        self.profile = profile
        self.maxAge = maxAge
        self.appVersion = appVersion
        self.log = log
    }

    /// The warm-start file's directory and identity.
    public init(warmStart: WarmStartCache, maxAge: TimeInterval = Self.defaultMaxAge,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: warmStart.directory, host: warmStart.host, profile: warmStart.profile, maxAge: maxAge, log: log)
    }

    /// `screen-<host>-<profile>.bin`, named like the warm-start file.
    public var fileURL: URL {
        let bootstrap = WarmStartCache(directory: directory, host: host, profile: profile).fileURL.lastPathComponent
        let name = "screen-" + bootstrap.dropFirst("bootstrap-".count).dropLast(".json".count) + ".bin"
        return directory.appendingPathComponent(name)
    }

    /// The kept screen when it may be drawn: this version, this identity (`meId`: who the warm-start
    /// file says "me" is, when it knows), not older than `maxAge`. Nil otherwise (logged).
    public func load(meId: String?, now: Date = Date()) -> ScreenSnapshot? {
        let path = fileURL.path
        let bytes: [UInt8]
        do {
            bytes = try SafeFile.read(path, limit: Self.maxFileSize, followSymlinks: false).bytes
        } catch where error.kind == .missing {
            return nil
        } catch {
            log("instant start: screen file unreadable, cold start (\(error.reason))")
            return nil
        }
        switch ScreenSnapshot.decode(bytes) {
        case .failure(.otherFormat(let f)):
            log("instant start: screen file of format \(f), expected \(ScreenSnapshot.format): cold start")
            return nil
        case .failure(.damaged(let why)):
            setAside(why)
            return nil
        case .success(let snap):
            let s = snap.screen
            guard s.appVersion == appVersion else {
                log("instant start: screen file of wrike-tui \(s.appVersion), this is \(appVersion): cold start")
                return nil
            }
            guard s.host == host, s.profile == profile else {
                log("instant start: screen file of another sign-in, cold start")
                return nil
            }
            if let was = s.meId, let meId, was != meId {
                log("instant start: screen file of another user, cold start")
                return nil
            }
            let age = now.timeIntervalSince1970 - s.savedAt
            guard age >= -300, age <= maxAge else {
                log("instant start: screen file too old (\(Int(age)) s, snapshot-max-age \(Int(maxAge)) s), cold start")
                return nil
            }
            return snap
        }
    }

    /// Renames a damaged file out of the way (`.damaged`, replacing an older one) and says so in the log.
    func setAside(_ why: String) {
        let from = fileURL.path
        let to = from + ".damaged"
        if rename(from, to) == 0 {
            log("instant start: screen file damaged (\(why)), set aside as \(to); cold start")
        } else {
            log("instant start: screen file damaged (\(why)) and not set aside (\(String(cString: strerror(errno)))); cold start")
        }
    }

    /// Writes the screen (atomically). Returns false (and logs) when it cannot be written.
    @discardableResult
    public func save(_ capture: ScreenCapture) -> Bool {
        guard capture.screen.host == host, capture.screen.profile == profile else { return false }
        do {
            try AtomicFile.write(try capture.encoded(), to: fileURL.path, access: .owner)
            return true
        } catch {
            log("instant start: screen not written (\(error))")
            return false
        }
    }

    /// Removes the file (another identity was met); silent when there is none.
    public func remove() {
        unlink(fileURL.path)
    }
}
