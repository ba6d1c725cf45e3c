/// A manual choice that was not applied to an interaction, and why: it is not among the
/// candidates the interaction's route offers, or the route does not ask for that action.
///
/// ```
/// interaction 815 (call.ended): contact 'c-100' is not among the candidates for Assign to Contact (c-400, c-401, c-402); not applied
/// ```
public struct AssignmentRefusal: Error, Hashable, Sendable, CustomStringConvertible {
    /// Why the choice was refused.
    public enum Reason: String, Hashable, Sendable {
        /// A chosen id is not among the candidates.
        case notACandidate = "not-a-candidate"
        /// The interaction does not ask for this action (logged already, not logged, ignored,
        /// or waiting for other actions).
        case notNeeded = "not-needed"
        /// The choice names nothing (an empty list of projects).
        case empty = "empty-choice"
    }

    /// The interaction: its event id (`data.id`).
    public var interaction: String?
    /// The webhook event, such as `call.ended`.
    public var event: String?
    /// The action the choice answers.
    public var action: ManualAssignments.Action
    /// The ids chosen.
    public var chosen: [String]
    /// The ids that are not candidates (for ``Reason/notACandidate``).
    public var rejected: [String]
    /// The candidates the route offers for the action; empty when it does not ask for it.
    public var candidates: [String]
    public var reason: Reason

    /// A stable code for tools: the reason's raw value.
    public var code: String { reason.rawValue }

    /// Checks one choice against a route; nil when it may be applied.
    init?(action: ManualAssignments.Action, chosen: [String], route: Route) {
        interaction = route.id
        event = route.event
        self.action = action
        self.chosen = chosen
        let offered = route.status == .unassigned && route.actions.contains(action.rawValue) ? route.candidates[action] : nil
        let candidates = offered ?? []
        self.candidates = candidates
        if offered == nil {
            (reason, rejected) = (.notNeeded, [])
        } else if chosen.isEmpty {
            (reason, rejected) = (.empty, [])
        } else {
            let rejected = chosen.filter { !candidates.contains($0) }
            if rejected.isEmpty { return nil }
            (reason, self.rejected) = (.notACandidate, rejected)
        }
    }

    /// The action as the Unassigned tab's button names it.
    private var label: String {
        switch action {
        case .contact: "Assign to Contact"
        case .projects: "Assign Projects"
        case .teamMember: "Assign Team Member"
        }
    }

    /// One sentence naming the interaction, the choice and the candidates.
    public var description: String {
        let what = "interaction \(interaction ?? "without an id")\(event.map { " (\($0))" } ?? "")"
        let list = candidates.isEmpty ? "none" : candidates.joined(separator: ", ")
        switch reason {
        case .notACandidate:
            return "\(what): \(Self.named(action, rejected)) \(rejected.count == 1 ? "is" : "are") not among the candidates"
                + " for \(label) (\(list)); not applied"
        case .notNeeded:
            return "\(what) does not ask for \(label); \(Self.named(action, chosen)) not applied"
        case .empty:
            return "\(what): \(label) needs at least one project (candidates: \(list)); not applied"
        }
    }

    /// "contact 'c-1'", "team member 'tm-1'", "project 'p'", "projects 'p', 'q'".
    private static func named(_ action: ManualAssignments.Action, _ ids: [String]) -> String {
        let noun =
            switch action {
            case .contact: "contact"
            case .projects: ids.count == 1 ? "project" : "projects"
            case .teamMember: "team member"
            }
        return noun + " " + ids.map { "'\($0)'" }.joined(separator: ", ")
    }
}
