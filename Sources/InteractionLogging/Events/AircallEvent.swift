import YAMLLoading
import JSONLines
import DecisionTable

/// What the router needs from an Aircall webhook that describes a call or a message.
public struct AircallEvent: Hashable, Sendable {
    /// A phone call or a text message.
    public enum Kind: String, Sendable { case call, message }
    /// Who started the interaction.
    public enum Direction: String, Sendable { case inbound, outbound }

    /// The webhook's `event`, such as `call.ended`.
    public var name: String
    /// The call's or message's `data.id`, as text (call ids are integers, message ids strings).
    public var id: String
    public var kind: Kind
    public var direction: Direction
    /// The external party's number as Aircall wrote it (`raw_digits`, `external_number`, or
    /// the external participant's `phone_number`); nil when absent.
    public var externalNumber: String?
    /// The numbers of Aircall's own contact for the other party (`data.contact.phone_numbers`),
    /// read when ``externalNumber`` gives no number: each is looked up in Spark.
    public var contactNumbers: [String] = []
    /// The Aircall user's email (calls only: messages carry no user); nil when absent.
    public var userEmail: String?
    /// The Aircall line's number (`e164_digits`, else `digits`); nil when absent.
    public var lineNumber: String?
    /// The Aircall line's ISO country code, a fallback region for national numbers.
    public var lineCountry: String?
}

/// How the router reads one webhook body.
public enum AircallWebhook: Hashable, Sendable {
    /// A call or message to route.
    case interaction(AircallEvent)
    /// An event that is not an interaction to log, with the reason.
    case ignored(event: String, id: String?, reason: String)
}
