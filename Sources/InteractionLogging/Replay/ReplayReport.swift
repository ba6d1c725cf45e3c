import DecisionTable
import JSONLines

/// What changes when the same Aircall events are routed under two versions of the rules:
/// how many interactions change status, projects, team member or button, grouped by field
/// and (old → new), with a few example event ids per group.
///
/// Every event is counted once, in exactly one of ``unchanged``, ``changed``, ``ignored``,
/// ``duplicates`` and ``errors``; an event that changes in several fields is in one group
/// per field.
public struct ReplayReport: Sendable {
    /// The route fields compared, in report order.
    public static let fields = ["status", "projects", "team_member", "button"]
    /// How many example event ids a group keeps.
    public static let examplesPerGroup = 3

    /// The events whose field changed from one value to another.
    public struct Group: Sendable, Hashable {
        /// The route field (one of ``ReplayReport/fields``).
        public var field: String
        /// The value under the baseline rules, as `switchboard route` prints it.
        public var old: JSONValue
        /// The value under the new rules.
        public var new: JSONValue
        /// How many events changed so.
        public var count: Int
        /// The ids of the first few, in input order.
        public var examples: [String]
    }

    /// Every event read.
    public private(set) var events = 0
    /// Interactions routed alike by both versions.
    public private(set) var unchanged = 0
    /// Interactions whose status, projects, team member or button differ.
    public private(set) var changed = 0
    /// Events neither version routes (not interactions).
    public private(set) var ignored = 0
    /// Repeats of an event already routed.
    public private(set) var duplicates = 0
    /// Input neither version could read or route: malformed lines.
    public private(set) var errors = 0

    private struct Key: Hashable {
        var field: Int
        var old: JSONValue
        var new: JSONValue
    }

    private var groupIndex: [Key: Int] = [:]
    private var groupList: [Group] = []

    public init() {}

    /// Counts a block of events routed by both versions.
    /// - Parameters:
    ///   - old: The routes under the baseline rules.
    ///   - new: The routes of the same events, in the same order, under the new rules.
    /// - Returns: The indices of the events that changed, in order.
    public mutating func add(old: [Route], new: [Route]) -> [Int] {
        precondition(old.count == new.count, "both versions route every event")
        events += old.count
        var changedIndices: [Int] = []
        for index in old.indices {
            let (a, b) = (old[index], new[index])
            switch (a.status, b.status) {
            case (.error, .error): errors += 1; continue
            case (.ignored, .ignored): ignored += 1; continue
            case (.duplicate, .duplicate): duplicates += 1; continue
            default: break
            }
            var differs = false
            if a.status != b.status {
                differs = true
                record(0, .string(a.status.rawValue), .string(b.status.rawValue), id: b.id ?? a.id)
            }
            if a.projects != b.projects {
                differs = true
                record(1, .array(a.projects.map(JSONValue.string)), .array(b.projects.map(JSONValue.string)), id: b.id ?? a.id)
            }
            if a.teamMember != b.teamMember {
                differs = true
                record(2, Self.optional(a.teamMember), Self.optional(b.teamMember), id: b.id ?? a.id)
            }
            if a.button != b.button {
                differs = true
                record(3, Self.optional(a.button), Self.optional(b.button), id: b.id ?? a.id)
            }
            if differs {
                changed += 1
                changedIndices.append(index)
            } else {
                unchanged += 1
            }
        }
        return changedIndices
    }

    private static func optional(_ text: String?) -> JSONValue { text.map(JSONValue.string) ?? .null }

    private mutating func record(_ field: Int, _ old: JSONValue, _ new: JSONValue, id: String?) {
        let key = Key(field: field, old: old, new: new)
        let index =
            groupIndex[key]
            ?? {
                groupList.append(Group(field: Self.fields[field], old: old, new: new, count: 0, examples: []))
                groupIndex[key] = groupList.count - 1
                return groupList.count - 1
            }()
        groupList[index].count += 1
        if let id, groupList[index].examples.count < Self.examplesPerGroup { groupList[index].examples.append(id) }
    }

    /// The groups by field (in ``fields`` order), the largest first, then in order of first change.
    public var groups: [Group] {
        groupList.enumerated().sorted { x, y in
            let (fx, fy) = (Self.fields.firstIndex(of: x.element.field)!, Self.fields.firstIndex(of: y.element.field)!)
            if fx != fy { return fx < fy }
            if x.element.count != y.element.count { return x.element.count > y.element.count }
            return x.offset < y.offset
        }.map(\.element)
    }

    /// The counts, then per field an aligned table of `old → new`, count and examples.
    public var text: String {
        var out =
            "\(events) event\(events == 1 ? "" : "s"): \(changed) changed, \(unchanged) unchanged, "
            + "\(ignored) ignored, \(duplicates) duplicate\(duplicates == 1 ? "" : "s"), \(errors) error\(errors == 1 ? "" : "s")\n"
        let groups = self.groups
        guard !groups.isEmpty else { return out + "no interaction changes status, projects, team member or button\n" }
        let rows = groups.map { ("\($0.old.rendered) → \($0.new.rendered)", String($0.count), $0.examples.joined(separator: ", ")) }
        let width = rows.map(\.0.count).max()!
        let numberWidth = rows.map(\.1.count).max()!
        var field = ""
        for (group, row) in zip(groups, rows) {
            if group.field != field {
                field = group.field
                out += "\n\(field)\n"
            }
            out +=
                "  " + row.0 + String(repeating: " ", count: width - row.0.count + 2)
                + String(repeating: " ", count: numberWidth - row.1.count) + row.1 + "  e.g. " + row.2 + "\n"
        }
        return out
    }

    /// `{"events": N, "changed": N, ..., "groups": [{"field", "old", "new", "count", "examples"}]}`.
    public var json: JSONValue {
        .object([
            ("events", .integer(events)),
            ("changed", .integer(changed)),
            ("unchanged", .integer(unchanged)),
            ("ignored", .integer(ignored)),
            ("duplicate", .integer(duplicates)),
            ("error", .integer(errors)),
            (
                "groups",
                .array(
                    groups.map { group in
                        .object([
                            ("field", .string(group.field)),
                            ("old", group.old),
                            ("new", group.new),
                            ("count", .integer(group.count)),
                            ("examples", .array(group.examples.map(JSONValue.string))),
                        ])
                    })
            ),
        ])
    }

    /// One line of `--changes`: `{"event": ..., "id": ..., "old": route, "new": route}` and a newline.
    public static func appendChange(old: Route, new: Route, to out: inout [UInt8]) {
        JSONValue.append("{\"event\": ", to: &out)
        if let event = new.event ?? old.event { JSONValue.appendQuoted(event, to: &out) } else { JSONValue.append("null", to: &out) }
        JSONValue.append(", \"id\": ", to: &out)
        if let id = new.id ?? old.id { JSONValue.appendQuoted(id, to: &out) } else { JSONValue.append("null", to: &out) }
        JSONValue.append(", \"old\": ", to: &out)
        old.json.render(into: &out)
        JSONValue.append(", \"new\": ", to: &out)
        new.json.render(into: &out)
        JSONValue.append("}\n", to: &out)
    }
}
