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
    /// Every matching rule, by decreasing priority of their outputs (as ``priority`` ranks
    /// them), ties in file order.
    case outputOrder

    /// How `collect` folds integer outputs.
    public enum Aggregation: String, Hashable, Sendable, CaseIterable {
        case sum, min, max, count

        /// Folds the matched rules' values of one output, exactly: integers stay integers,
        /// numbers are summed as decimals; `count` counts the values.
        public func fold(_ values: [Value]) -> Value {
            if self == .count { return .integer(values.count) }
            if values.contains(where: { if case .number = $0 { true } else { false } }) {
                let numbers = values.compactMap(\.decimalNumber)
                switch self {
                case .sum: return .number(numbers.reduce(DecimalNumber(0), +))
                case .min: return .number(numbers.min() ?? DecimalNumber(0))
                default: return .number(numbers.max() ?? DecimalNumber(0))
                }
            }
            let integers = values.map { if case .integer(let n) = $0 { n } else { 0 } }
            switch self {
            case .sum: return .integer(integers.reduce(0, &+))
            case .min: return .integer(integers.min() ?? 0)
            default: return .integer(integers.max() ?? 0)
            }
        }
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
        case .outputOrder: "output-order"
        }
    }

    /// Whether the table yields lists of values rather than one value per output.
    public var yieldsLists: Bool {
        switch self {
        case .collect(nil), .ruleOrder, .outputOrder: true
        default: false
        }
    }
}
