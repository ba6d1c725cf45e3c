/// Finds the rules whose boxes may meet a given box by descending a k-d tree over the rules'
/// boxes, instead of passing over every rule.
///
/// Each node splits its rules on one input: an integer input at a value (the rules wholly
/// below it go left, those wholly at or above it right), a finite input into a set of values
/// and the rest (the rules holding values of the set only go left, those holding none of it
/// right). The rules straddling the split make a third subtree, split on other inputs. A
/// query descends into that one and each side its box reaches, and visits the rules of the
/// leaves it reaches; a rule wholly on one side can only meet a box that reaches that side,
/// so nothing is missed. The caller confirms each rule visited exactly.
///
/// A node splits where the fewest of a sample of its rules straddle, weighed against how
/// unevenly the split divides the rest, trying the sampled rules' own bounds (integer inputs)
/// and value sets (finite inputs): a decision tree flattened into rules is then split along
/// its own branches, whose cut points and value groups are among them, and a query visits a
/// path and the few rules straddling it, a few hundred of 100,000 where bitsets read a bit
/// for each. Random boxes, which leave most inputs whole, straddle every split;
/// ``expectedVisits`` tells the caller which search pays.
struct RuleTree {
    private struct Node {
        /// The input split on, or -1 at a leaf.
        var column: Int32 = -1
        /// Integer inputs: left holds values below it, right the rest. Finite inputs: the
        /// offset in ``masks`` of the left side's values.
        var split = 0
        var left: Int32 = -1
        var right: Int32 = -1
        /// The rules straddling the split, in a tree of their own, split on other inputs.
        var middle: Int32 = -1
        /// A leaf's rules: `rules[start..<end]`.
        var start: Int32 = 0
        var end: Int32 = 0
    }

    /// Most rules a leaf holds; fewer are not worth a split.
    private static let leafSize = 8
    /// Rules sampled per node to choose its split.
    private static let sampleSize = 63
    /// Sampled rules whose value sets are tried as a finite input's split.
    private static let finiteCandidates = 16

    private let cells: FlatCells
    private var nodes: [Node] = []
    /// The rules, each node's together, by table index.
    private var rules: [Int] = []
    /// Per rule of ``rules``, its box as a query tests it first: its value bits
    /// (``FlatCells/finiteStride`` words), the lowest and highest value of each integer cell
    /// (in ``integerColumns`` order), and whether that box is exact (no integer cell of
    /// several intervals).
    private var boxBits: [UInt64] = []
    private var boxBounds: [Int] = []
    private var boxIsExact: [Bool] = []
    private let integerColumns: [Int]
    /// The finite inputs' word offsets and counts, in a box's value bits.
    private let finiteColumns: [(offset: Int, count: Int)]
    /// The value sets finite splits send left, each at its column's word count.
    private var masks: [UInt64] = []
    /// Per indexed rule (by table index, `r * columnCount + c`), its lowest and highest value
    /// in each integer input, while building.
    private var lows: [Int] = []
    private var highs: [Int] = []
    /// The average number of rules a query visits, over the boxes of up to 64 of the rules.
    private(set) var expectedVisits = 0.0

    /// The memory the tree takes, in bytes.
    var bytes: Int {
        nodes.count * MemoryLayout<Node>.stride + (rules.count + masks.count + boxBits.count + boxBounds.count) * 8
            + boxIsExact.count
    }

    /// - Parameter members: The rules to index, by table index.
    init(_ cells: FlatCells, members: [Int]) {
        self.cells = cells
        let columns = cells.columnCount
        integerColumns = (0..<columns).filter { !cells.isFinite[$0] }
        finiteColumns = (0..<columns).filter { cells.isFinite[$0] }.map { (cells.wordOffset[$0], cells.wordCount[$0]) }
        lows = [Int](repeating: 0, count: cells.ruleCount * columns)
        highs = lows
        for r in members {
            for c in 0..<columns where !cells.isFinite[c] { (lows[r * columns + c], highs[r * columns + c]) = cells.hull(r, c, within: .min, .max) }
        }
        build(members)
        lows = []
        highs = []
        if !members.isEmpty {
            let samples = min(64, members.count)
            let visits = (0..<samples).reduce(0) { total, s in
                total + walk(query(rule: members[s * members.count / samples])) { _, _ in }
            }
            expectedVisits = Double(visits) / Double(samples)
        }
    }

    /// Rule `r`'s box as a query: its value bits, and the hull of its integer cells.
    func query(rule r: Int) -> Region {
        var box = Region(
            bits: Array(cells.finiteBlock(r)),
            low: [Int](repeating: 0, count: cells.columnCount), high: [Int](repeating: 0, count: cells.columnCount))
        for c in 0..<cells.columnCount where !cells.isFinite[c] { (box.low[c], box.high[c]) = cells.hull(r, c, within: .min, .max) }
        return box
    }

    /// Hands `visit` every rule below `limit` whose box may meet `box`, in no order: every
    /// rule that does, and some that do not. With each, whether that rule meets the box
    /// exactly when their hulls do: true when neither has an integer cell of several intervals
    /// (the box's ``Region/low`` and ``Region/high`` taken as given).
    func forEachCandidate(meeting box: Region, below limit: Int = .max, _ visit: (_ rule: Int, _ exact: Bool) -> Void) {
        _ = walk(box, below: limit, visit)
    }

    /// Visits the candidates below `limit` for `box`; returns how many rules it compared.
    private func walk(_ box: Region, below limit: Int = .max, _ visit: (Int, Bool) -> Void) -> Int {
        guard !nodes.isEmpty else { return 0 }
        // The query's integer hulls in the order of ``boxBounds``.
        var query: [Int] = []
        for c in integerColumns { query += [box.low[c], box.high[c]] }
        return box.bits.withUnsafeBufferPointer { bits in
            boxBits.withUnsafeBufferPointer { storedBits in
                boxBounds.withUnsafeBufferPointer { bounds in
                    walk(box, Query(bounds: query, bits: bits, limit: limit), Stored(bits: storedBits, bounds: bounds), visit)
                }
            }
        }
    }

    /// A query's integer hulls (low, high, in ``integerColumns`` order) and value bits, and
    /// the rules it asks about: those below `limit`.
    private struct Query {
        let bounds: [Int]
        let bits: UnsafeBufferPointer<UInt64>
        let limit: Int
    }

    /// The stored boxes' value bits and integer hulls.
    private struct Stored {
        let bits: UnsafeBufferPointer<UInt64>
        let bounds: UnsafeBufferPointer<Int>
    }

    /// The walk itself, over the query's and the stored boxes' buffers.
    private func walk(_ box: Region, _ query: Query, _ stored: Stored, _ visit: (Int, Bool) -> Void) -> Int {
        var visited = 0
        var stack: [Int32] = [0]
        while let n = stack.popLast() {
            let node = nodes[Int(n)]
            visited += Int(node.end - node.start)
            for k in Int(node.start)..<Int(node.end) where rules[k] < query.limit && boxesMeet(k, query, stored) {
                visit(rules[k], boxIsExact[k])
            }
            guard node.column >= 0 else { continue }
            if node.middle >= 0 { stack.append(node.middle) }
            let c = Int(node.column)
            if cells.isFinite[c] {
                var left = false
                var right = false
                for w in 0..<cells.wordCount[c] {
                    let bits = box.bits[cells.wordOffset[c] + w]
                    left = left || bits & masks[node.split + w] != 0
                    right = right || bits & ~masks[node.split + w] != 0
                }
                if left, node.left >= 0 { stack.append(node.left) }
                if right, node.right >= 0 { stack.append(node.right) }
            } else {
                if box.low[c] < node.split, node.left >= 0 { stack.append(node.left) }
                if box.high[c] >= node.split, node.right >= 0 { stack.append(node.right) }
            }
        }
        return visited
    }

    /// Whether the box stored at `k` meets the query: value bits in every finite input, hulls
    /// in every integer one.
    @inline(__always)
    private func boxesMeet(_ k: Int, _ query: Query, _ stored: Stored) -> Bool {
        let base = k &* query.bounds.count
        for i in Swift.stride(from: 0, to: query.bounds.count, by: 2)
        where stored.bounds[base &+ i] > query.bounds[i &+ 1] || stored.bounds[base &+ i &+ 1] < query.bounds[i] {
            return false
        }
        let start = k &* cells.finiteStride
        for (offset, count) in finiteColumns {
            var common: UInt64 = 0
            for w in offset..<(offset &+ count) { common |= stored.bits[start &+ w] & query.bits[w] }
            if common == 0 { return false }
        }
        return true
    }

    /// Which side of a split rule `r` falls on: true left, false right, nil straddling.
    private func side(_ r: Int, column c: Int, split: Int, mask: ArraySlice<UInt64>) -> Bool? {
        if cells.isFinite[c] {
            return Self.side(of: (0..<cells.wordCount[c]).lazy.map { cells.word(r, c, $0) }, mask: mask)
        }
        let slot = r * cells.columnCount + c
        return highs[slot] < split ? true : lows[slot] >= split ? false : nil
    }

    /// The side of a finite split a cell's value words fall on: true when every value is in
    /// `mask`, false when none is, nil when it straddles the split.
    private static func side(of words: some Collection<UInt64>, mask: ArraySlice<UInt64>) -> Bool? {
        var inside = true
        var outside = true
        for (bits, m) in zip(words, mask) {
            inside = inside && bits & ~m == 0
            outside = outside && bits & m == 0
        }
        return inside ? true : outside ? false : nil
    }

    /// Stores rule `r` at the end of ``rules``, with its box.
    private mutating func keep(_ r: Int) {
        rules.append(r)
        boxBits += cells.finiteBlock(r)
        for c in integerColumns {
            boxBounds.append(lows[r * cells.columnCount + c])
            boxBounds.append(highs[r * cells.columnCount + c])
        }
        boxIsExact.append(cells.hasSimpleIntegerCells(r))
    }

    /// Builds the nodes breadth first, with a queue, so that no table is deep enough to
    /// exhaust the call stack.
    private mutating func build(_ members: [Int]) {
        var pending: [(node: Int, rules: [Int])] = [(0, members)]
        nodes.append(Node())
        rules.reserveCapacity(members.count)
        var next = 0
        while next < pending.count {
            let (node, here) = pending[next]
            pending[next].rules = []
            next += 1
            nodes[node].start = Int32(rules.count)
            guard here.count > Self.leafSize, let (column, split, mask) = bestSplit(here) else {
                for r in here { keep(r) }
                nodes[node].end = Int32(rules.count)
                continue
            }
            var left: [Int] = []
            var right: [Int] = []
            var middle: [Int] = []
            for r in here {
                switch side(r, column: column, split: split, mask: mask[...]) {
                case true?: left.append(r)
                case false?: right.append(r)
                case nil: middle.append(r)
                }
            }
            nodes[node].end = Int32(rules.count)
            nodes[node].column = Int32(column)
            if cells.isFinite[column] {
                nodes[node].split = masks.count
                masks += mask
            } else {
                nodes[node].split = split
            }
            for (child, part) in [left, right, middle].enumerated() where !part.isEmpty {
                let index = Int32(nodes.count)
                switch child {
                case 0: nodes[node].left = index
                case 1: nodes[node].right = index
                default: nodes[node].middle = index
                }
                nodes.append(Node())
                pending.append((Int(index), part))
            }
        }
    }

    /// The input and split that leave the fewest of a sample of `here` straddling, weighed
    /// against how unevenly they divide the rest; nil when no split leaves sampled rules on
    /// both sides.
    ///
    /// The candidates are the sampled rules' own bounds (integer inputs) and value sets
    /// (finite inputs): a tree's cut points and branches are among them.
    private func bestSplit(_ here: [Int]) -> (column: Int, split: Int, mask: [UInt64])? {
        let step = max(1, here.count / Self.sampleSize)
        let sample = stride(from: 0, to: here.count, by: step).map { here[$0] }
        var best: (column: Int, split: Int, mask: [UInt64], score: Int)?
        func consider(_ c: Int, _ split: Int, _ mask: [UInt64], left: Int, right: Int) {
            guard left > 0, right > 0 else { return }
            // Eight rules divided unevenly cost about as much as one straddling.
            let score = 8 * (sample.count - left - right) + abs(left - right)
            if let known = best, score >= known.score { return }
            best = (c, split, mask, score)
        }
        for c in 0..<cells.columnCount {
            if cells.isFinite[c] {
                // The value sets of the first few sampled rules: a branch common enough to
                // split on is among them, and each candidate is weighed against the sample.
                // In the sample's order, each once: a set's order would differ from run to run,
                // and with it the tree where two splits score the same.
                // The sample's words read once, rule after rule, rather than once per candidate.
                let words = cells.wordCount[c]
                var sampleWords: [UInt64] = []
                sampleWords.reserveCapacity(sample.count * words)
                for r in sample {
                    for w in 0..<words { sampleWords.append(cells.word(r, c, w)) }
                }
                var sets: [ArraySlice<UInt64>] = []
                for k in 0..<Swift.min(Self.finiteCandidates, sample.count) {
                    let mask = sampleWords[(k * words)..<((k + 1) * words)]
                    if !sets.contains(where: { $0.elementsEqual(mask) }) { sets.append(mask) }
                }
                for mask in sets {
                    var left = 0
                    var right = 0
                    for k in sample.indices {
                        switch Self.side(of: sampleWords[(k * words)..<((k + 1) * words)], mask: mask) {
                        case true?: left += 1
                        case false?: right += 1
                        case nil: break
                        }
                    }
                    consider(c, 0, Array(mask), left: left, right: right)
                }
            } else {
                var sampleLows: [Int] = []
                var sampleHighs: [Int] = []
                for r in sample where lows[r * cells.columnCount + c] <= highs[r * cells.columnCount + c] {
                    sampleLows.append(lows[r * cells.columnCount + c])
                    sampleHighs.append(highs[r * cells.columnCount + c])
                }
                sampleLows.sort()
                sampleHighs.sort()
                // A split at a rule's low bound or just past its high bound; the rules wholly
                // below it end before it, those wholly above start at or after it.
                for split in Self.mergedOnce(sampleLows, sampleHighs.map { $0 &+ 1 }) {
                    let left = sampleHighs.partitioningIndex { $0 >= split }
                    let right = sampleLows.count - sampleLows.partitioningIndex { $0 >= split }
                    consider(c, split, [], left: left, right: right)
                }
            }
        }
        return best.map { ($0.column, $0.split, $0.mask) }
    }
}

extension RuleTree {
    /// The values of two ascending arrays, ascending, each once.
    fileprivate static func mergedOnce(_ a: [Int], _ b: [Int]) -> [Int] {
        var result: [Int] = []
        result.reserveCapacity(a.count + b.count)
        var (i, j) = (0, 0)
        while i < a.count || j < b.count {
            let next: Int
            if j == b.count || (i < a.count && a[i] <= b[j]) {
                next = a[i]
                i += 1
            } else {
                next = b[j]
                j += 1
            }
            if result.last != next { result.append(next) }
        }
        return result
    }
}

extension Array where Element: Comparable {
    /// The index of the first element for which `belongs` holds, in an array where it holds
    /// for a suffix.
    fileprivate func partitioningIndex(where belongs: (Element) -> Bool) -> Int {
        var low = 0
        var high = count
        while low < high {
            let mid = (low + high) / 2
            if belongs(self[mid]) { high = mid } else { low = mid + 1 }
        }
        return low
    }
}
