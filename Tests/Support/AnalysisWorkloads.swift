import DecisionTable

/// The tables `validate` and `diff` are measured on, by name: the published benchmark's
/// recipe, random non-tree tables, and shapes that defeat an analysis that follows a table's
/// structure. Shared by the validation and diff benchmarks and the `analysis-workload` tool,
/// which writes them as files for timing the command itself.
public enum AnalysisWorkloads {
    /// One table to validate.
    public struct Table: Sendable {
        /// A file name without extension: `tree-10000x15-unique`, `int20-25`, ….
        public let name: String
        /// What the table is, in a few words.
        public let summary: String
        /// The rules file's text (built when asked: the largest takes a few seconds).
        public let yaml: @Sendable () -> String
    }

    /// The published recipe (Calvanese et al., IS 2018): a decision tree over 5 enum and 10
    /// integer inputs, flattened into `rules` rules, 10 % of them widened and 10 % shrunk in
    /// place (overlaps and gaps), no rule dropped or copied.
    public static func tree(_ rules: Int, _ policy: HitPolicy) -> Table {
        Table(name: "tree-\(rules)x15-\(policy)", summary: "decision tree, \(rules) rules x 15 inputs, 10 % widened, 10 % shrunk, \(policy)") {
            ValidationTables.yaml(
                ruleCount: rules, columns: ValidationTables.publishedColumns(seed: 1), hitPolicy: policy,
                gaps: 0, overlaps: 0, widened: rules / 10, shrunk: rules / 10)
        }
    }

    /// Random boxes over `inputs` inputs (every third an integer `0...999`, the others enums
    /// of 4 to 16 values), each constraining 2 to 6 inputs.
    public static func random(_ rules: Int, inputs: Int, _ policy: HitPolicy) -> Table {
        Table(name: "random-\(rules)x\(inputs)-\(policy)", summary: "random boxes, \(rules) rules x \(inputs) inputs, \(policy)") {
            RandomBoxTables.yaml(ruleCount: rules, columns: randomColumns(inputs), constrained: 2...6, hitPolicy: policy, seed: 11)
        }
    }

    static func randomColumns(_ inputs: Int) -> [ValidationTables.Column] {
        ValidationTables.columns(count: inputs, enumValues: 4...16, integerBounds: 0...999, seed: 3)
    }

    /// The hostile shapes: small files whose gaps are a vast number of disjoint boxes.
    public static let hostile: [Table] = [
        Table(name: "int20-25", summary: "20 integer inputs, 25 rules each constraining 3") {
            RandomBoxTables.yaml(
                ruleCount: 25, columns: Array(repeating: .integer(0...999), count: 20),
                constrained: 3...3, seed: 20)
        },
        Table(name: "int20-100", summary: "20 integer inputs, 100 rules each constraining 3") {
            RandomBoxTables.yaml(
                ruleCount: 100, columns: Array(repeating: .integer(0...999), count: 20),
                constrained: 3...3, seed: 20)
        },
        Table(name: "enum15x30-200", summary: "15 enum inputs of 30 values, 200 rules of random lists") {
            RandomBoxTables.yaml(
                ruleCount: 200, columns: Array(repeating: .enumeration(count: 30), count: 15),
                constrained: 3...8, seed: 30)
        },
        Table(name: "random-500x15", summary: "random boxes, 500 rules x 15 inputs, unique") {
            RandomBoxTables.yaml(
                ruleCount: 500, columns: ValidationTables.standardColumns(seed: 1),
                constrained: 2...8, seed: 15)
        },
        Table(name: "zen-10000x12-first", summary: "10,000 random rules x 12 inputs (8 enum, 4 integer), first, catch-all") {
            BenchmarkTables.generatedTableYAML(ruleCount: 10_000)
        },
    ]

    /// Every table the tool writes.
    public static var tables: [Table] {
        [tree(1_500, .unique), tree(10_000, .unique), tree(10_000, .first), tree(100_000, .unique)]
            + [500, 2_000, 10_000].flatMap { rules in [10, 15].map { random(rules, inputs: $0, .unique) } }
            + hostile
    }

    /// Two versions of a random 500-rule, 10-input table that differ in four rules.
    public static func diffPair(_ policy: HitPolicy) -> (name: String, old: String, new: String) {
        let (old, new) = RandomBoxTables.versions(
            ruleCount: 500, columns: randomColumns(10), constrained: 2...6,
            hitPolicy: policy, seed: 12)
        return ("diff-random-500x10-\(policy)", old, new)
    }
}
