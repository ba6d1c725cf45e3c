/// Cuts that no rule straddles: the validator's partition follows the table's own structure.
extension FlatCells {
    /// The region cut along input `c` so that each rule of `rules` (each constraining `c`
    /// there) lies in one piece: for a finite input, the groups of values the rules' cells
    /// chain together; for an integer input, the runs of overlapping intervals (a cell of
    /// several intervals counts as the one from its lowest to its highest). Values none of
    /// them takes form a piece of their own (finite), or join the run before them (integer;
    /// a piece of their own before the first run). Nil when that leaves one piece.
    ///
    /// A table written as a decision tree (split the space on an input, split each part on
    /// another, ...) has such a cut at every node of its tree, and cutting there copies no
    /// rule into two pieces; the cuts of ``parts(of:column:cutting:)`` (the classes of values
    /// every rule takes all or none of, the median boundary) copy every rule that spans
    /// several, and the copies multiply level after level.
    func cleanParts(of region: Region, column c: Int, cutting rules: [Int]) -> [Region]? {
        if isFinite[c] {
            let offset = wordOffset[c]
            let count = wordCount[c]
            // The groups, `count` words each: a rule's cell merges every group it meets.
            var groups: [UInt64] = []
            var cell = [UInt64](repeating: 0, count: count)
            for r in rules {
                for w in 0..<count { cell[w] = word(r, c, w) & region.bits[offset + w] }
                var k = 0
                while k < groups.count / count {
                    var meets = false
                    for w in 0..<count where groups[k * count + w] & cell[w] != 0 { meets = true }
                    if meets {
                        for w in 0..<count { cell[w] |= groups[k * count + w] }
                        // Move the last group here and drop it.
                        let last = groups.count / count - 1
                        for w in 0..<count { groups[k * count + w] = groups[last * count + w] }
                        groups.removeLast(count)
                    } else {
                        k += 1
                    }
                }
                var whole = true
                for w in 0..<count where cell[w] != region.bits[offset + w] { whole = false }
                if whole { return nil }
                groups += cell
            }
            var rest = Array(region.bits[offset..<(offset + count)])
            for k in 0..<(groups.count / count) {
                for w in 0..<count { rest[w] &= ~groups[k * count + w] }
            }
            if rest.contains(where: { $0 != 0 }) { groups += rest }
            guard groups.count / count > 1 else { return nil }
            return (0..<(groups.count / count)).map { k in
                var part = region
                for w in 0..<count { part.bits[offset + w] = groups[k * count + w] }
                return part
            }
        }
        // Integers: each rule's hull within the region, by lower end; a new run starts where
        // an interval begins past every interval before it.
        var hulls: [(low: Int, high: Int)] = []
        hulls.reserveCapacity(rules.count)
        for r in rules {
            let (low, high) = hull(r, c, within: region.low[c], region.high[c])
            hulls.append((low, high))
        }
        guard !hulls.isEmpty else { return nil }
        hulls.sort { $0.low < $1.low }
        var starts: [Int] = []
        if hulls[0].low > region.low[c] { starts.append(hulls[0].low) }
        var reach = hulls[0].high
        for (low, high) in hulls.dropFirst() {
            if low > reach { starts.append(low) }
            reach = Swift.max(reach, high)
        }
        if reach < region.high[c] { starts.append(reach + 1) }
        guard !starts.isEmpty else { return nil }
        return Self.pieces(of: region, column: c, startingAt: starts)
    }

    /// The region cut along integer input `c` before each of `starts` (ascending, strictly
    /// inside the region's interval).
    static func pieces(of region: Region, column c: Int, startingAt starts: [Int]) -> [Region] {
        var pieces: [Region] = []
        pieces.reserveCapacity(starts.count + 1)
        var low = region.low[c]
        for start in starts {
            var piece = region
            piece.low[c] = low
            piece.high[c] = start - 1
            pieces.append(piece)
            low = start
        }
        var last = region
        last.low[c] = low
        pieces.append(last)
        return pieces
    }
}

extension FlatCells {
    /// Like ``cleanParts(of:column:cutting:)``, but a few rules may straddle the cuts: a
    /// decision tree with some rules widened (a widened cell reaches into the next branch)
    /// has no clean cut left, yet its own splits are still the cuts that the fewest rules
    /// cross. A rule that straddles is copied into each piece it meets; at most one in
    /// `tolerance` of the cutting rules (and at least one rule) crosses any cut.
    ///
    /// For an integer input, the cuts are the rule boundaries that few hulls cross. For a
    /// finite input, two values stay together when more than the tolerance of the rules take
    /// both. Nil when that leaves one piece.
    func tolerantParts(of region: Region, column c: Int, cutting rules: [Int], tolerance: Int = 20) -> [Region]? {
        // At least one: near the leaves of a tree, one widened neighbour is what breaks the cut.
        let allowed = Swift.max(1, rules.count / tolerance)
        if isFinite[c] {
            let offset = wordOffset[c]
            let count = wordCount[c]
            guard count == 1 else { return nil }
            let present = region.bits[offset]
            // How many rules take both of two values, for the values up to the highest present
            // (a square of that side, not of 64: this runs at every node of the cut).
            let side = 64 - present.leadingZeroBitCount
            var together = [Int](repeating: 0, count: side * side)
            for r in rules {
                let cell = word(r, c, 0) & present
                var a = cell
                while a != 0 {
                    let v = a.trailingZeroBitCount
                    a &= a &- 1
                    var b = a
                    while b != 0 {
                        together[v &* side &+ b.trailingZeroBitCount] &+= 1
                        b &= b &- 1
                    }
                }
            }
            // Components of the values joined by more than `allowed` rules.
            var group = (0..<64).map { $0 }
            func root(_ v: Int) -> Int {
                var v = v
                while group[v] != v { v = group[v] }
                return v
            }
            for v in 0..<side where present & (1 << UInt64(v)) != 0 {
                for w in (v + 1)..<side where present & (1 << UInt64(w)) != 0 && together[v * side + w] > allowed {
                    group[root(w)] = root(v)
                }
            }
            var words: [Int: UInt64] = [:]
            for v in 0..<64 where present & (1 << UInt64(v)) != 0 { words[root(v), default: 0] |= 1 << UInt64(v) }
            guard words.count > 1 else { return nil }
            return words.keys.sorted().map { key in
                var part = region
                part.bits[offset] = words[key]!
                return part
            }
        }
        // Integers: the rule boundaries strictly inside the region that at most `allowed`
        // hulls cross. A boundary `p` separates `..< p` from `p...`; hull `low...high`
        // crosses it when `low < p <= high`.
        var starts: [Int] = []
        var ends: [Int] = []
        var candidates: [Int] = []
        starts.reserveCapacity(rules.count)
        ends.reserveCapacity(rules.count)
        for r in rules {
            let (low, high) = hull(r, c, within: region.low[c], region.high[c])
            starts.append(low &+ 1)
            ends.append(high == Int.max ? Int.max : high &+ 1)
            if low > region.low[c] { candidates.append(low) }
            if high < region.high[c] { candidates.append(high &+ 1) }
        }
        starts.sort()
        ends.sort()
        candidates.sort()
        var boundaries: [Int] = []
        var (i, j) = (0, 0)
        var previous: Int?
        for p in candidates where p != previous {
            previous = p
            while i < starts.count, starts[i] <= p { i += 1 }
            while j < ends.count, ends[j] <= p { j += 1 }
            if i - j <= allowed { boundaries.append(p) }
        }
        guard !boundaries.isEmpty else { return nil }
        return Self.pieces(of: region, column: c, startingAt: boundaries)
    }
}
