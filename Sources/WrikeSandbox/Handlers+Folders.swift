import Foundation
import WrikeAPI

extension State {
    static let folderFilterParams: Set<String> = [
        "permalink", "descendants", "metadata", "customFields", "updatedDate", "withInvitations", "project", "deleted",
        "contractTypes", "customItemTypes", "pageSize", "nextPageToken", "customStatuses", "authors", "owners",
        "startDate", "endDate", "completedDate", "title", "fields", "plainTextCustomFields",
    ]
    static let folderListFields: Set<String> = [
        "superParentIds", "metadata", "customItemTypeId", "customFields", "customColumnIds", "contractType",
        "description", "attachmentCount", "hasAttachments", "briefDescription", "space", "finance",
    ]

    /// `GET /folders`, `/spaces/{id}/folders`, `/folders/{id}/folders`: tree entries without filters,
    /// full folder models (kind `folders`) when any filter is present.
    func getFolderTree(_ p: Params, under: String?) throws -> HTTPResponse {
        try p.allow(Self.folderFilterParams)
        let pagingOnly = p.names.isSubset(of: ["pageSize", "nextPageToken"])
        if p.isEmpty {
            return Reply.json("folderTree", treeEntries(under: under, descendants: true))
        }
        if pagingOnly {
            throw APIError.invalidRequest("Parameter 'pageSize' is supported only for the 'folders' kind (add a filter such as descendants)")
        }
        let fields = try fieldList(p, allowed: Self.folderListFields)
        let descendants = try p.bool("descendants") ?? true
        let ids: [String]
        if let under {
            ids = subtree(of: under, descendants: descendants)
        } else if descendants {
            ids = spaces.items.map(\.id) + folders.items.map(\.id)
        } else {
            ids = spaces.items.map(\.id) + (childFolders[rootId] ?? [])
        }
        let project = try p.bool("project")
        let deleted = try p.bool("deleted") ?? false
        let title = try p.string("title")
        let permalink = try p.string("permalink")
        let updated = try p.range("updatedDate", .timestamps)
        let completed = try p.range("completedDate", .timestamps)
        let startDate = try p.range("startDate", .dates)
        let endDate = try p.range("endDate", .dates)
        let customStatuses = try p.stringArray("customStatuses").map(Set.init)
        let authors = try p.stringArray("authors").map(Set.init)
        let owners = try p.stringArray("owners").map(Set.init)
        let metadata = try p.object("metadata")
        var out: [Folder] = []
        for id in ids {
            guard let f = folderModel(id) else { continue }
            if (f.scope?.isRecycleBin ?? false) != deleted { continue }
            if let project, (f.project != nil) != project { continue }
            if let title, !f.title.localizedCaseInsensitiveContains(title) { continue }
            if let permalink, f.permalink != permalink { continue }
            if let updated, !(f.updatedDate.flatMap(WrikeDate.parseTimestamp).map(updated.contains) ?? false) { continue }
            if let completed, !(f.project?.completedDate.flatMap(WrikeDate.parseTimestamp).map(completed.contains) ?? false) { continue }
            if let startDate, !(f.project?.startDate.flatMap { WrikeDate.parseLocal($0) }.map(startDate.containsLocal) ?? false) { continue }
            if let endDate, !(f.project?.endDate.flatMap { WrikeDate.parseLocal($0) }.map(endDate.containsLocal) ?? false) { continue }
            if let customStatuses, !customStatuses.contains(f.project?.customStatusId ?? "") { continue }
            if let authors, !authors.contains(f.project?.authorId ?? "") { continue }
            if let owners, Set(f.project?.ownerIds ?? []).isDisjoint(with: owners) { continue }
            if let metadata, !Self.metadataMatches(f.metadata, metadata) { continue }
            out.append(folderOut(f, fields: fields, full: false))
        }
        let window = try Paging.window(total: out.count, params: p, cap: nil)
        return Reply.json("folders", Array(out[window.range]), nextPageToken: window.nextPageToken, responseSize: window.responseSize)
    }

    static func metadataMatches(_ entries: [MetadataEntry]?, _ filter: [String: JSONValue]) -> Bool {
        guard let key = filter["key"]?.scalarText else { return false }
        let value = filter["value"]?.scalarText
        return (entries ?? []).contains { $0.key == key && (value == nil || $0.value == value) }
    }

    func treeEntries(under: String?, descendants: Bool) -> [FolderTreeEntry] {
        func entry(_ id: String) -> FolderTreeEntry? {
            if id == rootId {
                let kids = spaces.items.filter { $0.archived != true }.map(\.id) + (childFolders[rootId] ?? [])
                return FolderTreeEntry(id: id, title: "Root", childIds: kids, scope: .wsRoot)
            }
            if id == recycleBinId {
                let kids = (childFolders[recycleBinId] ?? [])
                return FolderTreeEntry(id: id, title: "Recycle Bin", childIds: kids, scope: .rbRoot)
            }
            if let s = spaces[id] {
                return FolderTreeEntry(id: s.id, title: s.title, childIds: childFolders[s.id] ?? [], scope: .wsFolder)
            }
            if let f = folders[id] {
                return FolderTreeEntry(id: f.id, title: f.title, color: f.color, childIds: f.childIds ?? [],
                                       scope: f.scope ?? .wsFolder, project: f.project)
            }
            return nil
        }
        if let under {
            if under == rootId {
                return [entry(rootId)].compactMap { $0 } + spaces.items.flatMap { s in subtree(of: s.id).compactMap(entry) }
            }
            if under == recycleBinId {
                return subtree(of: recycleBinId, descendants: descendants).compactMap(entry)
            }
            return subtree(of: under, descendants: descendants).compactMap(entry)
        }
        var out: [FolderTreeEntry] = []
        out.reserveCapacity(folders.count + spaces.count + 2)
        if let root = entry(rootId) { out.append(root) }
        if let bin = entry(recycleBinId) { out.append(bin) }
        for s in spaces.items where s.archived != true { if let e = entry(s.id) { out.append(e) } }
        for f in folders.items { if let e = entry(f.id) { out.append(e) } }
        return out
    }

    /// The full folder model of a folder, or a space seen as a folder.
    func folderModel(_ id: String) -> Folder? {
        if let f = folders[id] { return f }
        if let s = spaces[id] {
            return Folder(id: s.id, accountId: account.id, title: s.title, createdDate: account.createdDate,
                          updatedDate: account.createdDate, description: s.description ?? "", color: "None",
                          sharedIds: [], parentIds: [rootId], childIds: childFolders[s.id] ?? [], superParentIds: [],
                          scope: .wsFolder, hasAttachments: false, permalink: "https://www.wrike.com/open.htm?id=\(Self.numericId(s.id))",
                          workflowId: s.defaultTaskWorkflowId, metadata: [], customFields: [])
        }
        return nil
    }

    static func numericId(_ id: String) -> Int {
        var h: UInt64 = 1469598103934665603
        for b in id.utf8 { h = (h ^ UInt64(b)) &* 1099511628211 }
        return Int(h % 900_000_000) + 100_000_000
    }

    /// Full model (`GET /folders/{ids}`) or list model (folders mode), plus requested `fields`.
    func folderOut(_ f: Folder, fields: Set<String>, full: Bool) -> Folder {
        var f = f
        if !full {
            if !fields.contains("superParentIds") { f.superParentIds = nil }
            if !fields.contains("metadata") { f.metadata = nil }
            if !fields.contains("customFields") { f.customFields = nil }
            // Present by default, empty unless asked for (devrev/airdrop-wrike-snap-in live capture of
            // `/spaces/{id}/folders?project=true`).
            f.description = fields.contains("description") ? (f.description ?? "") : ""
            if !fields.contains("hasAttachments") { f.hasAttachments = nil }
        }
        if !fields.contains("briefDescription") { f.briefDescription = nil }
        if !fields.contains("customColumnIds") { f.customColumnIds = nil }
        if !fields.contains("attachmentCount") { f.attachmentCount = nil }
        if !fields.contains("customItemTypeId") { f.customItemTypeId = nil }
        if !fields.contains("contractType") { f.contractType = nil }
        return f
    }

    func getFolders(_ p: Params, ids: [String]) throws -> HTTPResponse {
        try p.allow(["fields", "withInvitations", "plainTextCustomFields"])
        let fields = try fieldList(p, allowed: ["briefDescription", "customColumnIds", "attachmentCount", "contractType",
                                                "cascadingFields", "accessRoles", "customItemTypeId", "finance"])
        let out = try ids.map { id -> Folder in
            guard let f = folderModel(id) else { throw APIError.notFound("Folder") }
            return folderOut(f, fields: fields, full: true)
        }
        return Reply.json("folders", out)
    }
}
