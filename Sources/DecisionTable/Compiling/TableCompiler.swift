/// Compiles checked ``TableDefinition``s into ``CompiledTable``s.
struct TableCompiler {
    let layout: SlotLayout

    func compile(_ table: TableDefinition) -> CompiledTable {
        let ruleCount = table.rules.count
        let wordCount = max(1, (ruleCount + 63) / 64)
        var allRules = [UInt64](repeating: 0, count: wordCount)
        for rule in 0..<ruleCount { allRules[rule >> 6] |= 1 << UInt64(rule & 63) }

        var columns: [CompiledColumn] = []
        var masks: [UInt64] = []
        var breakpoints: [Int] = []
        for (i, input) in table.inputs.enumerated() {
            let conditions = table.rules.map { $0.conditions[i] }
            // A column no rule constrains (within the domain) is left out: it would AND all ones.
            // A chained integer input with declared bounds stays even then, because evaluating
            // the column is where the producer's value is checked against them (a sum or a
            // count can leave them), wildcards or not.
            let checksBounds =
                input.producer != nil && input.domain.finiteCount == nil
                && input.domain.integerBounds != Int.min...Int.max
            if conditions.allSatisfy(\.isWildcard), !checksBounds { continue }
            let maskBase = masks.count
            let breakpointStart = breakpoints.count
            var bounds: ClosedRange<Int>?
            switch input.domain {
            case .integer:
                let starts = Self.elementaryStarts(conditions.compactMap(\.intervals))
                breakpoints += starts
                masks += Self.intervalRows(conditions, starts: starts, wordCount: wordCount)
                if input.producer != nil { bounds = input.domain.integerBounds }
            case .boolean, .enumeration:
                masks += Self.valueRows(conditions, count: input.domain.finiteCount ?? 0, wordCount: wordCount)
            }
            columns.append(
                CompiledColumn(
                    slot: layout.inputSlot(input.name), maskBase: maskBase, breakpointStart: breakpointStart,
                    breakpointCount: breakpoints.count - breakpointStart, bounds: bounds, inputIndex: i))
        }

        var ruleOutputs: [Int] = []
        ruleOutputs.reserveCapacity(ruleCount * table.outputs.count)
        for rule in table.rules {
            for (o, output) in table.outputs.enumerated() {
                ruleOutputs.append(layout.encode(rule.values[o], output: output))
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

    /// One row per value of a finite column: the rules whose cell holds that value.
    private static func valueRows(_ conditions: [Condition], count: Int, wordCount: Int) -> [UInt64] {
        var rows = [UInt64](repeating: 0, count: count * wordCount)
        for (rule, condition) in conditions.enumerated() {
            for value in condition.values ?? [] {
                rows[value * wordCount + rule >> 6] |= 1 << UInt64(rule & 63)
            }
        }
        return rows
    }

    /// One row per elementary interval of an integer column: the rules whose cell holds it.
    ///
    /// A sweep: each cell interval enters at the interval where it starts and leaves where
    /// it ends, so each row is the previous one with a few bits changed. The cost is the
    /// rows written plus the intervals, not rows times rules.
    private static func intervalRows(_ conditions: [Condition], starts: [Int], wordCount: Int) -> [UInt64] {
        var entering = [[Int]](repeating: [], count: starts.count)
        var leaving = [[Int]](repeating: [], count: starts.count)
        for (rule, condition) in conditions.enumerated() {
            for range in condition.intervals?.ranges ?? [] {
                entering[index(of: range.lowerBound, in: starts)].append(rule)
                if range.upperBound < .max { leaving[index(of: range.upperBound + 1, in: starts)].append(rule) }
            }
        }
        var rows: [UInt64] = []
        rows.reserveCapacity(starts.count * wordCount)
        var current = [UInt64](repeating: 0, count: wordCount)
        for i in starts.indices {
            for rule in leaving[i] { current[rule >> 6] &= ~(1 << UInt64(rule & 63)) }
            for rule in entering[i] { current[rule >> 6] |= 1 << UInt64(rule & 63) }
            rows += current
        }
        return rows
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
        var starts: Set<Int> = [Int.min]
        for set in sets {
            for range in set.ranges {
                starts.insert(range.lowerBound)
                if range.upperBound < .max { starts.insert(range.upperBound + 1) }
            }
        }
        return starts.sorted()
    }
}
