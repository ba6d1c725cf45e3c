import DecisionTable

/// Random rules files whose number columns use a small set of boundary values, with a free
/// string column, and the cells as written, so that tests can check the engine's coding
/// against the numbers themselves.
public struct RandomNumberTable: Sendable {
    /// The boundary values every number cell uses.
    public static let boundaries = ["0", "1.5", "2", "2.25", "10"]
    /// The strings string cells use.
    public static let strings = ["High", "Low", "Medium"]

    /// A generated cell: items (number tests or strings), maybe under `not`.
    public struct Cell: Sendable {
        public var items: [String]
        public var negated: Bool
        var yaml: String { (negated ? "{not: [" : "[") + items.map { "\"\($0)\"" }.joined(separator: ", ") + (negated ? "]}" : "]") }
    }

    /// The rules file.
    public var yaml: String
    /// Per rule, the cells of `x`, `y` (numbers) and `s` (a string); nil is a wildcard.
    public var rules: [[Cell?]]

    /// A table `t` with inputs `x`, `y` (type number), `s` (type string) and an integer
    /// output `o`, with 1 to 7 rules.
    public init(seed: UInt64, hit: String = "unique") {
        var random = SeededGenerator(seed: seed)
        let ruleCount = Int.random(in: 1...7, using: &random)
        var rules: [[Cell?]] = []
        var yaml = """
            tables:
              - name: t
                hit: \(hit)
                inputs:
                  - { name: x, type: number }
                  - { name: y, type: number }
                  - { name: s, type: string }
                outputs:
                  - { name: o, type: number }
                rules:

            """
        for r in 0..<ruleCount {
            let cells = [Self.cell(&random, number: true), Self.cell(&random, number: true), Self.cell(&random, number: false)]
            rules.append(cells)
            let when = zip(["x", "y", "s"], cells).compactMap { name, cell in cell.map { "\(name): \($0.yaml)" } }
            yaml += "      - { id: r\(r), when: { \(when.joined(separator: ", ")) }, then: { o: \(r).5 } }\n"
        }
        self.yaml = yaml
        self.rules = rules
    }

    /// Each boundary, a number strictly between each pair, and numbers beyond both ends: one
    /// number of every code.
    public static let samples: [DecimalNumber] =
        ["-1", "0", "0.75", "1.5", "1.75", "2", "2.1", "2.25", "5", "10", "10.001"].compactMap { DecimalNumber(exactly: $0) }

    /// Whether a written cell holds a value, read from the cell text with no coding.
    public static func holds(_ cell: Cell?, _ value: Value) -> Bool {
        guard let cell else { return true }
        let hit: Bool
        switch value {
        case .number(let number):
            hit = cell.items.contains { item in (NumberCellSyntax.parse(item) ?? []).contains { $0.contains(number) } }
        case .string(let text):
            hit = cell.items.contains(text)
        default:
            hit = false
        }
        return hit != cell.negated
    }

    private static func numberItem(_ random: inout SeededGenerator) -> String {
        let a = boundaries.randomElement(using: &random) ?? "0"
        let b = boundaries.randomElement(using: &random) ?? "0"
        let (low, high) = (DecimalNumber(exactly: a) ?? DecimalNumber(0)) <= (DecimalNumber(exactly: b) ?? DecimalNumber(0)) ? (a, b) : (b, a)
        switch Int.random(in: 0..<9, using: &random) {
        case 0: return a
        case 1: return ">= \(a)"
        case 2: return "> \(a)"
        case 3: return "<= \(a)"
        case 4: return "< \(a)"
        case 5: return "!= \(a)"
        case 6: return "[\(low)..\(high)]"
        case 7: return low == high ? "[\(low)..\(high)]" : "(\(low)..\(high)]"
        default: return low == high ? "[\(low)..\(high)]" : "]\(low)..\(high)["
        }
    }

    private static func cell(_ random: inout SeededGenerator, number: Bool) -> Cell? {
        guard Int.random(in: 0..<4, using: &random) > 0 else { return nil }
        let count = Int.random(in: 1...2, using: &random)
        let items = (0..<count).map { _ in number ? numberItem(&random) : strings.randomElement(using: &random) ?? "High" }
        let cell = Cell(items: items, negated: Int.random(in: 0..<5, using: &random) == 0)
        // A cell that holds no number at all is an error the loader reports; the samples hold
        // a number of every code, so checking them finds it.
        if number, !samples.contains(where: { holds(cell, .number($0)) }) { return nil }
        return cell
    }
}
