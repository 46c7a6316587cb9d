import Foundation
import WrikeAPI

extension State {
    func getApprovals(_ p: Params, scope: ParentScope) throws -> HTTPResponse {
        switch scope {
        case .ids(let ids):
            try p.allow([])
            let out = try ids.map { id -> Approval in
                guard let a = approvals[id] else { throw APIError.notFound("Approval") }
                return a
            }
            return Reply.json("approvals", out)
        case .task(let id):
            try p.allow([])
            return Reply.json("approvals", approvals.items.filter { $0.taskId == id })
        case .folder(let id):
            try p.allow([])
            return Reply.json("approvals", approvals.items.filter { $0.folderId == id })
        case .account, .contact, .category:
            try p.allow(["statuses", "approvers", "pendingApprovers", "type", "dueDate", "updatedDate", "limit",
                         "pageSize", "nextPageToken"])
            let statuses = try p.enumValues("statuses", ApprovalStatus.self).map(Set.init)
            let approvers = try p.stringArray("approvers").map(Set.init)
            let pending = try p.stringArray("pendingApprovers").map(Set.init)
            let type = try p.enumValue("type", ApprovalType.self)
            let due = try p.range("dueDate", .dates)
            let updated = try p.range("updatedDate", .timestamps)
            let limit = try p.int("limit")
            var out: [Approval] = []
            for a in approvals.items {
                if let statuses, !statuses.contains(a.status ?? "") { continue }
                let decisions = a.decisions ?? []
                if let approvers, decisions.allSatisfy({ !approvers.contains($0.approverId) }) { continue }
                if let pending, !decisions.contains(where: { pending.contains($0.approverId) && $0.status == .pending }) { continue }
                if let type, (a.type ?? .regular) != type { continue }
                if let due, !(a.dueDate.flatMap { WrikeDate.parseLocal($0) }.map(due.containsLocal) ?? false) { continue }
                if let updated, !(a.updatedDate.flatMap(WrikeDate.parseTimestamp).map(updated.contains) ?? false) { continue }
                out.append(a)
                if let limit, out.count >= limit { break }
            }
            let window = try Paging.window(total: out.count, params: p, cap: nil)
            return Reply.json("approvals", Array(out[window.range]), nextPageToken: window.nextPageToken, responseSize: window.responseSize)
        }
    }

    func parseDueDate(_ p: Params) throws -> String?? {
        guard p.has("dueDate") else { return .none }
        guard let d = try p.string("dueDate") else { return .some(nil) }
        guard WrikeDate.isDate(d) else { throw APIError.invalidParameter("dueDate", "expected yyyy-MM-dd") }
        return .some(d)
    }

    func approverList(_ p: Params, _ name: String) throws -> [String]? {
        guard let ids = try p.stringArray(name) else { return nil }
        for id in ids where !contacts.contains(id) { throw APIError.invalidParameter(name, "unknown contact '\(id)'") }
        return ids
    }

    mutating func postApproval(_ p: Params, on scope: ParentScope, now: Date) throws -> HTTPResponse {
        try p.allow(["description", "dueDate", "approvers", "attachments", "autoFinishOnApprove", "autoFinishOnReject"])
        let approvers = try approverList(p, "approvers") ?? []
        let due = try parseDueDate(p) ?? nil
        let stamp = WrikeDate.formatTimestamp(now)
        let id = newId("AP")
        var a = Approval(id: id, authorId: meId, title: "", description: try p.string("description") ?? "",
                         updatedDate: stamp, dueDate: due,
                         decisions: approvers.map { ApprovalDecision(approverId: $0, comment: "", status: .pending, updatedDate: stamp) },
                         attachmentIds: try p.stringArray("attachments") ?? [], type: .regular,
                         autoFinishOnApprove: try p.bool("autoFinishOnApprove") ?? false,
                         autoFinishOnReject: try p.bool("autoFinishOnReject") ?? false, finished: false,
                         status: approvers.isEmpty ? .draft : .pending)
        switch scope {
        case .task(let taskId): a.taskId = taskId
        case .folder(let folderId): a.folderId = folderId
        default: throw APIError.methodNotFound
        }
        approvals.append(a)
        touch()
        return Reply.json("approvals", [a])
    }

    mutating func putApproval(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow(["description", "dueDate", "addApprovers", "removeApprovers", "addAttachments", "removeAttachments",
                     "autoFinishOnApprove", "autoFinishOnReject"])
        guard var a = approvals[id] else { throw APIError.notFound("Approval") }
        if a.finished == true || [ApprovalStatus.cancelled, .approved, .rejected].contains(a.status ?? .pending) {
            throw APIError.invalidRequest("The approval is finished and cannot be changed")
        }
        let stamp = WrikeDate.formatTimestamp(now)
        if let d = try p.string("description") { a.description = d }
        if let due = try parseDueDate(p) { a.dueDate = due }
        var decisions = a.decisions ?? []
        for approver in try approverList(p, "addApprovers") ?? [] where !decisions.contains(where: { $0.approverId == approver }) {
            decisions.append(ApprovalDecision(approverId: approver, comment: "", status: .pending, updatedDate: stamp))
        }
        if let remove = try approverList(p, "removeApprovers") {
            decisions.removeAll { remove.contains($0.approverId) }
        }
        a.decisions = decisions
        if let add = try p.stringArray("addAttachments") { a.attachmentIds = Self.union(a.attachmentIds, add) }
        if let remove = try p.stringArray("removeAttachments") { a.attachmentIds = Self.minus(a.attachmentIds, remove) }
        if let v = try p.bool("autoFinishOnApprove") { a.autoFinishOnApprove = v }
        if let v = try p.bool("autoFinishOnReject") { a.autoFinishOnReject = v }
        if a.status == .draft && !decisions.isEmpty { a.status = .pending }
        if a.status == .pending && decisions.isEmpty { a.status = .draft }
        a.updatedDate = stamp
        approvals.replace(a)
        touch()
        return Reply.json("approvals", [a])
    }

    /// `DELETE /approvals/{id}` cancels the approval and returns it.
    mutating func deleteApproval(_ p: Params, id: String, now: Date) throws -> HTTPResponse {
        try p.allow([])
        guard var a = approvals[id] else { throw APIError.notFound("Approval") }
        a.status = .cancelled
        a.finished = true
        a.finisherId = meId
        a.updatedDate = WrikeDate.formatTimestamp(now)
        approvals.replace(a)
        touch()
        return Reply.json("approvals", [a])
    }

    mutating func decide(approvalId: String, approverId: String, status: DecisionStatus, comment: String?, now: Date) -> Approval? {
        guard var a = approvals[approvalId], var decisions = a.decisions,
              let i = decisions.firstIndex(where: { $0.approverId == approverId }) else { return nil }
        let stamp = WrikeDate.formatTimestamp(now)
        decisions[i].status = status
        decisions[i].updatedDate = stamp
        if let comment { decisions[i].comment = comment }
        a.decisions = decisions
        if status == .rejected {
            a.status = .rejected
        } else if decisions.allSatisfy({ $0.status == .approved }) {
            a.status = .approved
        }
        if a.status == .approved || a.status == .rejected {
            a.finished = true
            a.finisherId = approverId
        }
        a.updatedDate = stamp
        approvals.replace(a)
        touch()
        return a
    }
}
