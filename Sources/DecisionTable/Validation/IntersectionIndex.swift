/// Finds the rules whose boxes may meet a given rule's box, with a tree or bitsets instead of
/// a scan.
///
/// Where the rules' boxes split well (a decision tree flattened into rules), a ``RuleTree``
/// answers, visiting a few rules per query; otherwise (random boxes, which leave most inputs
/// whole) the bitsets below, which read a bit per rule, but 64 rules at a time.
///
/// Every input column keeps, per value (finite columns) or per elementary interval (integer
/// columns), the bitset of rules whose cell reaches it; for integers, as two running unions
/// ("starts at or before", "ends at or after") so that an interval query costs two rows, not
/// one row per value it spans. A query ANDs, word by word, the rows of the rule's cells and
/// stops a word as soon as it empties: in a table of mostly disjoint rules, most words die
/// after a column or two. Integer rows use each cell's hull, and where a column has more
/// elementary intervals than its share of the index's memory allows, runs of neighbouring
/// intervals share a row; so candidates are a superset, which the query confirms exactly.
///
/// An index may hold some of the table's rules only (``init(_:_:rules:maximumBytes:)``), and
/// answers for a box as well as for a rule.
struct IntersectionIndex {
    /// The rules indexed, by bit; nil when every rule is, bit `r` for rule `r`.
    private let members: [Int]?
    private let ruleCount: Int
    private let words: Int
    private var rows: [UInt64] = []
    /// The tree that answers instead of the rows, when its queries visit few enough rules.
    private let tree: RuleTree?

    private enum Column {
        /// Rows per value, starting at `base`; the domain's values, to skip a column a box
        /// holds whole.
        case finite(base: Int, domain: [UInt64])
        /// The first value of each elementary interval (or run of them), and the two running
        /// unions' rows.
        case integer(starts: [Int], startsAtOrBefore: Int, endsAtOrAfter: Int)
    }

    private var columns: [Column] = []
    private let space: AnalysisSpace
    private let cells: FlatCells

    /// The memory the index takes, in bytes.
    var bytes: Int { rows.count * 8 + (tree?.bytes ?? 0) }

    /// How the index answers.
    enum Search {
        /// The tree where its queries visit few enough rules, otherwise bitsets.
        case automatic
        case tree
        case bitsets
    }

    /// - Parameters:
    ///   - rules: The rules to index, ascending; every rule of the table when nil.
    ///   - maximumBytes: About the most the integer columns' rows may take together (each
    ///     column an equal share); a column with more elementary intervals than its share
    ///     holds gets one row per run of neighbouring intervals.
    ///   - search: How to answer; the choice is made from the rules by default.
    init(_ space: AnalysisSpace, _ cells: FlatCells, rules: [Int]? = nil, maximumBytes: Int, search: Search = .automatic) {
        self.space = space
        self.cells = cells
        members = rules
        let indexed = rules ?? Array(space.rules.indices)
        ruleCount = indexed.count
        words = max(1, (ruleCount + 63) / 64)
        switch search {
        case .automatic:
            let built = RuleTree(cells, members: indexed)
            tree = built.expectedVisits * Self.visitCost < Double(words) ? built : nil
        case .tree: tree = RuleTree(cells, members: indexed)
        case .bitsets: tree = nil
        }
        guard tree == nil else { return }
        let integerColumns = space.domain.count { if case .integers = $0 { true } else { false } }
        let mostIntervals = max(1, maximumBytes / max(1, integerColumns) / (words * 16))
        for (c, domain) in space.domain.enumerated() {
            switch domain {
            case .values(let all):
                let base = rows.count
                let count = all.words.count * 64
                rows += [UInt64](repeating: 0, count: count * words)
                for (r, rule) in indexed.enumerated() {
                    guard case .values(let cell) = space.rules[rule][c] else { continue }
                    for value in cell.values { rows[base + value * words + r >> 6] |= 1 << UInt64(r & 63) }
                }
                columns.append(.finite(base: base, domain: all.words))
            case .integers:
                let sets = indexed.map { rule -> IntervalSet in
                    if case .integers(let set) = space.rules[rule][c] { return set }
                    return .empty
                }
                var starts = TableCompiler.elementaryStarts(sets)
                if starts.count > mostIntervals {
                    let run = (starts.count + mostIntervals - 1) / mostIntervals
                    starts = stride(from: 0, to: starts.count, by: run).map { starts[$0] }
                }
                var firsts = [[Int]](repeating: [], count: starts.count)
                var lasts = [[Int]](repeating: [], count: starts.count)
                for (r, set) in sets.enumerated() {
                    guard let low = set.ranges.first?.lowerBound, let high = set.ranges.last?.upperBound else { continue }
                    firsts[Self.interval(of: low, in: starts)].append(r)
                    lasts[Self.interval(of: high, in: starts)].append(r)
                }
                let before = rows.count
                var running = [UInt64](repeating: 0, count: words)
                for i in starts.indices {
                    for r in firsts[i] { running[r >> 6] |= 1 << UInt64(r & 63) }
                    rows += running
                }
                let after = rows.count
                rows += [UInt64](repeating: 0, count: starts.count * words)
                running = [UInt64](repeating: 0, count: words)
                for i in starts.indices.reversed() {
                    for r in lasts[i] { running[r >> 6] |= 1 << UInt64(r & 63) }
                    for w in 0..<words { rows[after + i * words + w] = running[w] }
                }
                columns.append(.integer(starts: starts, startsAtOrBefore: before, endsAtOrAfter: after))
            }
        }
    }

    /// How many bitset words cost about as much as a rule visited in the tree: measured on the
    /// published benchmark's decision tree of 10,000 rules, whose queries visit 117 rules on
    /// average against 157 words of bitsets, and take about the same time either way.
    private static let visitCost = 2.0

    /// The elementary interval holding `value`: the last start not above it.
    private static func interval(of value: Int, in starts: [Int]) -> Int {
        var low = 0
        var high = starts.count
        while high - low > 1 {
            let mid = (low + high) / 2
            if starts[mid] <= value { low = mid } else { high = mid }
        }
        return low
    }

    /// The rules whose boxes meet rule `r`'s box, `r` excluded, ascending. Exact: bitset
    /// candidates are confirmed cell by cell.
    /// - Parameter limit: Only rules below it (in an index of every rule).
    func rulesMeeting(_ r: Int, below limit: Int = .max) -> [Int] {
        if let tree {
            var result: [Int] = []
            let simple = cells.hasSimpleIntegerCells(r)
            tree.forEachCandidate(meeting: tree.query(rule: r), below: limit) { other, exact in
                if other != r, (simple && exact) || cells.meet(other, r) { result.append(other) }
            }
            return result.sorted()
        }
        // Each constrained column of `r` becomes a list of row offsets to OR (finite), or a
        // pair of rows to AND (integer hull).
        var ors: [[Int]] = []
        var ands: [(Int, Int)] = []
        for (c, column) in columns.enumerated() {
            let cell = space.rules[r][c]
            if cell == space.domain[c] { continue }
            switch (column, cell) {
            case (.finite(let base, _), .values(let bits)):
                ors.append(bits.values.map { base + $0 * words })
            case (.integer(let starts, let before, let after), .integers(let set)):
                guard let low = set.ranges.first?.lowerBound, let high = set.ranges.last?.upperBound else { return [] }
                ands.append(Self.rows(low, high, starts, before, after, words))
            default:
                continue
            }
        }
        return candidates(ors, ands, below: min(limit, ruleCount)) { other in other != r && cells.meet(other, r) }
    }

    /// Rule `r`'s neighbours below it (``rulesMeeting(_:below:)``), also written into
    /// `lists`: as `r`'s list, and `r` appended to each of theirs. Called for rules in
    /// ascending order, it finds each pair of meeting rules once, from its later rule, and
    /// leaves every rule's list whole and ascending.
    func recordNeighbours(of r: Int, in lists: inout [[Int]]) -> [Int] {
        let earlier = rulesMeeting(r, below: r)
        lists[r] = earlier
        for a in earlier { lists[a].append(r) }
        return earlier
    }

    /// The indexed rules whose boxes meet `region`, ascending. Exact, as ``rulesMeeting(_:below:)``.
    func rules(meeting region: Region) -> [Int] {
        if let tree {
            var result: [Int] = []
            tree.forEachCandidate(meeting: region) { other, exact in
                if exact || cells.meets(other, region) { result.append(other) }
            }
            return result.sorted()
        }
        var ors: [[Int]] = []
        var ands: [(Int, Int)] = []
        for (c, column) in columns.enumerated() {
            switch column {
            case .finite(let base, let domain):
                var values: [Int] = []
                var all = true
                for w in 0..<cells.wordCount[c] {
                    var word = region.bits[cells.wordOffset[c] + w]
                    if word != (w < domain.count ? domain[w] : 0) { all = false }
                    while word != 0 {
                        values.append(w << 6 | word.trailingZeroBitCount)
                        word &= word - 1
                    }
                }
                if !all { ors.append(values.map { base + $0 * words }) }
            case .integer(let starts, let before, let after):
                ands.append(Self.rows(region.low[c], region.high[c], starts, before, after, words))
            }
        }
        return candidates(ors, ands, below: ruleCount) { cells.meets($0, region) }
    }

    /// The rows to AND for an integer column asked about `low...high`: the rules starting at or
    /// before `high`, and those ending at or after `low`.
    private static func rows(_ low: Int, _ high: Int, _ starts: [Int], _ before: Int, _ after: Int, _ words: Int) -> (Int, Int) {
        (before + interval(of: high, in: starts) * words, after + interval(of: low, in: starts) * words)
    }

    /// The rules (by table index) whose bits survive the ANDed rows and ORed row lists, among
    /// the first `limit` bits, that `confirm` accepts.
    private func candidates(_ ors: [[Int]], _ ands: [(Int, Int)], below limit: Int, confirm: (Int) -> Bool) -> [Int] {
        var result: [Int] = []
        let limitWords = (limit + 63) / 64
        rows.withUnsafeBufferPointer { rows in
            for w in 0..<limitWords {
                var word: UInt64 = w == limitWords - 1 && limit & 63 != 0 ? (1 << UInt64(limit & 63)) - 1 : ~0
                for (before, after) in ands where word != 0 { word &= rows[before + w] & rows[after + w] }
                for offsets in ors where word != 0 {
                    var any: UInt64 = 0
                    for offset in offsets { any |= rows[offset + w] }
                    word &= any
                }
                while word != 0 {
                    let bit = w << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    let rule = members?[bit] ?? bit
                    if confirm(rule) { result.append(rule) }
                }
            }
        }
        return result
    }
}
