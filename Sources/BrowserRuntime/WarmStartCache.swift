// The warm start: the reference data of the first frame (workflows, spaces) kept on disk between runs,
// so that the first frame needs only the folder tree and the first page (2 requests instead of 4).
// One file per sign-in identity (API host + profile name, never the token), in
// $XDG_CACHE_HOME/wrike-tui/ (default ~/.cache/wrike-tui), 0600 in a 0700 directory, written with
// `AtomicFile` and read with `SafeFile`. A file that cannot be read, decoded, is of another version or
// too old is ignored (cold start) with a line in the log; a file that cannot be written is only logged.
import Browser
import Foundation
import Platform
import WrikeAPI

public struct WarmStartCache: Sendable {
    /// Bumped whenever the file's layout changes: another version is ignored.
    public static let formatVersion = 1
    /// Older files are not used for the first frame.
    public static let defaultMaxAge: TimeInterval = 24 * 3600
    /// Larger files are not read (an account's contacts, spaces and workflows fit many times over).
    public static let maxFileSize = 64 << 20

    public let directory: URL
    public let host: String
    public let profile: String
    public var maxAge: TimeInterval
    let log: @Sendable (String) -> Void

    public init(directory: URL, host: String, profile: String, maxAge: TimeInterval = WarmStartCache.defaultMaxAge,
                log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.directory = directory
        self.host = host
        self.profile = profile
        self.maxAge = maxAge
        self.log = log
    }

    /// The cache directory of `paths`: `$XDG_CACHE_HOME/wrike-tui`.
    public init(paths: XDGPaths, host: String, profile: String, log: @escaping @Sendable (String) -> Void = { _ in }) {
        self.init(directory: URL(fileURLWithPath: paths.cache), host: host, profile: profile, log: log)
    }

    /// `bootstrap-<host>-<profile>.json`, both reduced to safe characters.
    public var fileURL: URL {
        func safe(_ s: String) -> String {
            String(s.unicodeScalars.map { c -> Character in
                (c.isASCII && (CharacterSet.alphanumerics.contains(c) || c == "." || c == "-"))
                    ? Character(c) : "_"
            })
        }
        return directory.appendingPathComponent("bootstrap-\(safe(host))-\(safe(profile)).json")
    }

    struct File: Codable {
        var version: Int
        var savedAt: Double
        var host: String
        var profile: String
        var workflows: [Workflow]
        var spaces: [Space]
        /// The directory (account, contacts with "me", custom fields) once it was read; nil before.
        var account: Account?
        var contacts: [Contact]?
        var customFields: [CustomField]?
    }

    /// The cached workflows and spaces when a fresh, readable file of this version exists.
    public func load(now: Date = Date()) -> Bootstrap? {
        let url = fileURL
        let data: Data
        do {
            data = try SafeFile.read(url.path, limit: Self.maxFileSize).data
        } catch where error.kind == .missing {
            return nil
        } catch {
            log("warm start: cache file unreadable, cold start (\(error))")
            return nil
        }
        guard let versionOnly = try? JSONDecoder().decode(VersionOnly.self, from: data) else {
            log("warm start: cache file corrupt, cold start (\(url.path))")
            return nil
        }
        guard versionOnly.version == Self.formatVersion else {
            log("warm start: cache file of version \(versionOnly.version), expected \(Self.formatVersion): cold start")
            return nil
        }
        guard let file = try? JSONDecoder().decode(File.self, from: data) else {
            log("warm start: cache file corrupt, cold start (\(url.path))")
            return nil
        }
        guard file.host == host, file.profile == profile else {
            log("warm start: cache file of another sign-in, cold start")
            return nil
        }
        let age = now.timeIntervalSince1970 - file.savedAt
        guard age >= -300, age <= maxAge else {
            log("warm start: cache file too old (\(Int(age)) s), cold start")
            return nil
        }
        let contacts = file.contacts ?? []
        return Bootstrap(account: file.account, me: contacts.first { $0.me == true }, contacts: contacts,
                         workflows: file.workflows, spaces: file.spaces, customFields: file.customFields ?? [],
                         hasDirectory: false, fromDiskCache: true)
    }

    /// The current file of this identity and version, whatever its age (nil, silently, otherwise).
    func existing() -> File? {
        guard let data = try? SafeFile.read(fileURL.path, limit: Self.maxFileSize).data,
              let file = try? JSONDecoder().decode(File.self, from: data),
              file.version == Self.formatVersion, file.host == host, file.profile == profile else { return nil }
        return file
    }

    /// Adds the directory (account, contacts, custom fields) to the file, keeping its workflows and spaces
    /// and their date. Nothing when there is no file yet (it is written with the next workflows and spaces).
    @discardableResult
    public func saveDirectory(_ bootstrap: Bootstrap) -> Bool {
        guard var file = existing() else { return false }
        file.account = bootstrap.account
        file.contacts = bootstrap.contacts
        file.customFields = bootstrap.customFields
        return write(file)
    }

    private struct VersionOnly: Decodable { var version: Int }

    /// Keeps `bootstrap`'s workflows and spaces (and the directory already in the file) (atomically: a temporary file renamed over the old one).
    /// Returns false (and logs) when the file cannot be written.
    @discardableResult
    public func save(_ bootstrap: Bootstrap, now: Date = Date()) -> Bool {
        let old = existing()
        let file = File(version: Self.formatVersion, savedAt: now.timeIntervalSince1970, host: host, profile: profile,
                        workflows: bootstrap.workflows, spaces: bootstrap.spaces,
                        account: old?.account, contacts: old?.contacts, customFields: old?.customFields)
        return write(file)
    }

    private func write(_ file: File) -> Bool {
        let data: Data
        do {
            data = try JSONEncoder().encode(file)
        } catch {
            log("warm start: cache not written (cannot encode it)")
            return false
        }
        do {
            try AtomicFile.write(data, to: fileURL.path, access: .owner)
            return true
        } catch {
            log("warm start: cache not written (\(error))")
            return false
        }
    }
}
