// Reading a state file of the state directory (timer, inbox): `SafeFile` with a size limit and no symlinks;
// a missing file is "none yet"; a file that cannot be read as what it should hold is renamed `.damaged`,
// logged and reported, never a crash.
import Foundation
import Browser
import Platform

/// What can be wrong with a state file: damaged (set aside) or unusable (the file system refused).
public protocol StateFileProblem: Error {
    static func damaged(_ why: String) -> Self
    static func io(_ why: String) -> Self
    /// Why the file is damaged, or nil when the problem is something else.
    var damagedReason: String? { get }
}

extension InboxFileProblem: StateFileProblem {
    public var damagedReason: String? {
        switch self {
        case .damaged(let why): why
        case .io: nil
        }
    }
}

extension TimerFileProblem: StateFileProblem {
    public var damagedReason: String? {
        switch self {
        case .damaged(let why): why
        case .io: nil
        }
    }
}

enum StateFile {
    /// The decoded file at `path` (nil: none yet); a damaged one is set aside. `what` names it in the log.
    static func read<Record, Problem: StateFileProblem>(
        _ path: String, limit: Int, what: String, log: (String) -> Void,
        decode: ([UInt8]) -> Result<Record, Problem>
    ) -> Result<Record?, Problem> {
        let bytes: [UInt8]
        do {
            bytes = try SafeFile.read(path, limit: limit, followSymlinks: false).bytes
        } catch where error.kind == .missing {
            return .success(nil)
        } catch {
            if case .unreadable = error.kind { return .failure(.io(error.reason)) }
            return .failure(setAside(path, why: error.reason, what: what, log: log))
        }
        switch decode(bytes) {
        case .success(let r): return .success(r)
        case .failure(let problem):
            guard let why = problem.damagedReason else { return .failure(problem) }
            return .failure(setAside(path, why: why, what: what, log: log))
        }
    }

    /// Renames the damaged file at `path` to `path.damaged` (replacing an older one).
    static func setAside<Problem: StateFileProblem>(_ path: String, why: String, what: String, log: (String) -> Void) -> Problem {
        let aside = path + ".damaged"
        _ = unlink(aside)
        if rename(path, aside) != 0 {
            log("\(what): \(path) is damaged (\(why)) and cannot be set aside: \(String(cString: strerror(errno)))")
            return .io("'\(path)' is damaged (\(why)) and cannot be set aside")
        }
        log("\(what): \(path) was damaged (\(why)); set aside as \(aside)")
        return .damaged(why)
    }
}
