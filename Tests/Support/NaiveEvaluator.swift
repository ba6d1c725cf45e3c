import DecisionTable

/// The reference the compiled evaluator is proved against: a straightforward scan over every
/// rule and every cell, on named values, with the hit policies written out as the DMN 1.3
/// text states them. Slow on purpose; it shares no code with the bitset matcher.
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
            let matching = table.rules.filter { rule in
                zip(table.inputs, rule.conditions).allSatisfy { input, condition in
                    matches(condition, known[input.name]!, domain: input.domain)
                }
            }
            let values = { (rule: RuleDefinition) in
                zip(table.outputs, rule.outputs).map { output, value in value ?? output.defaultValue! }
            }
            var winners: [RuleDefinition]
            switch table.hitPolicy {
            case .unique:
                if matching.count > 1 { return .failure(.multipleMatches(table: table.name, rules: matching.map(\.id))) }
                winners = matching
            case .any:
                if Set(matching.map(values)).count > 1 {
                    return .failure(.conflictingMatches(table: table.name, rules: matching.map(\.id)))
                }
                winners = Array(matching.prefix(1))
            case .first:
                winners = Array(matching.prefix(1))
            case .priority:
                winners = matching.min(by: { a, b in
                    priority(values(a), table).lexicographicallyPrecedes(priority(values(b), table))
                })
                    .map { [$0] } ?? []
            case .collect, .ruleOrder:
                winners = matching
            }
            outcome.winners[table.name] = winners.map(\.id)
            if winners.isEmpty {
                guard table.outputs.allSatisfy({ $0.defaultValue != nil }) else {
                    return .failure(.noMatch(table: table.name))
                }
                for output in table.outputs {
                    let value = output.defaultValue!
                    known[output.name] = value
                    outcome.outputs[output.name] = table.hitPolicy.yieldsLists ? .list([value]) : .single(value)
                }
                continue
            }
            for (o, output) in table.outputs.enumerated() {
                let column = winners.map { values($0)[o] }
                let result: OutputValue
                switch table.hitPolicy {
                case .collect(nil), .ruleOrder:
                    result = .list(column)
                case .collect(.sum?):
                    result = .single(.integer(column.reduce(0) { $0 &+ integer($1) }))
                case .collect(.min?):
                    result = .single(.integer(column.map(integer).min()!))
                case .collect(.max?):
                    result = .single(.integer(column.map(integer).max()!))
                case .collect(.count?):
                    result = .single(.integer(column.count))
                default:
                    result = .single(column[0])
                }
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

    /// A rule's priority key: the position of each enum output's value in its `values`.
    private static func priority(_ values: [Value], _ table: TableDefinition) -> [Int] {
        zip(table.outputs, values).compactMap { output, value in
            guard case .enumeration(let names) = output.type, case .string(let name) = value else { return nil }
            return names.firstIndex(of: name)!
        }
    }

    private static func integer(_ value: Value) -> Int {
        if case .integer(let number) = value { return number }
        return 0
    }
}
