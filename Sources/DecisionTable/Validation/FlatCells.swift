/// The rules' cells in flat arrays of plain integers, for the partition's inner loops: one
/// block of value bits per rule for the finite inputs, and each integer cell's intervals as
/// runs of `(low, high)` pairs. No enums, no nested arrays, no reference counting per cell.
struct FlatCells: Sendable {
    let columnCount: Int
    let ruleCount: Int
    let isFinite: [Bool]
    /// For finite inputs, the words of a cell and their offset within a rule's block.
    let wordCount: [Int]
    let wordOffset: [Int]
    /// Words in one rule's block of finite cells.
    let finiteStride: Int
    private let finite: [UInt64]
    /// For rule `r` and integer input `c`, its intervals are `lows/highs[start..<end]` with
    /// `start = intervalStart[r * columnCount + c]` and `end` the next entry.
    private let intervalStart: [Int32]
    private let lows: [Int]
    private let highs: [Int]

    init(_ space: AnalysisSpace) {
        columnCount = space.domain.count
        ruleCount = space.rules.count
        var isFinite: [Bool] = []
        var wordCount: [Int] = []
        var wordOffset: [Int] = []
        var stride = 0
        for set in space.domain {
            wordOffset.append(stride)
            if case .values(let bits) = set {
                isFinite.append(true)
                wordCount.append(bits.words.count)
                stride += bits.words.count
            } else {
                isFinite.append(false)
                wordCount.append(0)
            }
        }
        var finite = [UInt64](repeating: 0, count: stride * space.rules.count)
        var starts: [Int32] = []
        var lows: [Int] = []
        var highs: [Int] = []
        for (r, cells) in space.rules.enumerated() {
            for (c, cell) in cells.enumerated() {
                starts.append(Int32(lows.count))
                switch cell {
                case .values(let bits):
                    for w in 0..<wordCount[c] { finite[r * stride + wordOffset[c] + w] = bits.words[w] }
                case .integers(let set):
                    for range in set.ranges {
                        lows.append(range.lowerBound)
                        highs.append(range.upperBound)
                    }
                }
            }
        }
        starts.append(Int32(lows.count))
        self.isFinite = isFinite
        self.wordCount = wordCount
        self.wordOffset = wordOffset
        finiteStride = stride
        self.finite = finite
        intervalStart = starts
        self.lows = lows
        self.highs = highs
    }

    /// Whether rule `r`'s cell in input `c` holds every value of the region's column.
    @inline(__always)
    func covers(_ r: Int, _ c: Int, _ region: Region) -> Bool {
        if isFinite[c] {
            let offset = wordOffset[c]
            let base = r &* finiteStride &+ offset
            for w in 0..<wordCount[c] where region.bits[offset &+ w] & ~finite[base &+ w] != 0 { return false }
            return true
        }
        let slot = r &* columnCount &+ c
        var lowIndex = Int(intervalStart[slot])
        var highIndex = Int(intervalStart[slot &+ 1])
        let value = region.low[c]
        // The last interval starting at or below the region's low end must reach its high end.
        while lowIndex < highIndex {
            let mid = (lowIndex &+ highIndex) >> 1
            if lows[mid] <= value { lowIndex = mid &+ 1 } else { highIndex = mid }
        }
        let i = lowIndex &- 1
        return i >= Int(intervalStart[slot]) && highs[i] >= region.high[c]
    }

    /// Whether rule `r`'s cell in input `c` holds some value of the region's column.
    @inline(__always)
    func meets(_ r: Int, _ c: Int, _ region: Region) -> Bool {
        if isFinite[c] {
            let offset = wordOffset[c]
            let base = r &* finiteStride &+ offset
            for w in 0..<wordCount[c] where region.bits[offset &+ w] & finite[base &+ w] != 0 { return true }
            return false
        }
        let slot = r &* columnCount &+ c
        var lowIndex = Int(intervalStart[slot])
        var highIndex = Int(intervalStart[slot &+ 1])
        let value = region.low[c]
        // The first interval ending at or above the region's low end must start by its high end.
        while lowIndex < highIndex {
            let mid = (lowIndex &+ highIndex) >> 1
            if highs[mid] < value { lowIndex = mid &+ 1 } else { highIndex = mid }
        }
        return lowIndex < Int(intervalStart[slot &+ 1]) && lows[lowIndex] <= region.high[c]
    }

    /// Whether rule `r` matches some input of the region.
    func meets(_ r: Int, _ region: Region) -> Bool {
        for c in 0..<columnCount where !meets(r, c, region) { return false }
        return true
    }

    /// The word `w` of rule `r`'s value bits in finite input `c`.
    @inline(__always)
    func word(_ r: Int, _ c: Int, _ w: Int) -> UInt64 { finite[r &* finiteStride &+ wordOffset[c] &+ w] }

    /// How many of rule `r`'s intervals in integer input `c` meet `low...high`.
    func pieces(_ r: Int, _ c: Int, within low: Int, _ high: Int) -> Int {
        let slot = r &* columnCount &+ c
        var count = 0
        for i in Int(intervalStart[slot])..<Int(intervalStart[slot &+ 1]) where lows[i] <= high && highs[i] >= low {
            count += 1
        }
        return count
    }

    /// The one interval of rule `r` in integer input `c` that meets `low...high`, cut to it.
    func clamp(_ r: Int, _ c: Int, to low: Int, _ high: Int) -> (Int, Int) {
        let slot = r &* columnCount &+ c
        for i in Int(intervalStart[slot])..<Int(intervalStart[slot &+ 1]) where lows[i] <= high && highs[i] >= low {
            return (Swift.max(lows[i], low), Swift.min(highs[i], high))
        }
        preconditionFailure("the rule meets the region")
    }

    /// Rule `r`'s interval boundaries in integer input `c` that fall strictly inside
    /// `low...high`, as cut points (a cut `p` separates `..< p` from `p...`).
    func cuts(_ r: Int, _ c: Int, inside low: Int, _ high: Int, into out: inout [Int]) {
        let slot = r &* columnCount &+ c
        for i in Int(intervalStart[slot])..<Int(intervalStart[slot &+ 1]) {
            if lows[i] > low, lows[i] <= high { out.append(lows[i]) }
            if highs[i] < high, highs[i] >= low { out.append(highs[i] &+ 1) }
        }
    }
}
