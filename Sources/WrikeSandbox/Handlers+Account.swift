import Foundation
import WrikeAPI

extension State {
    // MARK: Account

    func getAccount(_ p: Params) throws -> HTTPResponse {
        try p.allow(["fields", "metadata"])
        let fields = try fieldList(p, allowed: ["metadata", "customFields", "subscription"])
        var a = account
        if !fields.contains("metadata") { a.metadata = nil }
        if !fields.contains("customFields") { a.customFields = nil }
        if !fields.contains("subscription") { a.subscription = nil }
        return Reply.json("accounts", [a])
    }

    /// `fields=[...]`, validated: an unknown name is 400 invalid_parameter.
    func fieldList(_ p: Params, allowed: Set<String>) throws -> Set<String> {
        guard let names = try p.stringArray("fields") else { return [] }
        for name in names where !allowed.contains(name) {
            throw APIError.invalidParameter("fields", "unknown field '\(name)'")
        }
        return Set(names)
    }

    // MARK: Contacts

    func contactOut(_ c: Contact) -> Contact {
        var c = c
        c.me = c.id == meId ? true : nil
        return c
    }

    func getContacts(_ p: Params, ids: [String]?) throws -> HTTPResponse {
        let fieldNames: Set<String> = ["metadata", "workScheduleId", "customFields", "currentBillRate", "currentCostRate", "jobRoleId"]
        if let ids {
            try p.allow(["fields"])
            _ = try fieldList(p, allowed: fieldNames)
            let found = try ids.map { id -> Contact in
                guard let c = contacts[id] else { throw APIError.notFound("Contact") }
                return contactOut(c)
            }
            return Reply.json("contacts", found)
        }
        try p.allow(["me", "metadata", "deleted", "customFields", "emails", "active", "name", "types", "fields"])
        _ = try fieldList(p, allowed: fieldNames)
        let me = try p.bool("me")
        let deleted = try p.bool("deleted")
        let types = try p.stringArray("types").map { Set($0) }
        if let types {
            for t in types where !ContactType(rawValue: t).isKnown { throw APIError.invalidParameter("types") }
        }
        let name = try p.string("name")
        let emails = try p.stringArray("emails").map { Set($0.map { $0.lowercased() }) }
        if let emails, emails.count > 100 { throw APIError.invalidParameter("emails", "at most 100") }
        let active = try p.bool("active")
        var out: [Contact] = []
        for c in contacts.items {
            if me == true && c.id != meId { continue }
            if let deleted, (c.deleted ?? false) != deleted { continue }
            if let types, !types.contains(c.type?.rawValue ?? "") { continue }
            if let name, !c.displayName.localizedCaseInsensitiveContains(name) { continue }
            if let emails {
                let mine = Set(((c.profiles ?? []).compactMap(\.email) + [c.primaryEmail].compactMap { $0 }).map { $0.lowercased() })
                if mine.isDisjoint(with: emails) { continue }
            }
            if let active, (c.profiles?.contains { $0.active ?? true } ?? true) != active { continue }
            out.append(contactOut(c))
        }
        return Reply.json("contacts", out)
    }

    // MARK: Workflows

    func getWorkflows(_ p: Params) throws -> HTTPResponse {
        try p.allow([])
        return Reply.json("workflows", workflows.items)
    }

    // MARK: Spaces

    func getSpaces(_ p: Params, id: String?) throws -> HTTPResponse {
        let fieldNames: Set<String> = ["members", "workScheduleId", "customFields"]
        if let id {
            try p.allow(["fields", "withInvitations"])
            let fields = try fieldList(p, allowed: fieldNames)
            guard let space = spaces[id] else { throw APIError.notFound("Space") }
            return Reply.json("spaces", [spaceOut(space, fields)])
        }
        try p.allow(["withArchived", "userIsMember", "withInvitations", "title", "accessTypes", "fields"])
        let fields = try fieldList(p, allowed: fieldNames)
        let withArchived = try p.bool("withArchived") ?? false
        let userIsMember = try p.bool("userIsMember")
        let title = try p.string("title")
        let accessTypes = try p.stringArray("accessTypes").map(Set.init)
        if let accessTypes {
            for t in accessTypes where !["Locked", "Personal", "Private", "Public"].contains(t) {
                throw APIError.invalidParameter("accessTypes")
            }
        }
        var out: [Space] = []
        for s in spaces.items {
            if !withArchived && s.archived == true { continue }
            if let title, !s.title.localizedCaseInsensitiveContains(title) { continue }
            if let accessTypes, !accessTypes.contains(s.accessType ?? "") { continue }
            if let userIsMember {
                let member = s.members?.contains { $0.id == meId } ?? (s.accessType == "Public")
                if member != userIsMember { continue }
            }
            out.append(spaceOut(s, fields))
        }
        return Reply.json("spaces", out)
    }

    /// `id, title, avatarUrl, accessType, archived` are always there (nodkz/wrike-graphql
    /// `spaceFindMany-spec.ts`, live; official 2020 method model), whatever the dataset left out.
    func spaceOut(_ s: Space, _ fields: Set<String>) -> Space {
        var s = s
        if s.avatarUrl == nil { s.avatarUrl = "https://www.wrike.com/static/spaceicons2/v3/\(Self.numericId(s.id) % 20 + 1).png" }
        if s.archived == nil { s.archived = false }
        if s.accessType == nil { s.accessType = "Public" }
        s.members = fields.contains("members") ? (s.members ?? []) : nil
        if !fields.contains("workScheduleId") { s.workScheduleId = nil }
        return s
    }

    // MARK: Custom fields

    func getCustomFields(_ p: Params, ids: [String]?, spaceId: String? = nil) throws -> HTTPResponse {
        if let ids {
            try p.allow([])
            let found = try ids.map { id -> CustomField in
                guard let f = customFields[id] else { throw APIError.notFound("Custom field") }
                return f
            }
            return Reply.json("customfields", found)
        }
        try p.allow(["title", "types", "inheritanceTypes"])
        let title = try p.string("title")
        let types = try p.stringArray("types").map(Set.init)
        let out = customFields.items.filter { f in
            if let spaceId, f.spaceId != nil, f.spaceId != spaceId { return false }
            if let title, !f.title.localizedCaseInsensitiveContains(title) { return false }
            if let types, !types.contains(f.type?.rawValue ?? "") { return false }
            return true
        }
        return Reply.json("customfields", out)
    }
}
