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

    /// The number of errors.
    public var errorCount: Int { findings.count { $0.diagnostic.severity == .error } }
    /// The number of warnings.
    public var warningCount: Int { findings.count { $0.diagnostic.severity == .warning } }
}

/// Proves a rules file's tables decide every combination of inputs exactly as their hit
/// policies promise: gaps, overlaps, shadowed, duplicate and subsumed rules, unused values,
/// and chained values that cannot flow.
public enum Validator {
    /// Validates a rules file on disk.
    public static func validate(contentsOf url: URL) -> ValidationReport {
        do {
            return validate(try RulesSource(contentsOf: url))
        } catch {
            let path = url.isFileURL ? url.relativePath : url.path(percentEncoded: false)
            return ValidationReport(file: path, findings: error.diagnostics.map { Finding($0) }, source: "")
        }
    }

    /// Validates rules given as text.
    public static func validate(yaml: String, file: String = "<rules>") -> ValidationReport {
        validate(RulesSource(yaml: yaml, file: file))
    }

    /// Validates rules given as bytes, within `limits` (a rules file's by default).
    public static func validate(bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile) -> ValidationReport {
        validate(RulesSource(bytes: bytes, file: file, limits: limits))
    }

    /// Validates a rules file that has been read.
    public static func validate(_ source: RulesSource) -> ValidationReport {
        validate(source.decoded())
    }

    /// Validates decoded rules: their load problems, then the analysis of every table that
    /// decoded without errors.
    public static func validate(_ decoded: DecodedRules) -> ValidationReport {
        var findings = decoded.diagnostics.map { Finding($0) }
        for table in decoded.cleanTables {
            findings += TableValidator(table: table, neighbours: decoded.cleanTables).findings()
        }
        findings.sort { ($0.diagnostic.location, $0.diagnostic.code) < ($1.diagnostic.location, $1.diagnostic.code) }
        return ValidationReport(file: decoded.source.file, findings: findings, source: decoded.source.text)
    }

    /// Analyses tables already loaded (for instance by ``DecisionTables``).
    public static func findings(for tables: [TableDefinition]) -> [Finding] {
        tables.flatMap { TableValidator(table: $0, neighbours: tables).findings() }
    }
}
