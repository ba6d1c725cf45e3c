import DecisionTable
import InteractionLogging
import Testing

/// Many webhooks at once: the input forms a batch may take, one route per input in input
/// order on any number of threads, duplicates, unreadable input, and rules the router cannot
/// act on.
@Suite struct BatchRoutingTests {
    static let directory = """
        company: { log_on_all_projects: true, default_country: CA }
        projects:
          - { id: harbour-tower, name: Harbour Tower }
        team_members:
          - { id: tm-jane, name: Jane Doe, email: jane@example.com, projects: [harbour-tower] }
        aircall_lines:
          - { number: "+1 604-555-0188", team_members: [tm-jane] }
        contacts:
          - { id: c-100, name: Ada Lovelace, phone: "604-555-0100", projects: [harbour-tower] }
        """

    static let jane = Webhook.User.named("Jane Doe", email: "jane@example.com", id: 456)
    static let janesLine = Webhook.Line.named("Jane Direct", digits: "+1 604-555-0188", id: 1002)

    /// A `call.ended` from Ada (logged) or from an unknown number (not logged).
    static func call(_ id: Int, from external: String = "+1 604-555-0100", event: String = "call.ended") -> String {
        Webhook.call(event, id: id, "inbound", external: external, user: jane, line: janesLine)
    }

    static func router(threads: Int = 2) throws -> BatchRouter {
        try BatchRouter(rules: ShippedRouting.rules(), directory: SparkDirectory(yaml: directory), threads: threads)
    }

    static func route(_ text: String, source: String = "events.jsonl", threads: Int = 2) throws -> [Route] {
        try router(threads: threads).route(WebhookInput(bytes: Array(text.utf8)), source: source)
    }

    /// Status and id of each route, or status and line for errors: a batch at a glance.
    static func summary(_ routes: [Route]) -> [String] {
        routes.map { route in
            route.status == .error ? "error at line \(route.line.map(String.init) ?? "-")" : "\(route.status.rawValue) \(route.id ?? "-")"
        }
    }

    // MARK: - Input forms

    @Test("A file holding one webhook is one event, with or without a final newline", arguments: ["", "\n", "\r\n"])
    func aSingleObjectIsOneEvent(ending: String) throws {
        let input = WebhookInput(bytes: Array((Self.call(812) + ending).utf8))
        #expect(input.count == 1)
        #expect(Self.summary(try Self.router().route(input)) == ["logged 812"])
    }

    @Test("A pretty-printed webhook over many lines is one event")
    func aPrettyPrintedObjectIsOneEvent() throws {
        let text = """
            {
              "resource": "message",
              "event": "message.received",
              "timestamp": 1732622896,
              "token": "45XXYYZZa08",
              "data": {
                "id": "msg-1",
                "direction": "inbound",
                "external_number": "+1 604-555-0100",
                "body": "Is unit 1203 still available?",
                "status": "received",
                "channel": null,
                "media_details": [],
                "created_at": 1722324561000,
                "number": {"id": 1002, "name": "Jane Direct", "digits": "+1 604-555-0188", "country": "CA"},
                "contact": null
              }
            }

            """
        #expect(WebhookInput(bytes: Array(text.utf8)).count == 1)
        let routes = try Self.route(text)
        #expect(Self.summary(routes) == ["logged msg-1"])
        #expect(routes.first?.teamMember == "tm-jane")
    }

    @Test("A JSON array is one event per item, in order; places name the item")
    func anArrayIsOneEventPerItem() throws {
        let text = "[\n  " + [Self.call(812), Self.call(813, from: "+1 778-555-0999"), Self.call(812)].joined(separator: ",\n  ") + "\n]\n"
        let routes = try Self.route(text, source: "events.json")
        #expect(Self.summary(routes) == ["logged 812", "not_logged 813", "duplicate 812"])
        #expect(routes[2].reason == "call.ended for id 812 was already routed (events.json item 1)")
        #expect(try Self.route("[]").isEmpty)
    }

    @Test("An unreadable item of an array is an error naming the item and its line and column; the other items are routed")
    func anUnreadableItemIsAnError() throws {
        let routes = try Self.route(
            "[\n  " + Self.call(812) + ",\n  " + #"{"event": "call.ended", "data": {"id": 813}},"# + "\n  42\n]\n",
            source: "events.json")
        #expect(Self.summary(routes) == ["logged 812", "error at line 3", "error at line 4"])
        #expect(
            routes[1].json.rendered
                == #"{"file": "events.json", "line": 3, "column": 3, "item": 2, "status": "error", "error": "call.ended 813: data.direction must be \"inbound\" or \"outbound\""}"#
        )
        #expect(
            routes[2].json.rendered
                == #"{"file": "events.json", "line": 4, "column": 3, "item": 3, "status": "error", "error": "expected a webhook object, found a number"}"#
        )
    }

    @Test("An array on one line of JSON Lines is one event per item, between the lines around it")
    func anArrayLineIsOneEventPerItem() throws {
        let routes = try Self.route([Self.call(812), "[" + Self.call(813) + ", 7]", Self.call(814)].joined(separator: "\n"))
        #expect(Self.summary(routes) == ["logged 812", "logged 813", "error at line 2", "logged 814"])
        #expect(routes[2].item == 2 && routes[2].column == Self.call(813).utf8.count + 4)
    }

    @Test("JSON Lines is one event per line, LF or CRLF", arguments: ["\n", "\r\n"])
    func jsonLinesIsOneEventPerLine(newline: String) throws {
        let lines = [Self.call(812), Self.call(813, from: "+1 778-555-0999"), Self.call(814, event: "call.created")]
        let routes = try Self.route(lines.joined(separator: newline) + newline)
        #expect(Self.summary(routes) == ["logged 812", "not_logged 813", "ignored 814"])
    }

    @Test("Blank and white-space-only lines are not events; the lines around them keep their numbers")
    func blankLinesAreSkipped() throws {
        let routes = try Self.route(Self.call(812) + "\n\n  \t\r\n" + Self.call(813) + "\n{oops\n\n")
        #expect(Self.summary(routes) == ["logged 812", "logged 813", "error at line 5"])
        #expect(
            routes[2].json.rendered
                == #"{"file": "events.jsonl", "line": 5, "column": 2, "status": "error", "error": "invalid JSON: expected a quoted key"}"#)
    }

    @Test("A byte-order mark at the start is not part of the first event, and columns do not count it")
    func aByteOrderMarkIsSkipped() throws {
        let routes = try Self.route("\u{FEFF}" + Self.call(812) + "\n\u{FEFF}" + Self.call(813))
        #expect(Self.summary(routes) == ["logged 812", "error at line 2"])
        #expect(routes[1].column == 1)
    }

    @Test("Pretty-printed events with a stray comma give one error at the comma, and the event after it is routed")
    func aStrayCommaIsOneErrorAtItsPosition() throws {
        let event = """
            {
              "event": "call.ended",
              "data": {"id": 815, "direction": "inbound", "raw_digits": "+1 604-555-0100",,
                "number": {"digits": "+1 604-555-0188"}}
            }
            """
        let routes = try Self.route(
            event + "\n" + Self.call(812) + "\n" + event.replacingOccurrences(of: ",,", with: ",") + ",\n"
                + Self.call(813), source: "<stdin>")
        #expect(Self.summary(routes) == ["error at line 3", "logged 812", "error at line 11", "logged 813"])
        #expect(
            routes[0].json.rendered
                == #"{"file": "<stdin>", "line": 3, "column": 79, "status": "error", "error": "invalid JSON: expected a quoted key"}"#)
        #expect(
            routes[2].json.rendered
                == #"{"file": "<stdin>", "line": 11, "column": 2, "status": "error", "error": "invalid JSON: unexpected text after the JSON value"}"#)
    }

    @Test("An event cut short at the end of the input is one error where its text ends, not past the blank lines")
    func anEventCutShortIsOneErrorWhereItEnds() throws {
        let routes = try Self.route(Self.call(812) + "\n{\"event\": \n\n\n")
        #expect(Self.summary(routes) == ["logged 812", "error at line 2"])
        #expect(routes[1].column == 10)
        #expect(routes[1].reason == "invalid JSON: expected a value, found the end of the input")
    }

    @Test("An event that is never closed is one error where its text ends; the next event is routed")
    func anUnclosedEventIsOneError() throws {
        let routes = try Self.route("{\n  \"event\": \"call.ended\",\n  \"data\": {\"id\": 1}\n" + Self.call(812) + "\n")
        #expect(Self.summary(routes) == ["error at line 3", "logged 812"])
        #expect(routes[0].column == 20)
        #expect(routes[0].reason == "invalid JSON: expected ',' or '}' in the object, found the end of the line")
    }

    @Test(
        "An unreadable line is an error naming its line and why; the batch goes on",
        arguments: [
            (
                #"{"resource": "call", "event": "call.ended", "data": {"id": 825, "direction": "inbound""#,
                87, "invalid JSON: expected ',' or '}' in the object, found the end of the line"
            ),
            (#"  "a string""#, 3, "expected a webhook object, found a string"),
            (#"{"resource": "call", "data": {"id": 825}}"#, 1, #"the webhook has no "event" string"#),
            (#"{"event": "call.ended", "data": {"direction": "inbound"}}"#, 1, "call.ended has no data.id"),
            (
                #"{"event": "call.ended", "data": {"id": 1.5, "direction": "inbound"}}"#, 1,
                "call.ended: data.id must be an integer or a non-empty string, found a number (1.5)"
            ),
            (
                #"{"event": "call.ended", "data": {"id": true, "direction": "inbound"}}"#, 1,
                "call.ended: data.id must be an integer or a non-empty string, found a boolean (true)"
            ),
            (
                #"{"event": "message.sent", "data": {"id": null}}"#, 1,
                "message.sent: data.id must be an integer or a non-empty string, found null"
            ),
            (
                #"{"event": "message.sent", "data": {"id": ""}}"#, 1,
                "message.sent: data.id must be an integer or a non-empty string, found an empty string"
            ),
            (
                #"{"event": "call.ended", "data": {"id": {"value": 812}, "direction": "inbound"}}"#, 1,
                "call.ended: data.id must be an integer or a non-empty string, found an object"
            ),
            (
                #"{"event": "message.sent", "data": {"id": "m-1", "direction": "sideways"}}"#, 1,
                #"message.sent m-1: data.direction must be "inbound" or "outbound""#
            ),
            (#"{"event": "call.ended", "data": null}"#, 1, #"call.ended has no "data" object"#),
        ])
    func anUnreadableLineIsAnError(line: String, column: Int, error: String) throws {
        let routes = try Self.route([Self.call(812), line, Self.call(813)].joined(separator: "\n"))
        #expect(Self.summary(routes) == ["logged 812", "error at line 2", "logged 813"])
        #expect(
            routes[1].json
                == .object([
                    ("file", .string("events.jsonl")), ("line", .integer(2)), ("column", .integer(column)),
                    ("status", .string("error")), ("error", .string(error)),
                ]))
    }

    @Test("Every input that is not blank gives exactly one route, whatever it holds")
    func exactlyOneRoutePerInput() throws {
        let lines = (0..<200).map { i in
            switch i % 5 {
            case 0: Self.call(i)
            case 1: Self.call(i, event: "call.hungup")
            case 2: "not json \(i)"
            case 3: ""
            default: Self.call(i % 20)
            }
        }
        let routes = try Self.route(lines.joined(separator: "\n"))
        let records = lines.indices.filter { !lines[$0].isEmpty }
        #expect(routes.count == records.count)
        #expect(zip(routes, records).allSatisfy { route, index in route.status != .error || route.line == index + 1 })
    }

    // MARK: - Duplicates

    @Test("An integer id, its negative zero and its decimal string are one id; other strings are their own")
    func idsAreIntegersInDecimalOrStringsAsWritten() throws {
        let lines = [
            Self.call(0), Self.call(0).replacingOccurrences(of: #""id": 0"#, with: #""id": -0"#),
            Self.call(0).replacingOccurrences(of: #""id": 0"#, with: #""id": "0""#),
            Self.call(0).replacingOccurrences(of: #""id": 0"#, with: #""id": "-0""#),
            Self.call(0).replacingOccurrences(of: #""id": 0"#, with: #""id": "00""#),
        ]
        #expect(Set(lines).count == lines.count)
        let routes = try Self.route(lines.joined(separator: "\n"))
        #expect(Self.summary(routes) == ["logged 0", "duplicate 0", "duplicate 0", "logged -0", "logged 00"])
    }

    @Test("The same event for the same id again is a duplicate naming the first; other events of that id are not")
    func duplicates() throws {
        let lines = [
            Self.call(812),
            Self.call(812, event: "call.created"),
            Self.call(812),
            Webhook.message("message.received", id: "812", "inbound", external: "+1 604-555-0100", line: Self.janesLine),
            Self.call(812, event: "call.created"),
        ]
        let routes = try Self.route(lines.joined(separator: "\n"))
        #expect(Self.summary(routes) == ["logged 812", "ignored 812", "duplicate 812", "logged 812", "duplicate 812"])
        #expect(routes[2].reason == "call.ended for id 812 was already routed (events.jsonl:1)")
        #expect(routes[4].reason == "call.created for id 812 was already routed (events.jsonl:2)")
        #expect(routes[2].kind == .call && routes[2].direction == .inbound)
        #expect(routes[2].contact == nil && routes[2].actions.isEmpty && routes[2].rules.isEmpty)
    }

    @Test("Duplicates are found across the inputs of one run; an unreadable line is not remembered")
    func duplicatesAcrossInputs() throws {
        let router = try Self.router()
        let first = router.route(WebhookInput(bytes: Array((Self.call(812) + "\n" + #"{"event": "call.ended"}"#).utf8)), source: "monday.jsonl")
        let second = router.route(WebhookInput(bytes: Array(Self.call(812).utf8)), source: "tuesday.json")
        #expect(Self.summary(first) == ["logged 812", "error at line 2"])
        #expect(Self.summary(second) == ["duplicate 812"])
        #expect(second[0].reason == "call.ended for id 812 was already routed (monday.jsonl:1)")
    }

    // MARK: - Threads

    @Test(
        "Thousands of events on several threads come back in input order, as one thread routes them",
        arguments: [2, 3, 8])
    func orderIsKeptOnSeveralThreads(threads: Int) throws {
        let numbers = ["+1 604-555-0100", "+1 778-555-0999", "anonymous"]
        let lines = (0..<3_001).map { i in i % 97 == 0 ? "broken \(i)" : Self.call(10_000 + i, from: numbers[i % 3]) }
        let text = lines.joined(separator: "\n")
        let parallel = try Self.route(text, threads: threads)
        #expect(parallel == (try Self.route(text, threads: 1)))
        #expect(parallel.count == lines.count)
        for (i, route) in parallel.enumerated() where i % 97 != 0 {
            #expect(route.id == String(10_000 + i))
            #expect(route.status == (i % 3 == 0 ? .logged : .notLogged))
        }
        #expect(
            parallel.enumerated().filter { $0.element.status == .error }.map(\.element.line) == stride(from: 1, through: 3_001, by: 97).map { $0 })
    }

    // MARK: - Rules the router cannot act on

    @Test(
        "A rules file the router cannot act on is refused with positioned errors at the declarations to fix",
        arguments: [
            (
                [(old: "- name: status\n", new: "- name: outcome\n"), (old: "{ status: ", new: "{ outcome: ")],
                "routing-output", "routing needs an output 'status' (not_logged, logged, unassigned), which no table produces",
                "routing: aircall-to-spark"
            ),
            (
                [
                    (
                        old: "    inputs:\n      - name: contact_matches\n",
                        new: "    inputs:\n      - name: caller_mood\n        values: [calm, angry]\n      - name: contact_matches\n"
                    )
                ],
                "routing-fact",
                "input 'caller_mood' is not a fact routing supplies (it supplies contact_matches, contact_projects, "
                    + "direction, kind, line_team_members, log_on_all_projects, projects_assigned, shared_projects, "
                    + "team_member_assigned, user_is_team_member)",
                "- name: caller_mood"
            ),
            (
                [(old: "- name: shared_projects\n", new: "- name: shared_project\n"), (old: "shared_projects: ", new: "shared_project: ")],
                "routing-fact", "input 'shared_project' is not a fact routing supplies; did you mean 'shared_projects'?",
                "- name: shared_project"
            ),
            (
                [(old: "values: [assigned, line_member, event_user, choose]", new: "values: [assigned, line_member, event_user, choose, manager]")],
                "routing-value",
                "output 'team_member' may be 'manager', which routing cannot apply (it applies assigned, line_member, event_user, choose)",
                "- name: team_member"
            ),
            (
                [
                    (
                        old: "values: [none, assigned, contact_projects, team_projects, choose]",
                        new: "values: [none, assigned, contact_projects, team_projects, choose, later]"
                    )
                ],
                "routing-value",
                "output 'projects' may be 'later', which routing cannot apply (it applies none, assigned, contact_projects, team_projects, choose)",
                "- name: projects"
            ),
            (
                [(old: "routing: aircall-to-spark", new: "routing: aircall-to-sprak")],
                "unknown-routing",
                "'aircall-to-sprak' is not an application Switchboard routes for (it knows aircall-to-spark); did you mean 'aircall-to-spark'?",
                "routing: aircall-to-sprak"
            ),
        ])
    func rulesTheRouterCannotActOn(edits: [(old: String, new: String)], code: String, message: String, line: String) throws {
        let rules = try ShippedRouting.rules(replacing: edits)
        let directory = try SparkDirectory(yaml: Self.directory)
        let error = try #require(throws: RouterError.self) { try Router(rules: rules, directory: directory) }
        #expect(error.problems == [message])
        let diagnostic = try #require(error.diagnostics.first)
        #expect(diagnostic.code == code)
        #expect(diagnostic.location.file == ShippedRules.path)
        // The position is the declaration to fix.
        var text = ShippedRules.text
        for edit in edits { text = text.replacingOccurrences(of: edit.old, with: edit.new) }
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        #expect(lines[diagnostic.location.line - 1].contains(line), "\(lines[diagnostic.location.line - 1])")
        let batchError = try #require(throws: RouterError.self) { try BatchRouter(rules: rules, directory: directory) }
        #expect(batchError == error)
    }
}
