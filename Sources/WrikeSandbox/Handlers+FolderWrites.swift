import Foundation
import WrikeAPI

/// Creating, changing and deleting folders and projects (official 2020 method model: `POST
/// /folders/{id}/folders`, `PUT /folders/{id}`, `DELETE /folders/{id}`; answers as the docs'
/// `createdFolderData`/`deletedFolderData` examples).
extension State {
    static let folderWriteFields: Set<String> = ["contractType", "space"]

    /// `POST /folders/{id}/folders`: `id` is a folder, a space or the account's root.
    mutating func postFolder(_ p: Params, parentId: String, now: Date) throws -> HTTPResponse {
        try p.allow(["title", "description", "shareds", "metadata", "customFields", "customColumns", "project", "fields",
                     "withInvitations"])
        let fields = try fieldList(p, allowed: Self.folderWriteFields)
        guard isContainer(parentId) || parentId == rootId else { throw APIError.notFound("Folder") }
        let title = try p.requiredString("title")
        guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError.invalidParameter("title") }
        let shareds = try contactIds(p, "shareds") ?? []
        let stamp = WrikeDate.formatTimestamp(now)
        let id = newId("I4")
        var f = Folder(id: id, accountId: account.id, title: title, createdDate: stamp, updatedDate: stamp,
                       description: try p.string("description") ?? "", color: "None",
                       sharedIds: Array(Set(shareds + [meId])).sorted(), parentIds: [parentId], childIds: [],
                       superParentIds: [], scope: .wsFolder, hasAttachments: false,
                       permalink: "https://www.wrike.com/open.htm?id=\(Self.numericId(id))",
                       workflowId: folderModel(parentId)?.workflowId ?? workflow(forStatus: nil)?.id, metadata: [],
                       customFields: [])
        try applyFolderFields(&f, p)
        if let o = try p.object("project") {
            f.project = try projectSettings(o, current: Project(authorId: meId, ownerIds: [meId], status: .green,
                                                                 createdDate: stamp))
        }
        folders.append(f)
        rebuildFolderChildren()
        touch()
        return Reply.json("folders", [folderOut(folders[id] ?? f, fields: fields, full: true)])
    }

    /// `PUT /folders/{id}`.
    mutating func putFolder(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow(["title", "description", "addParents", "removeParents", "addShareds", "removeShareds", "metadata",
                     "restore", "customFields", "customColumns", "project", "fields", "withInvitations"])
        let fields = try fieldList(p, allowed: Self.folderWriteFields)
        guard var f = folders[id] else { throw APIError.notFound("Folder") }
        if let title = try p.string("title") {
            guard !title.trimmingCharacters(in: .whitespacesAndNewlines).isEmpty else { throw APIError.invalidParameter("title") }
            f.title = title
        }
        if p.has("description") { f.description = try p.string("description") ?? "" }
        var parents = f.parentIds ?? []
        for parent in try p.stringArray("addParents") ?? [] {
            guard isContainer(parent), parent != id else { throw APIError.invalidParameter("addParents") }
            if !parents.contains(parent) { parents.append(parent) }
        }
        let removing = try p.stringArray("removeParents") ?? []
        parents.removeAll { removing.contains($0) }
        if parents.isEmpty { throw APIError.invalidParameter("removeParents", "a folder needs a parent") }
        if try p.bool("restore") == true, f.scope == .rbFolder {
            parents = deletedFolderParents.removeValue(forKey: id) ?? [rootId]
            f.scope = .wsFolder
        }
        f.parentIds = parents
        var shared = f.sharedIds ?? []
        shared += (try contactIds(p, "addShareds") ?? []).filter { !shared.contains($0) }
        let unshare = try contactIds(p, "removeShareds") ?? []
        shared.removeAll { unshare.contains($0) }
        f.sharedIds = shared
        try applyFolderFields(&f, p)
        if p.has("project") {
            if let o = try p.object("project") {
                let stamp = WrikeDate.formatTimestamp(now)
                f.project = try projectSettings(o, current: f.project ?? Project(authorId: meId, ownerIds: [meId],
                                                                                 status: .green, createdDate: stamp))
            } else {
                f.project = nil
            }
        }
        f.updatedDate = WrikeDate.formatTimestamp(now)
        folders.replace(f)
        rebuildFolderChildren()
        touch()
        return Reply.json("folders", [folderOut(folders[id] ?? f, fields: fields, full: true)])
    }

    /// `DELETE /folders/{id}`: moves the folder (with its subtree) to the Recycle Bin and returns it.
    mutating func deleteFolder(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow([])
        guard var f = folders[id] else { throw APIError.notFound("Folder") }
        if f.scope != .rbFolder { deletedFolderParents[id] = f.parentIds ?? [] }
        for sub in subtree(of: id) where sub != id {
            folders.update(sub) { $0.scope = .rbFolder }
        }
        f.parentIds = [recycleBinId]
        f.scope = .rbFolder
        f.updatedDate = WrikeDate.formatTimestamp(now)
        folders.replace(f)
        rebuildFolderChildren()
        touch()
        return Reply.json("folders", [folderOut(folders[id] ?? f, fields: [], full: true)])
    }

    func contactIds(_ p: Params, _ name: String) throws -> [String]? {
        guard let ids = try p.stringArray(name) else { return nil }
        for id in ids where !contacts.contains(id) { throw APIError.invalidParameter(name, "unknown contact '\(id)'") }
        return ids
    }

    /// `metadata`, `customFields` and `customColumns`, shared by create and update.
    func applyFolderFields(_ f: inout Folder, _ p: Params) throws {
        if let list = try mergedMetadata(f.metadata, p) { f.metadata = list }
        if let values = try mergedCustomFields(f.customFields, p) { f.customFields = values }
        if let columns = try p.stringArray("customColumns") {
            for c in columns where !customFields.contains(c) { throw APIError.invalidParameter("customColumns") }
            f.customColumnIds = columns
        }
    }

    /// `metadata=[{key, value}]` applied to `current` (a `null` value removes the key); nil when absent.
    /// Tasks, folders and contacts.
    func mergedMetadata(_ current: [MetadataEntry]?, _ p: Params) throws -> [MetadataEntry]? {
        guard let entries = try p.objectArray("metadata") else { return nil }
        var list = current ?? []
        for e in entries {
            guard let key = e["key"]?.scalarText, !key.isEmpty else { throw APIError.invalidParameter("metadata") }
            list.removeAll { $0.key == key }
            if let value = e["value"]?.scalarText { list.append(MetadataEntry(key: key, value: value)) }
        }
        return list
    }

    /// `customFields=[{id, value}]` (at most 100) applied to `current` (a `null` value removes the
    /// field); nil when absent. Tasks and folders.
    func mergedCustomFields(_ current: [CustomFieldValue]?, _ p: Params) throws -> [CustomFieldValue]? {
        guard let entries = try p.objectArray("customFields") else { return nil }
        if entries.count > 100 { throw APIError.invalidParameter("customFields", "at most 100") }
        var values = current ?? []
        for e in entries {
            guard let cfId = e["id"]?.scalarText else { throw APIError.invalidParameter("customFields") }
            if customFields.count > 0 && !customFields.contains(cfId) {
                throw APIError.invalidParameter("customFields", "unknown custom field '\(cfId)'")
            }
            var value = e["value"]?.scalarText
            if let v = value, let field = customFields[cfId] {
                if let why = CustomFieldRules.problem(v, field: field, isContact: { contacts.contains($0) }) {
                    throw APIError.invalidParameter("customFields", why)
                }
                if v.isEmpty { value = nil }
            }
            if let i = values.firstIndex(where: { $0.id == cfId }) {
                if let value { values[i].value = value } else { values.remove(at: i) }
            } else if let value {
                values.append(CustomFieldValue(id: cfId, value: value))
            }
        }
        return values
    }

    /// Project settings (create: `ownerIds`; update: `ownersAdd`/`ownersRemove`), `status`,
    /// `customStatusId`, `startDate`, `endDate` (`yyyy-MM-dd`, null removes).
    func projectSettings(_ o: [String: JSONValue], current: Project) throws -> Project {
        var project = current
        let known: Set<String> = ["ownerIds", "ownersAdd", "ownersRemove", "status", "customStatusId", "startDate",
                                  "endDate", "contractType"]
        for key in o.keys where !known.contains(key) { throw APIError.invalidParameter("project", "unknown key '\(key)'") }
        let sub = Params(o)
        if let owners = try contactIds(sub, "ownerIds") { project.ownerIds = owners }
        var owners = project.ownerIds ?? []
        owners += (try contactIds(sub, "ownersAdd") ?? []).filter { !owners.contains($0) }
        let dropping = try sub.stringArray("ownersRemove") ?? []
        owners.removeAll { dropping.contains($0) }
        project.ownerIds = owners
        if let status = try sub.enumValue("status", ProjectStatus.self) { project.status = status }
        if let custom = try sub.string("customStatusId") {
            guard statuses[custom] != nil else { throw APIError.invalidParameter("project", "unknown customStatusId") }
            project.customStatusId = custom
            project.status = .custom
        }
        for key in ["startDate", "endDate"] where sub.has(key) {
            let value = try sub.string(key)
            if let value, !WrikeDate.isDate(value) { throw APIError.invalidParameter("project", "bad \(key)") }
            if key == "startDate" { project.startDate = value } else { project.endDate = value }
        }
        return project
    }
}
