/// Counts the fraction of a box that a union of rules covers, by inclusion and exclusion over
/// the rules' intersections with the box: |B ∩ (R₁ ∪ U)| = |B ∩ R₁| + |B ∩ U| − |B ∩ R₁ ∩ U|.
///
/// The count walks only the intersections that are not empty, so rules that mostly miss each
/// other, as a tree's widened rules do inside a narrowed leaf, are counted quickly however
/// many reach in. Before the walk, each rule is cut to the box, in the inputs where some rule
/// leaves part of the box out only (the others cannot empty an intersection), and laid out
/// flat: a step reads a few words in a row rather than going through the table's cells. The
/// walk's boxes live in buffers kept from one count to the next, one box per level of the
/// recursion: a count of a few thousand intersections allocates nothing.
struct UnionCounter {
    private let cells: FlatCells
    /// The rules cut to the box, one after another: each rule's value bits in the inputs
    /// counted (``Layout/finiteWords`` words), then the ends of its interval in each integer
    /// input counted (``Layout/integerColumns`` pairs).
    private var ruleBits: [UInt64] = []
    private var ruleEnds: [Int] = []
    /// One box per level of the walk, laid out as a rule's.
    private var levelBits: [UInt64] = []
    private var levelEnds: [Int] = []

    init(cells: FlatCells) {
        self.cells = cells
    }

    /// Whether every integer cell of `rules` holds one interval inside `region`, as a count
    /// requires (an intersection with a cell of several intervals is no box).
    func countable(_ region: Region, _ rules: [Int]) -> Bool {
        for r in rules {
            for c in 0..<cells.columnCount where !cells.isFinite[c] {
                if cells.pieces(r, c, within: region.low[c], region.high[c]) > 1 { return false }
            }
        }
        return true
    }

    /// The inputs a count reads: those where some rule leaves part of the box out.
    private struct Layout {
        /// The finite inputs counted, as word ranges of a rule's cut box, with the box's count
        /// of values in each.
        var finite: [(start: Int, end: Int, values: Double)] = []
        var finiteWords = 0
        /// The integer inputs counted, with the box's width in each.
        var integerColumns: [Int] = []
        var widths: [Double] = []
        /// Per finite input counted, its input, to cut rules' bits to the box.
        var finiteColumns: [Int] = []
    }

    /// The fraction of `region` that one of `rules` (each ``countable(_:_:)`` there) matches;
    /// nil past `maximumSteps` intersections.
    mutating func coveredFraction(of region: Region, by rules: [Int], maximumSteps: Int) -> Double? {
        guard !rules.isEmpty else { return 0 }
        var counted: UInt64 = 0
        for r in rules {
            let mask = cells.mask(r, region)
            if mask == 0 { return 1 }
            counted |= mask
        }
        var layout = Layout()
        var bits = counted
        while bits != 0 {
            let c = bits.trailingZeroBitCount
            bits &= bits &- 1
            if cells.isFinite[c] {
                var values = 0
                for w in 0..<cells.wordCount[c] { values += region.bits[cells.wordOffset[c] + w].nonzeroBitCount }
                layout.finite.append((layout.finiteWords, layout.finiteWords + cells.wordCount[c], Double(values)))
                layout.finiteColumns.append(c)
                layout.finiteWords += cells.wordCount[c]
            } else {
                layout.integerColumns.append(c)
                layout.widths.append(Double(region.high[c]) - Double(region.low[c]) + 1)
            }
        }
        cut(rules, to: region, layout)
        let levels = rules.count + 1
        let (fw, ew) = (layout.finiteWords, 2 * layout.integerColumns.count)
        if levelBits.count < levels * fw { levelBits = [UInt64](repeating: 0, count: levels * fw) }
        if levelEnds.count < levels * ew { levelEnds = [Int](repeating: 0, count: levels * ew) }
        // Level 0 is the box itself.
        for (k, c) in layout.finiteColumns.enumerated() {
            for w in 0..<cells.wordCount[c] { levelBits[layout.finite[k].start + w] = region.bits[cells.wordOffset[c] + w] }
        }
        for (k, c) in layout.integerColumns.enumerated() {
            levelEnds[2 * k] = region.low[c]
            levelEnds[2 * k + 1] = region.high[c]
        }
        var steps = 0
        return ruleBits.withUnsafeBufferPointer { ruleBits in
            ruleEnds.withUnsafeBufferPointer { ruleEnds in
                levelBits.withUnsafeMutableBufferPointer { levelBits in
                    levelEnds.withUnsafeMutableBufferPointer { levelEnds in
                        let walk = Walk(
                            layout: layout, rules: rules.count, ruleBits: ruleBits, ruleEnds: ruleEnds,
                            levelBits: levelBits, levelEnds: levelEnds, maximumSteps: maximumSteps)
                        return walk.union(level: 0, from: 0, steps: &steps)
                    }
                }
            }
        }
    }

    /// Writes each rule cut to `region`, in the layout's inputs, into ``ruleBits`` and
    /// ``ruleEnds``, in the order the walk takes them.
    private mutating func cut(_ rules: [Int], to region: Region, _ layout: Layout) {
        let (fw, ew) = (layout.finiteWords, 2 * layout.integerColumns.count)
        var bits = [UInt64](repeating: 0, count: rules.count * fw)
        var ends = [Int](repeating: 0, count: rules.count * ew)
        var sizes = [Double](repeating: 1, count: rules.count)
        for (k, r) in rules.enumerated() {
            for (f, c) in layout.finiteColumns.enumerated() {
                var values = 0
                for w in 0..<cells.wordCount[c] {
                    let word = region.bits[cells.wordOffset[c] + w] & cells.word(r, c, w)
                    bits[k * fw + layout.finite[f].start + w] = word
                    values += word.nonzeroBitCount
                }
                sizes[k] *= Double(values) / layout.finite[f].values
            }
            for (i, c) in layout.integerColumns.enumerated() {
                let (low, high) = cells.hull(r, c, within: region.low[c], region.high[c])
                ends[k * ew + 2 * i] = low
                ends[k * ew + 2 * i + 1] = high
                sizes[k] *= (Double(high) - Double(low) + 1) / layout.widths[i]
            }
        }
        // The smallest first: the walk goes deeper only where an intersection is not empty,
        // and a small rule's are empty soonest (on the published 100,000-rule tree that took
        // the counts from 82 to 49 million steps).
        let order = rules.indices.sorted { sizes[$0] < sizes[$1] }
        ruleBits.removeAll(keepingCapacity: true)
        ruleEnds.removeAll(keepingCapacity: true)
        for k in order {
            ruleBits += bits[(k * fw)..<((k + 1) * fw)]
            ruleEnds += ends[(k * ew)..<((k + 1) * ew)]
        }
    }

    /// The walk over the rules cut to the box, in buffers it reads and writes without checks.
    private struct Walk {
        let layout: Layout
        let rules: Int
        let ruleBits: UnsafeBufferPointer<UInt64>
        let ruleEnds: UnsafeBufferPointer<Int>
        let levelBits: UnsafeMutableBufferPointer<UInt64>
        let levelEnds: UnsafeMutableBufferPointer<Int>
        let maximumSteps: Int

        /// The share of the box that one of the rules from `start` on matches within level
        /// `level`'s box, as a fraction of the whole box.
        func union(level: Int, from start: Int, steps: inout Int) -> Double? {
            guard start < rules else { return 0 }
            steps &+= 1
            if steps > maximumSteps { return nil }
            // The boxes deeper than `level` are scratch: this one is counted first, then the
            // intersection is written over them.
            guard let rest = union(level: level, from: start &+ 1, steps: &steps) else { return nil }
            guard intersect(level: level, start) else { return rest }
            guard let both = union(level: level &+ 1, from: start &+ 1, steps: &steps) else { return nil }
            return fraction(level: level &+ 1) + rest - both
        }

        /// Writes the part of level `level`'s box that rule `k` matches as level `level + 1`'s
        /// box; false, leaving it partly written, when the rule misses the box.
        @inline(__always)
        private func intersect(level: Int, _ k: Int) -> Bool {
            let fw = layout.finiteWords
            let (from, to, rule) = (level &* fw, (level &+ 1) &* fw, k &* fw)
            for column in layout.finite {
                var any: UInt64 = 0
                for w in column.start..<column.end {
                    let word = levelBits[from &+ w] & ruleBits[rule &+ w]
                    levelBits[to &+ w] = word
                    any |= word
                }
                if any == 0 { return false }
            }
            let ew = 2 &* layout.integerColumns.count
            let (fromEnds, toEnds, ruleAt) = (level &* ew, (level &+ 1) &* ew, k &* ew)
            for i in Swift.stride(from: 0, to: ew, by: 2) {
                let low = Swift.max(levelEnds[fromEnds &+ i], ruleEnds[ruleAt &+ i])
                let high = Swift.min(levelEnds[fromEnds &+ i &+ 1], ruleEnds[ruleAt &+ i &+ 1])
                if low > high { return false }
                levelEnds[toEnds &+ i] = low
                levelEnds[toEnds &+ i &+ 1] = high
            }
            return true
        }

        /// The fraction of the box that level `level`'s box covers.
        private func fraction(level: Int) -> Double {
            var fraction = 1.0
            let fw = layout.finiteWords
            for column in layout.finite {
                var count = 0
                for w in column.start..<column.end { count &+= levelBits[level &* fw &+ w].nonzeroBitCount }
                fraction *= Double(count) / column.values
            }
            let ew = 2 &* layout.integerColumns.count
            for (i, width) in layout.widths.enumerated() {
                fraction *= (Double(levelEnds[level &* ew &+ 2 &* i &+ 1]) - Double(levelEnds[level &* ew &+ 2 &* i]) + 1) / width
            }
            return fraction
        }
    }
}
