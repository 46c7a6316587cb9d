import Foundation
import WrikeAPI

/// A user group (`GET /groups`, kind `groups`): the dataset's contacts of type `Group`.
struct WrikeGroup: Codable, Sendable {
    var id: String
    var accountId: String
    var title: String
    var memberIds: [String]
    var childIds: [String]
    var parentIds: [String]
    var avatarUrl: String
    var myTeam: Bool?
    var metadata: [MetadataEntry]?
}

/// `GET /colors` (kind `colors`).
struct ColorInfo: Codable, Sendable {
    var name: String
    var hex: String
}

/// `GET /ids` (kind `ids`): an API v2 legacy id (the number of a permalink) and today's id.
struct LegacyIdPair: Codable, Sendable {
    var id: String
    var apiV2Id: String
}

extension State {
    // MARK: Groups

    func groupOut(_ c: Contact, withMetadata: Bool) -> WrikeGroup {
        let name = [c.firstName, c.lastName].compactMap { $0 }.filter { !$0.isEmpty }.joined(separator: " ")
        return WrikeGroup(id: c.id, accountId: account.id, title: name, memberIds: c.memberIds ?? [], childIds: [],
                          parentIds: [], avatarUrl: c.avatarUrl ?? "", myTeam: c.myTeam == true ? true : nil,
                          metadata: withMetadata ? (c.metadata ?? []) : nil)
    }

    /// `GET /groups` (amp-labs/connectors `providers/wrike/test/groups-page1.json`, live): paged with
    /// `pageSize` and `pageToken` (the answer's key is `nextPageToken`).
    func getGroups(_ p: Params) throws -> HTTPResponse {
        try p.allow(["metadata", "fields", "pageSize", "pageToken"])
        let fields = try fieldList(p, allowed: ["metadata"])
        let metadata = try p.object("metadata")
        var out: [WrikeGroup] = []
        for c in contacts.items where c.type == .group && c.deleted != true {
            if let metadata, !Self.metadataMatches(c.metadata, metadata) { continue }
            out.append(groupOut(c, withMetadata: fields.contains("metadata")))
        }
        let window = try Paging.window(total: out.count, params: p.renamed("pageToken", to: "nextPageToken"), cap: nil)
        return Reply.json("groups", Array(out[window.range]), nextPageToken: window.nextPageToken,
                          responseSize: window.responseSize)
    }

    func getGroup(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow(["fields"])
        let fields = try fieldList(p, allowed: ["metadata"])
        guard let c = contacts[id], c.type == .group else { throw APIError.notFound("Group") }
        return Reply.json("groups", [groupOut(c, withMetadata: fields.contains("metadata"))])
    }

    // MARK: Users

    /// `GET /users/{id}` (kind `users`; nodkz/wrike-graphql `src/vendor/user/userFindById-spec.ts`, live):
    /// the contact of one user; a group id is not a user.
    func getUser(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow([])
        guard let c = contacts[id], c.type != .group else { throw APIError.notFound("User") }
        return Reply.json("users", [contactOut(c)])
    }

    // MARK: Colors

    /// The color names of the official method model (custom status colors); the hex codes are the
    /// sandbox's own (no recording shows Wrike's).
    static let colors: [ColorInfo] = [
        ColorInfo(name: "Brown", hex: "#8D6E63"), ColorInfo(name: "Red", hex: "#E53935"),
        ColorInfo(name: "Purple", hex: "#8E24AA"), ColorInfo(name: "Indigo", hex: "#3949AB"),
        ColorInfo(name: "DarkBlue", hex: "#1565C0"), ColorInfo(name: "Blue", hex: "#1E88E5"),
        ColorInfo(name: "Turquoise", hex: "#00ACC1"), ColorInfo(name: "DarkCyan", hex: "#00897B"),
        ColorInfo(name: "Green", hex: "#43A047"), ColorInfo(name: "YellowGreen", hex: "#7CB342"),
        ColorInfo(name: "Yellow", hex: "#FDD835"), ColorInfo(name: "Orange", hex: "#FB8C00"),
        ColorInfo(name: "Gray", hex: "#757575"),
    ]

    func getColors(_ p: Params) throws -> HTTPResponse {
        try p.allow([])
        return Reply.json("colors", Self.colors)
    }

    // MARK: Legacy ids

    static let legacyIdTypes: Set<String> = ["ApiV2Account", "ApiV2User", "ApiV2Folder", "ApiV2Task", "ApiV2Comment",
                                             "ApiV2Attachment", "ApiV2Timelog"]

    /// `GET /ids?type=ApiV2Task&ids=[…]`: the number in a permalink (`open.htm?id=N`) is the API v2 id
    /// of a task or folder. Ids the sandbox cannot map are 404 `resource_not_found`.
    func getLegacyIds(_ p: Params) throws -> HTTPResponse {
        try p.allow(["type", "ids"])
        let type = try p.requiredString("type")
        guard Self.legacyIdTypes.contains(type) else { throw APIError.invalidParameter("type") }
        guard let ids = try p.stringArray("ids") else { throw APIError.parameterRequired("ids") }
        if ids.count > 100 { throw APIError.invalidRequest("Too many ids: \(ids.count) (at most 100 per request)") }
        let out = try ids.map { legacy -> LegacyIdPair in
            guard let id = permalinkOwner(legacy, type: type) else { throw APIError.notFound("Entity") }
            return LegacyIdPair(id: id, apiV2Id: legacy)
        }
        return Reply.json("ids", out)
    }

    func permalinkOwner(_ legacy: String, type: String) -> String? {
        let suffix = "open.htm?id=" + legacy
        switch type {
        case "ApiV2Task": return tasks.items.first { $0.permalink?.hasSuffix(suffix) == true }?.id
        case "ApiV2Folder":
            if let f = folders.items.first(where: { $0.permalink?.hasSuffix(suffix) == true }) { return f.id }
            return spaces.items.first { folderModel($0.id)?.permalink?.hasSuffix(suffix) == true }?.id
        default: return nil
        }
    }

    // MARK: Contact update

    /// `PUT /contacts/{id}`: the requesting user's own `metadata` (other contacts: 403).
    mutating func putContact(_ p: Params, id: String) throws -> HTTPResponse {
        try p.allow(["metadata", "fields"])
        _ = try fieldList(p, allowed: ["metadata", "workScheduleId", "customFields", "currentBillRate", "currentCostRate",
                                       "jobRoleId"])
        guard var c = contacts[id] else { throw APIError.notFound("Contact") }
        guard id == meId else { throw APIError.forbidden("Only the requesting user's contact can be modified") }
        if let list = try mergedMetadata(c.metadata, p) {
            c.metadata = list
            contacts.replace(c)
            touch()
        }
        return Reply.json("contacts", [contactOut(c)])
    }
}
