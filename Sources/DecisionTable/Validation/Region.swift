/// A box of the input space while it is being cut: for each finite input a set of values
/// (bits, laid out as in ``FlatCells``), for each integer input one interval (cutting an
/// interval in two leaves intervals).
struct Region: Sendable {
    /// The finite inputs' value bits, each input at its ``FlatCells`` word offset.
    var bits: [UInt64]
    /// Per input, the interval's ends (integer inputs only).
    var low: [Int]
    var high: [Int]

    /// The region as column sets, for reports.
    func sets(_ cells: FlatCells) -> [ColumnSet] {
        (0..<cells.columnCount).map { c in
            if cells.isFinite[c] {
                var bits = ValueBits(count: cells.wordCount[c] * 64)
                bits.words = Array(self.bits[cells.wordOffset[c]..<(cells.wordOffset[c] + cells.wordCount[c])])
                return .values(bits)
            }
            return .integers(IntervalSet([low[c]...high[c]]))
        }
    }

    /// Boxes covering exactly a product of column sets: one per combination of the intervals
    /// of integer columns that hold several (a chained input may take only a few values, a
    /// rule's cell may be `!= 3`). None when a column is empty.
    static func boxes(of sets: [ColumnSet], _ cells: FlatCells) -> [Region] {
        if sets.contains(where: \.isEmpty) { return [] }
        var base = Region(
            bits: [UInt64](repeating: 0, count: cells.finiteStride),
            low: [Int](repeating: 0, count: cells.columnCount),
            high: [Int](repeating: 0, count: cells.columnCount))
        for (c, set) in sets.enumerated() {
            if case .values(let values) = set {
                for w in 0..<cells.wordCount[c] { base.bits[cells.wordOffset[c] + w] = values.words[w] }
            }
        }
        var regions = [base]
        for (c, set) in sets.enumerated() {
            guard case .integers(let intervals) = set else { continue }
            regions = regions.flatMap { region in
                intervals.ranges.map { range in
                    var copy = region
                    copy.low[c] = range.lowerBound
                    copy.high[c] = range.upperBound
                    return copy
                }
            }
        }
        return regions
    }
}
