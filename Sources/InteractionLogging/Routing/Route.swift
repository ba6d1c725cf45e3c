import DecisionTable

/// How one webhook is logged in Spark: the router's answer for one input.
public struct Route: Hashable, Sendable {
    /// What happens to the interaction.
    public enum Status: String, Sendable {
        /// Logged; nothing left to do.
        case logged
        /// On the contact's Unassigned tab; ``Route/actions`` says what a person must do.
        case unassigned
        /// The number is on no Spark contact.
        case notLogged = "not_logged"
        /// Not an interaction to log (an early call event, a status update, an unknown event).
        case ignored
        /// The same event for the same id was already routed in this run.
        case duplicate
        /// The input could not be read.
        case error
    }

    public var event: String?
    public var id: String?
    public var kind: AircallEvent.Kind?
    public var direction: AircallEvent.Direction?
    public var status: Status
    /// The Spark contact id, when resolved.
    public var contact: String?
    /// The project ids logged to (or already decided, when unassigned), sorted.
    public var projects: [String] = []
    /// The Spark team member id, when resolved.
    public var teamMember: String?
    /// What a person must do: `assign_projects`, `assign_contact`, `assign_team_member`.
    public var actions: [String] = []
    /// The Unassigned tab's button label, for `unassigned`.
    public var button: String?
    public var reason: String
    /// Per table, the rules that decided, in evaluation order.
    public var rules: [(table: String, rules: [String])] = []
    /// For `error`, the input line (1-based) when the input was JSON Lines.
    public var line: Int?

    public static func == (lhs: Route, rhs: Route) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }
}

extension Route {
    /// One JSON object: the interaction fields, or `line` and `error` for unreadable input.
    public var json: JSONValue {
        if status == .error {
            var pairs: [(String, JSONValue)] = []
            if let line { pairs.append(("line", .integer(line))) }
            if let event { pairs.append(("event", .string(event))) }
            if let id { pairs.append(("id", .string(id))) }
            pairs.append(("status", .string(status.rawValue)))
            pairs.append(("error", .string(reason)))
            return .object(pairs)
        }
        let optional = { (text: String?) in text.map(JSONValue.string) ?? .null }
        return .object([
            ("event", optional(event)),
            ("id", optional(id)),
            ("kind", optional(kind?.rawValue)),
            ("direction", optional(direction?.rawValue)),
            ("status", .string(status.rawValue)),
            ("contact", optional(contact)),
            ("projects", .array(projects.map(JSONValue.string))),
            ("team_member", optional(teamMember)),
            ("actions", .array(actions.map(JSONValue.string))),
            ("button", optional(button)),
            ("reason", .string(reason)),
            ("rules", .object(rules.map { ($0.table, .array($0.rules.map(JSONValue.string))) })),
        ])
    }
}
