// People that `GET /contacts` does not list (Wrike Bot, removed users, people of other accounts) but
// that tasks, comments, approvals and time logs name: read by id (`GET /contacts/{ids}`, batched) after
// the view that names them is shown. Until the answer they show as `Directory.pendingName`; a person
// Wrike does not return shows as `Directory.unknownName`. Never an id on screen. Quiet: a read the user
// did not ask for says nothing on the status line.
import Foundation
import WrikeAPI

extension Directory {
    /// Whether `id` names nobody yet and was not asked for by id.
    func needsLookUp(_ id: String) -> Bool {
        !id.isEmpty && contacts[id] == nil && contactsById[id] == nil && !askedById.contains(id)
    }
}

extension AppState {
    /// The people the open task's detail names (assignees, authors, people fields, comment authors,
    /// approvers, time-log users).
    var peopleInDetail: [String] {
        guard let t = detail.task else { return [] }
        var ids = (t.responsibleIds ?? []) + (t.authorIds ?? [])
        for f in t.customFields ?? [] where catalog.directory.customFields[f.id]?.type == .contacts {
            ids += CustomFieldDisplay.contactIds(f.value ?? "")
        }
        ids += detail.comments.compactMap(\.authorId)
        ids += detail.approvals.flatMap { ($0.decisions ?? []).compactMap(\.approverId) }
        ids += detail.timelogs.compactMap(\.userId)
        return ids
    }

    /// The people listed tasks name (assignees; authors when the author column shows).
    func people<Tasks: Sequence<WrikeTask>>(in tasks: Tasks) -> [String] {
        let authors = list.columns.contains(.author)
        return tasks.flatMap { ($0.responsibleIds ?? []) + (authors ? $0.authorIds ?? [] : []) }
    }

    /// Asks for the people in `ids` that contacts do not name (once each, once contacts are loaded).
    mutating func lookUpContacts(_ ids: [String]) -> [Effect] {
        guard catalog.directory.contactsLoaded else { return [] }
        var ask: [String] = []
        for id in ids where catalog.directory.needsLookUp(id) {
            catalog.directory.askedById.insert(id)
            catalog.directory.lookingUp.insert(id)
            ask.append(id)
        }
        return ask.isEmpty ? [] : [.loadContacts(ids: ask)]
    }

    /// Everyone on screen that contacts do not name: after contacts arrive.
    mutating func lookUpContactsOnScreen() -> [Effect] {
        lookUpContacts(people(in: list.tasks) + peopleInDetail)
    }

    /// `Event.contactsById`: names for the list and the detail. A failed read leaves them unknown; one
    /// that may pass (offline, rate limited) is asked again the next time they show.
    mutating func applyContacts(ids: [String], _ result: Result<[Contact], ServiceFailure>) {
        catalog.directory.lookingUp.subtract(ids)
        switch result {
        case .success(let found):
            for c in found { catalog.directory.contactsById[c.id] = c }
        case .failure(let f):
            if f.retryable { catalog.directory.askedById.subtract(ids) }
        }
        list.setDirectory(catalog.directory)
    }
}
