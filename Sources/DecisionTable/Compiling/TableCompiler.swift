import YAMLLoading

/// Compiles checked ``TableDefinition``s into ``CompiledTable``s.
struct TableCompiler {
    let layout: SlotLayout

    func compile(_ table: TableDefinition) -> CompiledTable {
        let ruleCount = table.rules.count
        let wordCount = max(1, (ruleCount + 63) / 64)
        var allRules = [UInt64](repeating: 0, count: wordCount)
        for rule in 0..<ruleCount { allRules[rule >> 6] |= 1 << UInt64(rule & 63) }

        // One pass over the rules, each rule's cells read in order: a pass per column would
        // reach into every rule's cells once per column, and miss the cache on each.
        let inputs = table.inputs
        var constrained = [Bool](repeating: false, count: inputs.count)
        var valueRows = inputs.map { [UInt64](repeating: 0, count: ($0.domain.finiteCount ?? 0) * wordCount) }
        var intervals = [[(rule: Int, range: ClosedRange<Int>)]](repeating: [], count: inputs.count)
        for rule in 0..<ruleCount {
            let bit: UInt64 = 1 << UInt64(rule & 63)
            let word = rule >> 6
            // The cells read in place: a copy of a cell retains its arrays, text and location.
            table.rules[rule].conditions.withUnsafeBufferPointer { cells in
                for i in inputs.indices {
                    if !cells[i].isWildcard { constrained[i] = true }
                    if valueRows[i].isEmpty {
                        for range in cells[i].intervals?.ranges ?? [] {
                            intervals[i].append((rule, range))
                        }
                    } else {
                        for value in cells[i].values ?? [] {
                            valueRows[i][value * wordCount + word] |= bit
                        }
                    }
                }
            }
        }

        // A column no rule constrains (within the domain) is left out: it would AND all ones.
        // A chained integer input with declared bounds stays even then, because evaluating
        // the column is where the producer's value is checked against them (a sum or a count
        // can leave them), wildcards or not.
        let keeps = inputs.indices.map { i in
            constrained[i]
                || inputs[i].producer != nil && inputs[i].domain.finiteCount == nil
                    && inputs[i].domain.integerBounds != Int.min...Int.max
        }
        // Every kept integer column's elementary intervals first, so that the masks are made at
        // their final size: grown by doubling, they were copied into fresh memory again and
        // again (the 10,000-rule table's are 5.4 MB).
        var starts: [[Int]] = []
        starts.reserveCapacity(inputs.count)
        var maskCount = 0
        for i in inputs.indices {
            if keeps[i], case .integer = inputs[i].domain {
                starts.append(Self.elementaryStarts(of: intervals[i].lazy.map(\.range)))
                maskCount += starts[i].count * wordCount
            } else {
                starts.append([])
                maskCount += valueRows[i].count
            }
        }
        var columns: [CompiledColumn] = []
        var masks: [UInt64] = []
        masks.reserveCapacity(maskCount)
        HugePages.advise(&masks)
        var breakpoints: [Int] = []
        for i in inputs.indices where keeps[i] {
            let input = inputs[i]
            let maskBase = masks.count
            let breakpointStart = breakpoints.count
            var bounds: ClosedRange<Int>?
            switch input.domain {
            case .integer:
                breakpoints += starts[i]
                Self.appendIntervalRows(intervals[i], starts: starts[i], wordCount: wordCount, to: &masks)
                if input.producer != nil { bounds = input.domain.integerBounds }
            case .boolean, .enumeration:
                masks += valueRows[i]
            }
            columns.append(
                CompiledColumn(
                    slot: layout.inputSlot(input.name), maskBase: maskBase, breakpointStart: breakpointStart,
                    breakpointCount: breakpoints.count - breakpointStart, bounds: bounds, inputIndex: i))
        }

        var ruleOutputs: [Int] = []
        ruleOutputs.reserveCapacity(ruleCount * table.outputs.count)
        // By index: `for rule in table.rules` copies each rule (seven retains and releases).
        for rule in table.rules.indices {
            for (o, output) in table.outputs.enumerated() {
                ruleOutputs.append(layout.encode(table.rules[rule].values[o], output: output))
            }
        }
        let defaults: [Int]? = table.defaults.map { values in
            zip(values, table.outputs).map { layout.encode($0, output: $1) }
        }

        return CompiledTable(
            policy: Self.policy(table.hitPolicy), ruleCount: ruleCount, wordCount: wordCount, allRules: allRules,
            columns: columns, masks: masks, breakpoints: breakpoints,
            outputSlots: table.outputs.map { layout.outputSlot($0.name) },
            ruleOutputs: ruleOutputs, defaults: defaults,
            priorityRank: table.hitPolicy == .priority || table.hitPolicy == .outputOrder
                ? table.priorityRanks().map(Int32.init) : [])
    }

    private static func policy(_ hit: HitPolicy) -> CompiledTable.Policy {
        switch hit {
        case .unique: .unique
        case .first: .first
        case .priority: .priority
        case .any: .any
        case .ruleOrder: .ruleOrder
        case .outputOrder: .outputOrder
        case .collect(nil): .collect
        case .collect(.sum?): .sum
        case .collect(.min?): .min
        case .collect(.max?): .max
        case .collect(.count?): .count
        }
    }

    /// Appends one row per elementary interval of an integer column: the rules whose cell
    /// holds it.
    ///
    /// A sweep: each cell interval enters at the interval where it starts and leaves where
    /// it ends, so each row is the previous one with a few bits changed. The cost is the
    /// rows written plus the intervals, not rows times rules. The rules entering and leaving
    /// at each start are kept in two flat lists grouped by start (a counting sort), rather
    /// than in an array per start.
    private static func appendIntervalRows(
        _ intervals: [(rule: Int, range: ClosedRange<Int>)], starts: [Int], wordCount: Int, to rows: inout [UInt64]
    ) {
        // Each change: where it happens (a start's index), the rule, and whether it enters.
        var changes: [(at: Int, rule: Int, enters: Bool)] = []
        changes.reserveCapacity(2 * intervals.count)
        for (rule, range) in intervals {
            changes.append((index(of: range.lowerBound, in: starts), rule, true))
            if range.upperBound < .max { changes.append((index(of: range.upperBound + 1, in: starts), rule, false)) }
        }
        // `first[i]` is where the changes at start `i` begin in `grouped`.
        var first = [Int](repeating: 0, count: starts.count + 1)
        for change in changes { first[change.at + 1] += 1 }
        for i in starts.indices { first[i + 1] += first[i] }
        var next = first
        var grouped = [(rule: Int, enters: Bool)](repeating: (0, false), count: changes.count)
        for change in changes {
            grouped[next[change.at]] = (change.rule, change.enters)
            next[change.at] += 1
        }
        var current = [UInt64](repeating: 0, count: wordCount)
        for i in starts.indices {
            // Leaving before entering: a rule may leave and enter at the same start.
            for change in grouped[first[i]..<first[i + 1]] where !change.enters {
                current[change.rule >> 6] &= ~(1 << UInt64(change.rule & 63))
            }
            for change in grouped[first[i]..<first[i + 1]] where change.enters {
                current[change.rule >> 6] |= 1 << UInt64(change.rule & 63)
            }
            rows += current
        }
    }

    /// The position of `value` in the sorted `starts`, where it is known to be.
    private static func index(of value: Int, in starts: [Int]) -> Int {
        var low = 0
        var high = starts.count
        while low < high {
            let mid = (low + high) / 2
            if starts[mid] < value { low = mid + 1 } else { high = mid }
        }
        return low
    }

    /// The starts of the elementary intervals that every condition's interval set is a union of.
    /// The first start is `Int.min`, so every integer falls in exactly one interval.
    static func elementaryStarts(_ sets: [IntervalSet]) -> [Int] {
        elementaryStarts(of: sets.lazy.flatMap(\.ranges))
    }

    /// The starts of the elementary intervals that the given intervals are unions of.
    private static func elementaryStarts(of ranges: some Collection<ClosedRange<Int>>) -> [Int] {
        // The usual integer column has bounds a few thousand apart, and so have its cells'
        // ends: those are marked in a bitmap over that span, which hashing every end into a
        // set cost ten times as much as. Ends farther apart are hashed.
        var low = Int.max
        var high = Int.min
        forEachStart(in: ranges) { (low, high) = (min(low, $0), max(high, $0)) }
        let span = high.subtractingReportingOverflow(low)
        guard low <= high, !span.overflow, span.partialValue < bitmapSpan else {
            var starts: Set<Int> = [Int.min]
            forEachStart(in: ranges) { starts.insert($0) }
            return starts.sorted()
        }
        var marked = [UInt64](repeating: 0, count: (high - low) / 64 + 1)
        forEachStart(in: ranges) { marked[($0 - low) >> 6] |= 1 << UInt64(($0 - low) & 63) }
        var starts = [Int.min]
        for (w, word) in marked.enumerated() {
            var rest = word
            while rest != 0 {
                starts.append(low + w << 6 + rest.trailingZeroBitCount)
                rest &= rest - 1
            }
        }
        return starts
    }

    /// The widest span of ends marked in a bitmap (128 KB of it).
    private static let bitmapSpan = 1 << 20

    /// Calls `body` with every start the ranges make other than `Int.min` (which always is
    /// one): each range's low bound, and the integer after its high bound.
    private static func forEachStart(in ranges: some Collection<ClosedRange<Int>>, _ body: (Int) -> Void) {
        for range in ranges {
            if range.lowerBound > .min { body(range.lowerBound) }
            if range.upperBound < .max { body(range.upperBound + 1) }
        }
    }
}
