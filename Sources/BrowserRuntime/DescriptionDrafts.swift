// The text of a description edit not confirmed by Wrike yet, kept next to the drafts
// (`description-<profile>-<taskId>.md`, 0600 in the 0700 drafts directory, written with `AtomicFile`,
// read with `SafeFile`): the app writes it before the `PUT` leaves and deletes it once Wrike confirms.
// The drafts listing reads only `*.json`, so these files are not drafts of the send machinery. See
// docs/editing.md.
import Browser
import Foundation
import Platform

#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

extension DraftStore {
    func descriptionPath(profile: String, taskId: String) -> String? {
        let name = "description-" + profile + "-" + taskId
        guard Self.isValidId(name) else { return nil }
        return directory + "/" + name + ".md"
    }

    /// Keeps `text` for the task's description (atomically; the directory is made 0700 when missing).
    public func saveDescription(_ text: String, profile: String, taskId: String) throws(DraftError) {
        guard let path = descriptionPath(profile: profile, taskId: taskId) else {
            throw DraftError(reason: .invalidId, message: "Cannot keep the description: bad task id.")
        }
        do {
            try AtomicFile.write(Array(text.utf8), to: path, access: .owner)
        } catch {
            throw DraftError.from(errno: error.code, path: error.step == .createDirectory ? error.path : directory, doing: "save")
        }
    }

    /// The text kept for the task's description, if any.
    public func loadDescription(profile: String, taskId: String) -> String? {
        guard let path = descriptionPath(profile: profile, taskId: taskId),
              let file = try? SafeFile.read(path, limit: Self.maxFileSize, followSymlinks: false) else { return nil }
        return file.text
    }

    public func deleteDescription(profile: String, taskId: String) {
        guard let path = descriptionPath(profile: profile, taskId: taskId) else { return }
        _ = unlink(path)
    }
}
