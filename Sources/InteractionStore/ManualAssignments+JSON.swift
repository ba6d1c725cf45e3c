import JSONLines
import InteractionLogging

extension ManualAssignments {
    /// Why a JSON value is not a set of assignments.
    public struct DecodingError: Error, Sendable, Hashable, CustomStringConvertible {
        public var description: String
    }

    /// Reads `{"contact": ID, "team_member": ID, "projects": [IDs]}`, any of the three; ids are
    /// strings. Other keys are refused, so that a misspelt key is not silently ignored.
    /// - Throws: ``DecodingError`` naming the field and what was expected.
    public init(json: JSONValue) throws(DecodingError) {
        guard case .object(let pairs) = json else {
            throw DecodingError(description: "expected an object with \"contact\", \"team_member\" or \"projects\", found \(json.kindDescription)")
        }
        self.init()
        var seen = Set<String>()
        for (key, value) in pairs {
            guard seen.insert(key).inserted else { throw DecodingError(description: "\"\(key)\" is given twice") }
            switch key {
            case "contact": contact = try Self.identifier(value, key)
            case "team_member": teamMember = try Self.identifier(value, key)
            case "projects":
                guard case .array(let values) = value else {
                    throw DecodingError(description: "\"projects\" must be an array of project ids, found \(value.kindDescription)")
                }
                var ids: [String] = []
                for element in values { ids.append(try Self.identifier(element, "projects")) }
                projects = ids
            default:
                throw DecodingError(description: "unknown key \"\(key)\"; expected \"contact\", \"team_member\" or \"projects\"")
            }
        }
    }

    private static func identifier(_ value: JSONValue, _ key: String) throws(DecodingError) -> String {
        guard case .string(let text) = value, !text.isEmpty else {
            throw DecodingError(description: "\"\(key)\" must hold non-empty string ids, found \(value.kindDescription)")
        }
        return text
    }

    /// These assignments with `other`'s made on top: a later choice replaces an earlier one of
    /// the same kind.
    public func merging(_ other: ManualAssignments) -> ManualAssignments {
        ManualAssignments(
            contact: other.contact ?? contact, teamMember: other.teamMember ?? teamMember,
            projects: other.projects ?? projects)
    }

    /// The JSON object ``init(json:)`` reads, with only the assignments made.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = []
        if let contact { pairs.append(("contact", .string(contact))) }
        if let teamMember { pairs.append(("team_member", .string(teamMember))) }
        if let projects { pairs.append(("projects", .array(projects.map(JSONValue.string)))) }
        return .object(pairs)
    }

    /// Reads assignments the store wrote with ``json``.
    init(storedText text: String) throws(StoreError) {
        do {
            try self.init(json: JSONParser.parse(text))
        } catch let error as DecodingError {
            throw StoreError("stored assignments are unreadable: \(error)")
        } catch {
            throw StoreError("stored assignments are not JSON: \(error)")
        }
    }
}
