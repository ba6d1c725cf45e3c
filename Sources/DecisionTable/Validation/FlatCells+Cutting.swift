/// How boxes are cut: shared by the validator's partition and the semantic diff.
extension FlatCells {
    /// The input to cut on: the one most rules constrain (`constrained[c]` of them); on ties a
    /// finite input, which splits into classes in one step.
    func bestColumn(_ constrained: [Int]) -> Int {
        var best = 0
        for c in 1..<Swift.max(1, columnCount) {
            if constrained[c] > constrained[best]
                || constrained[c] == constrained[best] && isFinite[c] && !isFinite[best]
            {
                best = c
            }
        }
        return best
    }

    /// The pieces the region is cut into along input `c` by the rules that constrain it there.
    func parts(of region: Region, column c: Int, cutting rules: [Int]) -> [Region] {
        if isFinite[c] {
            // Refine the region's values by every cutting rule: the classes end up being the
            // values that every rule takes all or none of.
            let offset = wordOffset[c]
            let count = wordCount[c]
            var classes: [UInt64] = Array(region.bits[offset..<(offset + count)])  // `count` words per class
            let values = classes.reduce(0) { $0 + $1.nonzeroBitCount }
            for r in rules where classes.count / count < values {
                for k in 0..<(classes.count / count) {
                    var inside = false
                    var outside = false
                    for w in 0..<count {
                        let word = word(r, c, w)
                        inside = inside || classes[k * count + w] & word != 0
                        outside = outside || classes[k * count + w] & ~word != 0
                    }
                    guard inside, outside else { continue }
                    for w in 0..<count {
                        let group = classes[k * count + w]
                        let word = word(r, c, w)
                        classes[k * count + w] = group & word
                        classes.append(group & ~word)
                    }
                }
            }
            return (0..<(classes.count / count)).map { k in
                var part = region
                for w in 0..<count { part.bits[offset + w] = classes[k * count + w] }
                return part
            }
        }
        // Integers: cut at the median rule boundary strictly inside the interval.
        var boundaries: [Int] = []
        for r in rules { cuts(r, c, inside: region.low[c], region.high[c], into: &boundaries) }
        let middle = boundaries.count / 2
        let cut = boundaries.withUnsafeMutableBufferPointer { Self.select($0, middle) }
        var below = region
        below.high[c] = cut - 1
        var above = region
        above.low[c] = cut
        return [below, above]
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

/// The steps of a cut that the validator's partition and the semantic diff share: which
/// inputs each rule leaves partly uncovered, which rule to take out of a box whole, and
/// which pieces to cut a box into next.
extension FlatCells {
    /// The inputs where rule `r` does not hold the whole region, a bit each (the analyses
    /// take tables of at most 64 inputs); 0 when the rule covers the region.
    /// - Parameters:
    ///   - known: The rule's mask for a region that differed from this one only in input
    ///     `changed`: only that input is checked again.
    @inline(__always)
    func mask(_ r: Int, _ region: Region, known: UInt64? = nil, changed: Int = 0) -> UInt64 {
        if let known {
            let bit = UInt64(1) << UInt64(changed)
            return covers(r, changed, region) ? known & ~bit : known | bit
        }
        var mask: UInt64 = 0
        for c in 0..<columnCount where !covers(r, c, region) { mask |= 1 << UInt64(c) }
        return mask
    }

    /// Adds one to `constrained[c]` for each input `c` of `mask`.
    @inline(__always)
    func count(_ mask: UInt64, into constrained: inout [Int]) {
        var bits = mask
        while bits != 0 {
            constrained[bits.trailingZeroBitCount] &+= 1
            bits &= bits &- 1
        }
    }

    /// The index in `rules` of a rule holding at least half of the region, the largest share
    /// first, if one does: taking it out of the region whole (see ``takingOut(_:of:)``)
    /// leaves a few slabs, where cutting along the other rules' bounds would cut them into
    /// thousands of pieces.
    func dominant(_ rules: [Int], _ masks: [UInt64], in region: Region) -> Int? {
        var best: Int?
        var bestShare = 0.5
        for (k, r) in rules.enumerated() {
            var share = 1.0
            var bits = masks[k]
            while bits != 0, share >= bestShare {
                share *= fraction(r, bits.trailingZeroBitCount, of: region)
                bits &= bits &- 1
            }
            if share >= bestShare {
                best = k
                bestShare = share
            }
        }
        return best
    }

    /// The region split by rule `r`, which meets it: input by input, the slab outside the
    /// rule's cell, then on with the part inside it; last, the part the rule covers. Nil
    /// when the rule's cell would leave an integer input in several pieces.
    func takingOut(_ r: Int, of region: Region) -> (outside: [Region], inside: Region)? {
        for c in 0..<columnCount where !isFinite[c] && !covers(r, c, region) {
            if pieces(r, c, within: region.low[c], region.high[c]) > 1 { return nil }
        }
        var inside = region
        var outside: [Region] = []
        for c in 0..<columnCount where !covers(r, c, inside) {
            if isFinite[c] {
                var slab = inside
                for w in 0..<wordCount[c] {
                    let index = wordOffset[c] + w
                    slab.bits[index] = inside.bits[index] & ~word(r, c, w)
                    inside.bits[index] &= word(r, c, w)
                }
                outside.append(slab)
            } else {
                let (low, high) = clamp(r, c, to: inside.low[c], inside.high[c])
                if low > inside.low[c] {
                    var below = inside
                    below.high[c] = low - 1
                    outside.append(below)
                }
                if high < inside.high[c] {
                    var above = inside
                    above.low[c] = high + 1
                    outside.append(above)
                }
                inside.low[c] = low
                inside.high[c] = high
            }
        }
        return (outside, inside)
    }

    /// Where to cut a region next, given its rules, their masks (``mask(_:_:known:changed:)``,
    /// none 0) and the count of masks per input: the input most rules constrain (on ties a
    /// finite one), into classes or in two at the median boundary, unless that splits a rule
    /// in two; then, where it can be done, on an input as many rules constrain where no rule
    /// is split (``cleanParts(of:column:cutting:)``), else where few are
    /// (``tolerantParts(of:column:cutting:tolerance:)``).
    func nextCut(of region: Region, _ rules: [Int], _ masks: [UInt64], constrained: [Int]) -> (column: Int, pieces: [Region]) {
        let best = bestColumn(constrained)
        precondition(constrained[best] > 0, "a box with a partial rule has a constrained input")
        let splitting = Self.cutting(rules, masks, column: best)
        let pieces = parts(of: region, column: best, cutting: splitting)
        guard splitsARule(splitting, column: best, pieces) else { return (best, pieces) }
        for tolerant in [false, true] {
            for finite in [true, false] {
                for c in 0..<columnCount where constrained[c] == constrained[best] && isFinite[c] == finite {
                    let rulesOfC = Self.cutting(rules, masks, column: c)
                    if let found = tolerant
                        ? tolerantParts(of: region, column: c, cutting: rulesOfC)
                        : cleanParts(of: region, column: c, cutting: rulesOfC)
                    {
                        return (c, found)
                    }
                }
            }
        }
        return (best, pieces)
    }

    /// Whether one of `rules` meets several of `pieces`, cut along input `c`.
    private func splitsARule(_ rules: [Int], column c: Int, _ pieces: [Region]) -> Bool {
        for r in rules {
            var met = 0
            for piece in pieces where meets(r, c, piece) {
                met += 1
                if met > 1 { return true }
            }
        }
        return false
    }

    /// The rules that constrain input `c` (the others hold it whole).
    private static func cutting(_ rules: [Int], _ masks: [UInt64], column c: Int) -> [Int] {
        let bit = UInt64(1) << UInt64(c)
        return rules.indices.filter { masks[$0] & bit != 0 }.map { rules[$0] }
    }
}
