/// Why an evaluation produced no result.
public enum EvaluationError: Error, Hashable, Sendable, CustomStringConvertible {
    /// Facts were missing, unknown, or outside their domain; one problem per fact.
    case invalidFacts([FactProblem])
    /// A `unique` table matched more than one rule.
    case multipleMatches(table: String, rules: [String])
    /// An `any` table matched rules whose outputs differ.
    case conflictingMatches(table: String, rules: [String])
    /// No rule matched and the table's outputs have no defaults.
    case noMatch(table: String, facts: [NamedValue])
    /// A chained integer input received a value outside its declared range.
    case chainedValueOutOfRange(table: String, input: String, value: Int)

    /// One sentence for a person.
    public var description: String {
        switch self {
        case .invalidFacts(let problems):
            problems.map(\.message).joined(separator: "; ")
        case .multipleMatches(let table, let rules):
            HitPolicyConflict.message(.multipleMatches, table: table, ids: rules)
        case .conflictingMatches(let table, let rules):
            HitPolicyConflict.message(.disagreeingOutputs, table: table, ids: rules)
        case .noMatch(let table, let facts):
            "no rule of table '\(table)' matches "
                + facts.map { "\($0.name) = \($0.value)" }.joined(separator: ", ")
                + " and its outputs have no default"
        case .chainedValueOutOfRange(let table, let input, let value):
            "table '\(table)' reads \(input) = \(value), outside the input's declared range"
        }
    }
}

/// What is wrong with one fact.
public struct FactProblem: Hashable, Sendable {
    /// The fact's name.
    public var name: String
    /// What is wrong and what was expected.
    public var message: String

    /// Creates a problem report.
    public init(name: String, message: String) {
        self.name = name
        self.message = message
    }
}

/// A name and a value, in the order a table declares them.
public struct NamedValue: Hashable, Sendable {
    public var name: String
    public var value: Value

    /// Creates a pair.
    public init(name: String, value: Value) {
        self.name = name
        self.value = value
    }
}
