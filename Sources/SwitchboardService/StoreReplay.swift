import JSONLines
import InteractionLogging
import InteractionStore

/// Routes the stored interactions again under a version of the rules, with the assignments
/// people made, and compares each with its stored route: what an edit would have done to the
/// real history (`switchboard replay --store`).
public enum StoreReplay {
    /// Replays every stored interaction, oldest first.
    /// - Parameter changed: Called with the stored and the new route of each interaction that
    ///   changes, in order.
    /// - Returns: The report: every stored interaction counted once.
    /// - Throws: ``StoreError`` when the store fails, or what `changed` throws.
    public static func run(
        store: any InteractionStore, rules: RoutingRules,
        changed: (_ old: Route, _ new: Route) throws -> Void = { _, _ in }
    ) async throws -> ReplayReport {
        var report = ReplayReport()
        try await store.forEachPage(size: 1_000) { page in
            let old = page.map(storedRoute)
            let new = page.map { route($0, rules) }
            for index in report.add(old: old, new: new) { try changed(old[index], new[index]) }
        }
        return report
    }

    private static func storedRoute(_ stored: StoredInteraction) -> Route {
        do {
            return try Route(json: JSONParser.parse(stored.route))
        } catch {
            return Route(status: .error, event: stored.event, id: stored.id, reason: "the stored route is unreadable: \(error)")
        }
    }

    private static func route(_ stored: StoredInteraction, _ rules: RoutingRules) -> Route {
        let event: AircallEvent
        do {
            let json = try stored.body.withUnsafeBufferPointer { buffer throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
            guard case .interaction(let decoded) = try AircallWebhook(json: json) else {
                return Route(status: .error, event: stored.event, id: stored.id, reason: "the stored webhook is not an interaction")
            }
            event = decoded
        } catch {
            return Route(status: .error, event: stored.event, id: stored.id, reason: "the stored webhook is unreadable: \(error)")
        }
        // Choices the new rules no longer ask for are refused and the route shows it.
        return stored.assignments.isEmpty ? rules.route(event) : rules.route(event, applying: stored.assignments)
    }
}
