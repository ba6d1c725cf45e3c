import JSONLines
import Hummingbird
import InteractionLogging
import InteractionStore

extension SwitchboardService {
    /// The statuses a stored interaction can have.
    static let storedStatuses: Set<String> = [Route.Status.logged, .unassigned, .notLogged].map(\.rawValue).reduce(into: []) { $0.insert($1) }

    /// `GET /interactions?status=S&limit=N&after=CURSOR`: stored interactions, newest first, and
    /// the cursor of the next page (`next`, null on the last page).
    func list(_ request: Request) async throws -> Response {
        let query = request.uri.queryParameters
        let status = query.get("status")
        if let status, !Self.storedStatuses.contains(status) {
            throw ProblemDetails(.invalidRequest, "status must be one of \(Self.storedStatuses.sorted().joined(separator: ", ")); found '\(status)'")
        }
        var limit = 50
        if let text = query.get("limit") {
            guard let value = Int(text), (1...500).contains(value) else {
                throw ProblemDetails(.invalidRequest, "limit must be an integer from 1 to 500; found '\(text)'")
            }
            limit = value
        }
        var after: Int64?
        if let text = query.get("after") {
            guard let value = Int64(text), value > 0 else {
                throw ProblemDetails(.invalidRequest, "after must be the \"next\" cursor of a previous page; found '\(text)'")
            }
            after = value
        }
        let page = try await metrics.timeStore("read") { try await store.interactions(status: status, limit: limit, before: after) }
        let next: JSONValue = page.count == limit ? page.last.map { .string(String($0.sequence)) } ?? .null : .null
        return .json(.object([("interactions", .array(page.map { Self.json($0) })), ("next", next)]))
    }

    /// `GET /interactions/{kind}/{id}`: one interaction, with its history of changes.
    func show(kind: String, id: String, _ request: Request) async throws -> Response {
        let kind = try Self.checked(kind: kind)
        guard let stored = try await metrics.timeStore("read", { try await store.interaction(kind: kind, id: id) }) else {
            throw ProblemDetails(.notFound, "no \(kind) with id '\(id)' is stored")
        }
        let history = try await metrics.timeStore("read") { try await store.history(kind: kind, id: id) }
        var response = Response.json(Self.json(stored, history: history))
        response.headers[.eTag] = "\"\(stored.version)\""
        return response
    }

    static func checked(kind: String) throws(ProblemDetails) -> String {
        guard AircallEvent.Kind(rawValue: kind) != nil else {
            throw ProblemDetails(.notFound, "the kind of an interaction is 'call' or 'message'; found '\(kind)'")
        }
        return kind
    }

    /// An interaction as the API shows it: its route is the object `switchboard route` prints.
    static func json(_ stored: StoredInteraction, history: [InteractionChange]? = nil) -> JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("kind", .string(stored.kind)),
            ("id", .string(stored.id)),
            ("event", .string(stored.event)),
            ("status", .string(stored.status)),
            ("received_at", .integer(Int(stored.receivedAt))),
            ("version", .integer(Int(stored.version))),
            ("assignments", stored.assignments.json),
            ("route", storedJSON(stored.route)),
        ]
        if let history {
            pairs.append(
                (
                    "history",
                    .array(
                        history.map { change in
                            .object([
                                ("version", .integer(Int(change.version))),
                                ("changed_at", .integer(Int(change.changedAt))),
                                ("assigned", change.requested.json),
                                ("old_status", .string(change.oldStatus)),
                                ("new_status", .string(change.newStatus)),
                                ("route", storedJSON(change.route)),
                            ])
                        })
                ))
        }
        return .object(pairs)
    }

    /// A route the service stored (always JSON it rendered itself).
    private static func storedJSON(_ text: String) -> JSONValue {
        (try? JSONParser.parse(text)) ?? .string(text)
    }
}
