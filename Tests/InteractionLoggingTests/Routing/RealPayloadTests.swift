import DecisionTable
import InteractionLogging
import Testing
import JSONLines

/// Webhook bodies as Aircall publishes them, not as the documented objects promise: messages
/// without `data.direction`, and calls whose other party is only in Aircall's own contact.
@Suite struct RealPayloadTests {
    typealias Office = ArticleOutcomeTests

    /// A published message payload: no direction, no user.
    static func bareMessage(_ event: String, id: String, external: String) -> String {
        #"{"resource": "message", "event": "\#(event)", "timestamp": 1732622896, "token": "XXXX", "#
            + #""data": {"id": "\#(id)", "external_number": "\#(external)", "body": "Hi", "status": "received", "#
            + #""created_at": 1732622896000, "number": {"digits": "+1 604-555-0188", "country": "CA"}}}"#
    }

    /// A call whose other party is given only by Aircall's contact (`raw_digits` absent).
    static func callWithAircallContact(_ numbers: [String]) -> String {
        let list = numbers.enumerated().map { #"{"id": \#($0.offset), "label": "Work", "value": "\#($0.element)"}"# }
        return #"{"resource": "call", "event": "call.ended", "data": {"id": 860, "direction": "inbound", "#
            + #""user": {"id": 456, "email": "jane@example.com"}, "#
            + #""contact": {"id": 99, "first_name": "Ada", "phone_numbers": [\#(list.joined(separator: ", "))], "emails": []}, "#
            + #""number": {"digits": "+1 604-555-0188", "country": "CA"}}}"#
    }

    static func decoded(_ webhook: String) throws -> AircallEvent {
        let decoded = try AircallWebhook(json: JSONParser.parse(webhook))
        return try #require(decoded.interaction)
    }

    @Test(
        "A message without data.direction takes it from the event",
        arguments: [
            ("message.received", AircallEvent.Direction.inbound), ("message.sent", .outbound),
        ])
    func messageDirectionFromTheEvent(event: String, direction: AircallEvent.Direction) throws {
        let webhook = Self.bareMessage(event, id: "msg-50", external: "+1 604-555-0100")
        #expect(try Self.decoded(webhook).direction == direction)
        let route = try ShippedRouting.route(webhook, directory: Office.office(logOnAllProjects: true))
        #expect((route.status, route.direction, route.contact, route.teamMember) == (.logged, direction, "c-100", "tm-jane"))
    }

    @Test("A call without data.direction is still an error: its event does not say")
    func callWithoutDirection() throws {
        let error = try #require(throws: AircallWebhook.DecodingError.self) {
            try AircallWebhook(json: JSONParser.parse(#"{"event": "call.ended", "data": {"id": 1, "raw_digits": "+1 604-555-0100"}}"#))
        }
        #expect(error.description == #"call.ended 1: data.direction must be "inbound" or "outbound""#)
    }

    @Test(
        "With no raw_digits and no external participant, each of Aircall's contact numbers is looked up",
        arguments: [
            // The first number is on no Spark contact, the second on Ada.
            (["+1 778-555-0999", "+1 604-555-0100"], Route.Status.logged, "c-100" as String?, nil as [String]?),
            // Ada and Grace: a shared number, whose dropdown lists both.
            (["+1 604-555-0100", "+1 604-555-0150"], .unassigned, nil, ["c-100", "c-150"]),
            (["+1 604-555-0100", "(604) 555-0100"], .logged, "c-100", nil),
            (["+1 778-555-0999"], .notLogged, nil, nil),
            ([], .notLogged, nil, nil),
        ])
    func aircallContactNumbers(numbers: [String], status: Route.Status, contact: String?, candidates: [String]?) throws {
        let webhook = Self.callWithAircallContact(numbers)
        #expect(try Self.decoded(webhook).contactNumbers == numbers)
        let route = try ShippedRouting.route(webhook, directory: Office.office(logOnAllProjects: true))
        #expect((route.status, route.contact, route.candidates.contact) == (status, contact, candidates))
    }

    @Test("raw_digits, when present, decides: Aircall's contact is not read")
    func rawDigitsComeFirst() throws {
        let webhook = Self.callWithAircallContact(["+1 604-555-0150"])
            .replacingOccurrences(of: #""direction": "inbound", "#, with: #""direction": "inbound", "raw_digits": "+1 604-555-0100", "#)
        #expect(try Self.decoded(webhook).contactNumbers == [])
        let route = try ShippedRouting.route(webhook, directory: Office.office(logOnAllProjects: true))
        #expect(route.contact == "c-100")
    }

    @Test("The batch router's fast path reads Aircall's contact numbers too")
    func batchFastPath() throws {
        let router = try BatchRouter(rules: ShippedRouting.rules(), directory: SparkDirectory(yaml: Office.office(logOnAllProjects: true)))
        let lines =
            Self.callWithAircallContact(["+1 778-555-0999", "+1 604-555-0100"]) + "\n"
            + Self.bareMessage("message.sent", id: "msg-51", external: "+1 604-555-0150") + "\n"
        let routes = router.route(WebhookInput(jsonLines: Array(lines.utf8)))
        #expect(routes.map(\.contact) == ["c-100", "c-150"])
        #expect(routes.map(\.direction) == [.inbound, .outbound])
    }
}
