/// The exact partition of a table's input space that every analysis reads.
///
/// The space is cut recursively into boxes, never enumerated: a box is split on the input
/// that most of its rules constrain, finite inputs into classes of values that every rule
/// treats alike, integer inputs in two at the median rule boundary. A box stops being cut as
/// soon as its question is answered: no rule (a gap), or a rule that holds the whole box
/// (covered; for `first` and `priority`, the best such rule wins the box). The cost follows
/// the table's structure rather than the size of the cross product.
struct Partition {
    /// What the partition looks for, by hit policy.
    enum Mode {
        /// `collect` and `rule-order`: only gaps matter.
        case gaps
        /// `unique` and `any`: gaps, and every pair of rules that match a common input.
        case overlaps
        /// `first` and `priority`: gaps, and which rules win somewhere; lower key wins.
        case winners(keys: [Int])
    }

    let space: AnalysisSpace
    let mode: Mode

    /// Boxes no rule matches; disjoint, their union is exactly the uncovered space.
    private(set) var gaps: [Region] = []
    /// Pairs of rules (lower index first) that match a common input, with one such input.
    private(set) var overlaps: [Pair: [Int]] = [:]
    /// For `winners`, whether each rule wins somewhere.
    private(set) var wins: [Bool]
    private var unwonCount: Int

    struct Pair: Hashable, Comparable {
        let first: Int
        let second: Int
        init(_ a: Int, _ b: Int) { (first, second) = a < b ? (a, b) : (b, a) }
        static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    init(space: AnalysisSpace, mode: Mode) {
        self.space = space
        self.mode = mode
        wins = [Bool](repeating: false, count: space.rules.count)
        unwonCount = space.rules.count
    }

    /// Runs the partition over the whole analysis domain.
    mutating func run() {
        let live = space.rules.indices.filter { !space.unreachable.contains($0) }.map(Int32.init)
        for root in rootRegions() {
            visit(root, live.filter { r in zip(space.rules[Int(r)], root.columns).allSatisfy { $0.meets($1) } },
                  covered: false)
        }
    }

    /// The domain as boxes: one per combination of the intervals of multi-interval integer
    /// domains (a chained integer input may take only a few values).
    private func rootRegions() -> [Region] {
        var regions = [Region(domain: space.domain)]
        for (c, set) in space.domain.enumerated() {
            guard case .integers(let intervals) = set, intervals.ranges.count > 1 else { continue }
            regions = regions.flatMap { region in
                intervals.ranges.map { range in
                    var copy = region
                    copy.columns[c] = .range(range)
                    return copy
                }
            }
        }
        return regions
    }

    private mutating func visit(_ region: Region, _ rules: [Int32], covered: Bool) {
        if rules.isEmpty {
            if !covered { gaps.append(region) }
            return
        }
        var covering: [Int32] = []
        var partial: [Int32] = []
        for r in rules {
            if space.rules[Int(r)].indices.allSatisfy({ space.rules[Int(r)][$0].covers(region.columns[$0]) }) {
                covering.append(r)
            } else {
                partial.append(r)
            }
        }
        switch mode {
        case .gaps:
            if !covering.isEmpty { return }
            split(region, partial, covered: covered)
        case .overlaps:
            for c in covering {
                for r in rules where r != c {
                    let pair = Pair(Int(c), Int(r))
                    if overlaps[pair] == nil { overlaps[pair] = witness(Int(r), in: region) }
                }
            }
            // Pairs among the rules that only touch the box remain to be found inside it.
            let nowCovered = covered || !covering.isEmpty
            if nowCovered, partial.count < 2 { return }
            split(region, partial, covered: nowCovered)
        case .winners(let keys):
            if covered, unwonCount == 0 { return }
            guard let best = covering.min(by: { keys[Int($0)] < keys[Int($1)] }) else {
                split(region, partial, covered: covered)
                return
            }
            let contenders = partial.filter { keys[Int($0)] < keys[Int(best)] }
            if contenders.isEmpty {
                if !wins[Int(best)] { wins[Int(best)] = true; unwonCount -= 1 }
                return
            }
            split(region, contenders + [best], covered: true)
        }
    }

    /// The smallest input of the region that rule `r` matches.
    private func witness(_ r: Int, in region: Region) -> [Int] {
        zip(space.rules[r], region.columns).map { $0.firstCommon($1)! }
    }

    /// Cuts the region on the input most of `rules` constrain inside it, and visits the parts.
    private mutating func split(_ region: Region, _ rules: [Int32], covered: Bool) {
        let columnCount = region.columns.count
        var constrained = [Int](repeating: 0, count: columnCount)
        for r in rules {
            let cells = space.rules[Int(r)]
            for c in 0..<columnCount where !cells[c].covers(region.columns[c]) { constrained[c] += 1 }
        }
        // Prefer finite inputs on ties: they split into classes in one step.
        var best = 0
        for c in 1..<max(1, columnCount) {
            if constrained[c] > constrained[best] { best = c; continue }
            if constrained[c] == constrained[best], case .values = region.columns[c], case .range = region.columns[best] {
                best = c
            }
        }
        precondition(constrained[best] > 0, "a box with a partial rule has a constrained input")
        for part in parts(of: region, column: best, rules: rules) {
            var child = region
            child.columns[best] = part
            let inside = rules.filter { space.rules[Int($0)][best].meets(part) }
            visit(child, inside, covered: covered)
        }
    }

    /// The pieces a column is cut into.
    private func parts(of region: Region, column c: Int, rules: [Int32]) -> [Region.Column] {
        switch region.columns[c] {
        case .values(let values):
            // Classes of values that every constraining rule takes all or none of.
            var classes: [[UInt64]: ValueBits] = [:]
            var order: [[UInt64]] = []
            let cutting = rules.filter { !space.rules[Int($0)][c].covers(region.columns[c]) }
            for value in values.values {
                var signature = [UInt64](repeating: 0, count: (cutting.count + 63) / 64)
                for (k, r) in cutting.enumerated() {
                    if case .values(let cell) = space.rules[Int(r)][c], cell.contains(value) {
                        signature[k >> 6] |= 1 << UInt64(k & 63)
                    }
                }
                if classes[signature] == nil {
                    classes[signature] = ValueBits(count: values.words.count * 64)
                    order.append(signature)
                }
                classes[signature]!.insert(value)
            }
            return order.map { signature in
                var bits = classes[signature]!
                bits.words = Array(bits.words.prefix(values.words.count))
                return .values(bits)
            }
        case .range(let range):
            // The median of the rule boundaries strictly inside the interval.
            var cuts: [Int] = []
            for r in rules {
                guard case .integers(let cell) = space.rules[Int(r)][c] else { continue }
                for piece in cell.ranges {
                    if piece.lowerBound > range.lowerBound, piece.lowerBound <= range.upperBound {
                        cuts.append(piece.lowerBound)
                    }
                    if piece.upperBound < range.upperBound, piece.upperBound >= range.lowerBound {
                        cuts.append(piece.upperBound + 1)
                    }
                }
            }
            let middle = cuts.count / 2
            let cut = cuts.withUnsafeMutableBufferPointer { buffer in
                Self.select(buffer, middle)
            }
            return [.range(range.lowerBound...(cut - 1)), .range(cut...range.upperBound)]
        }
    }

    /// The k-th smallest element (quickselect), without sorting everything.
    private static func select(_ values: UnsafeMutableBufferPointer<Int>, _ k: Int) -> Int {
        var low = 0
        var high = values.count - 1
        while low < high {
            let pivot = values[(low + high) / 2]
            var i = low
            var j = high
            while i <= j {
                while values[i] < pivot { i += 1 }
                while values[j] > pivot { j -= 1 }
                if i <= j {
                    values.swapAt(i, j)
                    i += 1
                    j -= 1
                }
            }
            if k <= j { high = j } else if k >= i { low = i } else { return values[k] }
        }
        return values[k]
    }
}
