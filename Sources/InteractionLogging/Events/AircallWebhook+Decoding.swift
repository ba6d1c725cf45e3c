import DecisionTable
import YAMLLoading
import JSONLines

extension AircallWebhook {
    /// A webhook body that cannot be read, and why.
    public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Every field ``init(json:)`` reads: parsing a body with
    /// `JSONParser.parse(_:selecting: AircallWebhook.fieldsRead)` checks all of it but builds
    /// only these (a call webhook has about 60 values, routing reads 10), and
    /// ``init(json:)`` reads the same from that tree as from the whole one.
    ///
    /// Keep it in step with ``init(json:)``: a field read there and missing here reads as
    /// absent in `switchboard route`.
    public static let fieldsRead = JSONSelection.fields([
        "event": .all,
        "data": .fields([
            "id": .all,
            "direction": .all,
            "raw_digits": .all,
            "external_number": .all,
            "participants": .fields(["type": .all, "phone_number": .all]),
            "user": .fields(["email": .all]),
            "contact": .fields(["phone_numbers": .fields(["value": .all])]),
            "number": .fields(["e164_digits": .all, "digits": .all, "country": .all]),
        ]),
    ])

    /// Reads a webhook body: `call.ended`, `message.received` and `message.sent` are
    /// interactions; every other event, known or not, is ignored with a reason.
    ///
    /// A message's direction is `data.direction`, or, when the payload has none (published
    /// message payloads often carry only `external_number`, `number`, `body`, `status` and
    /// `created_at`), its event's: `message.received` is inbound, `message.sent` outbound.
    /// - Throws: ``DecodingError`` when the body is not an envelope with an `event`, or an
    ///   interaction lacks the fields routing needs (`data.id`; a call's `data.direction`), has
    ///   a `data.id` that is not an integer or a non-empty string, or
    ///   has a `data.direction` that is neither `inbound` nor `outbound`.
    public init(json: JSONValue) throws(DecodingError) {
        guard case .object = json else { throw DecodingError(description: "expected a webhook object, found \(json.kindDescription)") }
        guard case .string(let event)? = json["event"] else {
            throw DecodingError(description: "the webhook has no \"event\" string")
        }
        let data = json["data"]
        let id = data?["id"].flatMap(Self.identifier)
        guard let kind = Self.interactionKind(event) else {
            self = .ignored(event: event, id: id, reason: Self.ignoredReason(event))
            return
        }
        guard let data, case .object = data else {
            throw DecodingError(description: "\(event) has no \"data\" object")
        }
        guard let id else {
            guard let written = data["id"] else { throw DecodingError(description: "\(event) has no data.id") }
            throw DecodingError(description: "\(event): data.id must be an integer or a non-empty string, found \(Self.described(written))")
        }
        let direction: AircallEvent.Direction
        if case .string(let text)? = data["direction"], let written = AircallEvent.Direction(rawValue: text) {
            direction = written
        } else if data["direction"] == nil || data["direction"] == .null, let implied = Self.impliedDirection(event) {
            direction = implied
        } else {
            throw DecodingError(description: "\(event) \(id): data.direction must be \"inbound\" or \"outbound\"")
        }
        let external: String? =
            switch kind {
            case .call: Self.text(data["raw_digits"]) ?? Self.externalParticipant(data["participants"])
            case .message: Self.text(data["external_number"]) ?? Self.text(data["raw_digits"])
            }
        let line = data["number"]
        self = .interaction(
            AircallEvent(
                name: event, id: id, kind: kind, direction: direction,
                externalNumber: external,
                contactNumbers: external == nil ? Self.contactNumbers(data["contact"]) : [],
                // Messages have no documented user; a user on one is ignored rather than trusted.
                userEmail: kind == .call ? Self.text(data["user"]?["email"]) : nil,
                lineNumber: Self.text(line?["e164_digits"]) ?? Self.text(line?["digits"]),
                lineCountry: Self.text(line?["country"])))
    }

    private static func interactionKind(_ event: String) -> AircallEvent.Kind? {
        switch event {
        case "call.ended": .call
        case "message.received", "message.sent": .message
        default: nil
        }
    }

    /// The direction a message event's name implies; nil for calls, whose payload must say.
    private static func impliedDirection(_ event: String) -> AircallEvent.Direction? {
        switch event {
        case "message.received": .inbound
        case "message.sent": .outbound
        default: nil
        }
    }

    private static func ignoredReason(_ event: String) -> String {
        if event == "message.status_updated" { return "a message status update is not a new interaction" }
        if event.hasPrefix("group_message.") {
            return "a group message has several external numbers; Spark logs one-to-one interactions"
        }
        if event.hasPrefix("call.") { return "\(event) is not logged on its own; the call is logged at call.ended" }
        if event.hasPrefix("message.") { return "\(event) is not a new message" }
        return "\(event) is not a call or message interaction"
    }

    /// An interaction's id as routes, duplicates and the store compare it: an integer's
    /// decimal form, or a non-empty string as written.
    ///
    /// Aircall sends integers; a relay that quotes them sends `"812"` for the same interaction,
    /// so an integer and a string of its decimal form are one id on purpose. JSON's `-0` is the
    /// integer 0, so `-0`, `0` and `"0"` are the id `0`; a string is never read as a number
    /// otherwise (`"-0"`, `"00"` and `"0.0"` are ids of their own). Anything else (a fraction,
    /// an integer beyond 64 bits, a boolean, null, an array, an object, an empty string) is no
    /// id, and an interaction carrying one is refused naming what it found.
    private static func identifier(_ value: JSONValue) -> String? {
        switch value {
        case .integer(let number): String(number)
        case .string(let text) where !text.isEmpty: text
        default: nil
        }
    }

    /// What a value that is not an id is, for the message refusing it.
    private static func described(_ value: JSONValue) -> String {
        switch value {
        case .string: "an empty string"
        case .number, .decimal, .bool: "\(value.kindDescription) (\(value.rendered))"
        default: value.kindDescription
        }
    }

    private static func text(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value, !text.isEmpty { return text }
        return nil
    }

    /// The `value` of each of Aircall's contact's `phone_numbers`, in order.
    private static func contactNumbers(_ value: JSONValue?) -> [String] {
        guard case .array(let numbers)? = value?["phone_numbers"] else { return [] }
        return numbers.compactMap { text($0["value"]) }
    }

    private static func externalParticipant(_ value: JSONValue?) -> String? {
        guard case .array(let participants)? = value else { return nil }
        for participant in participants where participant["type"] == .string("external") {
            if let number = text(participant["phone_number"]) { return number }
        }
        return nil
    }
}
