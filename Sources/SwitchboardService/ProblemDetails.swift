import JSONLines
import Hummingbird

/// An error answer in the form of RFC 9457 (`application/problem+json`): a stable `type` per
/// kind of problem, its `title`, the HTTP `status`, a `detail` saying what was wrong and what
/// was expected, and the request path as `instance`.
public struct ProblemDetails: Error, Sendable {
    /// A kind of problem: its code (the last part of `type`), title and status.
    public struct Kind: Sendable, Hashable {
        public var code: String
        public var title: String
        public var status: HTTPResponse.Status

        /// The body is not JSON, or not the JSON object expected.
        public static let invalidBody = Kind(code: "invalid-body", title: "The request body is not valid", status: .badRequest)
        /// A query parameter or path segment is not valid.
        public static let invalidRequest = Kind(code: "invalid-request", title: "The request is not valid", status: .badRequest)
        /// The webhook's token is missing or not a configured one.
        public static let unauthorized = Kind(code: "unauthorized", title: "The webhook token is missing or wrong", status: .unauthorized)
        /// The body is over the limit.
        public static let bodyTooLarge = Kind(code: "body-too-large", title: "The request body is too large", status: .contentTooLarge)
        /// No such interaction.
        public static let notFound = Kind(code: "not-found", title: "No such interaction", status: .notFound)
        /// The assignment is not one of the route's candidates.
        public static let invalidAssignment = Kind(
            code: "invalid-assignment", title: "The assignment is not one of the candidates", status: .conflict)
        /// Someone else changed the interaction first.
        public static let conflict = Kind(code: "conflict", title: "The interaction was changed by someone else", status: .conflict)
        /// The store failed; nothing was stored.
        public static let storeFailed = Kind(code: "store-failed", title: "The store failed; nothing was stored", status: .serviceUnavailable)
        /// The rules could not route the interaction.
        public static let routingFailed = Kind(code: "routing-failed", title: "The interaction could not be routed", status: .internalServerError)
    }

    public var kind: Kind
    public var detail: String
    /// The request path.
    public var instance: String?
    /// Members of this kind of problem beyond the standard ones (RFC 9457, section 3.2).
    public var extensions: [(String, JSONValue)] = []

    /// Creates a problem.
    public init(_ kind: Kind, _ detail: String, instance: String? = nil) {
        self.kind = kind
        self.detail = detail
        self.instance = instance
    }

    /// The JSON object of the answer.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("type", .string("urn:switchboard:problem:\(kind.code)")),
            ("title", .string(kind.title)),
            ("status", .integer(kind.status.code)),
            ("detail", .string(detail)),
        ]
        if let instance { pairs.append(("instance", .string(instance))) }
        return .object(pairs + extensions)
    }

    /// The HTTP answer.
    public var response: Response {
        var bytes: [UInt8] = []
        json.render(into: &bytes)
        return Response(
            status: kind.status, headers: [.contentType: "application/problem+json"],
            body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}

extension Response {
    /// A JSON answer.
    static func json(_ value: JSONValue, status: HTTPResponse.Status = .ok) -> Response {
        var bytes: [UInt8] = []
        value.render(into: &bytes)
        return Response(status: status, headers: [.contentType: "application/json"], body: ResponseBody(byteBuffer: ByteBuffer(bytes: bytes)))
    }
}
