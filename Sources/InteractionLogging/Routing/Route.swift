import DecisionTable
import YAMLLoading
import JSONLines

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
    /// For `unassigned`, what a person can choose from for each of ``actions``: the dropdowns
    /// of the Unassigned tab.
    public var candidates = Candidates()
    /// The Unassigned tab's button label, for `unassigned`.
    public var button: String?
    public var reason: String
    /// Per table, the rules that decided, in evaluation order.
    public var rules: [(table: String, rules: [String])] = []
    /// For `error`, the input's path (`<stdin>` for standard input).
    public var file: String?
    /// For `error`, the 1-based line of the problem (of the event, when it was read but is not
    /// a webhook).
    public var line: Int?
    /// For `error`, the 1-based column (in bytes) that goes with ``line``.
    public var column: Int?
    /// For `error`, the item (1-based) when the event was an element of a JSON array.
    public var item: Int?
    /// Manual choices given for this interaction that were refused, and so not applied: the
    /// route is the one without any of its choices. Not part of ``json``; a caller reports them.
    public var refusals: [AssignmentRefusal] = []

    /// The ids a person can choose from, per pending action; nil for an action the route does
    /// not ask for.
    public struct Candidates: Hashable, Sendable {
        /// For `assign_contact`: the Spark contacts holding the number, in directory order.
        public var contact: [String]?
        /// For `assign_projects`: the contact's projects, sorted (every project, sorted, for a
        /// contact in none).
        public var projects: [String]?
        /// For `assign_team_member`: the team members who use the Aircall line, in directory
        /// order (every team member for a line Spark does not know).
        public var teamMember: [String]?

        /// Creates candidates; nil means the action is not pending.
        public init(contact: [String]? = nil, projects: [String]? = nil, teamMember: [String]? = nil) {
            self.contact = contact
            self.projects = projects
            self.teamMember = teamMember
        }

        /// The candidates for an action.
        public subscript(action: ManualAssignments.Action) -> [String]? {
            switch action {
            case .contact: contact
            case .projects: projects
            case .teamMember: teamMember
            }
        }

        /// Whether no action has candidates.
        public var isEmpty: Bool { contact == nil && projects == nil && teamMember == nil }

        /// `{"contact": [...], "projects": [...], "team_member": [...]}`, pending actions only.
        public var json: JSONValue {
            .object(
                ManualAssignments.Action.allCases.compactMap { action in
                    self[action].map { (action.key, .array($0.map(JSONValue.string))) }
                })
        }
    }

    public static func == (lhs: Route, rhs: Route) -> Bool { lhs.json == rhs.json }
    public func hash(into hasher: inout Hasher) { hasher.combine(json) }
}

extension Route {
    /// One JSON object: the interaction fields, or where the input was (`file`, `line`,
    /// `column`, `item`) and `error` for unreadable input.
    public var json: JSONValue {
        if status == .error {
            var pairs: [(String, JSONValue)] = []
            if let file { pairs.append(("file", .string(file))) }
            if let line { pairs.append(("line", .integer(line))) }
            if let column { pairs.append(("column", .integer(column))) }
            if let item { pairs.append(("item", .integer(item))) }
            if let event { pairs.append(("event", .string(event))) }
            if let id { pairs.append(("id", .string(id))) }
            pairs.append(("status", .string(status.rawValue)))
            pairs.append(("error", .string(reason)))
            return .object(pairs)
        }
        let optional = { (text: String?) in text.map(JSONValue.string) ?? .null }
        return .object(
            [
                ("event", optional(event)),
                ("id", optional(id)),
                ("kind", optional(kind?.rawValue)),
                ("direction", optional(direction?.rawValue)),
                ("status", .string(status.rawValue)),
                ("contact", optional(contact)),
                ("projects", .array(projects.map(JSONValue.string))),
                ("team_member", optional(teamMember)),
                ("actions", .array(actions.map(JSONValue.string))),
            ] + (status == .unassigned ? [("candidates", candidates.json)] : []) + [
                ("button", optional(button)),
                ("reason", .string(reason)),
                ("rules", .object(rules.map { ($0.table, .array($0.rules.map(JSONValue.string))) })),
            ])
    }
}

extension Route {
    /// Appends ``json`` rendered (`json.rendered`) and a newline: the line `switchboard route`
    /// prints.
    public func appendJSONLine(to out: inout [UInt8]) {
        var writer = JSONWriter(capacity: 1 << 10)
        writeJSONLine(to: &writer)
        out.append(contentsOf: writer.finish())
    }

    /// Writes ``json`` rendered and a newline, straight from the fields rather than through a
    /// JSON tree and a `String`: how ``BatchRouter/jsonLines(_:)`` renders a batch.
    public func writeJSONLine(to writer: inout JSONWriter) {
        guard status != .error else {
            writer.append(json)
            writer.append(byte: UInt8(ascii: "\n"))
            return
        }
        // Each key is written with its quotes, the separator before it and ": ".
        func text(_ key: StaticString, _ value: String?) {
            writer.append(key)
            if let value { writer.appendQuoted(value) } else { writer.append("null") }
        }
        func list(_ values: [String]) {
            writer.append(byte: UInt8(ascii: "["))
            for (i, value) in values.enumerated() {
                if i > 0 { writer.append(", ") }
                writer.appendQuoted(value)
            }
            writer.append(byte: UInt8(ascii: "]"))
        }
        text("{\"event\": ", event)
        text(", \"id\": ", id)
        text(", \"kind\": ", kind?.rawValue)
        text(", \"direction\": ", direction?.rawValue)
        text(", \"status\": ", status.rawValue)
        text(", \"contact\": ", contact)
        writer.append(", \"projects\": ")
        list(projects)
        text(", \"team_member\": ", teamMember)
        writer.append(", \"actions\": ")
        list(actions)
        if status == .unassigned {
            // Only an unassigned interaction has dropdowns to draw.
            writer.append(", \"candidates\": {")
            var first = true
            for action in ManualAssignments.Action.allCases {
                guard let ids = candidates[action] else { continue }
                if !first { writer.append(", ") }
                first = false
                writer.appendQuoted(action.key)
                writer.append(": ")
                list(ids)
            }
            writer.append(byte: UInt8(ascii: "}"))
        }
        text(", \"button\": ", button)
        text(", \"reason\": ", reason)
        writer.append(", \"rules\": {")
        for (i, table) in rules.enumerated() {
            if i > 0 { writer.append(", ") }
            writer.appendQuoted(table.table)
            writer.append(": ")
            list(table.rules)
        }
        writer.append("}}\n")
    }
}

extension Route {
    /// A route that logs nothing, for an event that is ignored, a repeat (`duplicate`) or an
    /// error, with the reason.
    public init(
        status: Status, event: String?, id: String?, kind: AircallEvent.Kind? = nil,
        direction: AircallEvent.Direction? = nil, reason: String
    ) {
        self.init(event: event, id: id, kind: kind, direction: direction, status: status, reason: reason)
    }
}
