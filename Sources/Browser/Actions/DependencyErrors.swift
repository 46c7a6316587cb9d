// The relation type picker of an existing dependency, and Wrike's refusals of a dependency in plain words.
import Foundation
import TermText
import WrikeAPI

/// The relation-type change picker for an existing dependency (`PUT /dependencies/{id}`).
public struct RelationTypePicker: Sendable {
    public let current: RelationType
    public private(set) var picker: PickerModel<RelationType>

    public init(current: RelationType) {
        self.current = current
        picker = PickerModel(items: RelationType.known) { $0.shortName }
        if let i = RelationType.known.firstIndex(of: current) { picker.select(index: i) }
    }

    public mutating func moveUp() { picker.moveUp() }
    public mutating func moveDown() { picker.moveDown() }
    /// Moves (the four types need no query: typed text is ignored).
    public mutating func navigate(_ c: PickerCommand) { picker.navigate(c, typing: false) }
    /// The new type, nil when unchanged.
    public var changed: RelationType? { picker.current.flatMap { $0 == current ? nil : $0 } }
}

/// Wrike's dependency refusals in plain words.
public enum DependencyErrors {
    static func typeName(_ t: DateType?) -> String {
        switch t ?? .backlog {
        case .backlog: "no dates (Backlog)"
        case .milestone: "a Milestone"
        case .planned: "Planned dates"
        default: "scheduling type \((t ?? .backlog).rawValue)"
        }
    }

    static func needs(_ allowed: Set<DateType>) -> String {
        allowed == [.planned] ? "Planned dates" : "dates (Planned or Milestone)"
    }

    /// Which task's scheduling type does not fit `relation`, in words, or nil when both fit / unknown.
    public static func schedulingAdvice(_ relation: RelationType, predecessor: (name: String, type: DateType?),
                                        successor: (name: String, type: DateType?)) -> String? {
        let allowed = relation.allowedDateTypes
        var problems: [String] = []
        if let t = predecessor.type, !allowed.predecessor.contains(t) {
            problems.append("\(quoted(predecessor.name)) has \(typeName(t)) but as predecessor needs \(needs(allowed.predecessor))")
        }
        if let t = successor.type, !allowed.successor.contains(t) {
            problems.append("\(quoted(successor.name)) has \(typeName(t)) but as successor needs \(needs(allowed.successor))")
        }
        guard !problems.isEmpty else { return nil }
        return problems.joined(separator: "; ") + " for \(relation.shortName). Set dates in Wrike first."
    }

    private static func quoted(_ s: String) -> String { s == "this task" ? "This task" : "“\(s)”" }

    /// A refusal of a dependency call (`error` code and `errorDescription`) in plain words. With the
    /// relation and both tasks' scheduling types, scheduling errors name the task that needs dates.
    public static func explain(code: String?, message: String, relation: RelationType? = nil,
                               predecessor: (name: String, type: DateType?)? = nil,
                               successor: (name: String, type: DateType?)? = nil) -> String {
        let lower = message.lowercased()
        if lower.contains("invalid task scheduling type") {
            if let relation, let predecessor, let successor,
               let advice = schedulingAdvice(relation, predecessor: predecessor, successor: successor) {
                return advice
            }
            return "Both tasks need dates (Planned or Milestone) for a dependency; Finish → Start and Start → Start "
                + "need Planned dates on the successor. Set dates in Wrike first."
        }
        if lower.contains("already exists") { return "These tasks are already linked." }
        if lower.contains("depend on itself") { return "A task cannot depend on itself." }
        if lower.contains("relationtype") { return "Wrike does not accept that relation type." }
        switch code {
        case "resource_not_found": return "The other task no longer exists, or you cannot see it."
        case "access_forbidden": return "You do not have the rights to change this task's dependencies."
        case "not_allowed": return "Dependencies are not available on your Wrike plan."
        case "invalid_parameter", "parameter_required", "invalid_request":
            return "Wrike refused the dependency: \(message)"
        default:
            return message.isEmpty ? "Wrike refused the dependency." : "Wrike refused the dependency: \(message)"
        }
    }
}
