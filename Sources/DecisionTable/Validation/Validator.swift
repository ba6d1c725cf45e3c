import Foundation
import YAMLLoading

/// The result of validating one rules file.
public struct ValidationReport: Hashable, Sendable {
    /// The path findings name.
    public var file: String
    /// Loader errors first, then each table's findings, in source order.
    public var findings: [Finding]
    /// The file's text, for excerpts.
    public var source: String
    /// The file's title, introduction, source and routing, as far as they read.
    public var header = RulesFileHeader()
    /// The tables in evaluation order when the file loaded without errors, for checks the
    /// engine does not know (an application's contract, see ``RulesFileHeader/routing``).
    public var tables: [TableDefinition]? = nil

    /// Creates a report (front ends other than the YAML loader build their own).
    public init(
        file: String, findings: [Finding], source: String, header: RulesFileHeader = RulesFileHeader(),
        tables: [TableDefinition]? = nil
    ) {
        self.file = file
        self.findings = findings
        self.source = source
        self.header = header
        self.tables = tables
    }

    /// The number of errors.
    public var errorCount: Int { findings.count { $0.diagnostic.severity == .error } }
    /// The number of warnings.
    public var warningCount: Int { findings.count { $0.diagnostic.severity == .warning } }
    /// Whether every analysis ran to the end; false when a budget stopped one (an
    /// `incomplete` finding then says what was proved).
    public var isComplete: Bool { !findings.contains { $0.diagnostic.code == "incomplete" } }
}

/// Proves a rules file's tables decide every combination of inputs exactly as their hit
/// policies promise: gaps, overlaps, shadowed, duplicate and subsumed rules, unused values,
/// and chained values that cannot flow.
public enum Validator {
    /// Validates a rules file on disk.
    /// - Parameters:
    ///   - url: The file.
    ///   - budget: The memory and time the analysis may take (1 GiB and 60 s by default).
    public static func validate(contentsOf url: URL, budget: AnalysisBudget = .standard) -> ValidationReport {
        do {
            return validate(try RulesSource(contentsOf: url), budget: budget)
        } catch {
            let path = url.isFileURL ? url.relativePath : url.path(percentEncoded: false)
            return ValidationReport(file: path, findings: error.diagnostics.map { Finding($0) }, source: "")
        }
    }

    /// Validates rules given as text.
    public static func validate(yaml: String, file: String = "<rules>", budget: AnalysisBudget = .standard) -> ValidationReport {
        validate(RulesSource(yaml: yaml, file: file), budget: budget)
    }

    /// Validates rules given as bytes, within `limits` (a rules file's by default).
    public static func validate(
        bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile,
        budget: AnalysisBudget = .standard
    ) -> ValidationReport {
        validate(RulesSource(bytes: bytes, file: file, limits: limits), budget: budget)
    }

    /// Validates a rules file that has been read.
    public static func validate(_ source: RulesSource, budget: AnalysisBudget = .standard) -> ValidationReport {
        validate(source.decoded(), budget: budget)
    }

    /// Validates decoded rules: their load problems, then the analysis of every table that
    /// decoded without errors.
    public static func validate(_ decoded: DecodedRules, budget: AnalysisBudget = .standard) -> ValidationReport {
        var findings = decoded.diagnostics.map { Finding($0) } + self.findings(for: decoded.cleanTables, budget: budget)
        // Gaps at one place (the table's) keep their order: the largest first.
        findings.sort { a, b in
            (a.diagnostic.location, a.diagnostic.code) != (b.diagnostic.location, b.diagnostic.code)
                ? (a.diagnostic.location, a.diagnostic.code) < (b.diagnostic.location, b.diagnostic.code)
                : (a.share ?? 0) > (b.share ?? 0)
        }
        return ValidationReport(
            file: decoded.source.file, findings: findings, source: decoded.source.text,
            header: decoded.header, tables: decoded.evaluationOrder)
    }

    /// Analyses tables already loaded (for instance by ``DecisionTables``), each taking an
    /// equal share of the time the ones before it left.
    public static func findings(for tables: [TableDefinition], budget: AnalysisBudget = .standard) -> [Finding] {
        let meter = BudgetMeter(budget)
        return tables.enumerated().flatMap { k, table in
            meter.beginTable(table.name, remaining: tables.count - k)
            return TableValidator(table: table, neighbours: tables).findings(meter: meter)
        }
    }
}
