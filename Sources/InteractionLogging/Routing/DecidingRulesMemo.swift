import DecisionTable

/// The rules that decided a route, per table in evaluation order, memoised: with one winner
/// per table the list depends only on the winners, so each combination met is built once and
/// shared by every route it decides (a batch of a million events meets a few hundred).
struct DecidingRulesMemo {
    typealias Rules = [(table: String, rules: [String])]

    private let tables: DecisionTables
    /// Per table, each rule's id as a one-element list.
    private let ruleLists: [[[String]]]
    /// The lists met so far, keyed by the winners' indices written as one mixed-radix number
    /// (one digit per table, its rule count the base); nil when the rule counts are too large
    /// for a 64-bit key.
    private var byWinners: [UInt64: Rules]?
    /// Combinations kept at most: a bound on memory whatever the rules.
    private static let capacity = 4_096

    init(_ tables: DecisionTables) {
        self.tables = tables
        ruleLists = tables.tables.map { table in table.rules.map { [$0.id] } }
        var radix: UInt64? = 1
        for table in tables.tables {
            radix = radix.flatMap { value in
                let (product, overflow) = value.multipliedReportingOverflow(by: UInt64(max(1, table.rules.count)))
                return overflow ? nil : product
            }
        }
        byWinners = radix == nil ? nil : [:]
    }

    /// The deciding rules of the evaluation `evaluator` has just run.
    mutating func rules(of evaluator: Evaluator) -> Rules {
        var key: UInt64? = byWinners == nil ? nil : 0
        for t in tables.tables.indices {
            guard let partial = key else { break }
            let winners = evaluator.winners(ofTable: t)
            key = winners.count == 1 ? partial &* UInt64(max(1, tables.tables[t].rules.count)) &+ UInt64(winners[0]) : nil
        }
        if let key, let rules = byWinners?[key] { return rules }
        let rules = tables.tables.indices.map { t in
            let winners = evaluator.winners(ofTable: t)
            return (
                table: tables.tables[t].name,
                rules: winners.count == 1 ? ruleLists[t][Int(winners[0])] : winners.map { tables.tables[t].rules[Int($0)].id }
            )
        }
        if let key, let count = byWinners?.count, count < Self.capacity { byWinners?[key] = rules }
        return rules
    }
}
