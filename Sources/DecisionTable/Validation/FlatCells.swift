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
        starts.reserveCapacity(space.rules.count * space.domain.count + 1)
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

    /// A hash of rule `r`'s cells: rules with equal cells have equal fingerprints.
    func fingerprint(_ r: Int) -> Int {
        var hash: UInt64 = 0xCBF2_9CE4_8422_2325
        func mix(_ value: UInt64) { hash = (hash ^ value) &* 0x0000_0100_0000_01B3 }
        for w in 0..<finiteStride { mix(finite[r &* finiteStride &+ w]) }
        for i in Int(intervalStart[r &* columnCount])..<Int(intervalStart[(r &+ 1) &* columnCount]) {
            mix(UInt64(bitPattern: Int64(lows[i])))
            mix(UInt64(bitPattern: Int64(highs[i])))
        }
        for c in 0..<columnCount { mix(UInt64(intervalStart[r &* columnCount &+ c] &- intervalStart[r &* columnCount])) }
        return Int(bitPattern: UInt(hash))
    }

    /// Whether rules `a` and `b` have the same cells.
    func sameCells(_ a: Int, _ b: Int) -> Bool {
        for w in 0..<finiteStride where finite[a &* finiteStride &+ w] != finite[b &* finiteStride &+ w] { return false }
        for c in 0..<columnCount where !isFinite[c] {
            let (i, iEnd) = (Int(intervalStart[a &* columnCount &+ c]), Int(intervalStart[a &* columnCount &+ c &+ 1]))
            let j = Int(intervalStart[b &* columnCount &+ c])
            guard iEnd - i == Int(intervalStart[b &* columnCount &+ c &+ 1]) - j else { return false }
            for k in 0..<(iEnd - i) where lows[i &+ k] != lows[j &+ k] || highs[i &+ k] != highs[j &+ k] { return false }
        }
        return true
    }

    /// Whether rules `a` and `b` match a common input.
    func meet(_ a: Int, _ b: Int) -> Bool {
        for c in 0..<columnCount where lowestCommon(a, b, c) == nil { return false }
        return true
    }

    /// The smallest input rules `a` and `b` both match (one encoded value per input), or nil
    /// when they do not meet.
    func witness(_ a: Int, _ b: Int) -> [Int]? {
        var point = [Int](repeating: 0, count: columnCount)
        for c in 0..<columnCount {
            guard let value = lowestCommon(a, b, c) else { return nil }
            point[c] = value
        }
        return point
    }

    /// The lowest value of input `c` that rules `a` and `b` both hold, if any.
    @inline(__always)
    private func lowestCommon(_ a: Int, _ b: Int, _ c: Int) -> Int? {
        if isFinite[c] {
            for w in 0..<wordCount[c] {
                let common = word(a, c, w) & word(b, c, w)
                if common != 0 { return w << 6 | common.trailingZeroBitCount }
            }
            return nil
        }
        // Two sorted runs of disjoint intervals: step past whichever ends first; the first
        // pair that overlaps holds the lowest common value.
        var i = Int(intervalStart[a &* columnCount &+ c])
        let iEnd = Int(intervalStart[a &* columnCount &+ c &+ 1])
        var j = Int(intervalStart[b &* columnCount &+ c])
        let jEnd = Int(intervalStart[b &* columnCount &+ c &+ 1])
        while i < iEnd, j < jEnd {
            if lows[i] <= highs[j], lows[j] <= highs[i] { return Swift.max(lows[i], lows[j]) }
            if highs[i] < highs[j] { i &+= 1 } else { j &+= 1 }
        }
        return nil
    }

    /// Whether rule `r` matches `point` (one encoded value per input).
    func matches(_ r: Int, _ point: [Int]) -> Bool {
        for c in 0..<columnCount {
            let value = point[c]
            if isFinite[c] {
                let w = value >> 6
                guard value >= 0, w < wordCount[c], word(r, c, w) & (1 << UInt64(value & 63)) != 0 else { return false }
                continue
            }
            let slot = r &* columnCount &+ c
            var inside = false
            for i in Int(intervalStart[slot])..<Int(intervalStart[slot &+ 1]) where lows[i] <= value && value <= highs[i] {
                inside = true
                break
            }
            if !inside { return false }
        }
        return true
    }

    /// The share of the region's values in input `c` that rule `r`'s cell holds.
    func fraction(_ r: Int, _ c: Int, of region: Region) -> Double {
        if isFinite[c] {
            var held = 0
            var all = 0
            for w in 0..<wordCount[c] {
                let bits = region.bits[wordOffset[c] &+ w]
                all &+= bits.nonzeroBitCount
                held &+= (bits & word(r, c, w)).nonzeroBitCount
            }
            return all == 0 ? 0 : Double(held) / Double(all)
        }
        let (low, high) = (region.low[c], region.high[c])
        let slot = r &* columnCount &+ c
        var held = 0.0
        for i in Int(intervalStart[slot])..<Int(intervalStart[slot &+ 1]) where lows[i] <= high && highs[i] >= low {
            held += Double(Swift.min(highs[i], high)) - Double(Swift.max(lows[i], low)) + 1
        }
        return held / (Double(high) - Double(low) + 1)
    }

    /// Whether every integer cell of rule `r` is at most one interval, so that its
    /// hull in each input is the cell itself.
    func hasSimpleIntegerCells(_ r: Int) -> Bool {
        for c in 0..<columnCount where !isFinite[c] && intervalStart[r &* columnCount &+ c &+ 1] - intervalStart[r &* columnCount &+ c] > 1 {
            return false
        }
        return true
    }

    /// Rule `r`'s value bits in every finite input, laid out as a ``Region``'s.
    func finiteBlock(_ r: Int) -> ArraySlice<UInt64> { finite[(r &* finiteStride)..<((r &+ 1) &* finiteStride)] }

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

    /// The smallest interval holding rule `r`'s values of integer input `c` within
    /// `low...high`; `(Int.max, Int.min)` when it holds none there.
    func hull(_ r: Int, _ c: Int, within low: Int, _ high: Int) -> (Int, Int) {
        let slot = r &* columnCount &+ c
        var first = Int.max
        var last = Int.min
        for i in Int(intervalStart[slot])..<Int(intervalStart[slot &+ 1]) where lows[i] <= high && highs[i] >= low {
            first = Swift.min(first, Swift.max(lows[i], low))
            last = Swift.max(last, Swift.min(highs[i], high))
        }
        return (first, last)
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
