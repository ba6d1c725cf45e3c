import DecisionTable
import InteractionLogging
import Testing
import JSONLines

/// The Unassigned tab's dropdowns (``Route/candidates``) and the checking of a person's
/// choices against them: a choice that is not offered, or for an action the interaction does
/// not ask for, is refused and never applied.
@Suite struct ManualAssignmentTests {
    typealias Office = ArticleOutcomeTests

    static func route(_ webhook: String, on: Bool = true, assignments: ManualAssignments = .init()) throws -> Route {
        try ShippedRouting.route(webhook, directory: Office.office(logOnAllProjects: on), assignments: assignments)
    }

    static let sharedNumberCall = Office.onJanesLine("call", from: "+1 604-555-0400")
    static let sharedLineMessage = Webhook.message(
        "message.received", id: "msg-20", "inbound", external: "+1 604-555-0100",
        line: Office.salesLine)

    /// The line `switchboard route` prints, parsed, so that both renderings are checked.
    static func printed(_ route: Route) throws -> JSONValue {
        var bytes: [UInt8] = []
        route.appendJSONLine(to: &bytes)
        return try JSONParser.parse(String(decoding: bytes, as: UTF8.self))
    }

    @Test(
        "An unassigned route lists the candidates of each pending action, and only those",
        arguments: [
            (sharedNumberCall, true, #"{"contact": ["c-400", "c-401", "c-402"]}"#),
            (sharedLineMessage, true, #"{"team_member": ["tm-jane", "tm-raj"]}"#),
            (Office.onJanesLine("call", from: "+1 604-555-0300"), false, #"{"projects": ["harbour-tower", "maple-lofts", "the-pier"]}"#),
            // A contact in no project: every project is offered.
            (Office.onJanesLine("call", from: "+1 604-555-0600"), true, #"{"projects": ["harbour-tower", "maple-lofts", "the-pier"]}"#),
            // A shared number on the shared line: both dropdowns.
            (
                Webhook.message("message.received", id: "msg-21", "inbound", external: "+1 604-555-0410", line: Office.salesLine), true,
                #"{"contact": ["c-410", "c-411"], "team_member": ["tm-jane", "tm-raj"]}"#
            ),
            // A line Spark does not know: every team member is offered.
            (
                Webhook.message("message.received", id: "msg-22", "inbound", external: "+1 604-555-0100", line: Office.frontDesk), true,
                #"{"team_member": ["tm-jane", "tm-raj", "tm-lee"]}"#
            ),
        ])
    func candidatesPerPendingAction(webhook: String, on: Bool, candidates: String) throws {
        let route = try Self.route(webhook, on: on)
        #expect(route.status == .unassigned)
        let expected = try JSONParser.parse(candidates)
        #expect(route.json["candidates"] == expected)
        #expect(try Self.printed(route)["candidates"] == expected)
        #expect(try Self.printed(route) == route.json)
    }

    @Test("A route that is not unassigned has no candidates key")
    func noCandidatesWhenNothingIsPending() throws {
        let logged = try Self.route(Office.onJanesLine("call", from: "+1 604-555-0100"))
        #expect(logged.status == .logged)
        #expect(logged.json["candidates"] == nil)
        #expect(try Self.printed(logged)["candidates"] == nil)
    }

    @Test("A contact who does not hold the number is refused, named with the candidates, and not applied")
    func contactNotACandidate() throws {
        let route = try Self.route(Self.sharedNumberCall, assignments: ManualAssignments(contact: "c-100"))
        #expect(route.status == .unassigned)
        #expect(route.contact == nil)
        #expect(route.actions == ["assign_contact"])
        let refusal = try #require(route.refusals.first)
        #expect(route.refusals.count == 1)
        #expect(refusal.reason == .notACandidate)
        #expect(refusal.action == .contact)
        #expect(refusal.candidates == ["c-400", "c-401", "c-402"])
        #expect(
            refusal.description
                == "interaction 812 (call.ended): contact 'c-100' is not among the candidates for Assign to Contact (c-400, c-401, c-402); not applied"
        )
    }

    @Test(
        "A choice for an action the interaction does not ask for is refused: logged, not logged, or asking for something else",
        arguments: [
            (
                Office.onJanesLine("call", from: "+1 604-555-0100"), ManualAssignments(contact: "c-100"),
                "interaction 812 (call.ended) does not ask for Assign to Contact; contact 'c-100' not applied"
            ),
            // A number on no contact stays not logged: a contact cannot be forced on it.
            (
                Office.onJanesLine("call", from: "+1 778-555-0999"), ManualAssignments(contact: "c-100"),
                "interaction 812 (call.ended) does not ask for Assign to Contact; contact 'c-100' not applied"
            ),
            (
                sharedNumberCall, ManualAssignments(teamMember: "tm-raj"),
                "interaction 812 (call.ended) does not ask for Assign Team Member; team member 'tm-raj' not applied"
            ),
        ])
    func choiceNotNeeded(webhook: String, assignments: ManualAssignments, message: String) throws {
        let plain = try Self.route(webhook)
        let route = try Self.route(webhook, assignments: assignments)
        #expect(route.refusals.map(\.description) == [message])
        #expect(route.refusals.map(\.reason) == [.notNeeded])
        var withoutRefusals = route
        withoutRefusals.refusals = []
        #expect(withoutRefusals == plain)
    }

    @Test("Projects the contact is not in are refused, naming those and the contact's projects")
    func projectsNotCandidates() throws {
        let call = Office.onJanesLine("call", from: "+1 604-555-0200")  // Hedy Lamarr: harbour-tower, maple-lofts
        let route = try Self.route(call, on: false, assignments: ManualAssignments(projects: ["maple-lofts", "the-pier"]))
        #expect(route.status == .unassigned)
        #expect(route.projects == [])
        #expect(
            route.refusals.map(\.description) == [
                "interaction 812 (call.ended): project 'the-pier' is not among the candidates for Assign Projects (harbour-tower, maple-lofts); not applied"
            ])
        #expect(route.refusals.first?.rejected == ["the-pier"])
        let none = try Self.route(call, on: false, assignments: ManualAssignments(projects: []))
        #expect(none.refusals.map(\.reason) == [.empty])
    }

    @Test("One refused choice stops every choice for the interaction")
    func oneRefusalStopsAll() throws {
        let message = Webhook.message("message.received", id: "msg-23", "inbound", external: "+1 604-555-0410", line: Office.salesLine)
        let route = try Self.route(message, assignments: ManualAssignments(contact: "c-410", teamMember: "tm-lee"))
        #expect(route.contact == nil && route.teamMember == nil)
        #expect(route.actions == ["assign_contact", "assign_team_member"])
        #expect(
            route.refusals.map(\.description) == [
                "interaction msg-23 (message.received): team member 'tm-lee' is not among the candidates for Assign Team Member (tm-jane, tm-raj); not applied"
            ])
    }

    @Test("Choices are applied in steps: a chosen contact in several projects, OFF, then takes the chosen projects")
    func choicesInSteps() throws {
        let route = try Self.route(
            Self.sharedNumberCall, on: false,
            assignments: ManualAssignments(contact: "c-402", projects: ["the-pier"]))
        #expect(route.refusals.isEmpty)
        #expect((route.status, route.contact, route.projects) == (.logged, "c-402", ["the-pier"]))
        // c-400 is in one project: once chosen, nothing asks for projects, so they are refused.
        let refused = try Self.route(
            Self.sharedNumberCall, on: false,
            assignments: ManualAssignments(contact: "c-400", projects: ["maple-lofts"]))
        #expect(refused.contact == nil)
        #expect(
            refused.refusals.map(\.description) == [
                "interaction 812 (call.ended) does not ask for Assign Projects; project 'maple-lofts' not applied"
            ])
    }

    @Test("ManualAssignments.refusals(for:) checks choices against a stored route without routing again")
    func checkingAgainstARoute() throws {
        let route = try Self.route(Self.sharedLineMessage)
        #expect(ManualAssignments(teamMember: "tm-raj").refusals(for: route).isEmpty)
        let refusals = ManualAssignments(contact: "c-100", teamMember: "tm-lee").refusals(for: route)
        #expect(refusals.map(\.action) == [.contact, .teamMember])
        #expect(refusals.map(\.reason) == [.notNeeded, .notACandidate])
        #expect(refusals.map(\.code) == ["not-needed", "not-a-candidate"])
        #expect(refusals.map(\.interaction) == ["msg-20", "msg-20"])
    }
}
