import DecisionTable

/// The reference the compiled evaluator is proved against: a straightforward scan over every
/// rule and every cell, on named values, then the hit policy as the engine defines it once
/// (`TableDefinition.decide(matching:ranks:)`). Slow on purpose; it shares no code with the
/// bitset matcher.
public enum NaiveEvaluator {
    /// What the reference decided: outputs by name and the winning rule ids per table.
    public struct Outcome: Hashable, Sendable {
        public var outputs: [String: OutputValue]
        public var winners: [String: [String]]
    }

    /// Why the reference decided nothing, reduced to what both evaluators must agree on.
    public enum Failure: Error, Hashable, Sendable {
        case multipleMatches(table: String, rules: [String])
        case conflictingMatches(table: String, rules: [String])
        case noMatch(table: String)
        case chainedValueOutOfRange(table: String, input: String)
    }

    /// Evaluates checked tables (in evaluation order) on named facts, which must be valid.
    public static func evaluate(_ tables: [TableDefinition], facts: [String: Value]) -> Result<Outcome, Failure> {
        var known = facts
        var outcome = Outcome(outputs: [:], winners: [:])
        for table in tables {
            for input in table.inputs where input.producer != nil {
                if case .integer(let value)? = known[input.name], !input.domain.integerBounds.contains(value) {
                    return .failure(.chainedValueOutOfRange(table: table.name, input: input.name))
                }
            }
            let matching = table.rules.indices.filter { r in
                zip(table.inputs, table.rules[r].conditions).allSatisfy { input, condition in
                    matches(condition, known[input.name]!, domain: input.domain)
                }
            }
            // The hit policy, as the engine defines it once (TableDecision): the compiled
            // evaluator is proved equal to this definition.
            let decision = table.decide(matching: matching, ranks: table.priorityRanks())
            switch decision {
            case .conflict(let conflict) where conflict.kind == .multipleMatches:
                return .failure(.multipleMatches(table: table.name, rules: conflict.rules.map { table.rules[$0].id }))
            case .conflict(let conflict):
                return .failure(.conflictingMatches(table: table.name, rules: conflict.rules.map { table.rules[$0].id }))
            case .nothing:
                outcome.winners[table.name] = []
                return .failure(.noMatch(table: table.name))
            case .defaults(let values):
                outcome.winners[table.name] = []
                // A chained table reads a default as a single value, lists or not.
                for (output, value) in zip(table.outputs, values) { known[output.name] = value }
            case .rules(let deciding):
                outcome.winners[table.name] = deciding.map { table.rules[$0].id }
            }
            guard let results = table.outputs(of: decision) else { continue }
            for (output, result) in zip(table.outputs, results) {
                if case .single(let value) = result { known[output.name] = value }
                outcome.outputs[output.name] = result
            }
        }
        return .success(outcome)
    }

    private static func matches(_ condition: Condition, _ value: Value, domain: Domain) -> Bool {
        switch (domain, value) {
        case (.integer, .integer(let number)):
            return condition.intervals!.ranges.contains { $0.contains(number) }
        case (.boolean, .boolean(let flag)):
            return condition.values!.contains(flag ? 1 : 0)
        case (.enumeration(let names), .string(let name)):
            return condition.values!.contains { names[$0] == name }
        default:
            return false
        }
    }
}
