import DecisionTable

/// Which rules the scenarios reached: a rule is exercised when it decided (won) in at least
/// one scenario, passing or not. Rules files are told apart by path, so scenario files that
/// test the same rules add up.
public struct RuleCoverage: Sendable {
    /// One table of one rules file.
    public struct Table: Sendable {
        /// The rules file's path.
        public var file: String
        public var name: String
        /// Every rule, in file order.
        public var rules: [TableRule]
        /// The ids of the rules some scenario reached.
        public var exercised: Set<String>

        /// The rules no scenario reached, in file order.
        public var unexercised: [TableRule] { rules.filter { !exercised.contains($0.id) } }
    }

    /// Every table of every rules file added, rules files in the order added, tables in file order.
    public private(set) var tables: [Table] = []

    public init() {}

    /// Counts the rules that decided in each result against the rules file they ran on.
    public mutating func add(_ results: [ScenarioResult], of file: ScenarioFile) {
        if !tables.contains(where: { $0.file == file.rules.file }) {
            let definitions = file.rules.tables.sorted { $0.location < $1.location }
            tables += definitions.map { table in
                Table(
                    file: file.rules.file, name: table.name,
                    rules: table.rules.map { TableRule(table: table.name, id: $0.id, location: $0.location) }, exercised: [])
            }
        }
        for result in results {
            for (table, ids) in result.rules {
                guard let index = tables.firstIndex(where: { $0.file == file.rules.file && $0.name == table }) else { continue }
                tables[index].exercised.formUnion(ids)
            }
        }
    }

    /// The rules no scenario reached, by rules file, then table, then rule, in file order.
    public var unexercised: [TableRule] { tables.flatMap(\.unexercised) }

    /// How many rules there are, and how many some scenario reached.
    public var ruleCount: Int { tables.reduce(0) { $0 + $1.rules.count } }
    public var exercisedCount: Int { tables.reduce(0) { $0 + $1.rules.count - $1.unexercised.count } }
}
