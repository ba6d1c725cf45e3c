import DecisionTable

/// Routes Aircall events into Spark: turns an event and the Spark directory into facts, asks
/// the generic evaluator, and applies the decided outputs (an output value such as
/// `team_projects` becomes the list of the contact's projects the team member is on).
///
/// Every decision is in the rules file; the router only computes facts and applies values.
/// A router owns an ``Evaluator``: use one per thread.
public final class Router {
    public let tables: DecisionTables
    public let directory: SparkDirectory
    public let assignments: ManualAssignments
    private let contract: RulesContract
    private let evaluator: Evaluator
    private var facts: FactVector
    private let assignedContact: Int?
    private let assignedTeamMember: Int?

    // Worked out once here, so that routing an event compares and hashes no names.
    /// The encoded value of each kind and direction; nil when the rules lack it.
    private let encodedKind: (call: Int?, message: Int?)
    private let encodedDirection: (inbound: Int?, outbound: Int?)
    /// Per Aircall line: how many team members use it, and the only one when there is one.
    private let lineMemberCount: [Int]
    private let lineOnlyMember: [Int?]
    /// What each encoded value of an output means to the router.
    private let statusByValue: [Route.Status]
    private let contactMatchedByValue: [Bool]
    private let teamMemberByValue: [TeamMemberSource]
    private let projectsByValue: [ProjectsSource]
    /// Nil for "none" (and for a button output that is not an enum).
    private let buttonByValue: [String?]
    private let reasonOutput: OutputDefinition?
    /// The reason text of each encoded value met so far.
    private var reasons: [String?] = []
    /// The assigned projects, sorted, without repeats.
    private let assignedProjects: [String]
    /// Per table, each rule's id as a one-element list: shared by every route it decides.
    private let ruleLists: [[[String]]]
    /// ``Route/rules`` for each combination of winning rules met so far (one winner per table),
    /// keyed by the winners' indices written as one mixed-radix number; nil when the rule
    /// counts are too large for a 64-bit key.
    private var rulesByWinners: [UInt64: [(table: String, rules: [String])]]?

    private enum TeamMemberSource { case assigned, lineMember, eventUser, unresolved }
    private enum ProjectsSource { case assigned, contactProjects, teamProjects, empty }

    /// Creates a router.
    /// - Throws: ``RouterError`` when the rules need facts the router cannot supply or
    ///   produce values it cannot apply, or an assignment names an id the directory lacks.
    public init(rules: DecisionTables, directory: SparkDirectory, assignments: ManualAssignments = .init()) throws(RouterError) {
        tables = rules
        self.directory = directory
        self.assignments = assignments
        contract = try RulesContract(rules)
        evaluator = rules.makeEvaluator()
        facts = try! rules.encode(Dictionary(uniqueKeysWithValues: rules.facts.map { ($0.name, Self.placeholder($0.domain)) }))
        var problems: [String] = []
        assignedContact = assignments.contact.flatMap { id in
            directory.contact(id: id) ?? { problems.append("no contact '\(id)' in the directory"); return nil }()
        }
        assignedTeamMember = assignments.teamMember.flatMap { id in
            directory.teamMember(id: id) ?? { problems.append("no team member '\(id)' in the directory"); return nil }()
        }
        for id in assignments.projects ?? [] where directory.project(id: id) == nil {
            problems.append("no project '\(id)' in the directory")
        }
        encodedKind = (contract.kind?.values["call"], contract.kind?.values["message"])
        encodedDirection = (contract.direction?.values["inbound"], contract.direction?.values["outbound"])
        lineMemberCount = directory.lines.map(\.teamMembers.count)
        lineOnlyMember = directory.lines.map { $0.teamMembers.count == 1 ? directory.teamMember(id: $0.teamMembers[0]) : nil }
        statusByValue = contract.status.names.map {
            switch $0 {
            case "logged": .logged
            case "unassigned": .unassigned
            default: .notLogged
            }
        }
        contactMatchedByValue = contract.contact.names.map { $0 == "matched" }
        teamMemberByValue = contract.teamMember.names.map {
            switch $0 {
            case "assigned": .assigned
            case "line_member": .lineMember
            case "event_user": .eventUser
            default: .unresolved
            }
        }
        projectsByValue = contract.projects.names.map {
            switch $0 {
            case "assigned": .assigned
            case "contact_projects": .contactProjects
            case "team_projects": .teamProjects
            default: .empty
            }
        }
        buttonByValue = contract.button?.names.map { $0 == "none" ? nil : $0 } ?? []
        reasonOutput = contract.reason == nil ? nil : rules.outputs.first { $0.name == "reason" }
        assignedProjects = Set(assignments.projects ?? []).sorted()
        ruleLists = rules.tables.map { table in table.rules.map { [$0.id] } }
        var radix: UInt64? = 1
        for table in rules.tables {
            radix = radix.flatMap { value in
                let (product, overflow) = value.multipliedReportingOverflow(by: UInt64(max(1, table.rules.count)))
                return overflow ? nil : product
            }
        }
        rulesByWinners = radix == nil ? nil : [:]
        // "Assigned to no projects" would log the interaction nowhere and call it logged.
        if assignments.projects?.isEmpty == true { problems.append("assigned projects must name at least one project") }
        guard problems.isEmpty else { throw RouterError(problems: problems, cause: .assignments) }
    }

    /// A value inside any domain, so that a fact vector can be built once and overwritten.
    private static func placeholder(_ domain: Domain) -> Value {
        switch domain {
        case .integer: .integer(domain.integerBounds.lowerBound)
        case .boolean: .boolean(false)
        case .enumeration(let values): .string(values[0])
        }
    }

    /// Routes one interaction.
    public func route(_ event: AircallEvent) -> Route {
        var route = Route(event: event.name, id: event.id, kind: event.kind, direction: event.direction,
                          status: .error, reason: "")
        let company = directory.company
        // Facts from the event and the directory.
        let contactCount: Int
        let firstContact: Int?
        if let assignedContact {
            (contactCount, firstContact) = (1, assignedContact)
        } else if let text = event.externalNumber,
                  case .number(let number) = PhoneNumber.normalize(text, region: company.defaultCountry ?? event.lineCountry) {
            (contactCount, firstContact) = directory.contactMatch(holding: number)
        } else {
            (contactCount, firstContact) = (0, nil)
        }
        let contact = contactCount == 1 ? firstContact : nil
        let line = event.lineNumber.flatMap { text -> Int? in
            guard case .number(let number) = PhoneNumber.normalize(text, region: event.lineCountry) else { return nil }
            return directory.line(number)
        }
        let user = event.userEmail.flatMap { directory.teamMember(email: $0) }

        do {
            set(contract.kind, encoded: event.kind == .call ? encodedKind.call : encodedKind.message)
            set(contract.direction, encoded: event.direction == .inbound ? encodedDirection.inbound : encodedDirection.outbound)
            try set(contract.contactMatches, count: contactCount)
            try set(contract.contactProjects, count: contact.map { directory.contacts[$0].projects.count } ?? 0)
            set(contract.logOnAllProjects, flag: company.logOnAllProjects)
            try set(contract.lineTeamMembers, count: line.map { lineMemberCount[$0] } ?? 0)
            set(contract.userIsTeamMember, flag: user != nil)
            set(contract.teamMemberAssigned, flag: assignedTeamMember != nil)
            set(contract.projectsAssigned, flag: assignments.projects != nil)
            try set(contract.sharedProjects, count: 0)

            // The team member is decided by the rules; the projects it shares with the contact
            // are a fact for the tables after it.
            evaluator.load(facts)
            try evaluator.run(tables: 0..<contract.sharedProjectsTable)
            let teamMember = resolvedTeamMember(line: line, user: user)
            if let slot = contract.sharedProjects?.slot, let contact, let teamMember {
                let shared = directory.sharedProjectCount(contact: contact, teamMember: teamMember)
                guard contract.sharedProjects!.bounds.contains(shared) else { throw RoutingFailure.outOfRange("shared_projects", shared) }
                evaluator.setFact(shared, at: slot)
            }
            try evaluator.run(tables: contract.sharedProjectsTable..<tables.tables.count)
            apply(to: &route, contact: contact, teamMember: teamMember)
        } catch {
            route.status = .error
            route.reason = "\(error)"
        }
        return route
    }

    private enum RoutingFailure: Error, CustomStringConvertible {
        case outOfRange(String, Int)
        var description: String {
            switch self {
            case .outOfRange(let fact, let value): "fact \(fact) = \(value) is outside the range the rules declare"
            }
        }
    }

    /// Sets an enum fact to an encoded value; a value the rules lack leaves the fact as it was.
    private func set(_ fact: RulesContract.Fact?, encoded: Int?) {
        guard let fact, let encoded else { return }
        facts.set(encoded, at: fact.slot)
    }

    private func set(_ fact: RulesContract.Fact?, flag: Bool) {
        guard let fact else { return }
        facts.set(flag ? 1 : 0, at: fact.slot)
    }

    private func set(_ fact: RulesContract.Fact?, count: Int) throws(RoutingFailure) {
        guard let fact else { return }
        guard fact.bounds.contains(count) else { throw .outOfRange(fact.slot < tables.facts.count ? tables.facts[fact.slot].name : "?", count) }
        facts.set(count, at: fact.slot)
    }

    private func encoded(_ output: RulesContract.Output) -> Int {
        evaluator.encodedOutput(output.slot)
    }

    private func flag(_ output: RulesContract.Output?) -> Bool {
        output.map { evaluator.encodedOutput($0.slot) != 0 } ?? false
    }

    private func resolvedTeamMember(line: Int?, user: Int?) -> Int? {
        switch teamMemberByValue[encoded(contract.teamMember)] {
        case .assigned: assignedTeamMember
        case .lineMember: line.flatMap { lineOnlyMember[$0] }
        case .eventUser: user
        case .unresolved: nil
        }
    }

    private func apply(to route: inout Route, contact: Int?, teamMember: Int?) {
        route.status = statusByValue[encoded(contract.status)]
        route.contact = contactMatchedByValue[encoded(contract.contact)] ? contact.map { directory.contacts[$0].id } : nil
        route.teamMember = teamMember.map { directory.teamMembers[$0].id }
        route.projects = switch projectsByValue[encoded(contract.projects)] {
        case .assigned: assignedProjects
        case .contactProjects: contact.map { Self.sorted(directory.contacts[$0].projects) } ?? []
        case .teamProjects: contact.flatMap { c in teamMember.map { directory.sharedProjects(contact: c, teamMember: $0) } } ?? []
        case .empty: []
        }
        route.actions = Self.actions[(flag(contract.assignProjects) ? 1 : 0) | (flag(contract.assignContact) ? 2 : 0)
                                     | (flag(contract.assignTeamMember) ? 4 : 0)]
        if let button = contract.button {
            route.button = buttonByValue.isEmpty ? nil : buttonByValue[encoded(button)]
        }
        if let reason = contract.reason, let reasonOutput {
            route.reason = reasonText(encoded(reason), reasonOutput)
        }
        route.rules = decidingRules()
    }

    /// The `actions` lists, by the bits assign_projects (1), assign_contact (2) and
    /// assign_team_member (4): shared by every route rather than built for each.
    private static let actions: [[String]] = (0..<8).map { bits in
        [(1, "assign_projects"), (2, "assign_contact"), (4, "assign_team_member")].filter { bits & $0.0 != 0 }.map(\.1)
    }

    /// `projects` sorted: the same array when it already is, which one project always is.
    private static func sorted(_ projects: [String]) -> [String] {
        zip(projects, projects.dropFirst()).allSatisfy { $0 <= $1 } ? projects : projects.sorted()
    }

    private func reasonText(_ encoded: Int, _ definition: OutputDefinition) -> String {
        if encoded >= 0, encoded < reasons.count, let text = reasons[encoded] { return text }
        let text = tables.decode(encoded, output: definition).description
        if encoded >= 0, encoded < 4_096 {
            if encoded >= reasons.count { reasons += [String?](repeating: nil, count: encoded + 1 - reasons.count) }
            reasons[encoded] = text
        }
        return text
    }

    /// Per table, the rules that decided, in evaluation order.
    private func decidingRules() -> [(table: String, rules: [String])] {
        // With one winner per table, the list depends only on the winners: look it up.
        var key: UInt64? = rulesByWinners == nil ? nil : 0
        for t in tables.tables.indices where key != nil {
            let winners = evaluator.winners(ofTable: t)
            key = winners.count == 1 ? key! &* UInt64(max(1, tables.tables[t].rules.count)) &+ UInt64(winners[0]) : nil
        }
        if let key, let rules = rulesByWinners?[key] { return rules }
        let rules = tables.tables.indices.map { t in
            let winners = evaluator.winners(ofTable: t)
            return (table: tables.tables[t].name,
                    rules: winners.count == 1 ? ruleLists[t][Int(winners[0])] : winners.map { tables.tables[t].rules[Int($0)].id })
        }
        if let key, let count = rulesByWinners?.count, count < 4_096 { rulesByWinners?[key] = rules }
        return rules
    }
}
