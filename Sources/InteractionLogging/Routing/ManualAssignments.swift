/// Choices a person made on the Unassigned tab; routing again with them applies the rules
/// to what was chosen (an assigned contact's projects, for instance).
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
}
