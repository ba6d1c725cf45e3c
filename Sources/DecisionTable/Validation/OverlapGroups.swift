/// The overlaps of a table as groups of rules that all match one common input, rather than
/// every pair: a rule that overlaps forty neighbours, or a catch-all under a `unique` table,
/// is a few groups a person can act on, not a page of pairs.
///
/// The pairs of rules that meet come from the ``IntersectionIndex``, rule by rule (each
/// against the rules before it), in memory that grows with the answer only. The groups are
/// then built greedily: for the first pair not yet in a group, the smallest input both rules
/// match is the group's witness, and the group is every rule matching that input that forms
/// a reportable pair with another one there. Every reportable pair ends up in some group, so
/// the groups say everything the pairs say.
struct OverlapGroups {
    /// Two rules by index, lower first.
    struct Pair: Hashable, Comparable {
        let first: Int
        let second: Int
        static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    /// Rules that all match `witness`, ascending; each forms a reportable pair with another.
    struct Group {
        let rules: [Int]
        let witness: [Int]
    }

    /// Every pair of live rules that meet, ascending by the later rule (as far as the budget
    /// allowed: every pair whose later rule was reached).
    private(set) var pairs: [Pair] = []
    private(set) var groups: [Group] = []
    /// The limit that stopped the search, if one did; the pairs and groups found stay exact.
    private(set) var stopped: BudgetLimit?
    /// Whether the search stopped at half the memory budget, leaving the rest to the gaps.
    private(set) var keptRoomForGaps = false
    /// The memory charged to the meter for the pairs, groups and neighbour lists, to give
    /// back when done.
    private(set) var charged = 0
    /// Every rule's neighbours (the rules meeting it, ascending), when the search finished
    /// and they were few enough to keep (at most ``Partition/keptNeighbours`` a rule on
    /// average): the gap cut asks the same question of every rule.
    private(set) var neighbourLists: [[Int]]?

    /// Rules are taken in order; each pair a rule forms with an earlier one is grouped as soon
    /// as it is found, so that a search stopped by the budget leaves every pair found grouped.
    /// - Parameters:
    ///   - reportable: Whether a pair of meeting rules is an overlap to report.
    init(
        space: AnalysisSpace, cells: FlatCells, index: IntersectionIndex, meter: BudgetMeter,
        reportable: (Int, Int) -> Bool
    ) {
        let live = space.rules.indices.filter { !space.unreachable.contains($0) }
        // Pairs already in a group, as `first << 32 | second`.
        var grouped = Set<UInt64>()
        func key(_ a: Int, _ b: Int) -> UInt64 { UInt64(a) << 32 | UInt64(b) }
        var lists: [[Int]]? = [[Int]](repeating: [], count: space.rules.count)
        var listed = 0
        search: for (k, r) in live.enumerated() {
            meter.done = Double(k) / Double(max(1, live.count))
            if meter.tick() { break }
            let before = (pairs.count, grouped.count, listed)
            var reported = 0
            let neighbours = index.rulesMeeting(r)
            if lists != nil {
                lists?[r] = neighbours
                listed += neighbours.count
                if listed > Partition.keptNeighbours * live.count {
                    lists = nil
                    meter.release(8 * (listed - neighbours.count))
                    charged -= 8 * (listed - neighbours.count)
                    listed = 0
                }
            }
            for a in neighbours where a < r && !space.unreachable.contains(a) {
                pairs.append(Pair(first: a, second: r))
                guard !grouped.contains(key(a, r)), reportable(a, r), let witness = cells.witness(a, r) else { continue }
                // Every rule matching the witness meets both a and r: the group's members are
                // among the neighbours of whichever of the two has fewer.
                let members =
                    if let shorter = lists?[a], shorter.count < neighbours.count {
                        Self.members(matching: witness, owner: a, neighbours: shorter, space, cells)
                    } else {
                        Self.members(matching: witness, owner: r, neighbours: neighbours, space, cells)
                    }
                var involved = Set<Int>()
                for (i, x) in members.enumerated() {
                    // A point many rules match makes a large group: keep to the budget inside it.
                    if meter.tick() { break search }
                    for y in members[(i + 1)...] where reportable(x, y) {
                        grouped.insert(key(x, y))
                        involved.insert(x)
                        involved.insert(y)
                    }
                }
                let group = Group(rules: members.filter(involved.contains), witness: witness)
                reported += Self.reportBytes(inputs: witness.count, rules: group.rules.count)
                groups.append(group)
            }
            let bytes =
                16 * (pairs.count - before.0) + 32 * (grouped.count - before.1) + 8 * max(0, listed - before.2) + reported
            charged += bytes
            if meter.charge(bytes) { break }
            // The gap search runs after this one and needs room for its cut and its witness.
            if charged > meter.budget.maximumMemory / 2 {
                keptRoomForGaps = true
                break
            }
        }
        stopped = meter.stopped
        if stopped == nil, !keptRoomForGaps { neighbourLists = lists }
    }

    /// About what a group takes once it is a finding (a message naming every input's value,
    /// the witness as named values, the rules' ids and notes): about 2 KB for a pair of
    /// rules over 15 inputs (a tree of 100,000 rules peaked at 10.5 GB with 4.9 million
    /// groups while this was not charged). Charged as the group is found,
    /// so that a table of millions of overlaps stops at the memory budget rather than past it
    /// by its findings.
    static func reportBytes(inputs: Int, rules: Int) -> Int { 600 + 96 * inputs + 48 * rules }

    /// `owner` and those of its `neighbours` that are live and match `point`, ascending.
    private static func members(
        matching point: [Int], owner: Int, neighbours: [Int], _ space: AnalysisSpace, _ cells: FlatCells
    ) -> [Int] {
        var members: [Int] = []
        var placed = false
        for x in neighbours {
            if !placed, x > owner {
                members.append(owner)
                placed = true
            }
            if !space.unreachable.contains(x), cells.matches(x, point) { members.append(x) }
        }
        if !placed { members.append(owner) }
        return members
    }
}
