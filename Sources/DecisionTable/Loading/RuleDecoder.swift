import Diagnostics
import YAMLLoading

/// Reads a table's rules: ids, conditions (`when`) and outputs (`then`), each checked against
/// the table's final input domains and output types.
struct RuleDecoder {
    let table: TableDefinition
    let sink: DiagnosticSink
    /// Columns whose definition had an error already reported: their cells are skipped.
    let unchecked: Set<String>
    /// What every rule is read against, made once per table rather than once per rule.
    let inputNames: [String]
    let outputNames: [String]
    let conditionParsers: [ConditionParser]
    let outputParsers: [OutputValueParser]

    static let ruleKeys = ["id", "description", "when", "then"]

    init(table: TableDefinition, sink: DiagnosticSink, unchecked: Set<String> = []) {
        self.table = table
        self.sink = sink
        self.unchecked = unchecked
        inputNames = table.inputs.map(\.name)
        outputNames = table.outputs.map(\.name)
        conditionParsers = table.inputs.map { ConditionParser(input: $0, sink: sink) }
        outputParsers = table.outputs.map { OutputValueParser(output: $0, sink: sink) }
    }

    /// The table's rules, each checked; a rule with a problem is reported and left out.
    func decode(_ list: RuleList) -> [RuleDefinition] {
        guard let document = list.document else { return [] }
        var rules: [RuleDefinition] = []
        var seen: [String: SourceLocation] = [:]
        rules.reserveCapacity(list.items.count)
        seen.reserveCapacity(list.items.count)
        let reader = RuleRecordReader(self, document: document)
        for item in list.items {
            // Most rules read from the records; the others, and every one with a problem to
            // report, as nodes, by the code that reports them.
            guard let rule = reader.rule(at: item) ?? rule(document.node(at: item)) else { continue }
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

    /// The cells of a `when` or `then` mapping: the mapping's pairs, and by column position
    /// the index of the column's pair (the last, for a column written twice) or -1; nil after
    /// reporting cells of no column. Indices, not copies of the pairs: a copy retains the
    /// pair's text, value and locations.
    private func cells(
        _ node: YAMLNode?, section: String, columns: [String], other: [String]
    ) -> (pairs: [YAMLPair], byColumn: [Int])? {
        var lookup = KeyLookup(columns)
        guard let node, !node.isNull else { return ([], lookup.positions(in: []) { _ in }) }
        guard case .mapping(let pairs) = node.content else {
            sink.error(
                .expectedMapping, "'\(section)' must map column names to cells, found \(node.kindDescription)",
                at: node.location)
            return nil
        }
        var valid = true
        let byColumn = lookup.positions(in: pairs) { pair in
            if unchecked.contains(pair.key) { return }
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
        return valid ? (pairs, byColumn) : nil
    }

    private func conditions(_ node: YAMLNode?, ruleLocation: SourceLocation) -> [Condition]? {
        guard let cells = cells(node, section: "when", columns: inputNames, other: outputNames) else {
            return nil
        }
        var conditions: [Condition] = []
        conditions.reserveCapacity(cells.byColumn.count)
        var valid = true
        for (column, parser) in conditionParsers.enumerated() {
            if !unchecked.isEmpty, unchecked.contains(inputNames[column]) {
                // Its domain is unknown: checking the cell would only invent a second error.
                conditions.append(parser.wildcard(at: ruleLocation))
            } else if cells.byColumn[column] >= 0 {
                if let condition = parser.parse(cells.pairs[cells.byColumn[column]].value) {
                    conditions.append(condition)
                } else {
                    valid = false
                }
            } else {
                conditions.append(parser.wildcard(at: ruleLocation))
            }
        }
        return valid ? conditions : nil
    }

    private func outputs(
        _ node: YAMLNode?, ruleLocation: SourceLocation, ruleID: String?
    ) -> (written: [Value?], values: [Value], locations: [SourceLocation])? {
        guard let cells = cells(node, section: "then", columns: outputNames, other: inputNames) else {
            return nil
        }
        var written: [Value?] = []
        var values: [Value] = []
        var locations: [SourceLocation] = []
        written.reserveCapacity(cells.byColumn.count)
        values.reserveCapacity(cells.byColumn.count)
        locations.reserveCapacity(cells.byColumn.count)
        var valid = true
        for (column, output) in table.outputs.enumerated() {
            if cells.byColumn[column] >= 0 {
                let cell = cells.pairs[cells.byColumn[column]].value
                if let value = outputParsers[column].parse(cell) {
                    written.append(value)
                    values.append(value)
                } else {
                    valid = false
                }
                locations.append(cell.location)
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
