import DecisionTable
import Diagnostics

/// Routes Aircall events into Spark: turns an event and the Spark directory into facts, asks
/// the generic evaluator, and applies the decided outputs (an output value such as
/// `team_projects` becomes the list of the contact's projects the team member is on).
///
/// Every decision is in the rules file; the router only computes facts and applies values.
/// A router owns an `Evaluator`: use one per thread.
public final class Router {
    public let tables: DecisionTables
    public let directory: SparkDirectory
    let contract: RulesContract
    private let evaluator: Evaluator
    private var facts: FactVector

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
    /// ``Route/rules`` for each combination of winning rules met so far.
    private var decidingRules: DecidingRulesMemo
    /// The candidates offered where the directory gives no narrower list: every project
    /// (sorted) and every team member (in directory order).
    private let allProjects: [String]
    private let allTeamMembers: [String]

    private enum TeamMemberSource { case assigned, lineMember, eventUser, unresolved }
    private enum ProjectsSource { case assigned, contactProjects, teamProjects, empty }

    /// Manual choices that passed their check, resolved to directory indices.
    struct Resolved {
        var contact: Int?
        var teamMember: Int?
        /// Sorted, without repeats.
        var projects: [String]?
    }

    /// Creates a router.
    /// - Throws: ``RouterError`` when the rules need facts the router cannot supply or
    ///   produce values it cannot apply.
    public init(rules: DecisionTables, directory: SparkDirectory) throws(RouterError) {
        tables = rules
        self.directory = directory
        contract = try RulesContract(rules)
        evaluator = rules.makeEvaluator()
        do {
            facts = try rules.encode(Dictionary(uniqueKeysWithValues: rules.facts.map { ($0.name, Self.placeholder($0.domain)) }))
        } catch {
            throw RouterError(diagnostics: [
                Diagnostic(
                    .error, code: .rulesCannotRoute, "the rules' facts cannot be encoded: \(error)",
                    at: SourceLocation(file: rules.file, line: 1, column: 1))
            ])
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
        decidingRules = DecidingRulesMemo(rules)
        allProjects = directory.projects.map(\.id).sorted()
        allTeamMembers = directory.teamMembers.map(\.id)
    }

    /// A value inside any domain, so that a fact vector can be built once and overwritten.
    private static func placeholder(_ domain: Domain) -> Value {
        switch domain {
        case .integer: .integer(domain.integerBounds.lowerBound)
        case .boolean: .boolean(false)
        case .enumeration(let values): .string(values[0])
        }
    }

    /// Routes one interaction, with no manual choice made.
    public func route(_ event: AircallEvent) -> Route {
        route(event, with: Resolved())
    }

    /// Routes one interaction with a person's choices, checked first.
    ///
    /// The choices are applied in steps, as the Unassigned tab offers them: each choice must
    /// answer an action the route asks for at that step and be among its candidates
    /// (``ManualAssignments/refusals(for:)``); the interaction is routed again with the
    /// choices accepted so far, which can ask for more (a chosen contact in several projects,
    /// OFF, asks for the projects). A choice left over when nothing more is asked for is not
    /// needed.
    /// - Parameters:
    ///   - event: The interaction.
    ///   - assignments: What a person chose for it.
    /// - Returns: The route with every choice applied; or, when any choice is refused, the
    ///   route with none of them applied and ``Route/refusals`` saying why.
    public func route(_ event: AircallEvent, applying assignments: ManualAssignments) -> Route {
        routeApplying(event, assignments).route
    }

    /// ``route(_:applying:)``, with the choices that were applied (none when any was refused).
    func routeApplying(_ event: AircallEvent, _ assignments: ManualAssignments) -> (route: Route, chosen: Resolved) {
        let plain = route(event, with: Resolved())
        guard !assignments.isEmpty else { return (plain, Resolved()) }
        var accepted = Resolved()
        var pending = assignments
        var current = plain
        var refusals: [AssignmentRefusal] = []
        while current.status == .unassigned {
            var progressed = false
            for action in ManualAssignments.Action.allCases {
                guard let chosen = pending[action], current.actions.contains(action.rawValue) else { continue }
                pending[action] = nil
                if let refusal = AssignmentRefusal(action: action, chosen: chosen, route: current) {
                    refusals.append(refusal)
                    continue
                }
                // Candidates come from the directory, so every accepted id resolves.
                switch action {
                case .contact: accepted.contact = directory.contact(id: chosen[0])
                case .teamMember: accepted.teamMember = directory.teamMember(id: chosen[0])
                case .projects: accepted.projects = Set(chosen).sorted()
                }
                progressed = true
            }
            guard progressed else { break }
            current = route(event, with: accepted)
        }
        refusals += pending.refusals(for: current)
        guard refusals.isEmpty else {
            var refused = plain
            refused.refusals = refusals
            return (refused, Resolved())
        }
        return (current, accepted)
    }

    /// What the router reads of an interaction and the directory before the tables run.
    struct Reading {
        /// The other party's number, when the event gives one that reads as a number.
        var number: E164?
        /// The contacts holding Aircall's contact numbers, when the event names no other party.
        var aircallContactMatches: [Int]?
        /// How many contacts hold the number (1 for a contact a person chose).
        var contactCount: Int
        var firstContact: Int?
        /// The line, when Spark knows it.
        var line: Int?
        /// The team member the event's user is, if any.
        var user: Int?
        /// The contact, when exactly one holds the number.
        var contact: Int? { contactCount == 1 ? firstContact : nil }
    }

    /// Reads the facts' sources: shared by routing and by ``explain(_:applying:)``, so that an
    /// explanation reads exactly what routing read.
    func read(_ event: AircallEvent, chosen: Resolved) -> Reading {
        let region = directory.company.defaultCountry ?? event.lineCountry
        var number: E164?
        if let text = event.externalNumber, case .number(let parsed) = PhoneNumber.normalize(text, region: region) {
            number = parsed
        }
        var aircallContactMatches: [Int]?
        let contactCount: Int
        let firstContact: Int?
        if let assigned = chosen.contact {
            (contactCount, firstContact) = (1, assigned)
        } else if let number {
            (contactCount, firstContact) = directory.contactMatch(holding: number)
        } else if !event.contactNumbers.isEmpty {
            let matches = contactsHolding(event.contactNumbers, region: region)
            aircallContactMatches = matches
            (contactCount, firstContact) = (matches.count, matches.first)
        } else {
            (contactCount, firstContact) = (0, nil)
        }
        let line = event.lineNumber.flatMap { text -> Int? in
            guard case .number(let number) = PhoneNumber.normalize(text, region: event.lineCountry) else { return nil }
            return directory.line(number)
        }
        return Reading(
            number: number, aircallContactMatches: aircallContactMatches, contactCount: contactCount,
            firstContact: firstContact, line: line, user: event.userEmail.flatMap { directory.teamMember(email: $0) })
    }

    private func route(_ event: AircallEvent, with chosen: Resolved) -> Route {
        var route = Route(
            event: event.name, id: event.id, kind: event.kind, direction: event.direction,
            status: .error, reason: "")
        let reading = read(event, chosen: chosen)
        let (number, contact, line, user) = (reading.number, reading.contact, reading.line, reading.user)
        do {
            set(contract.kind, encoded: event.kind == .call ? encodedKind.call : encodedKind.message)
            set(contract.direction, encoded: event.direction == .inbound ? encodedDirection.inbound : encodedDirection.outbound)
            try set(contract.contactMatches, count: reading.contactCount)
            try set(contract.contactProjects, count: contact.map { directory.contacts.projectCount(at: $0) } ?? 0)
            set(contract.logOnAllProjects, flag: directory.company.logOnAllProjects)
            try set(contract.lineTeamMembers, count: line.map { lineMemberCount[$0] } ?? 0)
            set(contract.userIsTeamMember, flag: user != nil)
            set(contract.teamMemberAssigned, flag: chosen.teamMember != nil)
            set(contract.projectsAssigned, flag: chosen.projects != nil)
            try set(contract.sharedProjects, count: 0)

            // The team member is decided by the rules; the projects it shares with the contact
            // are a fact for the tables after it.
            evaluator.load(facts)
            try evaluator.run(tables: 0..<contract.sharedProjectsTable)
            let teamMember = resolvedTeamMember(line: line, user: user, chosen: chosen)
            if let sharedProjects = contract.sharedProjects, let contact, let teamMember {
                let shared = directory.sharedProjectCount(contact: contact, teamMember: teamMember)
                guard sharedProjects.bounds.contains(shared) else { throw RoutingFailure.outOfRange("shared_projects", shared) }
                evaluator.setFact(shared, at: sharedProjects.slot)
            }
            try evaluator.run(tables: contract.sharedProjectsTable..<tables.tables.count)
            apply(to: &route, contact: contact, teamMember: teamMember, chosen: chosen)
            if route.status == .unassigned {
                route.candidates = candidates(
                    for: route.actions, number: number, aircallContactMatches: reading.aircallContactMatches,
                    contact: contact, line: line)
            }
        } catch {
            route.status = .error
            route.reason = "\(error)"
        }
        return route
    }

    /// The contacts holding any of `numbers`, each once, in the order found.
    private func contactsHolding(_ numbers: [String], region: String?) -> [Int] {
        var matches: [Int] = []
        for text in numbers {
            guard case .number(let number) = PhoneNumber.normalize(text, region: region) else { continue }
            for contact in directory.contacts(holding: number) where !matches.contains(contact) { matches.append(contact) }
        }
        return matches
    }

    /// What a person can choose from for each pending action (see ``Route/Candidates``).
    private func candidates(
        for actions: [String], number: E164?, aircallContactMatches: [Int]?,
        contact: Int?, line: Int?
    ) -> Route.Candidates {
        var candidates = Route.Candidates()
        for action in actions {
            switch ManualAssignments.Action(rawValue: action) {
            case .contact:
                let matches = aircallContactMatches ?? number.map { directory.contacts(holding: $0) } ?? []
                candidates.contact = matches.map { directory.contacts.id(at: $0) }
            case .projects:
                // A contact in no project can be logged to any: the choice is left to a person.
                let projects = contact.map { Self.sorted(directory.contacts.projects(at: $0)) } ?? []
                candidates.projects = contact != nil && projects.isEmpty ? allProjects : projects
            case .teamMember:
                let members = line.map { directory.lines[$0].teamMembers } ?? []
                candidates.teamMember = members.isEmpty ? allTeamMembers : members
            case nil:
                continue
            }
        }
        return candidates
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

    private func resolvedTeamMember(line: Int?, user: Int?, chosen: Resolved) -> Int? {
        switch teamMemberByValue[encoded(contract.teamMember)] {
        case .assigned: chosen.teamMember
        case .lineMember: line.flatMap { lineOnlyMember[$0] }
        case .eventUser: user
        case .unresolved: nil
        }
    }

    private func apply(to route: inout Route, contact: Int?, teamMember: Int?, chosen: Resolved) {
        route.status = statusByValue[encoded(contract.status)]
        route.contact = contactMatchedByValue[encoded(contract.contact)] ? contact.map { directory.contacts.id(at: $0) } : nil
        route.teamMember = teamMember.map { directory.teamMembers[$0].id }
        route.projects =
            switch projectsByValue[encoded(contract.projects)] {
            case .assigned: chosen.projects ?? []
            case .contactProjects: contact.map { Self.sorted(directory.contacts.projects(at: $0)) } ?? []
            case .teamProjects: contact.flatMap { c in teamMember.map { directory.sharedProjects(contact: c, teamMember: $0) } } ?? []
            case .empty: []
            }
        route.actions =
            Self.actions[
                (flag(contract.assignProjects) ? 1 : 0) | (flag(contract.assignContact) ? 2 : 0)
                    | (flag(contract.assignTeamMember) ? 4 : 0)]
        if let button = contract.button {
            route.button = buttonByValue.isEmpty ? nil : buttonByValue[encoded(button)]
        }
        if let reason = contract.reason, let reasonOutput {
            route.reason = reasonText(encoded(reason), reasonOutput)
        }
        route.rules = decidingRules.rules(of: evaluator)
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
}
