import Hummingbird
import InteractionLogging
import InteractionStore

extension SwitchboardService {
    /// `POST /interactions/{kind}/{id}/explain`: the stored interaction's webhook, with the
    /// assignments people made, routed and explained under the rules and directory the
    /// service runs now: the object `switchboard route --explain --format json` prints.
    func explainStored(kind: String, id: String) async throws -> Response {
        let (stored, event) = try await storedInteraction(kind: kind, id: id)
        let explanation = rules.explain(event, applying: stored.assignments)
        guard explanation.route.status != .error else { throw ProblemDetails(.routingFailed, explanation.route.reason) }
        return .json(explanation.json)
    }

    /// A stored interaction and the event of its webhook.
    /// - Throws: ``ProblemDetails`` 404 for an unknown kind or interaction.
    func storedInteraction(kind: String, id: String) async throws -> (StoredInteraction, AircallEvent) {
        let kind = try Self.checked(kind: kind)
        guard let stored = try await metrics.timeStore("read", { try await store.interaction(kind: kind, id: id) }) else {
            throw ProblemDetails(.notFound, "no \(kind) with id '\(id)' is stored")
        }
        // The stored body was routed when it arrived, so it reads as an interaction.
        guard case .interaction(let event) = try decode(parse(stored.body)) else {
            throw ProblemDetails(.routingFailed, "the stored webhook of \(kind) \(id) is not an interaction")
        }
        return (stored, event)
    }
}
