import DecisionTable
import InteractionLogging
import Testing
import JSONLines

/// Every outcome the help article "How are Aircall Interactions Logged?" fixes, and every case
/// it is silent on, routed with the shipped rules from a real-shaped webhook.
@Suite struct ArticleOutcomeTests {
    /// A small Spark office: three projects, a line each for Jane and Lee, a sales line Jane
    /// and Raj share, contacts in one, several or no projects, and two numbers that several
    /// contacts hold in different phone fields.
    static func office(logOnAllProjects: Bool) -> String {
        """
        company: { log_on_all_projects: \(logOnAllProjects), default_country: CA }
        projects:
          - { id: harbour-tower, name: Harbour Tower }
          - { id: maple-lofts, name: Maple Lofts }
          - { id: the-pier, name: The Pier }
        team_members:
          - { id: tm-jane, name: Jane Doe, email: jane@example.com, projects: [harbour-tower, maple-lofts] }
          - { id: tm-raj, name: Raj Patel, email: raj@example.com, projects: [maple-lofts] }
          - { id: tm-lee, name: Lee Wong, email: Lee.Wong@Example.com, projects: [the-pier] }
        aircall_lines:
          - { number: "+1 604-555-0188", team_members: [tm-jane] }
          - { number: "+1 604-555-0177", team_members: [tm-lee] }
          - { number: "+1 604-555-0199", team_members: [tm-jane, tm-raj] }
        contacts:
          - { id: c-100, name: Ada Lovelace, phone: "604-555-0100", projects: [harbour-tower] }
          - { id: c-150, name: Grace Hopper, mobile_phone: "(604) 555-0150", projects: [the-pier] }
          - { id: c-200, name: Hedy Lamarr, phone: "604 555 0200", projects: [harbour-tower, maple-lofts] }
          - { id: c-300, name: Alan Turing, work_phone: "604.555.0300", projects: [the-pier, maple-lofts, harbour-tower] }
          - { id: c-400, name: Katherine Johnson, phone: "604-555-0400", projects: [maple-lofts] }
          - { id: c-401, name: Dorothy Vaughan, mobile_phone: "+1 604 555 0400", projects: [the-pier] }
          - { id: c-402, name: Mary Jackson, work_phone: "(604) 555-0400", projects: [harbour-tower, maple-lofts, the-pier] }
          - { id: c-410, name: Edsger Dijkstra, mobile_phone: "604-555-0410", projects: [harbour-tower] }
          - { id: c-411, name: Tony Hoare, work_phone: "+1 604-555-0410", projects: [harbour-tower] }
          - { id: c-600, name: Barbara Liskov, phone: "1-604-555-0600", projects: [] }
        """
    }

    static let jane = Webhook.User.named("Jane Doe", email: "jane@example.com", id: 456)
    static let raj = Webhook.User.named("Raj Patel", email: "RAJ@example.com", id: 457)
    static let lee = Webhook.User.named("Lee Wong", email: "lee.wong@example.com", id: 458)
    /// An Aircall user with no Spark account.
    static let tempAgent = Webhook.User.named("Temp Agent", email: "temp@aircall-agency.example", id: 459)

    static let janesLine = Webhook.Line.named("Jane Direct", digits: "+1 604-555-0188", id: 1002)
    static let leesLine = Webhook.Line.named("Pier Line", digits: "+1 604-555-0177", id: 1003)
    static let salesLine = Webhook.Line.named("Sales Line", digits: "+1 604-555-0199", id: 1001)
    /// A line the directory does not list.
    static let frontDesk = Webhook.Line.named("Front Desk", digits: "+1 604-555-0155", id: 1004)

    /// An inbound call Jane took, or a message, from `external` on Jane's own line.
    static func onJanesLine(_ kind: String, from external: String) -> String {
        kind == "call"
            ? Webhook.call(id: 812, "inbound", external: external, user: jane, line: janesLine)
            : Webhook.message("message.received", id: "msg-1", "inbound", external: external, line: janesLine)
    }

    /// The team-member rule for ``onJanesLine(_:from:)``: Jane took the call; a message
    /// carries no user and follows the line's only user.
    static func janesLineRule(_ kind: String) -> String {
        kind == "call" ? "inbound-call-to-team-member" : "one-team-member-on-line-message"
    }

    static func route(_ webhook: String, on: Bool = true, assignments: ManualAssignments = .init()) throws -> RouteOutcome {
        RouteOutcome(try ShippedRouting.route(webhook, directory: office(logOnAllProjects: on), assignments: assignments))
    }

    /// A named case of a parameterised test.
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var on = true
        var assignments = ManualAssignments()
        var webhook: String
        var expected: RouteOutcome
        var testDescription: String { name }
    }

    // MARK: - The article's table

    @Test("Table, row 1: a number on no contact is not logged, ON or OFF", arguments: [true, false])
    func numberOnNoContactIsNotLogged(on: Bool) throws {
        for (kind, external) in [("call", "+1 778-555-0999"), ("message", "+1 778-555-0999"), ("call", "anonymous")] {
            let route = try ShippedRouting.route(Self.onJanesLine(kind, from: external), directory: Self.office(logOnAllProjects: on))
            #expect(
                RouteOutcome(route)
                    == RouteOutcome(
                        status: .notLogged, teamMember: "tm-jane",
                        rules: ["number-not-in-spark", Self.janesLineRule(kind), "no-contact", "not-logged", "no-button"]))
            #expect(route.reason == "The number is not on any Spark contact.")
        }
    }

    @Test(
        "Table, rows 2 and 4: a contact in one project is logged to it, ON or OFF, even one the team member is not on",
        arguments: [true, false], [("+1 604-555-0100", "c-100", "harbour-tower"), ("+1 604-555-0150", "c-150", "the-pier")])
    func oneContactInOneProjectIsLoggedToThatProject(on: Bool, contact: (number: String, id: String, project: String)) throws {
        for kind in ["call", "message"] {
            #expect(
                try Self.route(Self.onJanesLine(kind, from: contact.number), on: on)
                    == RouteOutcome(
                        status: .logged, contact: contact.id, projects: [contact.project], teamMember: "tm-jane",
                        rules: ["one-contact", Self.janesLineRule(kind), "one-project", "logged", "no-button"]))
        }
    }

    @Test(
        "Table, row 3: a contact in several projects, ON, is logged to those the team member is on, not the others",
        arguments: [
            Case(
                name: "Jane, on two of three",
                webhook: Webhook.call(id: 812, "outbound", external: "+1 604-555-0300", user: jane, line: janesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-300", projects: ["harbour-tower", "maple-lofts"], teamMember: "tm-jane",
                    rules: ["one-contact", "outbound-call-by-team-member", "multiple-projects-on", "logged", "no-button"])),
            Case(
                name: "Lee, on one of three",
                webhook: Webhook.message("message.sent", id: "msg-2", "outbound", external: "+1 604-555-0300", line: leesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-300", projects: ["the-pier"], teamMember: "tm-lee",
                    rules: ["one-contact", "one-team-member-on-line-message", "multiple-projects-on", "logged", "no-button"])),
            Case(
                name: "Raj on the shared line, on one of two",
                webhook: Webhook.call(id: 813, "outbound", external: "+1 604-555-0200", user: raj, line: salesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-200", projects: ["maple-lofts"], teamMember: "tm-raj",
                    rules: ["one-contact", "outbound-call-by-team-member", "multiple-projects-on", "logged", "no-button"])),
        ])
    func severalProjectsWithSettingOnLogToTheTeamMembersProjectsOnly(_ example: Case) throws {
        #expect(try Self.route(example.webhook, on: true) == example.expected)
    }

    @Test(
        "Table, row 5: a contact in several projects, OFF, waits for a person to assign the projects",
        arguments: ["call", "message"])
    func severalProjectsWithSettingOffAskForTheProjects(kind: String) throws {
        #expect(
            try Self.route(Self.onJanesLine(kind, from: "+1 604-555-0300"), on: false)
                == RouteOutcome(
                    status: .unassigned, contact: "c-300", teamMember: "tm-jane", actions: ["assign_projects"], button: "Assign Projects",
                    rules: ["one-contact", Self.janesLineRule(kind), "multiple-projects-off", "choose-projects", "assign-projects-button"]))
    }

    // MARK: - Shared phone numbers

    @Test(
        "Shared phone numbers (multiple contacts): not auto-assigned, whichever phone fields hold the number",
        arguments: [true, false], ["+1 604-555-0400", "+1 604-555-0410"])
    func sharedNumberAsksForTheContact(on: Bool, external: String) throws {
        #expect(
            try Self.route(Self.onJanesLine("call", from: external), on: on)
                == RouteOutcome(
                    status: .unassigned, teamMember: "tm-jane", actions: ["assign_contact"], button: "Assign to Contact",
                    rules: ["shared-number", "inbound-call-to-team-member", "no-contact", "choose-contact", "assign-contact-button"]))
    }

    @Test(
        "Shared phone numbers (multiple team members): an outbound call logs to the user who placed it",
        arguments: [(jane, "tm-jane"), (raj, "tm-raj")])
    func sharedLineOutboundCallLogsToTheCaller(user: Webhook.User, teamMember: String) throws {
        let call = Webhook.call(id: 814, "outbound", external: "+1 604-555-0100", user: user, line: Self.salesLine)
        #expect(
            try Self.route(call)
                == RouteOutcome(
                    status: .logged, contact: "c-100", projects: ["harbour-tower"], teamMember: teamMember,
                    rules: ["one-contact", "outbound-call-by-team-member", "one-project", "logged", "no-button"]))
    }

    @Test(
        "Shared phone numbers (multiple team members): an inbound call logs to the user the call distribution chose (data.user)",
        arguments: [(jane, "tm-jane"), (raj, "tm-raj")])
    func sharedLineInboundCallLogsToTheUserWhoTookIt(user: Webhook.User, teamMember: String) throws {
        let call = Webhook.call(id: 815, "inbound", external: "+1 604-555-0100", user: user, line: Self.salesLine)
        #expect(
            try Self.route(call)
                == RouteOutcome(
                    status: .logged, contact: "c-100", projects: ["harbour-tower"], teamMember: teamMember,
                    rules: ["one-contact", "inbound-call-to-team-member", "one-project", "logged", "no-button"]))
    }

    @Test(
        "Shared phone numbers (multiple team members): a message waits for a person to assign the team member",
        arguments: [true, false], [("message.received", "inbound"), ("message.sent", "outbound")])
    func sharedLineMessageAsksForTheTeamMember(on: Bool, message: (event: String, direction: String)) throws {
        let webhook = Webhook.message(message.event, id: "msg-3", message.direction, external: "+1 604-555-0100", line: Self.salesLine)
        #expect(
            try Self.route(webhook, on: on)
                == RouteOutcome(
                    status: .unassigned, contact: "c-100", projects: ["harbour-tower"], actions: ["assign_team_member"], button: "Assign Team Member",
                    rules: ["one-contact", "shared-line-message", "one-project", "choose-team-member", "assign-team-member-button"]))
    }

    @Test("Shared-line message from a contact in several projects, ON: only the team member is asked for; the projects follow from them")
    func sharedLineMessageWithSettingOnAsksOnlyForTheTeamMember() throws {
        let webhook = Webhook.message("message.received", id: "msg-4", "inbound", external: "+1 604-555-0300", line: Self.salesLine)
        #expect(
            try Self.route(webhook, on: true)
                == RouteOutcome(
                    status: .unassigned, contact: "c-300", actions: ["assign_team_member"], button: "Assign Team Member",
                    rules: [
                        "one-contact", "shared-line-message", "multiple-projects-on-team-member-unknown", "choose-team-member",
                        "assign-team-member-button",
                    ]))
        // Once a person picks Raj, row 3 applies: Raj's projects among the contact's.
        #expect(
            try Self.route(webhook, on: true, assignments: ManualAssignments(teamMember: "tm-raj"))
                == RouteOutcome(
                    status: .logged, contact: "c-300", projects: ["maple-lofts"], teamMember: "tm-raj",
                    rules: ["one-contact", "team-member-assigned", "multiple-projects-on", "logged", "no-button"]))
    }

    @Test("A user field on a message is not trusted: Aircall documents none, so the team member stays unknown")
    func aUserOnAMessageIsIgnored() throws {
        let webhook = Webhook.message("message.sent", id: "msg-5", "outbound", external: "+1 604-555-0100", line: Self.salesLine)
            .replacingOccurrences(of: #""contact": null"#, with: #""contact": null, "user": \#(Self.raj.json)"#)
        #expect(try Self.route(webhook).teamMember == nil)
        #expect(try Self.route(webhook).actions == ["assign_team_member"])
    }

    @Test(
        "Assigning interactions: when more than one kind of assignment is needed, all are asked for and the button says Assign",
        arguments: [
            Case(
                name: "shared number, shared-line message",
                webhook: Webhook.message("message.received", id: "msg-6", "inbound", external: "+1 604 555 0400", line: salesLine),
                expected: RouteOutcome(
                    status: .unassigned, actions: ["assign_contact", "assign_team_member"], button: "Assign",
                    rules: ["shared-number", "shared-line-message", "no-contact", "choose-contact-and-team-member", "contact-and-team-member-button"])
            ),
            Case(
                name: "shared number, unanswered call on the shared line",
                webhook: Webhook.call(id: 816, "inbound", external: "+1 604-555-0410", user: .null, line: salesLine),
                expected: RouteOutcome(
                    status: .unassigned, actions: ["assign_contact", "assign_team_member"], button: "Assign",
                    rules: [
                        "shared-number", "shared-line-call-without-team-member", "no-contact", "choose-contact-and-team-member",
                        "contact-and-team-member-button",
                    ])),
            Case(
                name: "several projects OFF, shared-line message", on: false,
                webhook: Webhook.message("message.sent", id: "msg-7", "outbound", external: "+1 604-555-0300", line: salesLine),
                expected: RouteOutcome(
                    status: .unassigned, contact: "c-300", actions: ["assign_projects", "assign_team_member"], button: "Assign",
                    rules: [
                        "one-contact", "shared-line-message", "multiple-projects-off", "choose-projects-and-team-member",
                        "projects-and-team-member-button",
                    ])),
            Case(
                name: "contact in no project, shared-line message",
                webhook: Webhook.message("message.received", id: "msg-8", "inbound", external: "+1 604-555-0600", line: salesLine),
                expected: RouteOutcome(
                    status: .unassigned, contact: "c-600", actions: ["assign_projects", "assign_team_member"], button: "Assign",
                    rules: [
                        "one-contact", "shared-line-message", "contact-in-no-project", "choose-projects-and-team-member",
                        "projects-and-team-member-button",
                    ])),
        ])
    func moreThanOneAssignmentSaysAssign(_ example: Case) throws {
        #expect(try Self.route(example.webhook, on: example.on) == example.expected)
    }

    @Test("Every route names the deciding rule of each table, in evaluation order")
    func routesNameTheDecidingRulePerTable() throws {
        let route = try ShippedRouting.route(Self.onJanesLine("call", from: "+1 604-555-0100"), directory: Self.office(logOnAllProjects: true))
        #expect(route.rules.map(\.table) == ["contact", "team-member", "projects", "assignments", "button"])
        #expect(route.rules.allSatisfy { $0.rules.count == 1 })
    }

    // MARK: - Where the article is silent

    @Test(
        "Not covered: a contact in no project waits for a person to assign the projects, ON or OFF",
        arguments: [true, false])
    func contactInNoProjectAsksForTheProjects(on: Bool) throws {
        #expect(
            try Self.route(Self.onJanesLine("call", from: "+1 604-555-0600"), on: on)
                == RouteOutcome(
                    status: .unassigned, contact: "c-600", teamMember: "tm-jane", actions: ["assign_projects"], button: "Assign Projects",
                    rules: ["one-contact", "inbound-call-to-team-member", "contact-in-no-project", "choose-projects", "assign-projects-button"]))
    }

    @Test("Not covered: ON, but the team member is on none of the contact's projects: a person assigns the projects")
    func settingOnButTeamMemberOnNoneOfTheContactsProjects() throws {
        let call = Webhook.call(id: 817, "outbound", external: "+1 604-555-0200", user: Self.lee, line: Self.leesLine)
        #expect(
            try Self.route(call, on: true)
                == RouteOutcome(
                    status: .unassigned, contact: "c-200", teamMember: "tm-lee", actions: ["assign_projects"], button: "Assign Projects",
                    rules: [
                        "one-contact", "outbound-call-by-team-member", "multiple-projects-on-team-member-on-none", "choose-projects",
                        "assign-projects-button",
                    ]))
    }

    @Test(
        "Not covered: an unanswered inbound call on a shared line waits for a person to assign the team member",
        arguments: [Webhook.User.null, .empty])
    func unansweredCallOnASharedLineAsksForTheTeamMember(user: Webhook.User) throws {
        let call = Webhook.call(id: 818, "inbound", external: "+1 604-555-0100", user: user, line: Self.salesLine)
        #expect(
            try Self.route(call)
                == RouteOutcome(
                    status: .unassigned, contact: "c-100", projects: ["harbour-tower"], actions: ["assign_team_member"], button: "Assign Team Member",
                    rules: ["one-contact", "shared-line-call-without-team-member", "one-project", "choose-team-member", "assign-team-member-button"]))
    }

    @Test(
        "Not covered: a shared-line call taken by an Aircall user with no Spark account waits for a team member",
        arguments: ["inbound", "outbound"])
    func callByAnAircallUserWhoIsNotATeamMember(direction: String) throws {
        let call = Webhook.call(id: 819, direction, external: "+1 604-555-0100", user: Self.tempAgent, line: Self.salesLine)
        #expect(
            try Self.route(call)
                == RouteOutcome(
                    status: .unassigned, contact: "c-100", projects: ["harbour-tower"], actions: ["assign_team_member"], button: "Assign Team Member",
                    rules: ["one-contact", "shared-line-call-without-team-member", "one-project", "choose-team-member", "assign-team-member-button"]))
    }

    @Test(
        "The person who took the call decides, whoever's line it was; a call no team member took falls back to the line's only user",
        arguments: [
            Case(
                name: "Jane's line was busy: the call distribution gave the call to Raj",
                webhook: Webhook.call(id: 830, "inbound", external: "+1 604-555-0200", user: raj, line: janesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-200", projects: ["maple-lofts"], teamMember: "tm-raj",
                    rules: ["one-contact", "inbound-call-to-team-member", "multiple-projects-on", "logged", "no-button"])),
            Case(
                name: "Jane calls out from Lee's line",
                webhook: Webhook.call(id: 831, "outbound", external: "+1 604-555-0300", user: jane, line: leesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-300", projects: ["harbour-tower", "maple-lofts"], teamMember: "tm-jane",
                    rules: ["one-contact", "outbound-call-by-team-member", "multiple-projects-on", "logged", "no-button"])),
            Case(
                name: "a missed call on Lee's line falls back to Lee",
                webhook: Webhook.call(id: 832, "inbound", external: "+1 604-555-0300", user: .null, line: leesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-300", projects: ["the-pier"], teamMember: "tm-lee",
                    rules: ["one-contact", "one-team-member-on-line-call", "multiple-projects-on", "logged", "no-button"])),
            Case(
                name: "an Aircall user with no Spark account took a call on Jane's line: it falls back to Jane",
                webhook: Webhook.call(id: 820, "inbound", external: "+1 604-555-0100", user: tempAgent, line: janesLine),
                expected: RouteOutcome(
                    status: .logged, contact: "c-100", projects: ["harbour-tower"], teamMember: "tm-jane",
                    rules: ["one-contact", "one-team-member-on-line-call", "one-project", "logged", "no-button"])),
        ])
    func theEventsUserDecidesForCalls(_ example: Case) throws {
        #expect(try Self.route(example.webhook, on: true) == example.expected)
    }

    @Test(
        "Not covered: a line Spark does not know logs a call to its Spark user, and otherwise asks for the team member",
        arguments: [
            Case(
                name: "call by a team member",
                webhook: Webhook.call(id: 821, "outbound", external: "+1 604-555-0100", user: jane, line: frontDesk),
                expected: RouteOutcome(
                    status: .logged, contact: "c-100", projects: ["harbour-tower"], teamMember: "tm-jane",
                    rules: ["one-contact", "outbound-call-by-team-member", "one-project", "logged", "no-button"])),
            Case(
                name: "call by an Aircall user with no Spark account",
                webhook: Webhook.call(id: 822, "inbound", external: "+1 604-555-0100", user: tempAgent, line: frontDesk),
                expected: RouteOutcome(
                    status: .unassigned, contact: "c-100", projects: ["harbour-tower"], actions: ["assign_team_member"], button: "Assign Team Member",
                    rules: ["one-contact", "unknown-line-call-without-team-member", "one-project", "choose-team-member", "assign-team-member-button"])
            ),
            Case(
                name: "message",
                webhook: Webhook.message("message.received", id: "msg-9", "inbound", external: "+1 604-555-0100", line: frontDesk),
                expected: RouteOutcome(
                    status: .unassigned, contact: "c-100", projects: ["harbour-tower"], actions: ["assign_team_member"], button: "Assign Team Member",
                    rules: ["one-contact", "unknown-line-message", "one-project", "choose-team-member", "assign-team-member-button"])),
        ])
    func lineNotInSpark(_ example: Case) throws {
        #expect(try Self.route(example.webhook) == example.expected)
    }

    // MARK: - Events that are not interactions

    @Test(
        "Only call.ended, message.received and message.sent are interactions; every other event is ignored with a reason",
        arguments: [
            ("call.created", "call.created is not logged on its own; the call is logged at call.ended"),
            ("call.ringing_on_agent", "call.ringing_on_agent is not logged on its own; the call is logged at call.ended"),
            ("call.answered", "call.answered is not logged on its own; the call is logged at call.ended"),
            ("call.hungup", "call.hungup is not logged on its own; the call is logged at call.ended"),
            ("call.transferred", "call.transferred is not logged on its own; the call is logged at call.ended"),
            ("call.comm_assets_generated", "call.comm_assets_generated is not logged on its own; the call is logged at call.ended"),
        ])
    func otherCallEventsAreIgnored(event: String, reason: String) throws {
        let webhook = Webhook.call(event, id: 823, "outbound", external: "+1 604-555-0100", user: .empty, line: Self.janesLine)
        #expect(try AircallWebhook(json: JSONParser.parse(webhook)) == .ignored(event: event, id: "823", reason: reason))
    }

    @Test(
        "Message status updates, group messages and unknown events are ignored with a reason, never an error",
        arguments: [
            (
                Webhook.message("message.status_updated", id: "msg-1", "inbound", external: "+1 604-555-0100", line: janesLine),
                AircallWebhook.ignored(event: "message.status_updated", id: "msg-1", reason: "a message status update is not a new interaction")
            ),
            (
                #"{"resource": "message", "event": "group_message.received", "timestamp": 1732622896, "token": "XXXX", "data": {"id": "grp-1", "direction": "inbound", "participants": [{"phone_number": "+1 604-555-0100"}, {"phone_number": "+1 604-555-0200"}], "body": "Hi all"}}"#,
                .ignored(
                    event: "group_message.received", id: "grp-1",
                    reason: "a group message has several external numbers; Spark logs one-to-one interactions")
            ),
            (
                #"{"resource": "message", "event": "group_message.sent", "data": {"id": "grp-2"}}"#,
                .ignored(
                    event: "group_message.sent", id: "grp-2",
                    reason: "a group message has several external numbers; Spark logs one-to-one interactions")
            ),
            (
                #"{"resource": "contact", "event": "contact.created", "timestamp": 1732622896, "token": "XXXX", "data": {"id": 77, "first_name": "New"}}"#,
                .ignored(event: "contact.created", id: "77", reason: "contact.created is not a call or message interaction")
            ),
            (
                #"{"resource": "fax", "event": "fax.received"}"#,
                .ignored(event: "fax.received", id: nil, reason: "fax.received is not a call or message interaction")
            ),
        ])
    func otherEventsAreIgnored(webhook: String, expected: AircallWebhook) throws {
        #expect(try AircallWebhook(json: JSONParser.parse(webhook)) == expected)
    }

    // MARK: - Manual assignment

    @Test(
        "Shared phone numbers (multiple contacts): once a person assigns a contact, the table applies to that contact's projects",
        arguments: [
            Case(
                name: "c-400, one project", assignments: ManualAssignments(contact: "c-400"),
                webhook: onJanesLine("call", from: "+1 604-555-0400"),
                expected: RouteOutcome(
                    status: .logged, contact: "c-400", projects: ["maple-lofts"], teamMember: "tm-jane",
                    rules: ["one-contact", "inbound-call-to-team-member", "one-project", "logged", "no-button"])),
            Case(
                name: "c-401, one project Jane is not on", assignments: ManualAssignments(contact: "c-401"),
                webhook: onJanesLine("call", from: "+1 604-555-0400"),
                expected: RouteOutcome(
                    status: .logged, contact: "c-401", projects: ["the-pier"], teamMember: "tm-jane",
                    rules: ["one-contact", "inbound-call-to-team-member", "one-project", "logged", "no-button"])),
            Case(
                name: "c-402, several projects, ON", assignments: ManualAssignments(contact: "c-402"),
                webhook: onJanesLine("call", from: "+1 604-555-0400"),
                expected: RouteOutcome(
                    status: .logged, contact: "c-402", projects: ["harbour-tower", "maple-lofts"], teamMember: "tm-jane",
                    rules: ["one-contact", "inbound-call-to-team-member", "multiple-projects-on", "logged", "no-button"])),
            Case(
                name: "c-402, several projects, OFF", on: false, assignments: ManualAssignments(contact: "c-402"),
                webhook: onJanesLine("call", from: "+1 604-555-0400"),
                expected: RouteOutcome(
                    status: .unassigned, contact: "c-402", teamMember: "tm-jane", actions: ["assign_projects"], button: "Assign Projects",
                    rules: ["one-contact", "inbound-call-to-team-member", "multiple-projects-off", "choose-projects", "assign-projects-button"])),
        ])
    func assigningAContactFollowsItsProjectMembership(_ example: Case) throws {
        #expect(try Self.route(example.webhook, on: example.on, assignments: example.assignments) == example.expected)
    }

    @Test(
        "Shared phone numbers (multiple team members): once a person assigns the team member, the message is logged",
        arguments: [
            ("tm-raj", "+1 604-555-0100", ["harbour-tower"], "one-project"),
            ("tm-raj", "+1 604-555-0300", ["maple-lofts"], "multiple-projects-on"),
            ("tm-jane", "+1 604-555-0300", ["harbour-tower", "maple-lofts"], "multiple-projects-on"),
        ])
    func assigningATeamMember(teamMember: String, external: String, projects: [String], projectsRule: String) throws {
        let webhook = Webhook.message("message.received", id: "msg-10", "inbound", external: external, line: Self.salesLine)
        #expect(
            try Self.route(webhook, assignments: ManualAssignments(teamMember: teamMember))
                == RouteOutcome(
                    status: .logged, contact: external.hasSuffix("0100") ? "c-100" : "c-300", projects: projects, teamMember: teamMember,
                    rules: ["one-contact", "team-member-assigned", projectsRule, "logged", "no-button"]))
    }

    @Test("One contact, multiple projects: once a person assigns the projects, the interaction is logged to them")
    func assigningProjects() throws {
        let call = Self.onJanesLine("call", from: "+1 604-555-0300")
        #expect(
            try Self.route(call, on: false, assignments: ManualAssignments(projects: ["the-pier", "harbour-tower", "the-pier"]))
                == RouteOutcome(
                    status: .logged, contact: "c-300", projects: ["harbour-tower", "the-pier"], teamMember: "tm-jane",
                    rules: ["one-contact", "inbound-call-to-team-member", "projects-assigned", "logged", "no-button"]))
    }

    @Test("Assign: contact, team member and projects assigned together log the interaction")
    func assigningEverything() throws {
        let webhook = Webhook.message("message.received", id: "msg-11", "inbound", external: "+1 604-555-0400", line: Self.salesLine)
        let assignments = ManualAssignments(contact: "c-402", teamMember: "tm-raj", projects: ["maple-lofts"])
        #expect(
            try Self.route(webhook, on: false, assignments: assignments)
                == RouteOutcome(
                    status: .logged, contact: "c-402", projects: ["maple-lofts"], teamMember: "tm-raj",
                    rules: ["one-contact", "team-member-assigned", "projects-assigned", "logged", "no-button"]))
    }

    // MARK: - The rules file

    @Test("Every shipped rule cites the article's row or section, or says the article does not cover its case")
    func everyRuleCitesTheArticle() throws {
        let citations = [
            "Table, row", "Shared phone numbers", "Assigning interactions", "One contact, multiple projects",
            "Not covered by the article",
        ]
        for table in try ShippedRouting.rules().tables {
            for rule in table.rules {
                let description = rule.description ?? ""
                #expect(citations.contains { description.hasPrefix($0) }, "\(table.name)/\(rule.id): \(description)")
            }
        }
    }
}
