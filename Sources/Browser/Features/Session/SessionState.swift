// The session's concerns: the first load (workflows, spaces, then the directory), a warm start from disk,
// the automatic retry of failed first loads, being signed out, and the periodic revalidation.
import Foundation

/// Where the session stands.
public struct SessionState: Sendable {
    public var bootstrap: LoadStatus = .notLoaded
    /// Account, contacts and custom fields, read once the first frame is complete.
    public var directoryStatus: LoadStatus = .notLoaded
    /// Where the first frame's workflows and spaces stand after a warm start (read from disk).
    public var warmStart: WarmStartStatus = .notWarm
    /// The last screen, kept on disk, drawn at start before any request (Features/Snapshot).
    public var fromDisk = FromDisk()
    /// A retry of failed first loads (account, folders, the list), scheduled by itself (AutoRetry.swift).
    public var autoRetry: AutoRetry?
    /// Wrike refused to refresh the sign-in: nothing more is read or sent (SignedOut.swift).
    public var signedOut = false
    /// The periodic quiet re-read of what is on screen (config `refresh-interval`; Revalidate.swift).
    public var revalidation = Revalidation()
    public init() {}

    /// Signed in, loaded, nothing being retried or revalidated.
    public var isSettled: Bool {
        revalidation.inFlight == 0 && !signedOut && bootstrap == .loaded && autoRetry == nil
    }
}

/// A warm start's revalidation of workflows and spaces (read from disk for the first frame).
public enum WarmStartStatus: Sendable, Hashable {
    /// A cold start (or the disk data was already replaced by Wrike's).
    case notWarm
    /// The disk data is on screen; the re-read follows the first frame.
    case pending
    case revalidating
    case revalidated
}
