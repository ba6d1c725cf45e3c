import DecisionTable
import Foundation
import Diagnostics
import YAMLLoading
import JSONLines

/// Manual choices for many interactions, one JSON object per line, each naming its
/// interaction by event id (`data.id`):
///
/// ```
/// {"id": "815", "contact": "c-400"}
/// {"id": "msg-c200-shared", "team_member": "tm-raj"}
/// {"id": "805", "projects": ["harbour-tower", "the-pier"]}
/// ```
///
/// Whether a choice is allowed depends on the interaction's route, so it is checked when the
/// interaction is routed (``Router/route(_:applying:)``); loading checks the file's shape.
public struct AssignmentsFile: Sendable {
    /// One line's choices.
    public struct Entry: Sendable, Hashable {
        /// The interaction's event id.
        public var id: String
        /// What a person chose for it.
        public var assignments: ManualAssignments
        /// Where the line starts.
        public var location: SourceLocation
    }

    /// The file's path, as diagnostics name it.
    public let path: String
    /// The entries, in file order; each id once.
    public let entries: [Entry]

    /// The choices by event id: what ``BatchRouter/route(_:source:assignments:)`` takes.
    public var byID: [String: ManualAssignments] {
        Dictionary(uniqueKeysWithValues: entries.map { ($0.id, $0.assignments) })
    }

    /// The keys a line may hold.
    public static let keys = ["id", "contact", "team_member", "projects"]

    /// Loads an assignments file.
    /// - Throws: `DiagnosticsError` with every problem found, each with its line and column.
    public init(contentsOf url: URL) throws(DiagnosticsError) {
        let path = url.isFileURL ? url.relativePath : url.path(percentEncoded: false)
        try self.init(bytes: try SourceReader.read(path: path, limits: .sparkDirectory), file: path)
    }

    /// Reads assignments from JSON Lines; blank lines are skipped.
    /// - Parameters:
    ///   - bytes: The file's contents, UTF-8.
    ///   - file: The path to name in diagnostics.
    /// - Throws: `DiagnosticsError` with every problem found, each with its line and column.
    public init(bytes: [UInt8], file: String) throws(DiagnosticsError) {
        path = file
        let sink = DiagnosticSink()
        var entries: [Entry] = []
        var firstLine: [String: SourceLocation] = [:]
        let text = String(decoding: bytes, as: UTF8.self)
        for (index, line) in text.split(separator: "\n", omittingEmptySubsequences: false).enumerated() {
            guard line.contains(where: { !$0.isWhitespace }) else { continue }
            let reader = LineReader(line: line, location: SourceLocation(file: file, line: index + 1, column: 1), sink: sink)
            guard let entry = reader.entry() else { continue }
            if let first = firstLine[entry.id] {
                sink.error(
                    .duplicateId, "another line has choices for interaction '\(entry.id)'",
                    at: reader.location(of: "id"), notes: [Note("the first is here", at: first)])
                continue
            }
            firstLine[entry.id] = entry.location
            entries.append(entry)
        }
        guard !sink.hasErrors else { throw DiagnosticsError(sink.diagnostics, sources: [file: text]) }
        self.entries = entries
    }
}

/// Reads one line of an assignments file, reporting problems at the key they concern.
private struct LineReader {
    let line: Substring
    let location: SourceLocation
    let sink: DiagnosticSink

    func entry() -> AssignmentsFile.Entry? {
        let json: JSONValue
        do {
            json = try JSONParser.parse(line)
        } catch {
            sink.error(
                .invalidJson, "expected one JSON object per line: \(error.message)",
                at: SourceLocation(file: location.file, line: location.line, column: error.column))
            return nil
        }
        guard case .object(let pairs) = json else {
            sink.error(
                .expectedObject, "expected a JSON object such as {\"id\": \"812\", \"contact\": \"c-200\"}, found \(json.kindDescription)",
                at: location)
            return nil
        }
        let before = sink.diagnostics.count
        for (key, _) in pairs where !AssignmentsFile.keys.contains(key) {
            sink.error(
                .unknownKey,
                "unknown key '\(key)'\(Suggestion.clause(for: key, in: AssignmentsFile.keys))"
                    + " (a line holds: \(AssignmentsFile.keys.joined(separator: ", ")))", at: self.location(of: key))
        }
        let id: String?
        switch json["id"] {
        case .string(let text)? where !text.isEmpty: id = text
        case .integer(let number)?: id = String(number)
        case nil:
            sink.error(.missingKey, "a line needs the interaction's event id, \"id\"", at: location)
            id = nil
        case let other?:
            sink.error(.expectedText, "'id' must be the event id (text or an integer), found \(other.kindDescription)", at: self.location(of: "id"))
            id = nil
        }
        let contact = text("contact", in: json)
        let teamMember = text("team_member", in: json)
        var projects: [String]?
        if let value = json["projects"] {
            if case .array(let items) = value, items.allSatisfy({ if case .string = $0 { true } else { false } }) {
                projects = items.compactMap { if case .string(let text) = $0 { text } else { nil } }
                if projects?.isEmpty == true {
                    sink.error(.emptyList, "'projects' must name at least one project", at: self.location(of: "projects"))
                }
            } else {
                sink.error(
                    .expectedList, "'projects' must be a list of project ids, found \(value.kindDescription)",
                    at: self.location(of: "projects"))
            }
        }
        let assignments = ManualAssignments(contact: contact, teamMember: teamMember, projects: projects)
        if id != nil, assignments.isEmpty, sink.diagnostics.count == before {
            sink.error(.noChoice, "the line chooses nothing: give 'contact', 'team_member' or 'projects'", at: location)
        }
        guard let id, sink.diagnostics.count == before else { return nil }
        return AssignmentsFile.Entry(id: id, assignments: assignments, location: location)
    }

    private func text(_ key: String, in json: JSONValue) -> String? {
        guard let value = json[key] else { return nil }
        guard case .string(let text) = value, !text.isEmpty else {
            sink.error(.expectedText, "'\(key)' must be an id, found \(value.kindDescription)", at: location(of: key))
            return nil
        }
        return text
    }

    /// The position of `"key"` in the line, or of the line's start.
    func location(of key: String) -> SourceLocation {
        guard let range = line.range(of: "\"\(key)\"") else { return location }
        let column = line.unicodeScalars.distance(from: line.startIndex, to: range.lowerBound) + 1
        return SourceLocation(file: location.file, line: location.line, column: column)
    }
}
