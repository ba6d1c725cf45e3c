/// The named result of evaluating facts: every output's value and, per table, the rules
/// that matched and the ones that won.
public struct Evaluation: Hashable, Sendable {
    /// Every output of every table, in table evaluation order then declared order.
    public var outputs: [NamedOutput]
    /// One outcome per table, in evaluation order.
    public var tables: [TableOutcome]

    init(_ decisionTables: DecisionTables, _ evaluator: Evaluator) {
        var outputs: [NamedOutput] = []
        var tables: [TableOutcome] = []
        let layout = decisionTables.layout
        for (t, table) in decisionTables.tables.enumerated() {
            let winners = evaluator.winners(ofTable: t).map(Int.init)
            let usedDefaults = evaluator.usedDefaults(ofTable: t)
            for (o, output) in table.outputs.enumerated() {
                let value: OutputValue
                if table.hitPolicy.yieldsLists {
                    value = .list(
                        usedDefaults
                            ? (table.defaults.map { [$0[o]] } ?? [])
                            : winners.map { table.rules[$0].values[o] })
                } else if case .collect(let aggregation?) = table.hitPolicy, output.type == .number, !usedDefaults {
                    // Codes keep order but not sums: fold the decimals themselves.
                    value = .single(aggregation.fold(winners.map { table.rules[$0].values[o] }))
                } else {
                    value = .single(layout.decode(evaluator.encodedOutput(layout.outputSlot(output.name)), output: output))
                }
                outputs.append(NamedOutput(name: output.name, value: value))
            }
            tables.append(
                TableOutcome(
                    name: table.name,
                    matched: evaluator.matchedRules(ofTable: t).map { table.rules[$0].id },
                    winners: winners.map { table.rules[$0].id },
                    usedDefaults: usedDefaults))
        }
        self.outputs = outputs
        self.tables = tables
    }

    /// The value of the output named `name`.
    public subscript(_ name: String) -> OutputValue? {
        outputs.first { $0.name == name }?.value
    }
}

/// An output's name and value.
public struct NamedOutput: Hashable, Sendable {
    public var name: String
    public var value: OutputValue
}

/// One value, or a list of values for `collect` and `rule-order` tables.
public enum OutputValue: Hashable, Sendable, CustomStringConvertible {
    case single(Value)
    case list([Value])

    public var description: String {
        switch self {
        case .single(let value): value.description
        case .list(let values): "[" + values.map(\.description).joined(separator: ", ") + "]"
        }
    }
}

/// What one table did.
public struct TableOutcome: Hashable, Sendable {
    /// The table's name.
    public var name: String
    /// Every rule that matched, in file order.
    public var matched: [String]
    /// The rules that decided the outputs (see ``Evaluator/winners(ofTable:)``).
    public var winners: [String]
    /// Whether no rule matched and the outputs' defaults applied.
    public var usedDefaults: Bool
}
