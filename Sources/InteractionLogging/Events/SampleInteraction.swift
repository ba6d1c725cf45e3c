import Diagnostics
import JSONLines

/// One interaction described by its fields rather than by a webhook body: "where would a call
/// from this number be logged?". `switchboard route --kind ... --from ...` and the service's
/// `POST /route` with `{"kind": ..., "from": ...}` both build one, and it becomes the same
/// ``AircallEvent`` a webhook decodes to.
///
/// Every piece that changes the answer must be given: the kind, the direction, the other
/// party's number, the Aircall line, and for a call the user who took or placed it, or
/// explicitly none (a call no one took). Messages carry no user, so giving one is an error
/// rather than a value routing would quietly ignore.
public struct SampleInteraction: Hashable, Sendable {
    /// A field of a sample, named `--kind` on the command line and `"kind"` in JSON.
    public enum Field: String, CaseIterable, Sendable {
        case kind, direction, from, line, user, id
    }

    /// Who took or placed a call.
    public enum User: Hashable, Sendable {
        /// Not said: an error for a call, since it changes the answer.
        case unspecified
        /// Explicitly no one: a missed or voicemail call.
        case nobody
        /// The Aircall user's email.
        case email(String)
    }

    public var kind: AircallEvent.Kind?
    public var direction: AircallEvent.Direction?
    /// The other party's number, in any format the directory's numbers may have.
    public var from: String?
    /// The Aircall line's number.
    public var line: String?
    public var user: User
    /// The interaction's id (`data.id`); `sample` unless given.
    public var id: String?

    /// A problem with one field, and what was expected.
    public struct Problem: Error, Hashable, Sendable {
        /// The field; nil for a field that is not one (an unknown JSON key, which ``message`` names).
        public var field: Field?
        /// Completes a sentence that starts with the field's name, as the caller spells it.
        public var message: String

        /// The problem with the field named as the caller spells it (`--from`, `"from"`).
        public func description(naming name: (Field) -> String) -> String {
            field.map { "\(name($0)) \(message)" } ?? message
        }
    }

    /// Creates a sample.
    public init(
        kind: AircallEvent.Kind? = nil, direction: AircallEvent.Direction? = nil, from: String? = nil,
        line: String? = nil, user: User = .unspecified, id: String? = nil
    ) {
        self.kind = kind
        self.direction = direction
        self.from = from
        self.line = line
        self.user = user
        self.id = id
    }

    /// Reads a sample from a JSON object: `kind`, `direction`, `from`, `line`, `user` (an
    /// email, or null for a call no one took) and optionally `id`.
    /// - Throws: ``Problem`` for a field of the wrong type or value, or an unknown field.
    public init(json: JSONValue) throws(Problem) {
        guard case .object(let pairs) = json else {
            throw Problem(field: nil, message: "expected a JSON object of fields, found \(json.kindDescription)")
        }
        self.init()
        let known = Field.allCases.map(\.rawValue)
        for (key, value) in pairs {
            guard let field = Field(rawValue: key) else {
                throw Problem(
                    field: nil,
                    message: "unknown field \"\(key)\"\(Suggestion.clause(for: key, in: known)) (the fields are \(known.joined(separator: ", ")))")
            }
            if field == .user, value == .null {
                user = .nobody
                continue
            }
            guard case .string(let text) = value else {
                throw Problem(
                    field: field,
                    message: "must be a string\(field == .user ? " (or null for a call no one took)" : ""), found \(value.kindDescription)")
            }
            try set(field, text)
        }
    }

    /// Sets a field from its text, as the command line and JSON give it.
    /// - Throws: ``Problem`` when the kind or direction is not one of its values.
    public mutating func set(_ field: Field, _ text: String) throws(Problem) {
        switch field {
        case .kind:
            guard let kind = AircallEvent.Kind(rawValue: text) else { throw Problem(field: field, message: "must be call or message, not '\(text)'") }
            self.kind = kind
        case .direction:
            guard let direction = AircallEvent.Direction(rawValue: text) else {
                throw Problem(field: field, message: "must be inbound or outbound, not '\(text)'")
            }
            self.direction = direction
        case .from: from = text
        case .line: line = text
        case .user: user = .email(text)
        case .id: id = text
        }
    }

    /// The event a webhook for this interaction would decode to: `call.ended`, or
    /// `message.received` (inbound) or `message.sent` (outbound).
    ///
    /// Numbers are read as the directory reads its own: written with `+`, or national in
    /// the company's `default_country`.
    /// - Parameter directory: The Spark directory the interaction is routed against.
    /// - Throws: ``Problem`` for the first field that is missing or cannot be read.
    public func event(in directory: SparkDirectory) throws(Problem) -> AircallEvent {
        guard let kind else { throw Problem(field: .kind, message: "is needed: call or message") }
        guard let direction else { throw Problem(field: .direction, message: "is needed: inbound or outbound") }
        let region = directory.company.defaultCountry
        guard let from, !from.isEmpty else { throw Problem(field: .from, message: "is needed: the other party's phone number") }
        try Self.check(from, .from, region: region)
        guard let line, !line.isEmpty else { throw Problem(field: .line, message: "is needed: the Aircall line's phone number") }
        try Self.check(line, .line, region: region)
        let email: String?
        switch (kind, user) {
        case (.call, .unspecified):
            throw Problem(
                field: .user, message: "is needed for a call: the email of the Aircall user who took or placed it, or none for a call no one took")
        case (.call, .nobody), (.message, .unspecified), (.message, .nobody):
            email = nil
        case (.call, .email(let text)):
            email = text
        case (.message, .email):
            throw Problem(field: .user, message: "is for calls: messages carry no user (Aircall does not say who sent or read them)")
        }
        let name =
            switch (kind, direction) {
            case (.call, _): "call.ended"
            case (.message, .inbound): "message.received"
            case (.message, .outbound): "message.sent"
            }
        return AircallEvent(
            name: name, id: id ?? "sample", kind: kind, direction: direction, externalNumber: from,
            userEmail: email, lineNumber: line, lineCountry: region)
    }

    /// A number routing could not read would silently change the answer: it is an error here.
    private static func check(_ text: String, _ field: Field, region: String?) throws(Problem) {
        switch PhoneNumber.normalize(text, region: region) {
        case .number: return
        case .none: throw Problem(field: field, message: "'\(text)' holds no phone number")
        case .invalid(let problem):
            let hint = region == nil ? " (the directory has no default_country: write the number with + and its country code)" : ""
            throw Problem(field: field, message: "'\(text)' is not a phone number: \(problem)\(hint)")
        }
    }
}
