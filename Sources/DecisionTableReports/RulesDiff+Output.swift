import DecisionTable
import JSONLines

extension RulesDiff {
    /// `{"changes": [...], "structural": [...]}` with `cells` as `validate --format json` writes
    /// them, and `"incomplete": [...]` when a budget stopped a comparison.
    public var json: JSONValue {
        var pairs: [(String, JSONValue)] = [
            ("changes", .array(changes.map { change in
                .object([
                    ("table", .string(change.table)),
                    ("cells", .object(change.cells.map { ($0.input, $0.values.json) })),
                    ("old", change.old?.json ?? .null),
                    ("new", change.new?.json ?? .null),
                    ("old_rules", .array(change.oldRules.map(JSONValue.string))),
                    ("new_rules", .array(change.newRules.map(JSONValue.string))),
                ])
            })),
            ("structural", .array(structural.map { change in
                .object([("table", .string(change.table)), ("kind", .string(change.kind)), ("message", .string(change.message))])
            })),
        ]
        if !incomplete.isEmpty { pairs.append(("incomplete", .array(incomplete.map(JSONValue.string)))) }
        return .object(pairs)
    }

    /// One line per change, for people.
    public var text: String {
        var out = ""
        for change in structural {
            let whole = change.kind == "table-added" || change.kind == "table-removed"
            out += (whole ? "" : "table '\(change.table)': ") + change.message + "\n"
        }
        for message in incomplete { out += "incomplete: \(message)\n" }
        for change in changes {
            let when = change.cells.map { "\($0.input) is \($0.values.phrase)" }.joined(separator: ", ")
            out += "table '\(change.table)' when \(when):\n"
            out += "  old: \(Self.describe(change.old, change.oldRules))\n"
            out += "  new: \(Self.describe(change.new, change.newRules))\n"
        }
        return out
    }

    private static func describe(_ outcome: DecidedOutcome?, _ rules: [String]) -> String {
        let by = rules.isEmpty ? "" : " (" + (rules.count == 1 ? "rule " : "rules ") + rules.map { "'\($0)'" }.joined(separator: ", ") + ")"
        switch outcome {
        case nil: return "decides nothing"
        case .conflict(let message)?: return "error: \(message)"
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
