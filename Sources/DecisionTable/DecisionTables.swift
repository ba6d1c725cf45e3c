import Foundation
import Diagnostics
import YAMLLoading

/// The tables of one rules file, checked and compiled: the engine's entry point.
///
/// ```swift
/// let tables = try DecisionTables(contentsOf: URL(filePath: "rules/contact.yaml"))
/// let result = try tables.evaluate(["contact_matches": .integer(2), "kind": .string("call")])
/// print(result.outputs, result.tables.map(\.winners))
/// ```
public struct DecisionTables: Sendable {
    /// The path diagnostics name.
    public let file: String
    /// The tables in evaluation order: each after the tables whose outputs it reads.
    public let tables: [TableDefinition]
    /// The file's title, introduction, source and routing.
    public let header: RulesFileHeader
    let layout: SlotLayout
    let compiled: [CompiledTable]

    /// Loads, checks and compiles a rules file: ``RulesSource`` → ``DecodedRules`` →
    /// ``CheckedRules`` → ``DecisionTables``.
    /// - Parameter url: The file.
    /// - Throws: `DiagnosticsError` with every problem found, each with a position.
    public init(contentsOf url: URL) throws(DiagnosticsError) {
        self = try RulesSource(contentsOf: url).decoded().checked().compiled()
    }

    /// Loads, checks and compiles rules from text.
    /// - Parameters:
    ///   - yaml: The rules file's contents.
    ///   - file: The path to name in diagnostics.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(yaml: String, file: String = "<rules>") throws(DiagnosticsError) {
        self = try RulesSource(yaml: yaml, file: file).decoded().checked().compiled()
    }

    /// Loads, checks and compiles rules from bytes.
    /// - Parameters:
    ///   - bytes: The rules file's contents.
    ///   - file: The path to name in diagnostics.
    ///   - limits: The loader's caps; generated tables may need more than a hand-written file.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(bytes: [UInt8], file: String, limits: YAMLLimits = .rulesFile) throws(DiagnosticsError) {
        self = try RulesSource(bytes: bytes, file: file, limits: limits).decoded().checked().compiled()
    }

    /// Compiles checked rules; only the loader makes ``CheckedRules``, so this cannot fail.
    init(_ checked: CheckedRules) {
        file = checked.file
        tables = checked.tables
        header = checked.header
        let layout = SlotLayout(tables: checked.tables)
        self.layout = layout
        compiled = checked.tables.map { TableCompiler(layout: layout).compile($0) }
    }

    /// The rules these tables were compiled from.
    public var checked: CheckedRules { CheckedRules(file: file, tables: tables, header: header) }

    /// The facts a caller gives, in ``FactVector`` slot order: every input no table produces.
    public var facts: [InputDefinition] { layout.facts }

    /// Every output of every table, in slot order after the facts.
    public var outputs: [OutputDefinition] { layout.outputs }

    /// The slot of a fact or output by name.
    public func slot(named name: String) -> Int? {
        layout.factSlot(name) ?? layout.outputs.firstIndex { $0.name == name }.map { $0 + layout.facts.count }
    }

    /// Decodes an output's value as an ``Evaluator`` holds it (see ``Evaluator/encodedOutput(_:)``).
    public func decode(_ encoded: Int, output: OutputDefinition) -> Value {
        layout.decode(encoded, output: output)
    }

    /// Creates a reusable evaluator for the allocation-free hot path.
    public func makeEvaluator() -> Evaluator { Evaluator(self) }

    /// Evaluates named facts and returns named results.
    /// - Parameter facts: One value per fact in ``facts``.
    /// - Returns: The outputs, and per table the rules that matched and won.
    /// - Throws: ``EvaluationError``: facts missing, unknown or out of domain first, then a
    ///   hit-policy violation or a table that decides nothing.
    public func evaluate(_ facts: [String: Value]) throws(EvaluationError) -> Evaluation {
        let vector = try encode(facts)
        let evaluator = makeEvaluator()
        evaluator.recordsAllMatches = true
        try evaluator.evaluate(vector)
        return Evaluation(self, evaluator)
    }
}
