import Foundation

/// The order in which live Wrike writes the members of its entities (`Reply` writes the envelope and
/// errors in theirs). Sources (docs/sandbox.md): tasks and users are `Object.keys` assertions against the live API (nodkz/wrike-graphql
/// `taskFindMany-spec.ts`, `taskFindByIds-spec.ts`, `userFindById-spec.ts`); comments and groups are
/// live recordings (amp-labs `comment-update.json`, `groups-page1.json`); the other entities follow
/// the parameter order of the official 2020 method model, which matches every recording above.
/// Members a table does not name keep their encoding order, after the named ones.
enum WrikeKeyOrder {
    static let entities: [String: [String]] = [
        "tasks": ["id", "accountId", "title", "description", "briefDescription", "parentIds", "superParentIds",
                  "sharedIds", "responsibleIds", "status", "importance", "createdDate", "updatedDate", "completedDate",
                  "dates", "scope", "authorIds", "customStatusId", "hasAttachments", "attachmentCount", "permalink",
                  "priority", "followedByMe", "followerIds", "recurrent", "superTaskIds", "subTaskIds", "dependencyIds",
                  "metadata", "customFields", "billingType", "effortAllocation"],
        "folders": ["id", "accountId", "title", "createdDate", "updatedDate", "briefDescription", "description", "color",
                    "sharedIds", "parentIds", "childIds", "superParentIds", "scope", "hasAttachments", "attachmentCount",
                    "permalink", "workflowId", "metadata", "customFields", "customColumnIds", "project", "space"],
        "folderTree": ["id", "title", "color", "childIds", "scope", "project", "space"],
        "contacts": contact,
        "users": contact,
        "groups": ["id", "accountId", "title", "memberIds", "childIds", "parentIds", "avatarUrl", "myTeam", "metadata"],
        "spaces": ["id", "title", "avatarUrl", "accessType", "archived", "members", "guestRoleId"],
        "comments": ["id", "authorId", "text", "updatedDate", "createdDate", "taskId", "folderId"],
        "timelogs": ["id", "taskId", "userId", "categoryId", "billingType", "hours", "createdDate", "updatedDate",
                     "trackedDate", "comment"],
        "dependencies": ["id", "predecessorId", "successorId", "relationType"],
        "accounts": ["id", "name", "dateFormat", "firstDayOfWeek", "workDays", "rootFolderId", "recycleBinId",
                     "createdDate", "subscription", "metadata", "customFields", "joinedDate"],
        "workflows": ["id", "name", "standard", "hidden", "customStatuses"],
        "customfields": ["id", "accountId", "title", "type", "sharedIds", "settings"],
        "attachments": ["id", "authorId", "name", "createdDate", "version", "type", "contentType", "size", "taskId",
                        "folderId", "commentId", "currentAttachmentId", "previewUrl", "url", "reviewIds", "width", "height"],
        "approvals": ["id", "taskId", "folderId", "authorId", "title", "description", "updatedDate", "dueDate",
                      "decisions", "attachmentIds", "type", "autoFinishOnApprove", "autoFinishOnReject", "finished",
                      "finisherId", "status"],
        "timelogCategories": ["id", "name", "order", "hidden"],
        "colors": ["name", "hex"],
        "ids": ["id", "apiV2Id"],
        "version": ["major", "minor"],
    ]

    static let contact = ["id", "firstName", "lastName", "type", "profiles", "avatarUrl", "timezone", "locale", "deleted",
                          "me", "memberIds", "metadata", "myTeam", "title", "companyName", "phone", "location",
                          "workScheduleId"]

    /// Nested objects, by the member that holds them (the same name means the same shape in every kind;
    /// `customFields` covers both the account's field descriptions and `{id, value}` entries).
    static let nested: [String: [String]] = [
        "dates": ["type", "duration", "start", "due", "workOnWeekends"],
        "project": ["authorId", "ownerIds", "status", "customStatusId", "startDate", "endDate", "createdDate",
                    "completedDate", "contractType"],
        "profiles": ["accountId", "email", "role", "external", "admin", "owner"],
        "customFields": ["id", "accountId", "title", "type", "sharedIds", "settings", "value"],
        "metadata": ["key", "value"],
        "decisions": ["approverId", "comment", "status", "updatedDate"],
        "customStatuses": ["id", "name", "standardName", "color", "standard", "group", "hidden"],
        "settings": ["inheritanceType", "decimalPlaces", "useThousandsSeparator", "currency", "aggregation", "values",
                     "allowOtherValues", "contacts"],
        "subscription": ["type", "paid", "userLimit"],
        "members": ["id", "accessRoleId", "isManager"],
        "effortAllocation": ["mode", "totalEffort", "allocatedEffort"],
    ]

    static let entityRanks: [String: KeyRanks] = entities.mapValues(rank)
    static let nestedRanks: [String: KeyRanks] = nested.mapValues(rank)

    private static func rank(_ keys: [String]) -> KeyRanks {
        Dictionary(keys.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
    }

    /// The indexes of `members` to write: named ones in table order, then the others in their
    /// order; a key that appears twice is written once, with its last value.
    static func sequence(of members: [(key: String, slot: NodeSlot)], _ ranks: KeyRanks?) -> [Int] {
        var placed = [Int](repeating: -1, count: ranks?.count ?? 0)
        var rest: [Int] = []
        for (i, m) in members.enumerated() {
            if let r = ranks?[m.key] {
                placed[r] = i
            } else if let j = rest.firstIndex(where: { members[$0].key == m.key }) {
                rest[j] = i
            } else {
                rest.append(i)
            }
        }
        return placed.filter { $0 >= 0 } + rest
    }
}
