import DecisionTable
import Diagnostics
import JSONLines

extension RulesDiff {
    /// How many regions changed, in each table and in each output, and the rules deciding
    /// them in each version.
    public struct Summary: Sendable {
        /// The regions where the versions decide differently.
        public var regions: Int
        /// Regions per table, in the order the changes come.
        public var tables: [(name: String, regions: Int)]
        /// Regions per output whose value changes there, in first-seen order.
        public var outputs: [(name: String, regions: Int)]
        /// The distinct rules deciding the changed regions, in each version (`table/id` for a
        /// rule of a table read on the way).
        public var oldRules: [String]
        public var newRules: [String]
    }

    /// The counts that come first in a report.
    public var summary: Summary {
        func count(_ names: [String]) -> [(name: String, regions: Int)] {
            var counted: [(name: String, regions: Int)] = []
            for name in names {
                if let k = counted.firstIndex(where: { $0.name == name }) { counted[k].regions += 1 } else { counted.append((name, 1)) }
            }
            return counted
        }
        func distinct(_ rules: [[String]]) -> [String] {
            var seen: [String] = []
            for rule in rules.joined() where !seen.contains(rule) { seen.append(rule) }
            return seen
        }
        return Summary(
            regions: changes.count, tables: count(changes.map(\.table)),
            outputs: count(changes.flatMap(\.changedOutputs)),
            oldRules: distinct(changes.map(\.oldRules)), newRules: distinct(changes.map(\.newRules)))
    }

    /// `{"summary": {...}, "changes": [...], "structural": [...]}` with `cells` as `validate
    /// --format json` writes them (every input, `"-"` for any value), each rule's location, and
    /// `"incomplete": [...]` when a budget stopped a comparison.
    public var json: JSONValue {
        let summary = summary
        let counts = { (counted: [(name: String, regions: Int)]) in JSONValue.object(counted.map { ($0.name, .integer($0.regions)) }) }
        var pairs: [(String, JSONValue)] = [
            (
                "summary",
                .object([
                    ("regions", .integer(summary.regions)),
                    ("tables", counts(summary.tables)),
                    ("outputs", counts(summary.outputs)),
                    ("old_rules", .array(summary.oldRules.map(JSONValue.string))),
                    ("new_rules", .array(summary.newRules.map(JSONValue.string))),
                    ("structural", .integer(structural.count)),
                ])
            ),
            (
                "changes",
                .array(
                    changes.map { change in
                        .object([
                            ("table", .string(change.table)),
                            ("cells", .object(change.cells.map { ($0.input, $0.values.json) })),
                            ("old", change.old?.json ?? .null),
                            ("new", change.new?.json ?? .null),
                            ("old_rules", .array(change.oldRules.map(JSONValue.string))),
                            ("new_rules", .array(change.newRules.map(JSONValue.string))),
                            ("old_rule_locations", .array(change.oldRuleLocations.map(Self.json))),
                            ("new_rule_locations", .array(change.newRuleLocations.map(Self.json))),
                        ])
                    })
            ),
            (
                "structural",
                .array(
                    structural.map { change in
                        .object([("table", .string(change.table)), ("kind", .string(change.kind)), ("message", .string(change.message))])
                    })
            ),
        ]
        if !incomplete.isEmpty { pairs.append(("incomplete", .array(incomplete.map(JSONValue.string)))) }
        return .object(pairs)
    }

    private static func json(_ location: SourceLocation?) -> JSONValue {
        guard let location else { return .null }
        return .object([("file", .string(location.file)), ("line", .integer(location.line)), ("column", .integer(location.column))])
    }

    /// For people: a summary, the changes of shape, then each region with the inputs it
    /// constrains (an input that may be anything there is left out) and the deciding rules
    /// with `file:line`.
    public var text: String {
        var out = ""
        let summary = summary
        if summary.regions > 0 {
            let tables = summary.tables.map { "'\($0.name)' \($0.regions)" }.joined(separator: ", ")
            let outputs = summary.outputs.map { "\($0.name) \($0.regions)" }.joined(separator: ", ")
            out += "\(Self.count(summary.regions, "region")) decide differently (by table: \(tables))\n"
            if !outputs.isEmpty { out += "  changed outputs, by regions: \(outputs)\n" }
            out += "  deciding rules: \(Self.rules(summary.oldRules)) before, \(Self.rules(summary.newRules)) after\n"
        }
        if !structural.isEmpty { out += "\(Self.count(structural.count, "change")) of shape\n" }
        if !out.isEmpty { out += "\n" }
        for change in structural {
            let whole = change.kind == "table-added" || change.kind == "table-removed"
            out += (whole ? "" : "table '\(change.table)': ") + change.message + "\n"
        }
        for message in incomplete { out += "incomplete: \(message)\n" }
        for change in changes {
            let constrained = change.cells.filter { $0.values != .any }
            let when =
                constrained.isEmpty
                ? "for every input"
                : "when " + constrained.map { "\($0.input) is \($0.values.phrase)" }.joined(separator: ", ")
            out += "table '\(change.table)' \(when):\n"
            out += "  old: \(Self.describe(change.old, change.oldRules, change.oldRuleLocations))\n"
            out += "  new: \(Self.describe(change.new, change.newRules, change.newRuleLocations))\n"
        }
        return out
    }

    /// "1 region", "3 regions".
    private static func count(_ n: Int, _ noun: String) -> String { "\(n) \(noun)\(n == 1 ? "" : "s")" }

    /// "2 rules ('a', 'b')", "no rule".
    private static func rules(_ ids: [String]) -> String {
        ids.isEmpty ? "no rule" : count(ids.count, "rule") + " (" + ids.map { "'\($0)'" }.joined(separator: ", ") + ")"
    }

    private static func describe(_ outcome: DecidedOutcome?, _ rules: [String], _ locations: [SourceLocation?]) -> String {
        let named = rules.enumerated().map { k, rule in
            let at = k < locations.count ? locations[k].map { " at \($0.file):\($0.line)" } ?? "" : ""
            return "'\(rule)'\(at)"
        }
        let by = rules.isEmpty ? "" : " (" + (rules.count == 1 ? "rule " : "rules ") + named.joined(separator: ", ") + ")"
        switch outcome {
        case nil: return "decides nothing" + by
        case .conflict(let message)?: return "error: \(message)" + by
        case .outputs(let outputs)?:
            return outputs.map { "\($0.name) = \($0.value)" }.joined(separator: ", ") + by
        }
    }
}

extension DecidedOutcome {
    /// The outputs as an object, or `{"error": "..."}`.
    public var json: JSONValue {
        switch self {
        case .outputs(let outputs): .object(outputs.map { ($0.name, $0.value.json) })
        case .conflict(let message): .object([("error", .string(message))])
        }
    }
}
