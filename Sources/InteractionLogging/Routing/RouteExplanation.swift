import DecisionTable
import DecisionTableReports
import JSONLines

/// One fact routing supplied to the rules, and where it came from.
public struct RoutingFact: Hashable, Sendable {
    /// The fact's name in the rules, such as `contact_matches`.
    public var name: String
    public var value: Value
    /// Where the value came from, for people: the event's field, the directory's entries,
    /// a person's choice, a command-line override.
    public var source: String
}

/// Why an interaction routes as it does: its route, the facts routing derived, and the
/// engine's explanation of each table on those facts (``Router/explain(_:applying:)``).
public struct RouteExplanation: Hashable, Sendable {
    public var route: Route
    /// The facts routing supplied, in the order routing derives them; empty for an input that
    /// is not an interaction routed by the rules (ignored, duplicate, unreadable).
    public var facts: [RoutingFact]
    /// Per table, the facts it read, the deciding rule and the nearest misses; nil when the
    /// rules did not run.
    public var explanation: Explanation?

    /// Creates an explanation.
    public init(route: Route, facts: [RoutingFact] = [], explanation: Explanation? = nil) {
        self.route = route
        self.facts = facts
        self.explanation = explanation
    }
}

extension RouteExplanation {
    /// `{"route": {...}, "facts": [{"name", "value", "source"}], "tables": [...], "error": ...}`:
    /// the route as `switchboard route` prints it, then the explanation
    /// (`Explanation.json`); `tables` is empty when the rules did not run.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("route", route.json),
            (
                "facts",
                .array(
                    facts.map { fact in
                        .object([("name", .string(fact.name)), ("value", JSONValue(fact.value)), ("source", .string(fact.source))])
                    })
            ),
        ]
        if let explanation, case .object(let parts) = explanation.json {
            pairs += parts
        } else {
            pairs += [("tables", .array([])), ("error", .null)]
        }
        return .object(pairs)
    }

    /// For people: a heading with the route, the facts with their sources, then each table's
    /// explanation (`Explanation.text`).
    public var text: String {
        var out = heading + "\n"
        guard let explanation else { return out }
        if !facts.isEmpty {
            out += "facts routing derived:\n"
            let width = facts.map { "\($0.name) = \($0.value)".count }.max() ?? 0
            for fact in facts {
                let pair = "\(fact.name) = \(fact.value)"
                out += "  " + pair + String(repeating: " ", count: width - pair.count + 2) + fact.source + "\n"
            }
        }
        out += explanation.text
        return out
    }

    /// `call 812 (call.ended, outbound): logged: Logged automatically.`, with the contact,
    /// team member and projects when resolved.
    private var heading: String {
        let what = [route.kind?.rawValue, route.id].compactMap { $0 }.joined(separator: " ")
        let context = [route.event, route.direction?.rawValue].compactMap { $0 }.joined(separator: ", ")
        var out = (what.isEmpty ? "input" : what) + (context.isEmpty ? "" : " (\(context))")
        if let line = route.line { out += " at line \(line)" }
        if let item = route.item { out += " at item \(item)" }
        out += ": \(route.status.rawValue): \(route.reason)"
        var resolved: [String] = []
        if let contact = route.contact { resolved.append("contact \(contact)") }
        if let teamMember = route.teamMember { resolved.append("team member \(teamMember)") }
        if !route.projects.isEmpty { resolved.append("projects \(route.projects.joined(separator: ", "))") }
        if !route.actions.isEmpty { resolved.append("to do: \(route.actions.joined(separator: ", "))") }
        if let button = route.button { resolved.append("button \"\(button)\"") }
        if !resolved.isEmpty { out += "\n  " + resolved.joined(separator: "; ") }
        return out
    }
}
