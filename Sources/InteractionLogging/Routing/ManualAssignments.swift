/// Choices a person made on the Unassigned tab for one interaction; routing again with them
/// applies the rules to what was chosen (an assigned contact's projects, for instance).
///
/// Choices are checked before they are applied: each must answer an action the interaction's
/// route asks for (``Route/actions``) and be among that action's candidates
/// (``Route/candidates``). ``refusals(for:)`` checks choices against a route;
/// ``Router/route(_:applying:)`` checks and applies them, in steps (a chosen contact can make
/// the projects the next thing to choose).
public struct ManualAssignments: Hashable, Sendable {
    /// The Spark contact id a person chose for a shared number.
    public var contact: String?
    /// The Spark team member id a person chose.
    public var teamMember: String?
    /// The Spark project ids a person chose.
    public var projects: [String]?

    /// Creates assignments; nil means "not assigned".
    public init(contact: String? = nil, teamMember: String? = nil, projects: [String]? = nil) {
        self.contact = contact
        self.teamMember = teamMember
        self.projects = projects
    }

    /// Whether nothing is chosen.
    public var isEmpty: Bool { contact == nil && teamMember == nil && projects == nil }

    /// One of the Unassigned tab's actions, as ``Route/actions`` names it.
    public enum Action: String, Hashable, Sendable, CaseIterable {
        /// "Assign to Contact": the contacts that share the number.
        case contact = "assign_contact"
        /// "Assign Projects": the contact's projects.
        case projects = "assign_projects"
        /// "Assign Team Member": the team members.
        case teamMember = "assign_team_member"

        /// The key of ``Route/candidates`` and of an assignments file: `contact`, `projects`,
        /// `team_member`.
        public var key: String {
            switch self {
            case .contact: "contact"
            case .projects: "projects"
            case .teamMember: "team_member"
            }
        }
    }

    /// The chosen ids for an action, nil when nothing is chosen for it.
    public subscript(action: Action) -> [String]? {
        get {
            switch action {
            case .contact: contact.map { [$0] }
            case .projects: projects
            case .teamMember: teamMember.map { [$0] }
            }
        }
        set {
            switch action {
            case .contact: contact = newValue?.first
            case .projects: projects = newValue
            case .teamMember: teamMember = newValue?.first
            }
        }
    }

    /// The chosen ids the directory does not hold: a choice no route could take, whatever its
    /// candidates.
    /// - Returns: Each unknown id's action and why (``SparkDirectory/unknownID(_:for:)``), in
    ///   the order contact, projects, team member; empty when the directory holds every id.
    public func unknownIDs(in directory: SparkDirectory) -> [(action: Action, message: String)] {
        Action.allCases.flatMap { action in
            (self[action] ?? []).compactMap { id in directory.unknownID(id, for: action).map { (action, $0) } }
        }
    }

    /// Checks the choices against one route: each chosen action must be one the route asks
    /// for, and each chosen id one of its candidates.
    ///
    /// A route that is not `unassigned` asks for nothing, so any choice for it is refused. Only
    /// the route's current actions count: a projects choice that a contact choice would make
    /// necessary is refused here; ``Router/route(_:applying:)`` applies the contact first.
    /// - Parameter route: The interaction's route without these choices.
    /// - Returns: One refusal per refused choice, in the order contact, projects, team member;
    ///   empty when every choice may be applied.
    public func refusals(for route: Route) -> [AssignmentRefusal] {
        Action.allCases.compactMap { action in
            guard let chosen = self[action] else { return nil }
            return AssignmentRefusal(action: action, chosen: chosen, route: route)
        }
    }
}
