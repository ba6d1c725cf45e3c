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
