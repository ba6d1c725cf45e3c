/// The exact partition of a table's input space that the gap and shadowing analyses read.
///
/// The space is cut recursively into boxes, never enumerated: a box is split on the input
/// that most of its rules constrain, finite inputs into classes of values that every rule
/// treats alike, integer inputs in two at the median rule boundary. Where that would split a
/// rule in two, the box is cut instead, if it can be, where no rule is split (see
/// ``FlatCells/cleanParts(of:column:cutting:)``): a table written as a decision tree is then
/// cut along its own tree, into two or three boxes per rule, where the copies of split rules
/// used to multiply level after level. A box stops being cut as soon as its question is
/// answered: no rule (a gap), one rule (taken out of the box directly), or a rule that holds
/// the whole box (covered). The cost follows the table's structure rather than the size of the
/// cross product.
///
/// Which rules meet which is not read off the cut: an ``IntersectionIndex`` answers it rule by
/// rule, in memory that grows with the answer only, whatever the cut does. A rule wins
/// somewhere exactly when its own box is not covered by the better rules that meet it, a
/// question the same cutting answers inside that one box, stopping at the first uncovered
/// part.
///
/// Every step is charged to a ``BudgetMeter``; when it runs out the cut stops where it is,
/// and what it settled stays true: the gaps found (each a witness), the share of the space
/// settled, the rules known to win.
struct Partition {
    let space: AnalysisSpace
    private let cells: FlatCells
    private let meter: BudgetMeter

    /// Boxes no rule matches, disjoint, in the order the cut found them: the first
    /// ``listedGaps``, while they fit in a quarter of the memory budget.
    private(set) var gaps: [Region] = []
    /// The most gap boxes kept for the report.
    static let listedGaps = 10_000
    /// Gap boxes found but not kept (past ``listedGaps``, or a quarter of the memory budget),
    /// as far as they were looked for: once the report is full and says there are more, the
    /// parts whose uncovered share is counted are not cut for boxes it could not keep.
    private(set) var unlistedGaps = 0
    /// The share of the input space the gaps found cover, listed or not.
    private(set) var gapShare = 0.0
    /// The share of the input space settled (found covered or uncovered).
    private(set) var settledShare = 0.0
    /// Whether the whole space was cut.
    private(set) var gapsComplete = false

    /// Per input, the number of values of its analysis domain, for shares.
    private let domainSizes: [Double]
    /// While checking whether a rule wins: whether an uncovered part turned up.
    private var escaped = false
    private var findingGaps = false
    /// While the first stage of ``findGaps(index:)`` runs: the rules it left out, with which
    /// each part it leaves uncovered is cut again, indexed to find those reaching each part.
    private var residual: IntersectionIndex?
    /// While ``listSome(of:_:uncovered:)`` lists boxes: how many more it may list.
    private var sampling: Int?
    /// Every live rule's neighbours (the rules meeting it), when ``findGaps(index:)`` found
    /// them all or the overlap search handed them over.
    private var neighbourLists: [[Int]]?
    /// Whether the lists of every rule's neighbours, `count` entries in all, may be kept: while
    /// they take at most an eighth of the memory budget. A decision tree of 100,000 rules
    /// with a tenth widened has 10.3 million (83 MB); a table of random rules past that is no
    /// tree with a few defects, and the first stage of the gap cut would not pay for them.
    static func keepsNeighbours(_ count: Int, within budget: AnalysisBudget) -> Bool {
        count <= budget.maximumMemory / 64
    }
    /// Whether listing found more boxes than it may list.
    private var sampledMore = false
    /// What the listed gap boxes will take as rows of a report (see ``list(_:)``).
    private var listedBytes = 0
    /// Counts of uncovered shares that gave up (see ``uncoveredShare(_:_:)``).
    private var failedCounts = 0
    /// Counts the share of a part that the rules reaching into it cover.
    private var counter: UnionCounter

    /// - Parameter neighbourLists: Every live rule's neighbours, ascending, when they are
    ///   already known (see ``OverlapGroups/neighbourLists``).
    init(space: AnalysisSpace, cells: FlatCells, meter: BudgetMeter, neighbourLists: [[Int]]? = nil) {
        self.space = space
        self.cells = cells
        self.meter = meter
        self.neighbourLists = neighbourLists
        domainSizes = space.domain.map { set in
            switch set {
            case .values(let bits): Double(bits.values.count)
            case .integers(let intervals): intervals.ranges.reduce(0) { $0 + Double($1.upperBound) - Double($1.lowerBound) + 1 }
            }
        }
        counter = UnionCounter(cells: cells)
    }

    /// The live rules: those that match something.
    var live: [Int] { space.rules.indices.filter { !space.unreachable.contains($0) } }

    /// Cuts the whole analysis domain, collecting the gaps, until done or out of budget.
    ///
    /// The cut runs in two stages when most rules meet no other: first with those rules only
    /// (a set no two of which meet, see ``disjointRules(_:index:)``), whose boxes a cut
    /// follows cleanly, then each part they leave uncovered with the other rules meeting it.
    /// A decision tree with some rules widened into their neighbours is then cut as the tree
    /// it is: cut with every rule at once, the widened rules' bounds slice the gaps of the
    /// tree's narrowed rules into millions of boxes.
    /// - Parameter index: The table's intersection index, to find which rules meet.
    mutating func findGaps(index: IntersectionIndex) {
        findingGaps = true
        defer { findingGaps = false }
        let live = live
        let (kept, rest) = disjointRules(live, index: index)
        let first = kept.count >= live.count / 2 && !rest.isEmpty ? kept : live
        if first.count < live.count {
            residual = IntersectionIndex(space, cells, rules: rest, maximumBytes: meter.budget.maximumMemory / 8)
        }
        let residualBytes = residual?.bytes ?? 0
        meter.charge(residualBytes)
        defer {
            residual = nil
            meter.release(residualBytes)
        }
        for root in Region.boxes(of: space.domain, cells) {
            cut(root, first.filter { cells.meets($0, root) })
            if meter.stopped != nil { return }
        }
        gapsComplete = true
    }

    /// Rules of `live` no two of which meet, and the others: taken greedily, the rules meeting
    /// the fewest others first, so that a rule widened over its neighbours is left out rather
    /// than its neighbours.
    private mutating func disjointRules(_ live: [Int], index: IntersectionIndex) -> (kept: [Int], rest: [Int]) {
        // Past what ``keepsNeighbours(_:within:)`` allows, the table is no tree with a few
        // defects, and the first stage would not pay for finding its rules; below, the lists
        // are kept for the greedy pass rather than asked for again.
        let neighbours: [[Int]]
        if let known = neighbourLists {
            neighbours = known
        } else {
            var lists = [[Int]](repeating: [], count: space.rules.count)
            var pairs = 0
            defer { meter.release(8 * pairs) }
            for r in live {
                if meter.tick() { return (live, []) }
                let earlier = index.recordNeighbours(of: r, in: &lists)
                pairs += 2 * earlier.count
                let stopped = meter.charge(16 * earlier.count)
                if stopped || !Self.keepsNeighbours(pairs, within: meter.budget) { return (live, []) }
            }
            neighbours = lists
            // Kept for ``winners(keys:index:)``, which asks the same question of every rule:
            // within ``keepsNeighbours(_:within:)``.
            neighbourLists = lists
        }
        var taken = [Bool](repeating: false, count: space.rules.count)
        var kept: [Int] = []
        var rest: [Int] = []
        let order = live.sorted { neighbours[$0].count != neighbours[$1].count ? neighbours[$0].count < neighbours[$1].count : $0 < $1 }
        for r in order {
            if meter.tick() { return (live, []) }
            if !neighbours[r].contains(where: { taken[$0] }) {
                taken[r] = true
                kept.append(r)
            } else {
                rest.append(r)
            }
        }
        return (kept.sorted(), rest.sorted())
    }

    /// The share of the input space a box covers.
    func share(_ region: Region) -> Double {
        var share = 1.0
        for c in 0..<cells.columnCount {
            if cells.isFinite[c] {
                var count = 0
                for w in 0..<cells.wordCount[c] { count += region.bits[cells.wordOffset[c] + w].nonzeroBitCount }
                share *= Double(count) / domainSizes[c]
            } else {
                share *= (Double(region.high[c]) - Double(region.low[c]) + 1) / domainSizes[c]
            }
        }
        return share
    }

    /// The share of the input space a row of column sets covers.
    func share(of row: [ColumnSet]) -> Double {
        zip(row, domainSizes).reduce(1.0) { share, pair in
            switch pair.0 {
            case .values(let bits): share * Double(bits.values.count) / pair.1
            case .integers(let set):
                share * set.ranges.reduce(0.0) { $0 + Double($1.upperBound) - Double($1.lowerBound) + 1 } / pair.1
            }
        }
    }

    /// Which rules win somewhere under a ranking (lower key wins): true, false, or nil where
    /// the budget ran out first. Unreachable rules win nowhere.
    /// - Parameter index: The table's intersection index, to find the better rules meeting each.
    mutating func winners(keys: [Int], index: IntersectionIndex) -> [Bool?] {
        var wins = [Bool?](repeating: false, count: space.rules.count)
        var unsettled = false
        let live = live
        for (k, r) in live.enumerated() {
            meter.done = Double(k) / Double(max(1, live.count))
            if unsettled || meter.tick() {
                unsettled = true
                wins[r] = nil
                continue
            }
            let better = (neighbourLists?[r] ?? index.rulesMeeting(r)).filter { keys[$0] < keys[r] && !space.unreachable.contains($0) }
            // A live rule no better rule meets wins all of its box.
            if better.isEmpty {
                wins[r] = true
                continue
            }
            escaped = false
            for box in Region.boxes(of: space.rules[r], cells) where !escaped {
                cut(box, better.filter { cells.meets($0, box) })
            }
            if meter.stopped != nil, !escaped {
                unsettled = true
                wins[r] = nil
            } else {
                wins[r] = escaped
            }
        }
        return wins
    }

    /// A part of the space no rule of the current question matches.
    private mutating func uncover(_ region: Region) {
        if let rest = residual {
            residual = nil
            defer { residual = rest }
            let reaching = rest.rules(meeting: region)
            // Most such parts of a tree are a widened rule's own leaf, which it holds whole:
            // settled at once, where a count and a cut would each go over every rule reaching in.
            if reaching.contains(where: { cells.mask($0, region) == 0 }) {
                settle(region)
                return
            }
            if !reaching.isEmpty, let uncovered = uncoveredShare(region, reaching) {
                listSome(of: region, reaching, uncovered: uncovered)
            } else {
                // No rule reaches in: the part is a gap box. Or the budget ran out, and this
                // returns at once.
                cut(region, reaching)
            }
            return
        }
        if let left = sampling {
            // Listing a few boxes of a part whose share is already counted; one box past
            // what may be listed says there are more, and ends the cut.
            if left > 0, list(region) {
                sampling = left - 1
            } else {
                sampledMore = true
                escaped = true
            }
            return
        }
        guard findingGaps else {
            escaped = true
            return
        }
        let part = share(region)
        gapShare += part
        settledShare += part
        meter.done = settledShare
        // Past the cap, boxes are counted and their share added, not kept.
        if !list(region) { unlistedGaps += 1 }
    }

    /// Keeps a gap box for the report while there is room: at most ``listedGaps``, taking at
    /// most a quarter of the memory budget and keeping the whole analysis within it, a listed
    /// box costing about eight times its own size by the time it is a row of a report. The
    /// quarter is the list's own: the overlap groups of the same table, charged first, do not
    /// leave a report of a table with many of them without a single gap row. Returns whether
    /// it was kept.
    private mutating func list(_ region: Region) -> Bool {
        guard hasRoom(for: region) else { return false }
        let bytes = Self.listedBytes(region)
        listedBytes += 8 * bytes
        meter.charge(bytes)
        gaps.append(region)
        return true
    }

    /// Whether ``list(_:)`` would keep `region`.
    private func hasRoom(for region: Region) -> Bool {
        let bytes = Self.listedBytes(region)
        let limit = meter.budget.maximumMemory
        return gaps.count < Self.listedGaps && listedBytes + 8 * bytes <= limit / 4 && meter.memory + 8 * bytes <= limit
    }

    /// What a listed box takes while it is kept.
    private static func listedBytes(_ region: Region) -> Int { (region.bits.count + 2 * region.low.count) * 8 + 96 }

    /// Cuts `region` until each part is covered by one of `rules` (each meeting it) or by none,
    /// passing the parts no rule matches to ``uncover(_:)``; while checking a winner, only
    /// until the first such part.
    ///
    /// `known`, when given, holds each rule's mask (``FlatCells/mask(_:_:known:changed:)``)
    /// for a region that differed from this one only in input `changed`: only that input is
    /// checked again.
    private mutating func cut(_ region: Region, _ rules: [Int], known: [UInt64]? = nil, changed: Int = 0) {
        if meter.tick() { return }
        if rules.isEmpty {
            uncover(region)
            return
        }
        if rules.count == 1, subtract(rules[0], from: region, others: []) { return }
        // For each rule, the inputs where it does not hold the whole region; none means the
        // rule covers it.
        let bytes = 40 * rules.count + 8 * cells.columnCount + 64
        guard meter.reserve(bytes) else { return }
        defer { meter.release(bytes) }
        var masks = [UInt64](repeating: 0, count: rules.count)
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        for (k, r) in rules.enumerated() {
            let mask = cells.mask(r, region, known: known?[k], changed: changed)
            if mask == 0 {
                settle(region)
                return
            }
            cells.count(mask, into: &constrained)
            masks[k] = mask
        }
        // A rule that holds most of the region is taken out of it directly, and only what is
        // left is cut with the other rules: a rule narrowed inside a tree's leaf, or the leaf
        // a widened neighbour reaches into, leaves a few slabs.
        if let k = cells.dominant(rules, masks, in: region) {
            var others = rules
            others.remove(at: k)
            if subtract(rules[k], from: region, others: others) { return }
        }
        let (best, pieces) = cells.nextCut(of: region, rules, masks, constrained: constrained)
        for part in pieces {
            let (inside, insideMasks) = meeting(part, cutOn: best, rules, masks)
            cut(part, inside, known: insideMasks, changed: best)
            if escaped || meter.stopped != nil { return }
        }
    }

    /// The rules of a region cut on input `c` that meet `part`, one of its pieces, with their
    /// masks; the rules that do not constrain the input meet every piece.
    private func meeting(_ part: Region, cutOn c: Int, _ rules: [Int], _ masks: [UInt64]) -> (rules: [Int], masks: [UInt64]) {
        let bit = UInt64(1) << UInt64(c)
        var inside: [Int] = []
        var insideMasks: [UInt64] = []
        inside.reserveCapacity(rules.count)
        insideMasks.reserveCapacity(rules.count)
        for (k, r) in rules.enumerated() where masks[k] & bit == 0 || cells.meets(r, c, part) {
            inside.append(r)
            insideMasks.append(masks[k])
        }
        return (inside, insideMasks)
    }

    /// A part the first stage of ``findGaps(index:)`` left uncovered, whose uncovered share
    /// (`uncovered`) the rules reaching into it leave is known: the share is counted, and
    /// the part is cut only to list its first ``sampledBoxes`` boxes while the report has
    /// room, rather than into every box, which rules crossing it in several inputs make
    /// thousands.
    private mutating func listSome(of region: Region, _ reaching: [Int], uncovered: Double) {
        gapShare += uncovered
        settledShare += share(region)
        meter.done = settledShare
        // A full report that already says there is more gains nothing from this part's boxes;
        // on the published 100,000-rule tree that is most of the 11,000 parts counted.
        if unlistedGaps > 0, !hasRoom(for: region) { return }
        // Whether the part holds an uncovered input at all is decided by cutting, not by the
        // share: a few inputs of a 64-bit integer input are no share a double can hold.
        sampling = gaps.count < Self.listedGaps ? Swift.max(Self.sampledBoxes, Self.fullyListed - gaps.count) : 0
        sampledMore = false
        cut(region, reaching)
        if sampledMore { unlistedGaps += 1 }
        escaped = false
        sampling = nil
    }

    /// The most boxes listed of one part the first stage left uncovered once the report
    /// holds ``fullyListed`` boxes, so that it shows many gaps rather than one gap in pieces.
    static let sampledBoxes = 16
    /// Up to this many boxes, every part is listed whole.
    static let fullyListed = 1_000

    /// The share of the input space inside `region` that none of `rules` (each meeting it)
    /// matches; nil when the budget ran out.
    ///
    /// Few rules are counted by inclusion and exclusion (``UnionCounter``), which visits only
    /// the intersections that are not empty: rules that mostly miss each other, as a tree's
    /// widened rules do inside a narrowed leaf, are counted quickly however many reach in.
    /// More rules, or rules that share too many intersections, are cut as ``cut(_:_:known:changed:)``
    /// cuts, each piece counted the same way; a piece a rule holds whole is covered. Unlike the
    /// cut, the count never lists the uncovered boxes: a part of a 100,000-rule tree that 140
    /// widened rules reach into is counted in a few hundred steps where listing it takes half
    /// a million. After ``countsGivenUp`` counts gave up, a table is taken to be one whose rules
    /// all share one region, and only pieces with ``fewRules`` rules are counted.
    private mutating func uncoveredShare(_ region: Region, _ rules: [Int]) -> Double? {
        if meter.tick() { return nil }
        if rules.isEmpty { return share(region) }
        if rules.count <= (failedCounts < Self.countsGivenUp ? Self.countedRules : Self.fewRules), counter.countable(region, rules) {
            if let covered = counter.coveredFraction(of: region, by: rules, maximumSteps: Self.countSteps) {
                let whole = share(region)
                return Swift.max(0, whole - whole * covered)
            }
            failedCounts += 1
        }
        let bytes = 16 * rules.count + 8 * cells.columnCount + 64
        guard meter.reserve(bytes) else { return nil }
        defer { meter.release(bytes) }
        var masks = [UInt64](repeating: 0, count: rules.count)
        var constrained = [Int](repeating: 0, count: cells.columnCount)
        for (k, r) in rules.enumerated() {
            let mask = cells.mask(r, region)
            if mask == 0 { return 0 }
            cells.count(mask, into: &constrained)
            masks[k] = mask
        }
        let (best, pieces) = cells.nextCut(of: region, rules, masks, constrained: constrained)
        var uncovered = 0.0
        for part in pieces {
            guard let share = uncoveredShare(part, meeting(part, cutOn: best, rules, masks).rules) else { return nil }
            uncovered += share
        }
        return uncovered
    }

    /// The most rules counted by inclusion and exclusion at once.
    static let countedRules = 64
    /// The most rules counted at once after ``countsGivenUp`` counts gave up.
    static let fewRules = 12
    /// The most intersections one count visits.
    static let countSteps = 50_000
    static let countsGivenUp = 16

    /// A part of the space found covered.
    private mutating func settle(_ region: Region) {
        guard findingGaps, sampling == nil else { return }
        settledShare += share(region)
        meter.done = settledShare
    }

    /// The region minus rule `r`, directly: column by column, the part outside the rule's
    /// cell, then on with the part inside it, which the rule covers. The parts outside are
    /// cut with `others` (those of them meeting each part); with none, they are gaps. Most
    /// boxes end with one rule left, and this takes one step where cutting would take one per
    /// input. Returns false, having done nothing, when the rule's cell would leave an integer
    /// column in several pieces.
    private mutating func subtract(_ r: Int, from region: Region, others: [Int]) -> Bool {
        guard let (outside, inside) = cells.takingOut(r, of: region) else { return false }
        for part in outside {
            cutOutside(part, others)
            if escaped || meter.stopped != nil { return true }
        }
        settle(inside)
        return true
    }

    /// A part of a region left outside a rule taken out of it: a gap when no other rule
    /// meets it, else cut with those that do.
    private mutating func cutOutside(_ part: Region, _ others: [Int]) {
        if others.isEmpty {
            uncover(part)
            return
        }
        cut(part, others.filter { cells.meets($0, part) })
    }
}
