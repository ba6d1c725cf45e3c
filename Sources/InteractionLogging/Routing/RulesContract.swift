import DecisionTable

/// The vocabulary shared by the rules file and the router: the facts the router supplies and
/// the output values it knows how to apply, checked once when the router starts, so that a
/// rules file the router cannot act on fails with a clear message instead of misrouting.
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

    static let factNames: [String: Domain] = [
        "kind": .enumeration(["call", "message"]),
        "direction": .enumeration(["inbound", "outbound"]),
        "contact_matches": .integer(min: 0, max: nil),
        "contact_projects": .integer(min: 0, max: nil),
        "log_on_all_projects": .boolean,
        "line_team_members": .integer(min: 0, max: nil),
        "user_is_team_member": .boolean,
        "team_member_assigned": .boolean,
        "projects_assigned": .boolean,
        "shared_projects": .integer(min: 0, max: nil),
    ]

    init(_ tables: DecisionTables) throws(RouterError) {
        var problems: [String] = []
        for fact in tables.facts where Self.factNames[fact.name] == nil {
            problems.append("the rules need fact '\(fact.name)', which routing does not supply (it supplies "
                            + Self.factNames.keys.sorted().joined(separator: ", ") + ")")
        }
        func fact(_ name: String) -> Fact? {
            guard let input = tables.facts.first(where: { $0.name == name }), let slot = tables.slot(named: name) else {
                return nil
            }
            switch (input.domain, Self.factNames[name]!) {
            case (.enumeration(let declared), .enumeration(let emitted)):
                let missing = emitted.filter { !declared.contains($0) }
                if !missing.isEmpty {
                    problems.append("fact '\(name)' must accept \(emitted.joined(separator: ", ")); the rules lack \(missing.joined(separator: ", "))")
                }
                return Fact(slot: slot, values: Dictionary(uniqueKeysWithValues: declared.enumerated().map { ($1, $0) }),
                            bounds: 0...0)
            case (.boolean, .boolean):
                return Fact(slot: slot, values: [:], bounds: 0...1)
            case (.integer, .integer):
                return Fact(slot: slot, values: [:], bounds: input.domain.integerBounds)
            default:
                problems.append("fact '\(name)' must be \(Self.factNames[name]!.summary), but the rules declare \(input.domain.summary)")
                return nil
            }
        }
        func output(_ name: String, values known: [String]?, required: Bool) -> Output? {
            guard let definition = tables.outputs.first(where: { $0.name == name }),
                  let slot = tables.slot(named: name) else {
                if required { problems.append("the rules produce no output '\(name)', which routing needs") }
                return nil
            }
            switch definition.type {
            case .enumeration(let names):
                if let known {
                    let unknown = names.filter { !known.contains($0) }
                    if !unknown.isEmpty {
                        problems.append("output '\(name)' may be \(unknown.joined(separator: ", ")), which routing cannot apply (it knows \(known.joined(separator: ", ")))")
                    }
                }
                return Output(slot: slot, names: names)
            case .boolean where known == nil:
                return Output(slot: slot, names: ["false", "true"])
            case .string where known == nil:
                return Output(slot: slot, names: [])
            default:
                problems.append("output '\(name)' has the wrong type for routing (\(definition.type.summary))")
                return nil
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
        let status = output("status", values: ["not_logged", "logged", "unassigned"], required: true)
        let contact = output("contact", values: ["none", "matched", "choose"], required: true)
        let teamMember = output("team_member", values: ["assigned", "line_member", "event_user", "choose"], required: true)
        let projects = output("projects", values: ["none", "assigned", "contact_projects", "team_projects", "choose"], required: true)
        assignContact = output("assign_contact", values: nil, required: false)
        assignProjects = output("assign_projects", values: nil, required: false)
        assignTeamMember = output("assign_team_member", values: nil, required: false)
        button = output("button", values: nil, required: false)
        reason = output("reason", values: nil, required: false)

        let readers = tables.tables.indices.filter { tables.tables[$0].inputs.contains { $0.name == "shared_projects" } }
        sharedProjectsTable = readers.first ?? tables.tables.count
        if let producer = tables.tables.firstIndex(where: { $0.outputs.contains { $0.name == "team_member" } }),
           producer >= sharedProjectsTable {
            problems.append("table '\(tables.tables[sharedProjectsTable].name)' reads shared_projects before the team member is decided; it must read team_member")
        }
        guard problems.isEmpty, let status, let contact, let teamMember, let projects else {
            throw RouterError(problems: problems, cause: .rules)
        }
        self.status = status
        self.contact = contact
        self.teamMember = teamMember
        self.projects = projects
    }
}

/// Why the router cannot use a rules file.
public struct RouterError: Error, Hashable, Sendable, CustomStringConvertible {
    /// What the problems are about.
    public enum Cause: Hashable, Sendable {
        /// The rules need facts routing cannot supply, or produce values it cannot apply.
        case rules
    }

    /// One sentence per problem.
    public var problems: [String]
    public var cause: Cause
    public var description: String { problems.joined(separator: "\n") }
}
