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
    /// The memory charged to the meter for the pairs and groups, to give back when done.
    private(set) var charged = 0

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
        search: for (k, r) in live.enumerated() {
            meter.done = Double(k) / Double(max(1, live.count))
            if meter.tick() { break }
            let before = (pairs.count, grouped.count)
            // Every rule matching a point of r's box meets r: a group's members are found
            // among r's neighbours, not by querying the whole index.
            let neighbours = index.rulesMeeting(r)
            for a in neighbours where a < r && !space.unreachable.contains(a) {
                pairs.append(Pair(first: a, second: r))
                guard !grouped.contains(key(a, r)), reportable(a, r), let witness = space.witness(a, r) else { continue }
                let members = (neighbours.filter { $0 < r } + [r] + neighbours.filter { $0 > r }).filter {
                    !space.unreachable.contains($0) && cells.matches($0, witness)
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
                groups.append(Group(rules: members.filter(involved.contains), witness: witness))
            }
            let bytes = 16 * (pairs.count - before.0) + 32 * (grouped.count - before.1)
            charged += bytes
            if meter.charge(bytes) { break }
        }
        stopped = meter.stopped
    }
}
