// Turning what a person types (a permalink, a folder path, a status name) into Wrike ids.
import Foundation
import WrikeAPI

enum ScriptLookup {
    enum StatusFilter: Equatable {
        case group(TaskStatus)
        case custom([String])
    }

    /// A task id, or the number of a permalink (`…/open.htm?id=N`, or just `N`) looked up with `GET /ids`.
    static func taskId(_ ref: String, client: WrikeClient) async throws -> String {
        let text = ref.trimmingCharacters(in: .whitespaces)
        if let number = permalinkNumber(text) { return try await client.taskId(permalinkNumber: number) }
        guard !text.isEmpty, text.allSatisfy({ $0.isASCII && ($0.isLetter || $0.isNumber) }) else {
            throw ScriptFailure.usage("'\(text)' is neither a task id (letters and digits) nor a permalink (…/open.htm?id=N)")
        }
        return text
    }

    /// `N` from `https://www.wrike.com/open.htm?id=N` (or a bare number).
    static func permalinkNumber(_ text: String) -> String? {
        if !text.isEmpty, text.allSatisfy(\.isASCIIDigit) { return text }
        guard let url = URLComponents(string: text), url.path.hasSuffix("open.htm"),
              let id = url.queryItems?.first(where: { $0.name == "id" })?.value, !id.isEmpty, id.allSatisfy(\.isASCIIDigit)
        else { return nil }
        return id
    }

    /// A status group (Active, Completed, Deferred, Cancelled) or the ids of the custom statuses of that name.
    static func statusFilter(_ name: String, workflows: [Workflow]) throws -> StatusFilter {
        let statuses = workflows.flatMap { $0.customStatuses ?? [] }
        let ids = statuses.filter { $0.name.caseInsensitiveCompare(name) == .orderedSame }.map(\.id)
        if !ids.isEmpty { return .custom(ids) }
        if let g = TaskStatus.known.first(where: { $0.rawValue.caseInsensitiveCompare(name) == .orderedSame }) { return .group(g) }
        var known = TaskStatus.known.map(\.rawValue)
        for s in statuses where !known.contains(s.name) { known.append(s.name) }
        throw ScriptFailure.usage("no status named '\(name)' (known: \(known.joined(separator: ", ")))")
    }

    /// The custom status `name` of the workflow that holds the task's current status (else of any workflow).
    static func statusId(_ name: String, for task: WrikeTask, workflows: [Workflow]) throws -> CustomStatus {
        let own = workflows.first { w in (w.customStatuses ?? []).contains { $0.id == task.customStatusId } }
        let candidates = (own?.customStatuses ?? []) + workflows.flatMap { $0.customStatuses ?? [] }
        if let s = candidates.first(where: { $0.name.caseInsensitiveCompare(name) == .orderedSame && $0.hidden != true }) {
            return s
        }
        let names = (own?.customStatuses ?? []).filter { $0.hidden != true }.map(\.name)
        throw ScriptFailure.usage("no status named '\(name)' in the task's workflow (known: \(names.joined(separator: ", ")))")
    }

    /// A folder id (as it is in the tree) or a path of titles `Space/Folder/Project` (case-insensitive; a
    /// leading part may be left out when the rest is unique).
    static func folderId(_ ref: String, tree: [FolderTreeEntry]) throws -> String {
        if tree.contains(where: { $0.id == ref }) { return ref }
        let parts = ref.split(separator: "/").map { $0.trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
        guard let last = parts.last else { throw ScriptFailure.usage("--folder: give a folder id or a path like Space/Folder") }
        var parent: [String: String] = [:]
        for e in tree { for c in e.childIds ?? [] where parent[c] == nil { parent[c] = e.id } }
        let byId = Dictionary(tree.map { ($0.id, $0) }, uniquingKeysWith: { a, _ in a })
        func titles(_ id: String) -> [String] {
            var out: [String] = []
            var cur: String? = id
            var seen: Set<String> = []
            while let c = cur, let e = byId[c], !seen.contains(c) {
                seen.insert(c)
                out.insert(e.title, at: 0)
                cur = parent[c]
            }
            return out
        }
        let matches = tree.filter { e in
            guard e.title.caseInsensitiveCompare(last) == .orderedSame else { return false }
            let chain = titles(e.id).map { $0.lowercased() }
            return chain.count >= parts.count && Array(chain.suffix(parts.count)) == parts.map { $0.lowercased() }
        }
        if matches.count == 1 { return matches[0].id }
        if matches.isEmpty { throw ScriptFailure.usage("--folder: no folder '\(ref)'") }
        let paths = matches.map { titles($0.id).joined(separator: "/") }
        throw ScriptFailure.usage("--folder: '\(ref)' names \(matches.count) folders (\(paths.joined(separator: "; "))); give more of the path or the id")
    }
}

extension Character {
    var isASCIIDigit: Bool { isASCII && isNumber }
}
