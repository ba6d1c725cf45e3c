import DecisionTable
import Diagnostics

/// Where the router finds the facts it supplies and the outputs it applies in one rules file:
/// ``RoutingContract`` is checked once when the router starts, so that a rules file the
/// router cannot act on fails with positioned errors instead of misrouting.
struct RulesContract {
    /// A fact the router can supply, by slot.
    struct Fact {
        let slot: Int
        /// For enum facts, the interned index of each value the router emits, by name.
        let values: [String: Int]
        /// For integer facts, the range the rules accept.
        let bounds: ClosedRange<Int>
    }

    let kind: Fact?
    let direction: Fact?
    let contactMatches: Fact?
    let contactProjects: Fact?
    let logOnAllProjects: Fact?
    let lineTeamMembers: Fact?
    let userIsTeamMember: Fact?
    let teamMemberAssigned: Fact?
    let projectsAssigned: Fact?
    /// Supplied late, once the team member is decided: see ``sharedProjectsTable``.
    let sharedProjects: Fact?
    /// The first table (in evaluation order) that reads `shared_projects`.
    let sharedProjectsTable: Int

    /// An output the router reads: its slot and its values by encoded index.
    struct Output {
        let slot: Int
        let names: [String]
    }

    let status: Output
    let contact: Output
    let teamMember: Output
    let projects: Output
    let assignContact: Output?
    let assignProjects: Output?
    let assignTeamMember: Output?
    let button: Output?
    let reason: Output?

    /// Resolves the contract's facts and outputs to the rules' slots.
    /// - Throws: ``RouterError`` with ``RoutingContract``'s diagnostics when the rules break
    ///   the contract.
    init(_ tables: DecisionTables) throws(RouterError) {
        let problems = RoutingContract.diagnostics(for: tables.tables, header: tables.header, file: tables.file)
        guard problems.isEmpty else { throw RouterError(diagnostics: problems) }
        func fact(_ name: String) -> Fact? {
            guard let input = tables.facts.first(where: { $0.name == name }), let slot = tables.slot(named: name) else {
                return nil
            }
            switch input.domain {
            case .enumeration(let declared):
                return Fact(
                    slot: slot, values: Dictionary(uniqueKeysWithValues: declared.enumerated().map { ($1, $0) }),
                    bounds: 0...0)
            case .boolean:
                return Fact(slot: slot, values: [:], bounds: 0...1)
            case .integer:
                return Fact(slot: slot, values: [:], bounds: input.domain.integerBounds)
            }
        }
        func output(_ name: String) -> Output? {
            guard let definition = tables.outputs.first(where: { $0.name == name }),
                let slot = tables.slot(named: name)
            else { return nil }
            switch definition.type {
            case .enumeration(let names): return Output(slot: slot, names: names)
            case .boolean: return Output(slot: slot, names: ["false", "true"])
            case .string, .integer, .number: return Output(slot: slot, names: [])
            }
        }
        kind = fact("kind")
        direction = fact("direction")
        contactMatches = fact("contact_matches")
        contactProjects = fact("contact_projects")
        logOnAllProjects = fact("log_on_all_projects")
        lineTeamMembers = fact("line_team_members")
        userIsTeamMember = fact("user_is_team_member")
        teamMemberAssigned = fact("team_member_assigned")
        projectsAssigned = fact("projects_assigned")
        sharedProjects = fact("shared_projects")
        assignContact = output("assign_contact")
        assignProjects = output("assign_projects")
        assignTeamMember = output("assign_team_member")
        button = output("button")
        reason = output("reason")
        let readers = tables.tables.indices.filter { tables.tables[$0].inputs.contains { $0.name == "shared_projects" } }
        sharedProjectsTable = readers.first ?? tables.tables.count
        // The contract holds, so the required outputs exist.
        guard let status = output("status"), let contact = output("contact"), let teamMember = output("team_member"),
            let projects = output("projects")
        else {
            throw RouterError(diagnostics: [])
        }
        self.status = status
        self.contact = contact
        self.teamMember = teamMember
        self.projects = projects
    }
}

/// Why the router cannot use a rules file: every way it breaks ``RoutingContract``, each a
/// diagnostic at the input or output declaration to fix.
public struct RouterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// The problems, positioned in the rules file.
    public var diagnostics: [Diagnostic]

    /// Creates the error.
    public init(diagnostics: [Diagnostic]) {
        self.diagnostics = diagnostics
    }

    /// One sentence per problem, without positions.
    public var problems: [String] { diagnostics.map(\.message) }
    public var description: String { diagnostics.map(\.description).joined(separator: "\n") }
}
