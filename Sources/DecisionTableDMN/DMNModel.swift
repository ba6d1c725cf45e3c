import DecisionTable
import Diagnostics

/// A DMN file read into the engine's tables, with what is needed to give results back in
/// DMN's shape.
public struct DMNModel: Sendable {
    /// The path diagnostics name.
    public var file: String
    /// The file's text, for excerpts.
    public var source: String
    /// Every decision table that read without errors, in evaluation order.
    public var tables: [TableDefinition]
    /// One entry per decision whose table read, in evaluation order.
    public var decisions: [DMNDecision]
    /// Every problem found, with its position in the XML.
    public var diagnostics: [Diagnostic]

    /// Whether the model has errors (the tables then hold only the clean ones).
    public var hasErrors: Bool { diagnostics.contains { $0.severity == .error } }
}

/// One decision whose logic is a decision table.
public struct DMNDecision: Hashable, Sendable {
    /// The decision's name, under which results are reported.
    public var name: String
    /// The engine table's name (the decision's name).
    public var table: String
    /// Per output: the DMN output name (nil for a single output without one) and the
    /// engine's output name.
    public var outputs: [(dmnName: String?, slot: String)]
    /// Whether the decision's value is a single value rather than a context of components.
    public var isSingleOutput: Bool { outputs.count == 1 }

    public static func == (a: DMNDecision, b: DMNDecision) -> Bool {
        a.name == b.name && a.table == b.table && a.outputs.map(\.slot) == b.outputs.map(\.slot)
            && a.outputs.map(\.dmnName) == b.outputs.map(\.dmnName)
    }

    public func hash(into hasher: inout Hasher) {
        hasher.combine(name)
        hasher.combine(outputs.map(\.slot))
    }
}

extension DMNModel {
    /// The model as the engine's loading pipeline takes it: the same stage a YAML rules file
    /// reaches after decoding, so that validation, the diff and evaluation treat both alike.
    public var decoded: DecodedRules {
        DecodedRules(
            source: RulesSource(bytes: Array(source.utf8), file: file), diagnostics: diagnostics,
            cleanTables: tables, evaluationOrder: hasErrors ? nil : tables)
    }
}
