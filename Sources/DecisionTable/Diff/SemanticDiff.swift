import Foundation
import Diagnostics
import YAMLLoading

/// Compares two versions of a rules file by what they decide.
public enum SemanticDiff {
    /// Loads and checks a rules file as ``DecisionTables/init(contentsOf:)`` does, without
    /// compiling it for evaluation, which the diff does not need.
    /// - Parameter url: The file.
    /// - Returns: The tables in evaluation order.
    /// - Throws: `DiagnosticsError` with every problem found, each with a position.
    public static func tables(contentsOf url: URL) throws(DiagnosticsError) -> [TableDefinition] {
        try RulesSource(contentsOf: url).decoded().checked().tables
    }

    /// The outcome changes of every table present in both versions, and the tables, inputs
    /// and outputs added or removed.
    ///
    /// A table that reads another table's outputs (in either version) is compared twice: over
    /// its own inputs, and by its final outputs over the facts a caller gives, through the
    /// tables it reads (rows named `<table> (final)`; see `ChainDiff`). A change upstream
    /// that changes what the reader finally decides shows there too.
    public static func diff(old: DecisionTables, new: DecisionTables, budget: AnalysisBudget = .standard) -> RulesDiff {
        diff(old: old.tables, new: new.tables, budget: budget)
    }

    /// The same, from table definitions.
    /// - Parameters:
    ///   - old: The tables before the change, in evaluation order.
    ///   - new: The tables after the change, in evaluation order.
    ///   - budget: The memory and time the comparison may take; when it runs out, the
    ///     changes found so far are reported (they are exact) and ``RulesDiff/incomplete`` says
    ///     which comparisons stopped.
    public static func diff(old: [TableDefinition], new: [TableDefinition], budget: AnalysisBudget = .standard) -> RulesDiff {
        let meter = BudgetMeter(budget)
        var incomplete: [String] = []
        let (old, new) = TableDefinition.jointlyCoded(old: old, new: new)
        var changes: [OutcomeChange] = []
        var structural: [StructuralChange] = []
        for table in old where !new.contains(where: { $0.name == table.name }) {
            structural.append(StructuralChange(table: table.name, kind: "table-removed", message: "table '\(table.name)' is removed"))
        }
        for (k, table) in new.enumerated() {
            meter.beginTable(table.name, remaining: new.count - k)
            meter.begin("diff")
            guard let before = old.first(where: { $0.name == table.name }) else {
                structural.append(StructuralChange(table: table.name, kind: "table-added", message: "table '\(table.name)' is added"))
                continue
            }
            let chained = ChainDiff.isChained(before) || ChainDiff.isChained(table)
            if chained { meter.begin("diff", share: 0.5) }
            var diff = TableDiff(old: before, new: table)
            changes += diff.run(meter: meter)
            structural += diff.structural
            if let limit = diff.stopped { incomplete.append(stopped(table.name, limit, meter)) }
            if chained {
                meter.begin("diff of final outputs")
                var chain = ChainDiff(table: table.name, old: old, new: new)
                changes += chain.run(meter: meter)
                if let limit = chain.stopped { incomplete.append(stopped(ChainDiff.label(table.name), limit, meter)) }
            }
        }
        for k in changes.indices {
            changes[k].oldRuleLocations = locations(of: changes[k].oldRules, in: changes[k].table, of: old)
            changes[k].newRuleLocations = locations(of: changes[k].newRules, in: changes[k].table, of: new)
        }
        return RulesDiff(changes: changes, structural: structural, incomplete: incomplete)
    }

    /// Where the rules deciding a region are written: an id names a rule of the region's
    /// table; `table/id` (for final outputs) a rule of the table read on the way.
    private static func locations(of rules: [String], in table: String, of tables: [TableDefinition]) -> [SourceLocation?] {
        let own = table.hasSuffix(ChainDiff.label("")) ? String(table.dropLast(ChainDiff.label("").count)) : table
        return rules.map { rule in
            let parts = rule.split(separator: "/", maxSplits: 1).map(String.init)
            let (name, id) = parts.count == 2 && tables.contains(where: { $0.name == parts[0] }) ? (parts[0], parts[1]) : (own, rule)
            return tables.first { $0.name == name }?.rules.first { $0.id == id }?.location
        }
    }

    private static func stopped(_ table: String, _ limit: BudgetLimit, _ meter: BudgetMeter) -> String {
        "the comparison of table '\(table)' stopped at \(meter.phrase(limit)); the changes listed for it are exact, "
            + "and more may exist"
    }
}
