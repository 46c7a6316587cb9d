import Foundation
#if canImport(Glibc)
import Glibc
#endif

/// A scratch directory removed at deinit.
final class ScratchDir: Sendable {
    let path: String
    init() {
        path = FileManager.default.temporaryDirectory.appendingPathComponent("wrike-platform-\(UUID().uuidString)").path
        try? FileManager.default.createDirectory(atPath: path, withIntermediateDirectories: true)
    }
    deinit {
        _ = chmod(path, 0o700)
        try? FileManager.default.removeItem(atPath: path)
    }
}

func permissions(_ path: String) -> UInt32? {
    var st = stat()
    guard stat(path, &st) == 0 else { return nil }
    return UInt32(st.st_mode) & 0o777
}

func contents(_ path: String) -> String? {
    FileManager.default.contents(atPath: path).map { String(decoding: $0, as: UTF8.self) }
}
