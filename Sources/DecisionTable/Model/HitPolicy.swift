/// How a table turns its matching rules into a result, as in DMN 1.3.
public enum HitPolicy: Hashable, Sendable, CustomStringConvertible {
    /// Exactly one rule may match; more is an error naming the rules.
    case unique
    /// The first matching rule in file order wins.
    case first
    /// The matching rule whose outputs come first in their declared `values` wins.
    case priority
    /// Any number of rules may match if their outputs agree; the first of them is reported.
    case any
    /// Every matching rule, in file order, optionally aggregated into one integer per output.
    case collect(Aggregation?)
    /// Every matching rule, in file order.
    case ruleOrder

    /// How `collect` folds integer outputs.
    public enum Aggregation: String, Hashable, Sendable, CaseIterable {
        case sum, min, max, count
    }

    /// The spelling in a rules file.
    public var description: String {
        switch self {
        case .unique: "unique"
        case .first: "first"
        case .priority: "priority"
        case .any: "any"
        case .collect(nil): "collect"
        case .collect(let aggregation?): "collect: \(aggregation.rawValue)"
        case .ruleOrder: "rule-order"
        }
    }

    /// Whether the table yields lists of values rather than one value per output.
    public var yieldsLists: Bool {
        switch self {
        case .collect(nil), .ruleOrder: true
        default: false
        }
    }
}
