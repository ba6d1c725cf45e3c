/// Finds the rules whose boxes may meet a given rule's box, with bitsets instead of a scan.
///
/// Every input column keeps, per value (finite columns) or per elementary interval (integer
/// columns), the bitset of rules whose cell reaches it; for integers, as two running unions
/// ("starts at or before", "ends at or after") so that an interval query costs two rows, not
/// one row per value it spans. A query ANDs, word by word, the rows of the rule's cells and
/// stops a word as soon as it empties: in a table of mostly disjoint rules, most words die
/// after a column or two. Integer rows use each cell's hull, so candidates are a superset;
/// callers confirm each candidate exactly.
struct IntersectionIndex {
    private let ruleCount: Int
    private let words: Int
    private var rows: [UInt64] = []

    private enum Column {
        /// Rows per value, starting at `base`.
        case finite(base: Int)
        /// The first value of each elementary interval, and the two running unions' rows.
        case integer(starts: [Int], startsAtOrBefore: Int, endsAtOrAfter: Int)
        /// Too many intervals to index within the memory budget: checked exactly instead.
        case unindexed
    }

    private var columns: [Column] = []
    private let space: AnalysisSpace
    private let cells: FlatCells

    /// The memory the index takes, in bytes.
    var bytes: Int { rows.count * 8 }

    /// The largest index, in bytes, an integer column may take before it is left out.
    private static let integerColumnBudget = 128 << 20

    init(_ space: AnalysisSpace, _ cells: FlatCells) {
        self.space = space
        self.cells = cells
        ruleCount = space.rules.count
        words = max(1, (ruleCount + 63) / 64)
        for (c, domain) in space.domain.enumerated() {
            switch domain {
            case .values(let all):
                let base = rows.count
                let count = all.words.count * 64
                rows += [UInt64](repeating: 0, count: count * words)
                for (r, cells) in space.rules.enumerated() {
                    guard case .values(let cell) = cells[c] else { continue }
                    for value in cell.values { rows[base + value * words + r >> 6] |= 1 << UInt64(r & 63) }
                }
                columns.append(.finite(base: base))
            case .integers:
                let sets = space.rules.map { cells -> IntervalSet in
                    if case .integers(let set) = cells[c] { return set }
                    return .empty
                }
                let starts = TableCompiler.elementaryStarts(sets)
                guard starts.count * words * 16 <= Self.integerColumnBudget else {
                    columns.append(.unindexed)
                    continue
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
    func rulesMeeting(_ r: Int, below limit: Int = .max) -> [Int] {
        // Each constrained column of `r` becomes a list of row offsets to OR (finite), or a
        // pair of rows to AND (integer hull).
        var ors: [[Int]] = []
        var ands: [(Int, Int)] = []
        for (c, column) in columns.enumerated() {
            let cell = space.rules[r][c]
            if cell == space.domain[c] { continue }
            switch (column, cell) {
            case (.finite(let base), .values(let bits)):
                ors.append(bits.values.map { base + $0 * words })
            case (.integer(let starts, let before, let after), .integers(let set)):
                guard let low = set.ranges.first?.lowerBound, let high = set.ranges.last?.upperBound else { return [] }
                ands.append(
                    (
                        before + Self.interval(of: high, in: starts) * words,
                        after + Self.interval(of: low, in: starts) * words
                    ))
            default:
                continue
            }
        }
        var result: [Int] = []
        let limitWords = (min(limit, ruleCount) + 63) / 64
        rows.withUnsafeBufferPointer { rows in
            for w in 0..<limitWords {
                var word: UInt64 =
                    w == limitWords - 1 && min(limit, ruleCount) & 63 != 0
                    ? (1 << UInt64(min(limit, ruleCount) & 63)) - 1 : ~0
                for (before, after) in ands where word != 0 { word &= rows[before + w] & rows[after + w] }
                for offsets in ors where word != 0 {
                    var any: UInt64 = 0
                    for offset in offsets { any |= rows[offset + w] }
                    word &= any
                }
                while word != 0 {
                    let other = w << 6 | word.trailingZeroBitCount
                    word &= word - 1
                    if other != r, cells.meet(other, r) { result.append(other) }
                }
            }
        }
        return result
    }
}
