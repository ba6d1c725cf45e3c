extension BatchRouter {
    /// Routes every body of an input as ``route(_:source:assignments:)`` does (repeats are
    /// duplicates) and explains each interaction the rules routed.
    /// - Returns: One explanation per body, in input order; an ignored, duplicate or
    ///   unreadable input has its route and no facts.
    public func explain(
        _ input: WebhookInput, source: String = "-",
        assignments: [String: ManualAssignments] = [:]
    ) -> [RouteExplanation] {
        let routes = route(input, source: source, assignments: assignments)
        return zip(routes, input.bodies).map { route, body in
            guard [.logged, .unassigned, .notLogged].contains(route.status),
                case .success(.interaction(let event)) = Self.webhook(body, in: input.bytes)
            else {
                return RouteExplanation(route: route)
            }
            return routers[0].explain(event, applying: route.id.flatMap { assignments[$0] } ?? ManualAssignments())
        }
    }

    /// Routes one interaction given as an event (a sample, not a webhook body).
    public func route(_ event: AircallEvent, applying assignments: ManualAssignments = ManualAssignments()) -> Route {
        routers[0].route(event, applying: assignments)
    }

    /// Explains one interaction given as an event (``Router/explain(_:applying:)``).
    public func explain(_ event: AircallEvent, applying assignments: ManualAssignments = ManualAssignments()) -> RouteExplanation {
        routers[0].explain(event, applying: assignments)
    }
}
