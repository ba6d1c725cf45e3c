import Diagnostics
import YAMLLoading

/// Reads a table's rules: ids, conditions (`when`) and outputs (`then`), each checked against
/// the table's final input domains and output types.
struct RuleDecoder {
    let table: TableDefinition
    let sink: DiagnosticSink
    /// Columns whose definition had an error already reported: their cells are skipped.
    var unchecked: Set<String> = []

    static let ruleKeys = ["id", "description", "when", "then"]

    func decode(_ nodes: [YAMLNode]) -> [RuleDefinition] {
        var rules: [RuleDefinition] = []
        var seen: [String: SourceLocation] = [:]
        for node in nodes {
            guard let rule = rule(node) else { continue }
            if let first = seen[rule.id] {
                sink.error(
                    .duplicateRuleId, "table '\(table.name)' already has a rule '\(rule.id)'",
                    at: rule.location, notes: [Note("the first is here", at: first)])
                continue
            }
            seen[rule.id] = rule.location
            rules.append(rule)
        }
        return rules
    }

    private func rule(_ node: YAMLNode) -> RuleDefinition? {
        guard let reader = MappingReader(node, what: "a rule", allowed: Self.ruleKeys, sink: sink) else {
            return nil
        }
        let id = reader.name("id")
        let description = reader.text("description")
        // A misspelt 'when' or 'then' is reported once, with its "did you mean"; the cells
        // it would hold are not checked, nor reported missing.
        if reader.isMisspelt("when") || reader.isMisspelt("then") { return nil }
        let conditions = self.conditions(reader["when"], ruleLocation: node.location)
        let outputs = self.outputs(reader["then"], ruleLocation: node.location, ruleID: id?.0)
        guard let (ruleID, _) = id, let conditions, let outputs else { return nil }
        return RuleDefinition(
            id: ruleID, description: description, location: node.location,
            conditions: conditions, outputs: outputs.written, values: outputs.values,
            outputLocations: outputs.locations)
    }

    private func cells(_ node: YAMLNode?, section: String, columns: [String], other: [String]) -> [String: YAMLPair]? {
        guard let node, !node.isNull else { return [:] }
        guard case .mapping(let pairs) = node.content else {
            sink.error(
                .expectedMapping, "'\(section)' must map column names to cells, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        var byName: [String: YAMLPair] = [:]
        var valid = true
        for pair in pairs {
            if columns.contains(pair.key) {
                byName[pair.key] = pair
                continue
            }
            if unchecked.contains(pair.key) { continue }
            valid = false
            if other.contains(pair.key) {
                let kind = section == "when" ? "an output: it belongs under 'then'" : "an input: it belongs under 'when'"
                sink.error(.unknownColumn, "'\(pair.key)' is \(kind)", at: pair.keyLocation)
            } else {
                let kind = section == "when" ? "input" : "output"
                sink.error(
                    .unknownColumn,
                    "table '\(table.name)' has no \(kind) '\(pair.key)'" + Suggestion.clause(for: pair.key, in: columns),
                    at: pair.keyLocation)
            }
        }
        return valid ? byName : nil
    }

    private func conditions(_ node: YAMLNode?, ruleLocation: SourceLocation) -> [Condition]? {
        let inputNames = table.inputs.map(\.name)
        guard let cells = cells(node, section: "when", columns: inputNames, other: table.outputs.map(\.name)) else {
            return nil
        }
        var conditions: [Condition] = []
        var valid = true
        for input in table.inputs {
            let parser = ConditionParser(input: input, sink: sink)
            if unchecked.contains(input.name) {
                // Its domain is unknown: checking the cell would only invent a second error.
                conditions.append(parser.wildcard(at: ruleLocation))
            } else if let cell = cells[input.name] {
                if let condition = parser.parse(cell.value) { conditions.append(condition) } else { valid = false }
            } else {
                conditions.append(parser.wildcard(at: ruleLocation))
            }
        }
        return valid ? conditions : nil
    }

    private func outputs(
        _ node: YAMLNode?, ruleLocation: SourceLocation, ruleID: String?
    ) -> (written: [Value?], values: [Value], locations: [SourceLocation])? {
        let outputNames = table.outputs.map(\.name)
        guard let cells = cells(node, section: "then", columns: outputNames, other: table.inputs.map(\.name)) else {
            return nil
        }
        var written: [Value?] = []
        var values: [Value] = []
        var locations: [SourceLocation] = []
        var valid = true
        for output in table.outputs {
            if let cell = cells[output.name] {
                if let value = OutputValueParser(output: output, sink: sink).parse(cell.value) {
                    written.append(value)
                    values.append(value)
                } else {
                    valid = false
                }
                locations.append(cell.value.location)
            } else if let value = output.defaultValue {
                written.append(nil)
                values.append(value)
                locations.append(node?.location ?? ruleLocation)
            } else {
                sink.error(
                    .missingOutput,
                    "rule '\(ruleID ?? "?")' gives no value for output '\(output.name)', which has no default",
                    at: node?.location ?? ruleLocation)
                valid = false
            }
        }
        return valid ? (written, values, locations) : nil
    }
}
