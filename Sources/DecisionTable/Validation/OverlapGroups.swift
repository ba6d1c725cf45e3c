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
    struct Pair {
        let first: Int
        let second: Int
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

    /// The number of pairs of live rules that meet (as far as the budget allowed: every pair
    /// whose later rule was reached).
    private(set) var pairCount = 0
    /// The pairs of live rules that meet which the caller asked to keep, ascending by the
    /// later rule.
    private(set) var keptPairs: [Pair] = []
    private(set) var groups: [Group] = []
    /// The limit that stopped the search, if one did; the pairs and groups found stay exact.
    private(set) var stopped: BudgetLimit?
    /// Whether the search stopped at half the memory budget, leaving the rest to the gaps.
    private(set) var keptRoomForGaps = false
    /// The memory charged to the meter for the pairs, groups and neighbour lists, to give
    /// back when done.
    private(set) var charged = 0
    /// Every rule's neighbours (the rules meeting it, ascending), when the search finished
    /// and they were few enough to keep (``Partition/keepsNeighbours(_:within:)``): the gap
    /// cut asks the same question of every rule.
    private(set) var neighbourLists: [[Int]]?

    /// Rules are taken in order; the groups are made from the reportable pairs found, also
    /// when a budget stopped the search.
    /// - Parameters:
    ///   - reportable: Whether a pair of meeting rules is an overlap to report.
    ///   - keep: Whether to keep a pair of meeting rules in ``keptPairs``.
    init(
        space: AnalysisSpace, cells: FlatCells, index: IntersectionIndex, meter: BudgetMeter,
        reportable: (Int, Int) -> Bool, keep: (Int, Int) -> Bool
    ) {
        // Asked of every pair: a flag per rule, not a set to hash into.
        var unreachable = [Bool](repeating: false, count: space.rules.count)
        for r in space.unreachable { unreachable[r] = true }
        let live = space.rules.indices.filter { !unreachable[$0] }
        // As `first << 32 | second`: a tree of 100,000 rules has millions.
        var reportablePairs: [UInt64] = []
        var lists = [[Int]](repeating: [], count: space.rules.count)
        // Whether the lists are still kept (``Partition/keepsNeighbours(_:within:)``).
        var listing = true
        var listed = 0
        for (k, r) in live.enumerated() {
            meter.done = Double(k) / Double(max(1, live.count))
            if meter.tick() { break }
            let before = (keptPairs.count, reportablePairs.count, listed)
            // Each pair once, from its later rule.
            let earlier = listing ? index.recordNeighbours(of: r, in: &lists) : index.rulesMeeting(r, below: r)
            if listing {
                listed += 2 * earlier.count
                if !Partition.keepsNeighbours(listed, within: meter.budget) {
                    listing = false
                    lists = []
                    meter.release(8 * (listed - 2 * earlier.count))
                    charged -= 8 * (listed - 2 * earlier.count)
                    listed = 0
                }
            }
            for a in earlier where !unreachable[a] {
                pairCount += 1
                if keep(a, r) { keptPairs.append(Pair(first: a, second: r)) }
                guard reportable(a, r) else { continue }
                reportablePairs.append(UInt64(a) << 32 | UInt64(r))
            }
            // A reportable pair is kept, then grouped (``cover(_:ruleCount:cells:)``), then
            // a rule named in a finding.
            let bytes =
                16 * (keptPairs.count - before.0) + (8 + 16 + 16) * (reportablePairs.count - before.1)
                + 8 * max(0, listed - before.2)
            charged += bytes
            if meter.charge(bytes) { break }
            // The gap search runs after this one and needs room for its cut and its witness.
            if charged > meter.budget.maximumMemory / 2 {
                keptRoomForGaps = true
                break
            }
        }
        stopped = meter.stopped
        if stopped == nil, !keptRoomForGaps, listing { neighbourLists = lists }
        groups = Self.cover(reportablePairs, ruleCount: space.rules.count, cells: cells)
        // At most a finding per live rule, so bounded by the table itself; charged once known.
        let findings = groups.count * Self.reportBytes(inputs: space.domain.count)
        charged += findings
        meter.charge(findings)
    }

    /// Groups covering every pair of `pairs` (each `first << 32 | second`), each led by the
    /// rule in the most pairs not yet covered.
    private static func cover(_ pairs: [UInt64], ruleCount: Int, cells: FlatCells) -> [Group] {
        guard !pairs.isEmpty else { return [] }
        // Each rule's pairs, as (other rule, pair index), in one array.
        var degree = [Int](repeating: 0, count: ruleCount)
        for pair in pairs {
            degree[Int(pair >> 32)] += 1
            degree[Int(pair & 0xFFFF_FFFF)] += 1
        }
        var start = [Int](repeating: 0, count: ruleCount + 1)
        for r in 0..<ruleCount { start[r + 1] = start[r] + degree[r] }
        var next = Array(start.dropLast())
        var partners = [(rule: Int32, pair: Int32)](repeating: (0, 0), count: 2 * pairs.count)
        for (i, pair) in pairs.enumerated() {
            let (a, b) = (Int(pair >> 32), Int(pair & 0xFFFF_FFFF))
            partners[next[a]] = (Int32(b), Int32(i))
            next[a] += 1
            partners[next[b]] = (Int32(a), Int32(i))
            next[b] += 1
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
            for (other, pair) in partners[start[hub]..<start[hub + 1]] where !covered[Int(pair)] { others.append(Int(other)) }
            others.sort()
            guard let first = others.first, let witness = cells.witness(hub, first) else { continue }
            let shared = others.allSatisfy { cells.matches($0, witness) }
            var members = [hub] + others
            if shared { members.sort() }
            for x in members { inGroup[x] = true }
            // With a shared input, every pair among the members is covered; without, the
            // hub's pairs are.
            for x in shared ? members : [hub] {
                for (other, pair) in partners[start[x]..<start[x + 1]] where !covered[Int(pair)] && inGroup[Int(other)] {
                    covered[Int(pair)] = true
                    degree[x] -= 1
                    degree[Int(other)] -= 1
                }
            }
            for x in members { inGroup[x] = false }
            groups.append(Group(rules: members, witness: witness, hub: shared ? nil : hub))
        }
        return groups
    }

    /// About what a group takes once it is a finding, but for its rules' ids (charged with the
    /// pairs): a message naming every input's value, the witness as named values, notes;
    /// about 2 KB over 15 inputs.
    static func reportBytes(inputs: Int) -> Int { 650 + 96 * inputs }
}
