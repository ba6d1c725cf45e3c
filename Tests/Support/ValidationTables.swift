import YAMLLoading
import DecisionTable
import Diagnostics

/// Seeded tables for the validation benchmarks in `Benchmarks/`: realistic tables with a
/// few deliberate gaps and overlaps, the same text on every run and every machine.
///
/// A real decision table is usually a decision tree written out flat: the input space is
/// split on one input, each part split again on another, and each final part becomes a rule.
/// The generator does exactly that. Starting from the whole domain it splits the current box
/// on a random input into 2 to 4 parts (an enum input into groups of values, an integer input
/// into 2 or 3 intervals), sharing the rule budget among the parts, until each part has a
/// budget of one rule; each part left is a rule. The rules are then shuffled, a few of them
/// dropped (each leaves a gap) and a few copied with one constrained cell widened to a
/// wildcard (each copy overlaps the rule it copies and that rule's neighbours). Without the
/// dropped and copied rules, the rules would tile the space exactly.
///
/// Cells are written as a single value, a list, a range `"a..b"`, or left out when the cell
/// is the input's whole domain. Every rule has one integer output `o`, its position.
public enum ValidationTables {
    /// An input column of a generated table.
    public enum Column: Sendable, Hashable {
        /// An enum of `count` values, `v0` … `v<count-1>`.
        case enumeration(count: Int)
        /// An integer declared `min: <lower>, max: <upper>`.
        case integer(ClosedRange<Int>)
    }

    /// The published benchmark's shape (Calvanese et al., IS 2018): 15 inputs, five enums of
    /// 4 to 16 values (`c0` … `c4`) then ten integers `0...999` (`c5` … `c14`).
    public static func publishedColumns(seed: UInt64) -> [Column] {
        var random = SeededGenerator(seed: seed ^ 0xC01_5EED)
        return (0..<15).map { c in c < 5 ? .enumeration(count: Int.random(in: 4...16, using: &random)) : .integer(0...999) }
    }

    /// The benchmarks' shape: 15 inputs, every third (`c2`, `c5`, …) an integer `0...999`,
    /// the other ten enums of 4 to 16 values (drawn from `seed`).
    public static func standardColumns(seed: UInt64) -> [Column] {
        columns(count: 15, enumValues: 4...16, integerBounds: 0...999, seed: seed)
    }

    /// `count` inputs, every third (`c2`, `c5`, …) an integer within `integerBounds`, the
    /// others enums of a number of values drawn from `enumValues`.
    public static func columns(
        count: Int, enumValues: ClosedRange<Int>, integerBounds: ClosedRange<Int>, seed: UInt64
    ) -> [Column] {
        precondition(enumValues.lowerBound >= 2, "an enum input to split has at least 2 values")
        var random = SeededGenerator(seed: seed ^ 0xC01_5EED)
        return (0..<count).map { c in
            c % 3 == 2 ? .integer(integerBounds) : .enumeration(count: Int.random(in: enumValues, using: &random))
        }
    }

    /// A table of about `ruleCount` rules over `columns`, as the text of a rules file.
    ///
    /// The tree gives exactly `ruleCount` leaves unless the domain runs out of points to split
    /// (small domains); `gaps` of the leaves are then dropped and `overlaps` widened copies
    /// appended, so the table has `ruleCount - gaps + overlaps` rules. The hit policy changes
    /// only the `hit:` line: the same seed gives the same rules under every policy.
    /// - Parameters:
    ///   - ruleCount: The number of leaves of the tree; at least `gaps + overlaps + 1`.
    ///   - columns: The inputs, named `c0`, `c1`, … in order.
    ///   - hitPolicy: The table's hit policy.
    ///   - gaps: How many leaves to drop.
    ///   - overlaps: How many rules to copy with one cell widened.
    ///   - widened: How many rules (after the copies) get one constrained cell widened in
    ///     place: an interval stretched past one end, or an enum cell given more values. Each
    ///     then overlaps its neighbours (the published benchmark's recipe: 10 % of the rules).
    ///   - shrunk: How many further rules get one cell narrowed in place, leaving a gap beside.
    ///   - seed: The seed of the ``SeededGenerator`` that draws the splits.
    /// - Returns: YAML for ``load(_:file:)`` (or ``DecisionTables/init(yaml:file:)`` below 32 MiB).
    public static func yaml(
        ruleCount: Int, columns: [Column], hitPolicy: HitPolicy = .unique,
        gaps: Int = 3, overlaps: Int = 3, widened: Int = 0, shrunk: Int = 0, seed: UInt64 = 0x7AB1_E5EE_D
    ) -> String {
        precondition(ruleCount > gaps + overlaps, "too few rules for the gaps and overlaps asked for")
        precondition(!columns.isEmpty && columns.count <= 64, "1 to 64 inputs")
        var random = SeededGenerator(seed: seed)
        var leaves: [[Cell]] = []
        let whole = columns.map(Cell.whole)
        split(whole, budget: ruleCount, columns: columns, random: &random, into: &leaves)
        leaves.shuffle(using: &random)

        var rules = Array(leaves.dropFirst(gaps))
        for k in 0..<min(overlaps, rules.count) {
            // Widen the copy's first constrained cell: it now overlaps its original and the
            // rules beside it.
            var copy = rules[k]
            if let c = copy.indices.first(where: { copy[$0] != whole[$0] }) { copy[c] = whole[c] }
            rules.append(copy)
        }
        // Defects in place, drawn after everything above so that the tables without them
        // stay the same.
        for k in 0..<min(widened + shrunk, rules.count) {
            let constrained = rules[k].indices.filter { rules[k][$0] != whole[$0] }
            guard !constrained.isEmpty else { continue }
            let c = constrained[Int.random(in: 0..<constrained.count, using: &random)]
            rules[k][c] =
                k < widened
                ? rules[k][c].widened(within: whole[c], random: &random)
                : rules[k][c].shrunk(random: &random)
        }

        return render(
            rules, outputs: Array(rules.indices), columns: columns, hitPolicy: hitPolicy,
            comment: "ValidationTables.yaml(ruleCount: \(ruleCount), gaps: \(gaps), overlaps: \(overlaps), seed: \(seed))")
    }

    /// Rules as the text of a one-table rules file named `generated`: inputs `c0`, `c1`, …, one
    /// integer output `o`, rule `r<k>` with output `outputs[k]`; a cell that is the input's
    /// whole domain is left out.
    static func render(
        _ rules: [[Cell]], outputs: [Int], columns: [Column], hitPolicy: HitPolicy, comment: String
    ) -> String {
        var yaml = """
            # Generated by \(comment).
            tables:
              - name: generated
                hit: \(hitPolicy)
                inputs:

            """
        for (c, column) in columns.enumerated() {
            switch column {
            case .enumeration(let count):
                let values = (0..<count).map { "v\($0)" }.joined(separator: ", ")
                yaml += "      - { name: c\(c), values: [\(values)] }\n"
            case .integer(let bounds):
                yaml += "      - { name: c\(c), type: integer, min: \(bounds.lowerBound), max: \(bounds.upperBound) }\n"
            }
        }
        yaml += """
                outputs:
                  - { name: o, type: integer }
                rules:

            """
        let whole = columns.map(Cell.whole)
        for (r, rule) in rules.enumerated() {
            let cells = rule.indices.compactMap { c -> String? in
                rule[c] == whole[c] ? nil : "c\(c): \(rule[c].text)"
            }
            yaml += "      - { id: r\(r), when: { \(cells.joined(separator: ", ")) }, then: { o: \(outputs[r]) } }\n"
        }
        return yaml
    }

    /// Loads a generated file, with the size and depth caps raised for its size (100,000 rules
    /// of 15 inputs take about 20 MB, and larger tables past a rules file's 32 MiB).
    /// - Throws: ``DiagnosticsError`` when the text does not load, a generator bug.
    public static func load(_ yaml: String, file: String = "generated.yaml") throws(DiagnosticsError) -> DecisionTables {
        let bytes = Array(yaml.utf8)
        return try DecisionTables(
            bytes: bytes, file: file,
            limits: YAMLLimits(maximumBytes: max(bytes.count, 32 << 20), maximumDepth: 64))
    }

    // MARK: The tree

    /// One cell of a box: enum value indices, ascending, or an interval.
    enum Cell: Hashable {
        case values([Int])
        case interval(ClosedRange<Int>)

        /// Every value of the column.
        static func whole(_ column: Column) -> Cell {
            switch column {
            case .enumeration(let count): .values(Array(0..<count))
            case .integer(let bounds): .interval(bounds)
            }
        }

        var text: String {
            switch self {
            case .values(let values) where values.count == 1: "v\(values[0])"
            case .values(let values): "[" + values.map { "v\($0)" }.joined(separator: ", ") + "]"
            case .interval(let range) where range.count == 1: "\(range.lowerBound)"
            case .interval(let range): "\"\(range.lowerBound)..\(range.upperBound)\""
            }
        }

        /// The cell with more values of `whole`: an interval stretched past one end by up to its
        /// own width, an enum cell with up to two more values.
        func widened(within whole: Cell, random: inout SeededGenerator) -> Cell {
            switch (self, whole) {
            case (.interval(let range), .interval(let bounds)):
                let stretch = Int.random(in: 1...max(1, range.count), using: &random)
                if Bool.random(using: &random), range.lowerBound > bounds.lowerBound {
                    return .interval(max(bounds.lowerBound, range.lowerBound - stretch)...range.upperBound)
                }
                return .interval(range.lowerBound...min(bounds.upperBound, range.upperBound + stretch))
            case (.values(let values), .values(let all)):
                let more = all.filter { !values.contains($0) }.shuffled(using: &random).prefix(Int.random(in: 1...2, using: &random))
                return .values((values + more).sorted())
            default:
                return self
            }
        }

        /// The cell with fewer values, never none: an interval cut short at one end by up to
        /// half its width, an enum cell without one value.
        func shrunk(random: inout SeededGenerator) -> Cell {
            switch self {
            case .interval(let range) where range.count > 1:
                let cut = Int.random(in: 1...max(1, range.count / 2), using: &random)
                return Bool.random(using: &random)
                    ? .interval((range.lowerBound + cut)...range.upperBound)
                    : .interval(range.lowerBound...(range.upperBound - cut))
            case .values(let values) where values.count > 1:
                var fewer = values
                fewer.remove(at: Int.random(in: 0..<values.count, using: &random))
                return .values(fewer)
            default:
                return self
            }
        }

        var canSplit: Bool {
            switch self {
            case .values(let values): values.count > 1
            case .interval(let range): range.lowerBound < range.upperBound
            }
        }
    }

    /// Splits `box` until each part has a budget of one rule, appending the parts to `leaves`.
    /// Recursion is as deep as the tree: about log2 of the budget.
    private static func split(
        _ box: [Cell], budget: Int, columns: [Column], random: inout SeededGenerator, into leaves: inout [[Cell]]
    ) {
        // A random input that can still be split; after 20 misses the box is a rule as it is.
        var chosen: Int?
        for _ in 0..<20 where budget > 1 {
            let c = Int.random(in: 0..<columns.count, using: &random)
            if box[c].canSplit {
                chosen = c
                break
            }
        }
        guard let c = chosen else {
            leaves.append(box)
            return
        }
        var parts: [Cell]
        switch box[c] {
        case .values(let values):
            // Groups of values, dealt round-robin from a shuffled hand.
            let k = min(values.count, Int.random(in: 2...4, using: &random), budget)
            var groups = [[Int]](repeating: [], count: k)
            for (i, value) in values.shuffled(using: &random).enumerated() { groups[i % k].append(value) }
            parts = groups.map { .values($0.sorted()) }
        case .interval(let range):
            // Intervals between k - 1 distinct cut points.
            let k = min(range.count, Int.random(in: 2...3, using: &random), budget)
            var cuts = Set<Int>()
            while cuts.count < k - 1 { cuts.insert(Int.random(in: (range.lowerBound + 1)...range.upperBound, using: &random)) }
            let bounds = [range.lowerBound] + cuts.sorted() + [range.upperBound + 1]
            parts = (0..<k).map { .interval(bounds[$0]...(bounds[$0 + 1] - 1)) }
        }
        for (i, part) in parts.enumerated() {
            var child = box
            child[c] = part
            split(
                child, budget: budget / parts.count + (i < budget % parts.count ? 1 : 0),
                columns: columns, random: &random, into: &leaves)
        }
    }
}
