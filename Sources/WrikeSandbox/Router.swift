import Foundation
import WrikeAPI

extension State {
    /// Maps `METHOD /a/b/c` to a handler. Unknown paths: 404 `method_not_found`; a known path with
    /// another method: 400 `invalid_request`.
    mutating func dispatch(_ method: HTTPMethod, _ s: [String], _ p: Params, now: Date) throws -> HTTPResponse {
        func only(_ allowed: HTTPMethod...) throws {
            guard allowed.contains(method) else {
                throw APIError.invalidRequest("HTTP method \(method.rawValue) is not supported for this resource")
            }
        }
        switch s.count {
        case 1:
            switch s[0] {
            case "version":
                try only(.get); try p.allow([])
                return Reply.json("version", [VersionInfo(major: 4, minor: 0)])
            case "account": try only(.get); return try getAccount(p)
            case "contacts": try only(.get); return try getContacts(p, ids: nil)
            case "workflows": try only(.get); return try getWorkflows(p)
            case "spaces": try only(.get); return try getSpaces(p, id: nil)
            case "folders": try only(.get); return try getFolderTree(p, under: nil)
            case "tasks": try only(.get); return try getTasks(p, container: nil)
            case "timelogs": try only(.get); return try getTimelogs(p, scope: .account)
            case "timelog_categories": try only(.get); try p.allow([]); return Reply.json("timelogCategories", categories.items)
            case "workschedules": try only(.get); return try getWorkSchedules(p, ids: nil)
            case "approvals": try only(.get); return try getApprovals(p, scope: .account)
            case "customfields": try only(.get); return try getCustomFields(p, ids: nil)
            case "comments": try only(.get); return try getComments(p, scope: .account, now: now)
            case "groups": try only(.get); return try getGroups(p)
            case "colors": try only(.get); return try getColors(p)
            case "ids": try only(.get); return try getLegacyIds(p)
            default: throw APIError.methodNotFound
            }
        case 2:
            let ids = try idList(s[1])
            switch s[0] {
            case "contacts":
                switch method {
                case .get: return try getContacts(p, ids: ids)
                case .put: return try putContact(p, id: try single(ids))
                default: try only(.get, .put)
                }
            case "spaces": try only(.get); return try getSpaces(p, id: try single(ids))
            case "folders":
                switch method {
                case .get: return try getFolders(p, ids: ids)
                case .put: return try putFolder(p, id: try single(ids), now: now)
                case .delete: return try deleteFolder(p, id: try single(ids), now: now)
                default: try only(.get, .put, .delete)
                }
            case "users": try only(.get); return try getUser(p, id: try single(ids))
            case "groups": try only(.get); return try getGroup(p, id: try single(ids))
            case "tasks":
                switch method {
                case .get: return try getTasksByIds(p, ids: ids)
                case .put: return ids.count == 1 ? try putTask(p, id: ids[0], now: now) : try putTasksBulk(p, ids: ids, now: now)
                case .delete: return try deleteTask(p, id: try single(ids), now: now)
                default: try only(.get, .put, .delete)
                }
            case "comments":
                switch method {
                case .get: return try getComments(p, scope: .ids(ids), now: now)
                case .put: return try putComment(p, id: try single(ids), now: now)
                case .delete: return try deleteComment(p, id: try single(ids))
                default: try only(.get, .put, .delete)
                }
            case "workschedules": try only(.get); return try getWorkSchedules(p, ids: ids)
            case "timelogs":
                switch method {
                case .get: return try getTimelogs(p, scope: .ids(ids))
                case .put: return try putTimelog(p, id: try single(ids), now: now)
                case .delete: return try deleteTimelog(p, id: try single(ids))
                default: try only(.get, .put, .delete)
                }
            case "dependencies":
                switch method {
                case .get: return try getDependencies(p, ids: ids)
                case .put: return try putDependency(p, id: try single(ids), now: now)
                case .delete: return try deleteDependency(p, id: try single(ids), now: now)
                default: try only(.get, .put, .delete)
                }
            case "approvals":
                switch method {
                case .get: return try getApprovals(p, scope: .ids(ids))
                case .put: return try putApproval(p, id: try single(ids), now: now)
                case .delete: return try deleteApproval(p, id: try single(ids), now: now)
                default: try only(.get, .put, .delete)
                }
            case "attachments": try only(.get); return try getAttachments(p, scope: .ids(ids))
            case "customfields": try only(.get); return try getCustomFields(p, ids: ids)
            default: throw APIError.methodNotFound
            }
            throw APIError.methodNotFound
        case 3:
            let id = s[1]
            switch (s[0], s[2]) {
            case ("spaces", "folders"):
                try only(.get); guard spaces.contains(id) else { throw APIError.notFound() }
                return try getFolderTree(p, under: id)
            case ("spaces", "tasks"):
                try only(.get); guard spaces.contains(id) else { throw APIError.notFound() }
                return try getTasks(p, container: id)
            case ("spaces", "workflows"):
                try only(.get); guard spaces.contains(id) else { throw APIError.notFound() }
                return try getWorkflows(p)
            case ("spaces", "customfields"):
                try only(.get); guard spaces.contains(id) else { throw APIError.notFound() }
                return try getCustomFields(p, ids: nil, spaceId: id)
            case ("folders", "folders"):
                switch method {
                case .get:
                    guard isContainer(id) || id == rootId || id == recycleBinId else { throw APIError.notFound() }
                    return try getFolderTree(p, under: id)
                case .post: return try postFolder(p, parentId: id, now: now)
                default: try only(.get, .post)
                }
            case ("timelog_categories", "timelogs"):
                try only(.get); try requireParent(.category(id))
                return try getTimelogs(p, scope: .category(id))
            case ("folders", "tasks"):
                switch method {
                case .get:
                    guard isContainer(id) else { throw APIError.notFound() }
                    return try getTasks(p, container: id)
                case .post: return try postTask(p, folderId: id, now: now)
                default: try only(.get, .post)
                }
            case ("tasks", "comments"), ("folders", "comments"):
                let scope: ParentScope = s[0] == "tasks" ? .task(id) : .folder(id)
                try requireParent(scope)
                switch method {
                case .get: return try getComments(p, scope: scope, now: now)
                case .post: return try postComment(p, on: scope, now: now)
                default: try only(.get, .post)
                }
            case ("tasks", "timelogs"), ("folders", "timelogs"), ("contacts", "timelogs"):
                let scope: ParentScope = s[0] == "tasks" ? .task(id) : s[0] == "folders" ? .folder(id) : .contact(id)
                try requireParent(scope)
                switch method {
                case .get: return try getTimelogs(p, scope: scope)
                case .post:
                    guard case .task(let taskId) = scope else { try only(.get); break }
                    return try postTimelog(p, taskId: taskId, now: now)
                default: try only(.get, .post)
                }
            case ("tasks", "dependencies"):
                try requireParent(.task(id))
                switch method {
                case .get: return try getTaskDependencies(p, taskId: id)
                case .post: return try postDependency(p, taskId: id, now: now)
                default: try only(.get, .post)
                }
            case ("tasks", "approvals"), ("folders", "approvals"):
                let scope: ParentScope = s[0] == "tasks" ? .task(id) : .folder(id)
                try requireParent(scope)
                switch method {
                case .get: return try getApprovals(p, scope: scope)
                case .post: return try postApproval(p, on: scope, now: now)
                default: try only(.get, .post)
                }
            case ("tasks", "attachments"), ("folders", "attachments"):
                let scope: ParentScope = s[0] == "tasks" ? .task(id) : .folder(id)
                try requireParent(scope)
                try only(.get)
                return try getAttachments(p, scope: scope)
            case ("attachments", "download"):
                try only(.get)
                return try downloadAttachment(p, id: id)
            case ("attachments", "url"):
                try only(.get)
                return try attachmentURL(p, id: id)
            default: throw APIError.methodNotFound
            }
            throw APIError.methodNotFound
        default:
            throw APIError.methodNotFound
        }
    }

    /// Comma-separated ids of a path segment: at most 100.
    func idList(_ segment: String) throws -> [String] {
        let ids = segment.split(separator: ",", omittingEmptySubsequences: false).map {
            $0.trimmingCharacters(in: .whitespaces)
        }
        if ids.contains(where: \.isEmpty) { throw APIError.invalidRequest("Empty id in the id list") }
        if ids.count > 100 { throw APIError.invalidRequest("Too many ids: \(ids.count) (at most 100 per request)") }
        return ids
    }

    func single(_ ids: [String]) throws -> String {
        guard ids.count == 1 else { throw APIError.invalidRequest("This method accepts one id only") }
        return ids[0]
    }

    func requireParent(_ scope: ParentScope) throws {
        switch scope {
        case .task(let id): guard tasks.contains(id) else { throw APIError.notFound("Task") }
        case .folder(let id): guard isContainer(id) else { throw APIError.notFound("Folder") }
        case .contact(let id): guard contacts.contains(id) else { throw APIError.notFound("Contact") }
        case .category(let id): guard categories.contains(id) else { throw APIError.notFound("Timelog category") }
        case .account, .ids: break
        }
    }
}

enum ParentScope {
    case account
    case task(String)
    case folder(String)
    case contact(String)
    case category(String)
    case ids([String])
}

struct VersionInfo: Codable, Sendable, Hashable {
    var major: Int
    var minor: Int
}
