import DecisionTable

/// Seeded tables that are not decision trees: every rule a random box. The shapes where an
/// analysis that follows a table's structure has none to follow, and where gaps and overlaps
/// are everywhere: the validation benchmarks' hostile tables and the brute-force suites'
/// non-tree tables.
public enum RandomBoxTables {
    /// A table of `ruleCount` random rules over `columns`, as the text of a rules file.
    ///
    /// Each rule constrains a number of inputs drawn from `constrained` (the others are
    /// wildcards): an enum input to a random list of 1 to half its values (at least one), an
    /// integer input to a random interval within its bounds. Rule `r<k>` has output `o: k`.
    /// - Parameters:
    ///   - ruleCount: The number of rules.
    ///   - columns: The inputs, named `c0`, `c1`, … in order.
    ///   - constrained: How many inputs each rule constrains (clamped to the number of inputs).
    ///   - hitPolicy: The table's hit policy.
    ///   - catchAll: Whether to append a rule with no conditions (the table then has no gap).
    ///   - seed: The seed of the ``SeededGenerator`` that draws the cells.
    public static func yaml(
        ruleCount: Int, columns: [ValidationTables.Column], constrained: ClosedRange<Int>,
        hitPolicy: HitPolicy = .unique, catchAll: Bool = false, seed: UInt64
    ) -> String {
        var rules = boxes(ruleCount, columns: columns, constrained: constrained, seed: seed)
        if catchAll { rules.append(columns.map(ValidationTables.Cell.whole)) }
        return ValidationTables.render(
            rules, outputs: Array(rules.indices), columns: columns, hitPolicy: hitPolicy,
            comment: "RandomBoxTables.yaml(ruleCount: \(ruleCount), constrained: \(constrained), catchAll: \(catchAll), seed: \(seed))")
    }

    /// Two versions of a random table that differ in four rules: an output changed, a rule
    /// deleted, a rule copied earlier with another output, a cell narrowed.
    /// - Returns: The old and the new file's text.
    public static func versions(
        ruleCount: Int, columns: [ValidationTables.Column], constrained: ClosedRange<Int>,
        hitPolicy: HitPolicy = .unique, seed: UInt64
    ) -> (old: String, new: String) {
        precondition(ruleCount >= 10, "four edits need a few rules")
        let rules = boxes(ruleCount, columns: columns, constrained: constrained, seed: seed)
        let outputs = Array(rules.indices)
        var random = SeededGenerator(seed: seed ^ 0xED17)
        var newRules = rules
        var newOutputs = outputs
        let k = ruleCount / 10
        newOutputs[k] = -1
        if let c = newRules[2 * k].indices.first(where: { newRules[2 * k][$0] != ValidationTables.Cell.whole(columns[$0]) }) {
            newRules[2 * k][c] = newRules[2 * k][c].shrunk(random: &random)
        }
        newRules.remove(at: 5 * k)
        newOutputs.remove(at: 5 * k)
        newRules.insert(rules[7 * k], at: 3 * k)
        newOutputs.insert(-2, at: 3 * k)
        let comment = "RandomBoxTables.versions(ruleCount: \(ruleCount), constrained: \(constrained), seed: \(seed))"
        return (
            ValidationTables.render(rules, outputs: outputs, columns: columns, hitPolicy: hitPolicy, comment: comment),
            ValidationTables.render(newRules, outputs: newOutputs, columns: columns, hitPolicy: hitPolicy, comment: comment)
        )
    }

    private static func boxes(
        _ ruleCount: Int, columns: [ValidationTables.Column], constrained: ClosedRange<Int>, seed: UInt64
    ) -> [[ValidationTables.Cell]] {
        var random = SeededGenerator(seed: seed)
        let whole = columns.map(ValidationTables.Cell.whole)
        return (0..<ruleCount).map { _ in
            var rule = whole
            let count = Int.random(
                in: min(constrained.lowerBound, columns.count)...min(constrained.upperBound, columns.count),
                using: &random)
            for c in Array(columns.indices).shuffled(using: &random).prefix(count) {
                switch columns[c] {
                case .enumeration(let values):
                    let size = Int.random(in: 1...max(1, values / 2), using: &random)
                    rule[c] = .values(Array(0..<values).shuffled(using: &random).prefix(size).sorted())
                case .integer(let bounds):
                    let a = Int.random(in: bounds, using: &random)
                    let b = Int.random(in: bounds, using: &random)
                    rule[c] = .interval(min(a, b)...max(a, b))
                }
            }
            return rule
        }
    }
}
