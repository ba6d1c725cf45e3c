import DecisionTable
import Diagnostics
import JSONLines

extension Explanation {
    /// `{"tables": [...], "error": null}`: per table that ran, in evaluation order, the facts
    /// it read, the deciding rules with their positions and descriptions, the other matches,
    /// the nearest rules that did not match with the cells that stopped them, and the outputs.
    public var json: JSONValue {
        .object([
            ("tables", .array(tables.map(\.json))),
            ("error", error.map { .string($0.description) } ?? .null),
        ])
    }
}

extension TableExplanation {
    /// One table's part of ``Explanation/json``.
    public var json: JSONValue {
        .object([
            ("table", .string(name)),
            ("hit", .string(hitPolicy.description)),
            ("file", .string(location.file)),
            ("line", .integer(location.line)),
            ("facts", .object(facts.map { ($0.name, JSONValue($0.value)) })),
            ("rules", .array(winners.map(\.json))),
            ("also_matched", .array(matched.filter { rule in !winners.contains { $0.id == rule.id } }.map(\.json))),
            (
                "near_misses",
                .array(
                    nearMisses.map { miss in
                        .object([
                            ("rule", miss.rule.json),
                            (
                                "failed_cells",
                                .array(
                                    miss.failedCells.map { cell in
                                        .object([
                                            ("input", .string(cell.input)),
                                            ("value", JSONValue(cell.value)),
                                            ("condition", .string(cell.condition)),
                                            ("line", .integer(cell.location.line)),
                                            ("column", .integer(cell.location.column)),
                                        ])
                                    })
                            ),
                        ])
                    })
            ),
            ("defaults_applied", .bool(usedDefaults)),
            ("outputs", outputs.map { .object($0.map { ($0.name, $0.value.json) }) } ?? .null),
        ])
    }
}

extension RuleReference {
    /// `{"id", "file", "line", "column", "description"}`.
    public var json: JSONValue {
        .object([
            ("id", .string(id)),
            ("file", .string(location.file)),
            ("line", .integer(location.line)),
            ("column", .integer(location.column)),
            ("description", description.map(JSONValue.string) ?? .null),
        ])
    }
}
