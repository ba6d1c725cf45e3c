/// The exact partition of a table's input space that every analysis reads.
///
/// The space is cut recursively into boxes, never enumerated: a box is split on the input
/// that most of its rules constrain, finite inputs into classes of values that every rule
/// treats alike, integer inputs in two at the median rule boundary. Where that would split a
/// rule in two, the box is cut instead, if it can be, where no rule is split (see
/// ``FlatCells/cleanParts(of:column:cutting:)``): a table written as a decision tree is then
/// cut along its own tree, into two or three boxes per rule, where the copies of split rules
/// used to multiply level after level (the validation benchmark's 10,000-rule table took
/// 914,000 boxes, now 27,000). A box stops being cut as soon as its question is answered: no
/// rule (a gap), one rule (taken out of the box directly), or rules that hold the whole box
/// (covered). The cost follows the table's structure rather than the size of the cross
/// product.
///
/// Only gaps need the whole space cut, and that cut also finds the pairs of rules that meet:
/// two rules share an input exactly when both meet one of the boxes where the cut stopped,
/// and only a covered box holds several rules. There a rule that holds the box meets every
/// other; the others are compared pairwise when they are few, and when they are many (under
/// a catch-all, say) looked up in an ``IntersectionIndex``, whose bitset scans cost a word per
/// 64 rules for each rule looked up. A rule wins somewhere exactly when its own box is not
/// covered by the better rules that meet it, a question the same cutting answers inside that
/// one box, stopping at the first uncovered part. Cutting the whole space further, until
/// every pair of rules or every winner was settled, instead grew about tenfold with each
/// doubling of a table of many narrow rules.
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

    /// What the cut collects besides the uncovered boxes.
    private struct Meetings {
        /// Whether to collect anything (not when only gaps matter).
        let wanted: Bool
        /// Pairs of rules that share an input, `first << 32 | second`, with repeats.
        var pairs: [UInt64] = []
        /// Pairs that may share an input, to be checked.
        var candidates: [UInt64] = []
        /// Rules left in a covered box with too many others to compare pairwise.
        var crowded: [Bool]

        init(wanted: Bool, ruleCount: Int) {
            self.wanted = wanted
            crowded = [Bool](repeating: false, count: wanted ? ruleCount : 0)
        }

        static func key(_ a: Int, _ b: Int) -> UInt64 {
            a < b ? UInt64(a) << 32 | UInt64(b) : UInt64(b) << 32 | UInt64(a)
        }
    }

    /// The most rules of a covered box, besides those that hold it, compared pairwise.
    private static let pairwiseLimit = 32

    /// - Parameters:
    ///   - cells: The space's rules as ``FlatCells``, when the caller has them already.
    init(space: AnalysisSpace, mode: Mode, cells: FlatCells? = nil) {
        self.space = space
        self.mode = mode
        self.cells = cells ?? FlatCells(space)
        wins = [Bool](repeating: false, count: space.rules.count)
    }

    /// Runs the partition over the whole analysis domain.
    mutating func run() {
        let live = space.rules.indices.filter { !space.unreachable.contains($0) }
        let wanted = if case .gaps = mode { false } else { true }
        var meetings = Meetings(wanted: wanted, ruleCount: space.rules.count)
        for root in Region.boxes(of: space.domain, cells) {
            var uncovered: [Region] = []
            cut(root, live.filter { cells.meets($0, root) }, stopAtFirst: false, into: &uncovered, &meetings)
            gaps += uncovered.map { $0.sets(cells) }
        }
        guard wanted else { return }
        let meeting = meetingPairs(meetings)
        switch mode {
        case .gaps:
            break
        case .overlaps:
            for pair in meeting { overlaps[pair] = space.witness(pair.first, pair.second) }
        case .winners(let keys):
            var better = [[Int]](repeating: [], count: space.rules.count)
            for pair in meeting {
                if keys[pair.first] < keys[pair.second] {
                    better[pair.second].append(pair.first)
                } else {
                    better[pair.first].append(pair.second)
                }
            }
            var none = Meetings(wanted: false, ruleCount: 0)
            for r in live {
                // A live rule no better rule meets wins all of its box.
                if better[r].isEmpty {
                    wins[r] = true
                    continue
                }
                wins[r] = Region.boxes(of: space.rules[r], cells).contains { box in
                    var escaped: [Region] = []
                    cut(box, better[r].filter { cells.meets($0, box) }, stopAtFirst: true, into: &escaped, &none)
                    return !escaped.isEmpty
                }
            }
        }
    }

    /// Every pair of rules that share an input, ascending, from what the cut collected.
    private func meetingPairs(_ meetings: Meetings) -> [Pair] {
        var keys = meetings.pairs
        for key in meetings.candidates where cells.meet(Int(key >> 32), Int(key & 0xFFFF_FFFF)) {
            keys.append(key)
        }
        if meetings.crowded.contains(true) {
            let index = IntersectionIndex(space)
            for b in meetings.crowded.indices where meetings.crowded[b] {
                for a in index.rulesMeeting(b, below: space.rules.count) where !space.unreachable.contains(a) {
                    keys.append(Meetings.key(a, b))
                }
            }
        }
        keys.sort()
        var pairs: [Pair] = []
        var previous: UInt64?
        for key in keys where key != previous {
            pairs.append(Pair(Int(key >> 32), Int(key & 0xFFFF_FFFF)))
            previous = key
        }
        return pairs
    }

    /// Collects the parts of `region` that none of `rules` (each meeting it) matches; with
    /// `stopAtFirst`, only whether there is one. Where rules hold the region, notes in
    /// `meetings` (when wanted) the pairs of rules that meet there.
    ///
    /// `known`, when given, holds each rule's mask (see below) for a region that differed
    /// from this one only in input `changed`: only that input is checked again.
    private func cut(
        _ region: Region, _ rules: [Int], known: [UInt64]? = nil, changed: Int = 0,
        stopAtFirst: Bool, into uncovered: inout [Region], _ meetings: inout Meetings
    ) {
        if rules.isEmpty {
            uncovered.append(region)
            return
        }
        if rules.count == 1, subtract(rules[0], from: region, stopAtFirst: stopAtFirst, into: &uncovered) { return }
        // For each rule, the inputs where it does not hold the whole region (a bit each; the
        // validator analyses tables of at most 64 inputs); none means the rule covers it.
        var masks = [UInt64](repeating: 0, count: rules.count)
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        var covered = false
        let changedBit = UInt64(1) << UInt64(changed)
        for (k, r) in rules.enumerated() {
            var mask: UInt64 = 0
            if let known {
                mask = known[k] & ~changedBit
                if !cells.covers(r, changed, region) { mask |= changedBit }
            } else {
                for c in 0..<cells.columnCount where !cells.covers(r, c, region) { mask |= 1 << UInt64(c) }
            }
            var bits = mask
            while bits != 0 {
                constrained[bits.trailingZeroBitCount] &+= 1
                bits &= bits &- 1
            }
            if mask == 0 {
                guard meetings.wanted else { return }
                covered = true
            }
            masks[k] = mask
        }
        if covered {
            note(rules, masks, in: &meetings)
            return
        }
        // Cut the input most rules constrain (on ties a finite one) into classes, or in two
        // at the median boundary, unless that splits a rule in two; then, where it can be done,
        // on an input as many rules constrain where no rule is split (see `cleanParts`).
        var best = cells.bestColumn(constrained)
        precondition(constrained[best] > 0, "a box with a partial rule has a constrained input")
        let splitting = cutting(rules, masks, column: best)
        var pieces = cells.parts(of: region, column: best, cutting: splitting)
        if splitsARule(splitting, column: best, pieces) {
            search: for finite in [true, false] {
                for c in 0..<cells.columnCount where constrained[c] == constrained[best] && cells.isFinite[c] == finite {
                    if let clean = cells.cleanParts(of: region, column: c, cutting: cutting(rules, masks, column: c)) {
                        best = c
                        pieces = clean
                        break search
                    }
                }
            }
        }
        let bit = UInt64(1) << UInt64(best)
        for part in pieces {
            var inside: [Int] = []
            var insideMasks: [UInt64] = []
            inside.reserveCapacity(rules.count)
            insideMasks.reserveCapacity(rules.count)
            // The rules that do not constrain the input meet every part.
            for (k, r) in rules.enumerated() where masks[k] & bit == 0 || cells.meets(r, best, part) {
                inside.append(r)
                insideMasks.append(masks[k])
            }
            cut(part, inside, known: insideMasks, changed: best, stopAtFirst: stopAtFirst, into: &uncovered, &meetings)
            if stopAtFirst, !uncovered.isEmpty { return }
        }
    }

    /// Whether one of `rules` meets several of `pieces`, cut along input `c`.
    private func splitsARule(_ rules: [Int], column c: Int, _ pieces: [Region]) -> Bool {
        for r in rules {
            var met = 0
            for piece in pieces where cells.meets(r, c, piece) {
                met += 1
                if met > 1 { return true }
            }
        }
        return false
    }

    /// The rules that constrain input `c` (the others hold it whole).
    private func cutting(_ rules: [Int], _ masks: [UInt64], column c: Int) -> [Int] {
        let bit = UInt64(1) << UInt64(c)
        return rules.indices.filter { masks[$0] & bit != 0 }.map { rules[$0] }
    }

    /// Notes the pairs of a covered region's rules: each rule that holds it (mask 0) meets
    /// every other; the others may meet one another.
    private func note(_ rules: [Int], _ masks: [UInt64], in meetings: inout Meetings) {
        var others: [Int] = []
        for (k, r) in rules.enumerated() {
            if masks[k] == 0 {
                for (j, s) in rules.enumerated() where j != k && (masks[j] != 0 || j > k) {
                    meetings.pairs.append(Meetings.key(r, s))
                }
            } else {
                others.append(r)
            }
        }
        if others.count > Self.pairwiseLimit {
            for r in others { meetings.crowded[r] = true }
            return
        }
        for (k, a) in others.enumerated() {
            for b in others[(k + 1)...] { meetings.candidates.append(Meetings.key(a, b)) }
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
