import JSONLines
import Hummingbird
import InteractionLogging
import InteractionStore

extension SwitchboardService {
    /// `POST /webhooks/aircall`: checks the token, routes the webhook, stores the interaction and
    /// answers with its route only once the store has committed it. A repeat of a stored
    /// interaction answers `duplicate`; an event that is not an interaction answers `ignored`
    /// and is not stored.
    func webhook(_ request: Request) async throws -> Response {
        let bytes = try await body(request)
        let json = try parse(bytes)
        guard case .object = json else {
            throw ProblemDetails(.invalidBody, "expected a webhook JSON object, found \(json.kindDescription)")
        }
        guard case .string(let token)? = json["token"] else {
            throw ProblemDetails(.unauthorized, "the webhook body has no \"token\" string")
        }
        guard tokens.accepts(token) else { throw ProblemDetails(.unauthorized, "the webhook's \"token\" is not one this service accepts") }
        switch try decode(json) {
        case .ignored(let event, let id, let reason):
            metrics.webhook(Route.Status.ignored.rawValue)
            return .json(Route(status: .ignored, event: event, id: id, reason: reason).json)
        case .interaction(let event):
            let route = rules.route(event)
            guard route.status != .error else {
                metrics.webhook(Route.Status.error.rawValue)
                throw ProblemDetails(.routingFailed, route.reason)
            }
            let text = route.json.rendered
            let interaction = NewInteraction(
                kind: event.kind.rawValue, id: event.id, event: event.name, body: bytes,
                status: route.status.rawValue, route: text)
            switch try await metrics.timeStore("insert", { try await store.insert(interaction) }) {
            case .stored:
                metrics.webhook(route.status.rawValue)
                return Response(
                    status: .ok, headers: [.contentType: "application/json"],
                    body: ResponseBody(byteBuffer: ByteBuffer(string: text)))
            case .duplicate:
                metrics.webhook(Route.Status.duplicate.rawValue)
                return .json(
                    Route(
                        status: .duplicate, event: event.name, id: event.id, kind: event.kind, direction: event.direction,
                        reason: "the \(event.kind.rawValue) \(event.id) is already stored; this delivery changes nothing"
                    ).json)
            }
        }
    }

    /// `POST /route`: the route of a webhook body, or of one interaction given as fields
    /// (``SampleInteraction``: a body without `event`), neither checked for a token nor
    /// stored. With `?explain=true`, the explanation `route --explain --format json` prints.
    func routeOnly(_ request: Request) async throws -> Response {
        let explain = try Self.explainFlag(request)
        let json = try parse(try await body(request))
        guard case .object = json else {
            throw ProblemDetails(.invalidBody, "expected a webhook JSON object or an interaction's fields, found \(json.kindDescription)")
        }
        let event: AircallEvent
        if json["event"] == nil {
            event = try sampleEvent(json)
        } else {
            switch try decode(json) {
            case .ignored(let name, let id, let reason):
                let route = Route(status: .ignored, event: name, id: id, reason: reason)
                return .json(explain ? RouteExplanation(route: route).json : route.json)
            case .interaction(let decoded):
                event = decoded
            }
        }
        if explain {
            let explanation = rules.explain(event)
            guard explanation.route.status != .error else { throw ProblemDetails(.routingFailed, explanation.route.reason) }
            return .json(explanation.json)
        }
        let route = rules.route(event)
        guard route.status != .error else { throw ProblemDetails(.routingFailed, route.reason) }
        return .json(route.json)
    }

    /// The event of an interaction given as fields, its numbers read as the directory's are.
    func sampleEvent(_ json: JSONValue) throws(ProblemDetails) -> AircallEvent {
        do {
            return try SampleInteraction(json: json).event(in: rules.directory)
        } catch {
            var problem = ProblemDetails(.invalidBody, error.description { "\"\($0.rawValue)\"" })
            if let field = error.field { problem.extensions = [("field", .string(field.rawValue))] }
            throw problem
        }
    }

    /// `?explain=true` (or `false`); absent is false.
    static func explainFlag(_ request: Request) throws(ProblemDetails) -> Bool {
        switch request.uri.queryParameters.get("explain") {
        case nil, "false": false
        case "true": true
        case let other?: throw ProblemDetails(.invalidRequest, "explain must be true or false; found '\(other)'")
        }
    }

    /// The request body, up to the configured limit.
    func body(_ request: Request) async throws -> [UInt8] {
        do {
            return Array(try await request.body.collect(upTo: configuration.bodyLimit).readableBytesView)
        } catch let error as HTTPResponseError where error.status == .contentTooLarge {
            throw ProblemDetails(.bodyTooLarge, "the body is over the limit of \(configuration.bodyLimit) bytes")
        }
    }

    /// Parses a body as JSON; strict UTF-8 and a nesting limit are the parser's.
    func parse(_ bytes: [UInt8]) throws(ProblemDetails) -> JSONValue {
        do {
            return try bytes.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
        } catch {
            throw ProblemDetails(.invalidBody, "the body is not valid JSON: at byte \(error.column): \(error.message)")
        }
    }

    func decode(_ json: JSONValue) throws(ProblemDetails) -> AircallWebhook {
        do {
            return try AircallWebhook(json: json)
        } catch {
            throw ProblemDetails(.invalidBody, error.description)
        }
    }
}
