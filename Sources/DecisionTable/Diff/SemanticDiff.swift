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
    public static func diff(old: DecisionTables, new: DecisionTables) -> RulesDiff {
        diff(old: old.tables, new: new.tables)
    }

    /// The same, from table definitions.
    public static func diff(old: [TableDefinition], new: [TableDefinition]) -> RulesDiff {
        var changes: [OutcomeChange] = []
        var structural: [StructuralChange] = []
        for table in old where !new.contains(where: { $0.name == table.name }) {
            structural.append(StructuralChange(table: table.name, kind: "table-removed", message: "table '\(table.name)' is removed"))
        }
        for table in new {
            guard let before = old.first(where: { $0.name == table.name }) else {
                structural.append(StructuralChange(table: table.name, kind: "table-added", message: "table '\(table.name)' is added"))
                continue
            }
            var diff = TableDiff(old: before, new: table)
            changes += diff.run()
            structural += diff.structural
            if ChainDiff.isChained(before) || ChainDiff.isChained(table) {
                var chained = ChainDiff(table: table.name, old: old, new: new)
                changes += chained.run()
            }
        }
        return RulesDiff(changes: changes, structural: structural)
    }
}
