import JSONLines

extension Route {
    /// Why a JSON value is not a route.
    public struct DecodingError: Error, Hashable, Sendable, CustomStringConvertible {
        public var description: String
    }

    /// Reads a route from the JSON object ``json`` writes (what `switchboard route` prints and
    /// `switchboard serve` stores), so that a stored route can be compared with a new one.
    /// - Throws: ``DecodingError`` naming the field that is missing or of the wrong type.
    public init(json: JSONValue) throws(DecodingError) {
        guard case .object = json else { throw DecodingError(description: "expected a route object, found \(json.kindDescription)") }
        func text(_ key: String) throws(DecodingError) -> String? {
            switch json[key] {
            case nil, .null?: return nil
            case .string(let value)?: return value
            case let other?: throw DecodingError(description: "route field \"\(key)\" must be a string or null, found \(other.kindDescription)")
            }
        }
        func list(_ key: String) throws(DecodingError) -> [String] {
            guard let value = json[key] else { return [] }
            guard case .array(let values) = value else {
                throw DecodingError(description: "route field \"\(key)\" must be an array, found \(value.kindDescription)")
            }
            var strings: [String] = []
            for element in values {
                guard case .string(let string) = element else {
                    throw DecodingError(description: "route field \"\(key)\" must hold strings, found \(element.kindDescription)")
                }
                strings.append(string)
            }
            return strings
        }
        guard let statusText = try text("status"), let status = Status(rawValue: statusText) else {
            throw DecodingError(description: "route field \"status\" must be one of logged, unassigned, not_logged, ignored, duplicate, error")
        }
        self.init(
            event: try text("event"), id: try text("id"), kind: try text("kind").flatMap(AircallEvent.Kind.init(rawValue:)),
            direction: try text("direction").flatMap(AircallEvent.Direction.init(rawValue:)), status: status,
            reason: try text(status == .error ? "error" : "reason") ?? "")
        contact = try text("contact")
        projects = try list("projects")
        teamMember = try text("team_member")
        actions = try list("actions")
        button = try text("button")
        if case .object(let tables)? = json["rules"] {
            var decided: [(table: String, rules: [String])] = []
            for (table, value) in tables {
                guard case .array(let ids) = value else { throw DecodingError(description: "route rules of \"\(table)\" must be an array") }
                decided.append((table, ids.compactMap { if case .string(let id) = $0 { id } else { nil } }))
            }
            rules = decided
        }
    }
}
