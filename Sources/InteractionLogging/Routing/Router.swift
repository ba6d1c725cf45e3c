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
        guard problems.isEmpty else { throw RouterError(problems: problems) }
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
        let contacts: [Int]
        if let assignedContact {
            contacts = [assignedContact]
        } else if let text = event.externalNumber,
                  case .number(let number) = PhoneNumber.normalize(text, region: company.defaultCountry ?? event.lineCountry) {
            contacts = directory.contacts(holding: number)
        } else {
            contacts = []
        }
        let contact = contacts.count == 1 ? contacts[0] : nil
        let line = event.lineNumber.flatMap { text -> Int? in
            guard case .number(let number) = PhoneNumber.normalize(text, region: event.lineCountry) else { return nil }
            return directory.line(number)
        }
        let lineMembers = line.map { directory.lines[$0].teamMembers } ?? []
        let user = event.userEmail.flatMap { directory.teamMember(email: $0) }

        do {
            set(contract.kind, name: event.kind.rawValue)
            set(contract.direction, name: event.direction.rawValue)
            try set(contract.contactMatches, count: contacts.count)
            try set(contract.contactProjects, count: contact.map { directory.contacts[$0].projects.count } ?? 0)
            set(contract.logOnAllProjects, flag: company.logOnAllProjects)
            try set(contract.lineTeamMembers, count: lineMembers.count)
            set(contract.userIsTeamMember, flag: user != nil)
            set(contract.teamMemberAssigned, flag: assignedTeamMember != nil)
            set(contract.projectsAssigned, flag: assignments.projects != nil)
            try set(contract.sharedProjects, count: 0)

            // The team member is decided by the rules; the projects it shares with the contact
            // are a fact for the tables after it.
            evaluator.load(facts)
            try evaluator.run(tables: 0..<contract.sharedProjectsTable)
            let teamMember = resolvedTeamMember(lineMembers: lineMembers, user: user)
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

    private func set(_ fact: RulesContract.Fact?, name: String) {
        guard let fact, let index = fact.values[name] else { return }
        facts.set(index, at: fact.slot)
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

    private func value(_ output: RulesContract.Output) -> String {
        output.names[evaluator.encodedOutput(output.slot)]
    }

    private func flag(_ output: RulesContract.Output?) -> Bool {
        output.map { evaluator.encodedOutput($0.slot) != 0 } ?? false
    }

    private func resolvedTeamMember(lineMembers: [String], user: Int?) -> Int? {
        switch value(contract.teamMember) {
        case "assigned": assignedTeamMember
        case "line_member": lineMembers.count == 1 ? directory.teamMember(id: lineMembers[0]) : nil
        case "event_user": user
        default: nil
        }
    }

    private func apply(to route: inout Route, contact: Int?, teamMember: Int?) {
        route.status = switch value(contract.status) {
        case "logged": .logged
        case "unassigned": .unassigned
        default: .notLogged
        }
        route.contact = value(contract.contact) == "matched" ? contact.map { directory.contacts[$0].id } : nil
        route.teamMember = teamMember.map { directory.teamMembers[$0].id }
        route.projects = switch value(contract.projects) {
        case "assigned": (assignments.projects ?? []).sorted()
        case "contact_projects": contact.map { directory.contacts[$0].projects.sorted() } ?? []
        case "team_projects": contact.flatMap { c in teamMember.map { directory.sharedProjects(contact: c, teamMember: $0) } } ?? []
        default: []
        }
        if flag(contract.assignProjects) { route.actions.append("assign_projects") }
        if flag(contract.assignContact) { route.actions.append("assign_contact") }
        if flag(contract.assignTeamMember) { route.actions.append("assign_team_member") }
        if let button = contract.button {
            let label = button.names.isEmpty ? nil : value(button)
            route.button = label == "none" ? nil : label
        }
        if let reason = contract.reason, let definition = tables.outputs.first(where: { $0.name == "reason" }) {
            route.reason = tables.decode(evaluator.encodedOutput(reason.slot), output: definition).description
        }
        route.rules = tables.tables.indices.map { t in
            (tables.tables[t].name, evaluator.winners(ofTable: t).map { tables.tables[t].rules[Int($0)].id })
        }
    }
}
