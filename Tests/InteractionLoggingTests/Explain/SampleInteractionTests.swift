import Foundation
import InteractionLogging
import JSONLines
import Testing

/// One interaction from its fields: the same event a webhook decodes to, and every missing
/// or unreadable piece an error naming the field.
@Suite struct SampleInteractionTests {
    static func directory() throws -> SparkDirectory {
        try SparkDirectory(contentsOf: RouteExplanationTests.root.appending(path: "Examples/directory.yaml"))
    }

    static func sample(_ json: String) throws -> SampleInteraction {
        try SampleInteraction(json: JSONParser.parse(json))
    }

    @Test("A sample call routes exactly as the example webhook of the same call (815), but for its id")
    func sameRouteAsTheWebhook() throws {
        let directory = try Self.directory()
        let router = try Router(rules: ShippedRules.tables(), directory: directory)
        let sample = try Self.sample(
            #"{"kind": "call", "direction": "inbound", "from": "+1 604-555-0400", "line": "+1 604-555-0199", "user": "jane@example.com", "id": "815"}"#
        )
        let fromSample = router.route(try sample.event(in: directory))
        let lines = try String(contentsOf: RouteExplanationTests.root.appending(path: "Examples/events.jsonl"), encoding: .utf8)
            .split(separator: "\n")
        guard case .interaction(let webhook) = try AircallWebhook(json: JSONParser.parse(String(lines[4]))) else {
            Issue.record("line 5 is not an interaction")
            return
        }
        #expect(fromSample == router.route(webhook))
        #expect(fromSample.status == .unassigned)
    }

    @Test("The event name follows the kind and direction; the id defaults to 'sample'; national numbers read in the default country")
    func eventShape() throws {
        let directory = try Self.directory()
        let message = try Self.sample(#"{"kind": "message", "direction": "outbound", "from": "604-555-0100", "line": "604-555-0188"}"#)
            .event(in: directory)
        #expect(message.name == "message.sent")
        #expect(message.id == "sample")
        #expect(message.userEmail == nil)
        let router = try Router(rules: ShippedRules.tables(), directory: directory)
        let route = router.route(message)
        #expect(route.contact == "c-100")
        #expect(route.teamMember == "tm-jane")
        let missed = try Self.sample(#"{"kind": "call", "direction": "inbound", "from": "604-555-0100", "line": "604-555-0188", "user": null}"#)
            .event(in: directory)
        #expect(missed.name == "call.ended")
        #expect(missed.userEmail == nil)
        #expect(router.route(missed).rules.first { $0.table == "team-member" }?.rules == ["one-team-member-on-line-call"])
    }

    @Test(arguments: [
        (#"{"direction": "inbound", "from": "+1 604-555-0100", "line": "+1 604-555-0199", "user": null}"#, "\"kind\" is needed: call or message"),
        (#"{"kind": "call", "from": "+1 604-555-0100", "line": "+1 604-555-0199", "user": null}"#, "\"direction\" is needed: inbound or outbound"),
        (#"{"kind": "call", "direction": "inbound", "line": "+1 604-555-0199", "user": null}"#, "\"from\" is needed: the other party's phone number"),
        (
            #"{"kind": "call", "direction": "inbound", "from": "+1 604-555-0100", "user": null}"#,
            "\"line\" is needed: the Aircall line's phone number"
        ),
        (
            #"{"kind": "call", "direction": "inbound", "from": "+1 604-555-0100", "line": "+1 604-555-0199"}"#,
            "\"user\" is needed for a call: the email of the Aircall user who took or placed it, or none for a call no one took"
        ),
        (
            #"{"kind": "message", "direction": "inbound", "from": "+1 604-555-0100", "line": "+1 604-555-0199", "user": "jane@example.com"}"#,
            "\"user\" is for calls: messages carry no user (Aircall does not say who sent or read them)"
        ),
        (
            #"{"kind": "call", "direction": "inbound", "from": "555-01", "line": "+1 604-555-0199", "user": null}"#,
            "\"from\" '555-01' is not a phone number: it has 5 digits; a North American number has 10, or 11 starting with 1"
        ),
        (#"{"kind": "calls", "direction": "inbound"}"#, "\"kind\" must be call or message, not 'calls'"),
        (
            #"{"kind": "call", "direction": "inbound", "form": "+1 604-555-0100"}"#,
            "unknown field \"form\"; did you mean 'from'? (the fields are kind, direction, from, line, user, id)"
        ),
        (#"{"kind": "call", "direction": "inbound", "from": 6045550100}"#, "\"from\" must be a string, found a number"),
    ])
    func problemsNameTheField(json: String, message: String) throws {
        let directory = try Self.directory()
        let parsed = try JSONParser.parse(json)
        do {
            _ = try SampleInteraction(json: parsed).event(in: directory)
            Issue.record("\(json) was accepted")
        } catch {
            #expect(error.description { "\"\($0.rawValue)\"" } == message)
        }
    }
}
