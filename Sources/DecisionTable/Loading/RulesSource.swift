import Diagnostics
import Foundation
import YAMLLoading

/// The first stage of loading a rules file: its bytes and the path diagnostics name.
///
/// Every consumer of a rules file (evaluation, validation, the diff, scenarios,
/// documentation) goes through the same stages, each a value the next takes:
///
/// ```swift
/// let source = try RulesSource(contentsOf: url)      // read
/// let decoded = source.decoded()                      // parse and decode: tables and diagnostics
/// let checked = try decoded.checked()                 // no errors: tables in evaluation order
/// let tables = checked.compiled()                     // bitset matchers, ready to evaluate
/// ```
public struct RulesSource: Sendable {
    /// The path diagnostics name.
    public let file: String
    /// The file's contents.
    public let bytes: [UInt8]
    /// The loader's caps; generated tables may need more than a hand-written file.
    public let limits: YAMLLimits

    /// Reads a rules file, refusing it before reading when it is over the size cap.
    /// - Throws: `DiagnosticsError` (`unreadable`, `too-large`) at the file's first line.
    public init(contentsOf url: URL, limits: YAMLLimits = .rulesFile) throws(DiagnosticsError) {
        let source = try YAMLSource(contentsOf: url, limits: limits)
        self.init(bytes: source.bytes, file: source.file, limits: limits)
    }

    /// Rules given as text.
    public init(yaml: String, file: String = "<rules>") {
        self.init(bytes: Array(yaml.utf8), file: file)
    }

    /// Rules given as bytes.
    public init(bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
    }

    /// The file's text, for diagnostics' excerpts.
    public var text: String { String(decoding: bytes, as: UTF8.self) }

    /// Parses and decodes the file. Never throws: a file that does not parse is a
    /// ``DecodedRules`` with its diagnostics and no tables.
    public func decoded() -> DecodedRules {
        do {
            let document = try YAMLSource(bytes: bytes, file: file, limits: limits).document()
            let result = RulesFileDecoder().decode(document)
            return DecodedRules(
                source: self, diagnostics: result.diagnostics, cleanTables: result.cleanTables,
                evaluationOrder: result.evaluationOrder, header: result.header)
        } catch {
            return DecodedRules(source: self, parseError: error)
        }
    }
}

/// The second stage: every table of the file with every problem found in it.
public struct DecodedRules: Sendable {
    /// Where the tables come from.
    public let source: RulesSource
    /// Every problem found while parsing and decoding, in the order found.
    public let diagnostics: [Diagnostic]
    /// The tables that decoded without errors, in file order: the validator analyses these
    /// even when other tables of the file have errors.
    public let cleanTables: [TableDefinition]
    /// The tables in evaluation order, when the whole file is free of errors.
    let evaluationOrder: [TableDefinition]?
    /// The file's title, introduction, source and routing, as far as they read.
    public let header: RulesFileHeader
    /// Why the file did not parse, with the sources the parser chose to show (none for a
    /// file over the size cap, whose first line can be most of the file).
    private let parseError: DiagnosticsError?

    /// Creates the stage from a front end's results (the YAML decoder, or another format's).
    package init(
        source: RulesSource, diagnostics: [Diagnostic], cleanTables: [TableDefinition],
        evaluationOrder: [TableDefinition]?, header: RulesFileHeader = RulesFileHeader()
    ) {
        self.source = source
        self.header = header
        self.diagnostics = diagnostics
        self.cleanTables = cleanTables
        self.evaluationOrder = evaluationOrder
        parseError = nil
    }

    fileprivate init(source: RulesSource, parseError: DiagnosticsError) {
        self.source = source
        diagnostics = parseError.diagnostics
        cleanTables = []
        evaluationOrder = nil
        header = RulesFileHeader()
        self.parseError = parseError
    }

    /// The error that carries every diagnostic with the file's text for excerpts.
    public var error: DiagnosticsError {
        parseError ?? DiagnosticsError(diagnostics, sources: [source.file: source.text])
    }

    /// The third stage: the tables, when the file has no errors.
    /// - Throws: `DiagnosticsError` with every problem found, each with a position.
    public func checked() throws(DiagnosticsError) -> CheckedRules {
        guard let evaluationOrder else { throw error }
        return CheckedRules(file: source.file, tables: evaluationOrder, header: header)
    }
}

/// The third stage: tables free of errors, in evaluation order (each after the tables whose
/// outputs it reads). Only the loader makes them, so every invariant the compiler relies on
/// holds (every literal is in its column's domain; every output a rule leaves out has a
/// default).
public struct CheckedRules: Sendable {
    /// The path diagnostics name.
    public let file: String
    /// The tables in evaluation order.
    public let tables: [TableDefinition]
    /// The file's title, introduction, source and routing.
    public let header: RulesFileHeader

    package init(file: String, tables: [TableDefinition], header: RulesFileHeader = RulesFileHeader()) {
        self.file = file
        self.tables = tables
        self.header = header
    }

    /// The last stage: compiled for evaluation.
    public func compiled() -> DecisionTables { DecisionTables(self) }

    /// The checked rules of one table, for running it alone (a scenario that names a table).
    /// - Parameter name: The table's name.
    /// - Returns: nil when no table has that name.
    public func table(named name: String) -> CheckedRules? {
        tables.first { $0.name == name }.map { CheckedRules(file: file, tables: [$0], header: header) }
    }
}
