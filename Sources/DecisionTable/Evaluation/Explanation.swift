import Diagnostics

/// Why each table decided what it did, for people: the facts it read, the rule that won,
/// and for the nearest rules that did not match, the cells that failed.
public struct Explanation: Hashable, Sendable {
    /// One entry per table that ran, in evaluation order; the last one holds the error if any.
    public var tables: [TableExplanation]
    /// The evaluation's error, if it failed.
    public var error: EvaluationError?

    /// Creates an explanation; a caller whose facts could not be encoded gives no tables and
    /// the error.
    public init(tables: [TableExplanation], error: EvaluationError?) {
        self.tables = tables
        self.error = error
    }
}

/// What one table did and why.
public struct TableExplanation: Hashable, Sendable {
    public var name: String
    public var hitPolicy: HitPolicy
    public var location: SourceLocation
    /// The table's inputs with the values it read.
    public var facts: [NamedValue]
    /// The rules that decided.
    public var winners: [RuleReference]
    /// Every rule that matched.
    public var matched: [RuleReference]
    /// The rules that failed on the fewest cells (at most three), with those cells.
    public var nearMisses: [NearMiss]
    /// Whether the defaults applied.
    public var usedDefaults: Bool
    /// The outputs the table produced, or nil when it failed.
    public var outputs: [NamedOutput]?
}

/// A rule's id, where it is written, and why it exists.
public struct RuleReference: Hashable, Sendable {
    public var id: String
    public var location: SourceLocation
    /// The rule's `description`: for people, why it decides as it does.
    public var description: String?
}

/// A rule that did not match, and the cells that stopped it.
public struct NearMiss: Hashable, Sendable {
    public var rule: RuleReference
    public var failedCells: [FailedCell]
}

/// A cell whose condition the fact's value does not meet.
public struct FailedCell: Hashable, Sendable {
    public var input: String
    public var value: Value
    /// The cell as written.
    public var condition: String
    public var location: SourceLocation
}

extension DecisionTables {
    /// Evaluates `facts` and explains each table's decision.
    /// - Throws: ``EvaluationError/invalidFacts(_:)`` when the facts do not fit their domains;
    ///   other evaluation errors are part of the explanation.
    public func explain(_ facts: [String: Value]) throws(EvaluationError) -> Explanation {
        let vector = try encode(facts)
        let evaluator = makeEvaluator()
        evaluator.recordsAllMatches = true
        var failure: EvaluationError?
        do { try evaluator.evaluate(vector) } catch { failure = error }
        let evaluation = failure == nil ? Evaluation(self, evaluator) : nil

        var explained: [TableExplanation] = []
        for (t, table) in tables.enumerated() {
            let values = table.inputs.map { evaluator.encodedOutput(layout.inputSlot($0.name)) }
            let matched = Set(evaluator.matchedRules(ofTable: t))
            let failedHere = failure.map { Self.names(table: table.name, $0) } ?? false
            let reference = { (rule: RuleDefinition) in RuleReference(id: rule.id, location: rule.location, description: rule.description) }
            let misses = table.rules.enumerated().filter { !matched.contains($0.offset) }.map { _, rule in
                NearMiss(
                    rule: reference(rule),
                    failedCells: zip(table.inputs, zip(rule.conditions, values))
                        .filter { !$1.0.matches($1.1) }
                        .map { input, cell in
                            FailedCell(
                                input: input.name, value: SlotLayout.decode(cell.1, domain: input.domain),
                                condition: cell.0.text, location: cell.0.location)
                        })
            }
            let fewest = misses.map(\.failedCells.count).min() ?? 0
            explained.append(
                TableExplanation(
                    name: table.name, hitPolicy: table.hitPolicy, location: table.location,
                    facts: zip(table.inputs, values).map { NamedValue(name: $0.name, value: SlotLayout.decode($1, domain: $0.domain)) },
                    winners: failedHere ? [] : evaluator.winners(ofTable: t).map { reference(table.rules[Int($0)]) },
                    matched: matched.sorted().map { reference(table.rules[$0]) },
                    nearMisses: Array(misses.filter { $0.failedCells.count == fewest }.prefix(3)),
                    usedDefaults: !failedHere && evaluator.usedDefaults(ofTable: t),
                    outputs: failedHere
                        ? nil
                        : evaluation.map { result in
                            table.outputs.map { NamedOutput(name: $0.name, value: result[$0.name]!) }
                        }
                            ?? table.outputs.map { output in
                                NamedOutput(
                                    name: output.name,
                                    value: .single(
                                        layout.decode(
                                            evaluator.encodedOutput(layout.outputSlot(output.name)), output: output)))
                            }))
            if failedHere { break }
        }
        return Explanation(tables: explained, error: failure)
    }

    private static func names(table: String, _ error: EvaluationError) -> Bool {
        switch error {
        case .multipleMatches(let name, _), .conflictingMatches(let name, _), .noMatch(let name, _),
            .chainedValueOutOfRange(let name, _, _):
            name == table
        case .invalidFacts:
            false
        }
    }
}
