import DecisionTable
import DecisionTableDMN
import DecisionTableReports
import Diagnostics
import Foundation

/// The one place the command line reads a rules file: YAML, or DMN for a `.dmn` file. Both
/// reach the engine's pipeline at the same stage (``DecodedRules``).
enum RulesFile {
    /// Whether a path names a DMN model.
    static func isDMN(_ path: String) -> Bool {
        URL(filePath: path).pathExtension.lowercased() == "dmn"
    }

    /// Reads a DMN model, throwing its diagnostics when it has errors.
    static func dmn(_ path: String) throws(DiagnosticsError) -> DMNModel {
        let model = DMNReader.read(contentsOf: path)
        if model.hasErrors { throw model.decoded.error }
        return model
    }

    /// The checked tables of a rules file, in evaluation order.
    static func tables(_ path: String) throws(DiagnosticsError) -> [TableDefinition] {
        if isDMN(path) { return try dmn(path).decoded.checked().tables }
        return try SemanticDiff.tables(contentsOf: URL(filePath: path))
    }

    /// The compiled tables of a rules file.
    @Sendable static func decisionTables(_ path: String) throws(DiagnosticsError) -> DecisionTables {
        if isDMN(path) { return try dmn(path).decoded.checked().compiled() }
        return try DecisionTables(contentsOf: URL(filePath: path))
    }

    /// The validator's findings on a rules file: for a DMN model, its reading problems, then
    /// the analysis of every table that read cleanly.
    static func validate(_ path: String, budget: AnalysisBudget) -> ValidationReport {
        guard isDMN(path) else { return Validator.validate(contentsOf: URL(filePath: path), budget: budget) }
        return Validator.validate(DMNReader.read(contentsOf: path).decoded, budget: budget)
    }
}
