/// The exact partition of a table's input space that every analysis reads.
///
/// The space is cut recursively into boxes, never enumerated: a box is split on the input
/// that most of its rules constrain, finite inputs into classes of values that every rule
/// treats alike, integer inputs in two at the median rule boundary. A box stops being cut as
/// soon as its question is answered: no rule (a gap), or a rule that holds the whole box
/// (covered). The cost follows the table's structure rather than the size of the cross product.
///
/// Only gaps need the whole space cut. A rule is a box, so two rules share an input exactly
/// when their boxes meet, column by column (an ``IntersectionIndex`` finds the candidates);
/// and a rule wins somewhere exactly when its own box is not covered by the better rules that
/// meet it, a question the same cutting answers inside that one box, stopping at the first
/// uncovered part. Cutting the whole space until every pair of rules or every winner was
/// settled instead grew about tenfold with each doubling of a table of many narrow rules.
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
    private let cells: FlatCells

    /// Boxes no rule matches, as column sets; disjoint, their union is exactly the uncovered space.
    private(set) var gaps: [[ColumnSet]] = []
    /// Pairs of rules (lower index first) that match a common input, with the smallest such input.
    private(set) var overlaps: [Pair: [Int]] = [:]
    /// For `winners`, whether each rule wins somewhere.
    private(set) var wins: [Bool]

    struct Pair: Hashable, Comparable {
        let first: Int
        let second: Int
        init(_ a: Int, _ b: Int) { (first, second) = a < b ? (a, b) : (b, a) }
        static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    init(space: AnalysisSpace, mode: Mode) {
        self.space = space
        self.mode = mode
        cells = FlatCells(space)
        wins = [Bool](repeating: false, count: space.rules.count)
    }

    /// Runs the partition over the whole analysis domain.
    mutating func run() {
        let live = space.rules.indices.filter { !space.unreachable.contains($0) }
        for root in Region.boxes(of: space.domain, cells) {
            var uncovered: [Region] = []
            cut(root, live.filter { cells.meets($0, root) }, stopAtFirst: false, into: &uncovered)
            gaps += uncovered.map { $0.sets(cells) }
        }
        switch mode {
        case .gaps:
            break
        case .overlaps:
            let index = IntersectionIndex(space)
            for b in live {
                for a in index.rulesMeeting(b, below: b) where !space.unreachable.contains(a) {
                    overlaps[Pair(a, b)] = space.witness(a, b)
                }
            }
        case .winners(let keys):
            let index = IntersectionIndex(space)
            // Under `first` the better rules are the earlier ones; under `priority`, any rule
            // may rank higher.
            let inFileOrder = keys.indices.allSatisfy { keys[$0] == $0 }
            for r in live {
                let better = index.rulesMeeting(r, below: inFileOrder ? r : keys.count)
                    .filter { keys[$0] < keys[r] && !space.unreachable.contains($0) }
                wins[r] = Region.boxes(of: space.rules[r], cells).contains { box in
                    var escaped: [Region] = []
                    cut(box, better.filter { cells.meets($0, box) }, stopAtFirst: true, into: &escaped)
                    return !escaped.isEmpty
                }
            }
        }
    }

    /// Collects the parts of `region` that none of `rules` (each meeting it) matches; with
    /// `stopAtFirst`, only whether there is one.
    private func cut(_ region: Region, _ rules: [Int], stopAtFirst: Bool, into uncovered: inout [Region]) {
        if rules.isEmpty {
            uncovered.append(region)
            return
        }
        if rules.count == 1, subtract(rules[0], from: region, stopAtFirst: stopAtFirst, into: &uncovered) { return }
        // For each rule, the inputs where it does not hold the whole region (a bit each; the
        // validator analyses tables of at most 64 inputs); none means the rule covers it.
        var masks = [UInt64](repeating: 0, count: rules.count)
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        for (k, r) in rules.enumerated() {
            var mask: UInt64 = 0
            for c in 0..<cells.columnCount where !cells.covers(r, c, region) {
                constrained[c] &+= 1
                mask |= 1 << UInt64(c)
            }
            if mask == 0 { return }
            masks[k] = mask
        }
        let best = cells.bestColumn(constrained)
        precondition(constrained[best] > 0, "a box with a partial rule has a constrained input")
        let bit = UInt64(1) << UInt64(best)
        // Only the rules that constrain the input cut it; the others meet every part.
        let cutting = rules.indices.filter { masks[$0] & bit != 0 }.map { rules[$0] }
        for part in cells.parts(of: region, column: best, cutting: cutting) {
            var inside: [Int] = []
            inside.reserveCapacity(rules.count)
            for (k, r) in rules.enumerated() where masks[k] & bit == 0 || cells.meets(r, best, part) {
                inside.append(r)
            }
            cut(part, inside, stopAtFirst: stopAtFirst, into: &uncovered)
            if stopAtFirst, !uncovered.isEmpty { return }
        }
    }

    /// The region minus one rule, directly: column by column, the part outside the rule's
    /// cell, then on with the part inside it. Most boxes end with one rule left, and this
    /// takes one step where cutting would take one per input. Returns false, having done
    /// nothing, when the rule's cell would leave an integer column in several pieces.
    private func subtract(_ r: Int, from region: Region, stopAtFirst: Bool, into uncovered: inout [Region]) -> Bool {
        for c in 0..<cells.columnCount where !cells.isFinite[c] && !cells.covers(r, c, region) {
            if cells.pieces(r, c, within: region.low[c], region.high[c]) > 1 { return false }
        }
        var inside = region
        for c in 0..<cells.columnCount where !cells.covers(r, c, inside) {
            if cells.isFinite[c] {
                var outside = inside
                for w in 0..<cells.wordCount[c] {
                    let index = cells.wordOffset[c] + w
                    outside.bits[index] = inside.bits[index] & ~cells.word(r, c, w)
                    inside.bits[index] &= cells.word(r, c, w)
                }
                uncovered.append(outside)
            } else {
                let (low, high) = cells.clamp(r, c, to: inside.low[c], inside.high[c])
                if low > inside.low[c] {
                    var below = inside
                    below.high[c] = low - 1
                    uncovered.append(below)
                }
                if high < inside.high[c] {
                    var above = inside
                    above.low[c] = high + 1
                    uncovered.append(above)
                }
                inside.low[c] = low
                inside.high[c] = high
            }
            if stopAtFirst, !uncovered.isEmpty { return true }
        }
        return true
    }
}
