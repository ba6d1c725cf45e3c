import DecisionTable

extension Router {
    /// Routes one interaction and explains the route: each fact routing derived from the
    /// event and the directory, with where it came from, and per table the facts it read, the
    /// deciding rule with its position and description, and the nearest rules that did not
    /// match.
    /// - Parameters:
    ///   - event: The interaction.
    ///   - assignments: A person's choices, applied as ``route(_:applying:)`` applies them.
    /// - Returns: The route and its explanation.
    public func explain(_ event: AircallEvent, applying assignments: ManualAssignments = ManualAssignments()) -> RouteExplanation {
        let (route, chosen) = routeApplying(event, assignments)
        let reading = read(event, chosen: chosen)
        let facts = derivedFacts(event, reading, chosen: chosen, route: route)
        let explanation: Explanation
        do {
            explanation = try tables.explain(Dictionary(facts.map { ($0.name, $0.value) }) { first, _ in first })
        } catch {
            explanation = Explanation(tables: [], error: error)
        }
        return RouteExplanation(route: route, facts: facts, explanation: explanation)
    }

    /// The facts routing supplied for `event`, in the order the contract lists them, each
    /// with its source; only those the rules read.
    private func derivedFacts(_ event: AircallEvent, _ reading: Reading, chosen: Resolved, route: Route) -> [RoutingFact] {
        var facts: [RoutingFact] = []
        func add(_ fact: RulesContract.Fact?, _ value: Value, _ source: String) {
            guard let fact, fact.slot < tables.facts.count else { return }
            facts.append(RoutingFact(name: tables.facts[fact.slot].name, value: value, source: source))
        }
        let contact = reading.contact
        let teamMember = route.teamMember.flatMap { directory.teamMember(id: $0) }

        add(contract.kind, .string(event.kind.rawValue), "the event is \(event.name)")
        add(contract.direction, .string(event.direction.rawValue), "the \(event.kind.rawValue)'s direction")
        add(contract.contactMatches, .integer(reading.contactCount), contactSource(event, reading, chosen: chosen))
        add(
            contract.contactProjects, .integer(contact.map { directory.contacts.projectCount(at: $0) } ?? 0),
            contact.map { "\(describeContact($0)) is in \(list(directory.contacts.projects(at: $0), none: "no project"))" }
                ?? "no single contact holds the number")
        let company = directory.company
        add(
            contract.logOnAllProjects, .boolean(company.logOnAllProjects),
            company.logOnAllProjectsOverridden
                ? "--log-on-all-projects \(company.logOnAllProjects ? "on" : "off"), overriding the directory"
                : "the directory's company setting log_on_all_projects")
        add(
            contract.lineTeamMembers, .integer(reading.line.map { directory.lines[$0].teamMembers.count } ?? 0),
            lineSource(event, reading))
        add(contract.userIsTeamMember, .boolean(reading.user != nil), userSource(event, reading))
        add(
            contract.teamMemberAssigned, .boolean(chosen.teamMember != nil),
            chosen.teamMember.map { "a person chose \(describeTeamMember($0))" } ?? "no team member chosen by a person")
        add(
            contract.projectsAssigned, .boolean(chosen.projects != nil),
            chosen.projects.map { "a person chose \(list($0, none: "no project"))" } ?? "no projects chosen by a person")
        if let contact, let teamMember {
            let shared = directory.sharedProjects(contact: contact, teamMember: teamMember)
            add(
                contract.sharedProjects, .integer(shared.count),
                "\(describeContact(contact)) and \(describeTeamMember(teamMember)) share \(list(shared, none: "no project"))")
        } else {
            add(
                contract.sharedProjects, .integer(0),
                contact == nil ? "no single contact, so no shared project" : "the team member is not known yet, so none is counted")
        }
        return facts
    }

    private func contactSource(_ event: AircallEvent, _ reading: Reading, chosen: Resolved) -> String {
        if let chosen = chosen.contact { return "a person chose \(describeContact(chosen))" }
        if let number = reading.number {
            let holders = directory.contacts(holding: number)
            let written = event.externalNumber.map { $0 == number.description ? "" : " ('\($0)')" } ?? ""
            guard !holders.isEmpty else { return "\(number)\(written) is on no Spark contact" }
            return "\(number)\(written) is held by "
                + holders.map { index in
                    let contact = directory.contacts[index]
                    let field = contact.phones.firstIndex(of: number).map { contact.phoneFields[$0] } ?? "a phone field"
                    return "\(describeContact(index)) in \(field)"
                }.joined(separator: ", ")
        }
        if let text = event.externalNumber, !text.isEmpty {
            let region = directory.company.defaultCountry ?? event.lineCountry
            if case .invalid(let problem) = PhoneNumber.normalize(text, region: region) {
                return "'\(text)' is not a phone number: \(problem)"
            }
            return "'\(text)' gives no number (a withheld caller)"
        }
        if let matches = reading.aircallContactMatches {
            let numbers = event.contactNumbers.joined(separator: ", ")
            return matches.isEmpty
                ? "Aircall's contact numbers (\(numbers)) are on no Spark contact"
                : "Aircall's contact numbers (\(numbers)) are held by " + matches.map(describeContact).joined(separator: ", ")
        }
        return "the event gives no number for the other party"
    }

    private func lineSource(_ event: AircallEvent, _ reading: Reading) -> String {
        guard let text = event.lineNumber else { return "the event names no Aircall line" }
        if let line = reading.line {
            let members = directory.lines[line].teamMembers
            return "line \(directory.lines[line].number) is used by \(list(members, none: "no team member"))"
        }
        if case .invalid(let problem) = PhoneNumber.normalize(text, region: event.lineCountry) {
            return "line '\(text)' is not a phone number: \(problem)"
        }
        return "line '\(text)' is not in the Spark directory"
    }

    private func userSource(_ event: AircallEvent, _ reading: Reading) -> String {
        if event.kind == .message { return "messages carry no user" }
        guard let email = event.userEmail else { return "the call names no Aircall user (no one took it)" }
        if let user = reading.user { return "\(email) is \(describeTeamMember(user))" }
        return "\(email) is not a Spark team member"
    }

    private func describeContact(_ index: Int) -> String {
        "\(directory.contacts[index].id) (\(directory.contacts[index].name))"
    }

    private func describeTeamMember(_ index: Int) -> String {
        "\(directory.teamMembers[index].id) (\(directory.teamMembers[index].name))"
    }

    private func list(_ ids: [String], none: String) -> String {
        ids.isEmpty ? none : ids.joined(separator: ", ")
    }
}
