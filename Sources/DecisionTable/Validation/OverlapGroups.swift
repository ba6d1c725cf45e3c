/// The overlaps of a table as groups a person can act on, rather than every pair: a rule
/// widened across forty neighbours, or a catch-all under a `unique` table, is one finding
/// naming the rule and the rules it overlaps, not a page of pairs.
///
/// The pairs of rules that meet come from the ``IntersectionIndex``, rule by rule (each
/// against the rules before it), in memory that grows with the answer only. The reportable
/// pairs are then covered greedily by groups: the rule in the most pairs not yet in a group
/// is the group's hub, with every rule it forms such a pair with. When the hub and all of
/// them match one common input (the smallest input the hub and its first partner both
/// match), the group is every pair among them, with that input as its witness; otherwise it
/// is the pairs of the hub with each other rule, and the witness is an input the hub and its
/// first partner both match. Every reportable pair ends up in some group, so the groups say
/// everything the pairs say.
struct OverlapGroups {
    /// Two rules by index, lower first.
    struct Pair: Hashable, Comparable {
        let first: Int
        let second: Int
        static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
    }

    /// Overlapping rules and an input they match.
    struct Group {
        /// The rules, ascending when they all match ``witness``; otherwise the hub first, then
        /// the rules it overlaps, ascending.
        let rules: [Int]
        /// The smallest input every rule matches, or (with a hub) the hub and `rules[1]` match.
        let witness: [Int]
        /// The rule every other rule of the group overlaps, when they share no one input.
        let hub: Int?
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

    /// Rules are taken in order; the groups are made from the reportable pairs found, also
    /// when a budget stopped the search.
    /// - Parameters:
    ///   - reportable: Whether a pair of meeting rules is an overlap to report.
    init(
        space: AnalysisSpace, cells: FlatCells, index: IntersectionIndex, meter: BudgetMeter,
        reportable: (Int, Int) -> Bool
    ) {
        let live = space.rules.indices.filter { !space.unreachable.contains($0) }
        var reportablePairs: [Pair] = []
        // Whether a rule is in a reportable pair yet: each such rule may lead a group, whose
        // finding is charged when the rule is first seen.
        var involved = [Bool](repeating: false, count: space.rules.count)
        var lists: [[Int]]? = [[Int]](repeating: [], count: space.rules.count)
        var listed = 0
        for (k, r) in live.enumerated() {
            meter.done = Double(k) / Double(max(1, live.count))
            if meter.tick() { break }
            let before = (pairs.count, reportablePairs.count, listed)
            var leaders = 0
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
                guard reportable(a, r) else { continue }
                reportablePairs.append(Pair(first: a, second: r))
                for x in [a, r] where !involved[x] {
                    involved[x] = true
                    leaders += 1
                }
            }
            // A pair is a pair and, at most, a rule named in a finding; each rule in a pair may
            // lead a finding of its own.
            let bytes =
                16 * (pairs.count - before.0) + (16 + 48) * (reportablePairs.count - before.1)
                + 8 * max(0, listed - before.2) + leaders * Self.reportBytes(inputs: space.domain.count, rules: 1)
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
        groups = Self.cover(reportablePairs, ruleCount: space.rules.count, cells: cells)
    }

    /// Groups covering every pair of `pairs`, each led by the rule in the most pairs not yet
    /// covered (the earliest such rule on a tie).
    private static func cover(_ pairs: [Pair], ruleCount: Int, cells: FlatCells) -> [Group] {
        guard !pairs.isEmpty else { return [] }
        // Each rule's pairs, as (other rule, pair index), in one array.
        var degree = [Int](repeating: 0, count: ruleCount)
        for pair in pairs {
            degree[pair.first] += 1
            degree[pair.second] += 1
        }
        var start = [Int](repeating: 0, count: ruleCount + 1)
        for r in 0..<ruleCount { start[r + 1] = start[r] + degree[r] }
        var next = Array(start.dropLast())
        var partners = [(rule: Int, pair: Int)](repeating: (0, 0), count: 2 * pairs.count)
        for (i, pair) in pairs.enumerated() {
            partners[next[pair.first]] = (pair.second, i)
            next[pair.first] += 1
            partners[next[pair.second]] = (pair.first, i)
            next[pair.second] += 1
        }
        var covered = [Bool](repeating: false, count: pairs.count)
        // Rules by their count of uncovered pairs, at most. Counts only fall, so a rule found
        // in a bucket above its count moves down when it comes up; the last of a bucket comes
        // up first, so each bucket is filled from the last rule back.
        let most = degree.max() ?? 0
        var buckets = [[Int]](repeating: [], count: most + 1)
        for r in stride(from: ruleCount - 1, through: 0, by: -1) where degree[r] > 0 { buckets[degree[r]].append(r) }
        var groups: [Group] = []
        var level = most
        var inGroup = [Bool](repeating: false, count: ruleCount)
        while level > 0 {
            guard let hub = buckets[level].popLast() else {
                level -= 1
                continue
            }
            if degree[hub] != level {
                if degree[hub] > 0 { buckets[degree[hub]].append(hub) }
                continue
            }
            var others: [Int] = []
            for (other, pair) in partners[start[hub]..<start[hub + 1]] where !covered[pair] { others.append(other) }
            others.sort()
            guard let first = others.first, let witness = cells.witness(hub, first) else { continue }
            let shared = others.allSatisfy { cells.matches($0, witness) }
            var members = [hub] + others
            if shared { members.sort() }
            for x in members { inGroup[x] = true }
            // With a shared input, every pair among the members is covered; without, the
            // hub's pairs are.
            for x in shared ? members : [hub] {
                for (other, pair) in partners[start[x]..<start[x + 1]] where !covered[pair] && inGroup[other] {
                    covered[pair] = true
                    degree[x] -= 1
                    degree[other] -= 1
                }
            }
            for x in members { inGroup[x] = false }
            groups.append(Group(rules: members, witness: witness, hub: shared ? nil : hub))
        }
        return groups
    }

    /// About what a group takes once it is a finding (a message naming every input's value,
    /// the witness as named values, the rules' ids and notes): about 2 KB for a pair of
    /// rules over 15 inputs. Charged as the pairs are found (a finding for every rule in a
    /// pair, at most), so that a table of millions of overlaps stops at the memory budget
    /// rather than past it by its findings.
    static func reportBytes(inputs: Int, rules: Int) -> Int { 600 + 96 * inputs + 48 * rules }
}
