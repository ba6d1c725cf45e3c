/// Evaluates facts against compiled tables with no allocation, no `String` and no
/// `Dictionary` on the way: the hot path for embedding the engine.
///
/// An evaluator owns its scratch memory and is reused across evaluations; it is not safe to
/// share between threads (make one per thread). After ``evaluate(_:)`` returns, read the
/// results with ``winners(ofTable:)``, ``encodedOutput(_:)`` and ``matchedRules(ofTable:)``;
/// ``DecisionTables/evaluate(_:)`` turns them into an ``Evaluation`` with names.
public final class Evaluator {
    /// The tables this evaluator runs.
    public let tables: DecisionTables
    // Unchecked: an evaluator is used from one thread at a time, and a checked class property
    // costs a runtime exclusivity check (about 80 instructions) on every evaluation.
    /// When false (the default), a `first` table stops at its first match, so
    /// ``matchedRules(ofTable:)`` lists only the winner; set it to see every match.
    @exclusivity(unchecked) public var recordsAllMatches = false

    private let program: [CompiledTable]
    private let slots: UnsafeMutablePointer<Int>
    private let matched: UnsafeMutablePointer<UInt64>
    private let matchedBase: [Int]
    private let rowOffsets: UnsafeMutablePointer<Int>
    private let winnerStorage: UnsafeMutablePointer<Int32>
    private let winnerBase: [Int]
    private let winnerCounts: UnsafeMutablePointer<Int>
    private let defaultsUsed: UnsafeMutablePointer<Bool>

    init(_ tables: DecisionTables) {
        self.tables = tables
        program = tables.compiled
        slots = .allocate(capacity: max(1, tables.layout.slotCount))
        slots.initialize(repeating: 0, count: max(1, tables.layout.slotCount))
        var base = 0
        var winnerOffset = 0
        var bases: [Int] = []
        var winnerBases: [Int] = []
        var maxColumns = 1
        for table in program {
            bases.append(base)
            base += table.wordCount
            winnerBases.append(winnerOffset)
            winnerOffset += max(1, table.ruleCount)
            maxColumns = max(maxColumns, table.columns.count)
        }
        matchedBase = bases
        winnerBase = winnerBases
        matched = .allocate(capacity: max(1, base))
        matched.initialize(repeating: 0, count: max(1, base))
        rowOffsets = .allocate(capacity: maxColumns)
        rowOffsets.initialize(repeating: 0, count: maxColumns)
        winnerStorage = .allocate(capacity: max(1, winnerOffset))
        winnerStorage.initialize(repeating: 0, count: max(1, winnerOffset))
        winnerCounts = .allocate(capacity: max(1, program.count))
        winnerCounts.initialize(repeating: 0, count: max(1, program.count))
        defaultsUsed = .allocate(capacity: max(1, program.count))
        defaultsUsed.initialize(repeating: false, count: max(1, program.count))
    }

    deinit {
        slots.deallocate()
        matched.deallocate()
        rowOffsets.deallocate()
        winnerStorage.deallocate()
        winnerCounts.deallocate()
        defaultsUsed.deallocate()
    }

    /// Runs every table, in dependency order, on facts from ``DecisionTables/encode(_:)``.
    /// - Throws: ``EvaluationError`` when a hit policy is violated or no rule matches a table
    ///   without defaults; tables after the failing one are not run.
    public func evaluate(_ facts: FactVector) throws(EvaluationError) {
        load(facts)
        try run(tables: program.indices)
    }

    /// Copies facts in, for a staged evaluation with ``run(tables:)``.
    public func load(_ facts: FactVector) {
        facts.encoded.withUnsafeBufferPointer { source in
            for i in source.indices { slots[i] = source[i] }
        }
    }

    /// Sets one fact between stages: a fact that only a decision of an earlier table lets the
    /// caller compute (for instance, a property of the entity an earlier table picked). The
    /// caller guarantees the value is in the fact's domain.
    public func setFact(_ encodedValue: Int, at slot: Int) { slots[slot] = encodedValue }

    /// Runs the tables at `range` of ``DecisionTables/tables`` on the facts loaded so far, so
    /// that a caller can run the tables before a late fact, set it, then run the rest.
    public func run(tables range: Range<Int>) throws(EvaluationError) {
        let recordsAllMatches = recordsAllMatches
        for t in range {
            if let failure = run(t, recordsAllMatches: recordsAllMatches) { throw tables.error(failure, slots: slots) }
        }
    }

    /// The winning rules of table `t` (in ``DecisionTables/tables`` order), by index in the
    /// table's rules: one for unique, first, priority and any; every match for collect and
    /// rule-order; none when the defaults applied.
    public func winners(ofTable t: Int) -> UnsafeBufferPointer<Int32> {
        UnsafeBufferPointer(start: winnerStorage + winnerBase[t], count: winnerCounts[t])
    }

    /// Whether table `t` matched no rule and returned its outputs' defaults.
    public func usedDefaults(ofTable t: Int) -> Bool { defaultsUsed[t] }

    /// The encoded value in `slot` after evaluation (facts first, then outputs).
    public func encodedOutput(_ slot: Int) -> Int { slots[slot] }

    /// Every rule of table `t` that matched, by index (see ``recordsAllMatches``).
    public func matchedRules(ofTable t: Int) -> [Int] {
        let table = program[t]
        var rules: [Int] = []
        for w in 0..<table.wordCount {
            var word = matched[matchedBase[t] + w]
            while word != 0 {
                rules.append(w << 6 | word.trailingZeroBitCount)
                word &= word - 1
            }
        }
        return rules
    }

    /// Why a table failed, in indices; ``DecisionTables`` names them.
    enum Failure {
        case multiple(table: Int, rules: [Int])
        case conflicting(table: Int, rules: [Int])
        case noMatch(table: Int)
        case outOfRange(table: Int, column: Int, value: Int)
    }

    /// Evaluates table `t`, writing its winners and outputs; returns a failure or nil.
    private func run(_ t: Int, recordsAllMatches: Bool) -> Failure? {
        let table = program[t]
        let words = table.wordCount
        let acc = matched + matchedBase[t]
        let winners = winnerStorage + winnerBase[t]
        defaultsUsed[t] = false

        if let outOfRange = locateRows(t, table) { return outOfRange }
        let stopAtFirst = table.policy == .first && !recordsAllMatches
        let firstWord = table.masks.withUnsafeBufferPointer { masks in
            table.allRules.withUnsafeBufferPointer { all in
                Self.match(
                    all.baseAddress!, masks.baseAddress!, rowOffsets, table.columns.count, words,
                    into: acc, stopAtFirst: stopAtFirst)
            }
        }

        let (count, conflict) = applyHitPolicy(t, table, matched: acc, firstWord: firstWord, into: winners)
        winnerCounts[t] = count
        if let conflict { return conflict }
        return writeOutputs(t, table, winners: winners, count: count)
    }

    /// Points `rowOffsets` at each constrained column's row for the fact it reads: the rules
    /// that accept that value.
    /// - Returns: The failure when a chained integer input reads a value outside its range.
    @inline(__always)
    private func locateRows(_ t: Int, _ table: CompiledTable) -> Failure? {
        let words = table.wordCount
        let columnCount = table.columns.count
        let outOfRange: Failure? = table.columns.withUnsafeBufferPointer { columns in
            table.breakpoints.withUnsafeBufferPointer { breakpoints in
                for c in 0..<columnCount {
                    let column = columns[c]
                    let value = slots[column.slot]
                    var row = value
                    if column.breakpointCount > 0 {
                        if let bounds = column.bounds, !bounds.contains(value) {
                            return .outOfRange(table: t, column: column.inputIndex, value: value)
                        }
                        row = Self.interval(of: value, in: breakpoints, column.breakpointStart, column.breakpointCount)
                    }
                    rowOffsets[c] = column.maskBase &+ row &* words
                }
                return nil
            }
        }
        return outOfRange

    }

    /// The hit policy read off the matching rules in `matched`: writes the winners and
    /// returns how many, or the rules that break the policy.
    @inline(__always)
    private func applyHitPolicy(
        _ t: Int, _ table: CompiledTable, matched acc: UnsafeMutablePointer<UInt64>, firstWord: Int,
        into winners: UnsafeMutablePointer<Int32>
    ) -> (count: Int, conflict: Failure?) {
        let words = table.wordCount
        var count = 0
        switch table.policy {
        case .first:
            if let first = firstBit(acc, words, from: firstWord) { winners[0] = Int32(first); count = 1 }
        case .unique:
            count = collectBits(acc, words, into: winners)
            if count > 1 { return (count, .multiple(table: t, rules: (0..<count).map { Int(winners[$0]) })) }
        case .any:
            count = collectBits(acc, words, into: winners)
            if count > 1 {
                let outputs = table.outputSlots.count
                let first = Int(winners[0])
                for i in 1..<count {
                    let other = Int(winners[i])
                    for o in 0..<outputs where table.ruleOutputs[other &* outputs &+ o] != table.ruleOutputs[first &* outputs &+ o] {
                        return (count, .conflicting(table: t, rules: (0..<count).map { Int(winners[$0]) }))
                    }
                }
                count = 1
            }
        case .priority:
            count = collectBits(acc, words, into: winners)
            if count > 1 {
                var best = winners[0]
                for i in 1..<count where table.priorityRank[Int(winners[i])] < table.priorityRank[Int(best)] {
                    best = winners[i]
                }
                winners[0] = best
                count = 1
            }
        case .outputOrder:
            count = collectBits(acc, words, into: winners)
            // Insertion sort by rank: matches are few, and it allocates nothing.
            if count > 1 {
                for i in 1..<count {
                    let rule = winners[i]
                    var j = i
                    while j > 0, table.priorityRank[Int(winners[j - 1])] > table.priorityRank[Int(rule)] {
                        winners[j] = winners[j - 1]
                        j -= 1
                    }
                    winners[j] = rule
                }
            }
        case .collect, .ruleOrder, .sum, .min, .max, .count:
            count = collectBits(acc, words, into: winners)
        }
        return (count, nil)
    }

    /// Writes the table's outputs into their slots: the defaults when no rule won, else the
    /// winner's values, or the aggregate of every winner's for `collect` with an aggregation.
    /// - Returns: The failure when no rule matched and the outputs have no defaults.
    @inline(__always)
    private func writeOutputs(_ t: Int, _ table: CompiledTable, winners: UnsafeMutablePointer<Int32>, count: Int) -> Failure? {
        let outputs = table.outputSlots.count
        guard count > 0 else {
            guard let defaults = table.defaults else { return .noMatch(table: t) }
            defaultsUsed[t] = true
            for o in 0..<outputs { slots[table.outputSlots[o]] = defaults[o] }
            return nil
        }
        for o in 0..<outputs {
            var value = table.ruleOutputs[Int(winners[0]) &* outputs &+ o]
            switch table.policy {
            case .sum:
                value = 0
                for i in 0..<count { value &+= table.ruleOutputs[Int(winners[i]) &* outputs &+ o] }
            case .min:
                for i in 1..<count { value = Swift.min(value, table.ruleOutputs[Int(winners[i]) &* outputs &+ o]) }
            case .max:
                for i in 1..<count { value = Swift.max(value, table.ruleOutputs[Int(winners[i]) &* outputs &+ o]) }
            case .count:
                value = count
            default:
                break
            }
            slots[table.outputSlots[o]] = value
        }
        return nil
    }

    /// Eight words, 512 rules: the unit the matcher ANDs in vector registers.
    private typealias Block = SIMD8<UInt64>

    /// Writes to `acc` the rules that every column's row accepts: the AND of `all` and the
    /// rows at `rowOffsets[0..<columnCount]` in `masks`, `words` words each.
    ///
    /// The words are ANDed a block of eight at a time with every row, with no branch per
    /// word or per column: the compiler turns a block into a few vector instructions, and the
    /// processor never mispredicts where a word runs out of matches. Words after the last
    /// full block are done one at a time. With `stopAtFirst` (a `first` table whose other
    /// matches nobody reads), the scan ends at the first block with a match, and `acc` keeps
    /// only the first matching rule, every other word cleared.
    /// - Returns: With `stopAtFirst`, the word holding the first match; otherwise, or when
    ///   nothing matched, 0.
    @inline(__always)
    private static func match(
        _ all: UnsafePointer<UInt64>, _ masks: UnsafePointer<UInt64>, _ rowOffsets: UnsafeMutablePointer<Int>,
        _ columnCount: Int, _ words: Int, into acc: UnsafeMutablePointer<UInt64>, stopAtFirst: Bool
    ) -> Int {
        var w = 0
        var hit = -1
        while w &+ 8 <= words {
            var bits = block(at: all + w)
            for c in 0..<columnCount { bits &= block(at: masks + (rowOffsets[c] &+ w)) }
            UnsafeMutableRawPointer(acc + w).storeBytes(of: bits, as: Block.self)
            if stopAtFirst, isNonzero(bits) { hit = w; break }
            w &+= 8
        }
        if hit < 0 {
            while w < words {
                var word = all[w]
                for c in 0..<columnCount { word &= masks[rowOffsets[c] &+ w] }
                acc[w] = word
                if stopAtFirst, word != 0 { hit = w; break }
                w &+= 1
            }
        }
        guard hit >= 0 else { return 0 }
        // Keep the first match only: its lowest bit, and nothing after it.
        var first = hit
        while acc[first] == 0 { first &+= 1 }
        acc[first] &= 0 &- acc[first]
        for rest in (first &+ 1)..<max(first &+ 1, words) { acc[rest] = 0 }
        return first
    }

    /// The eight words from `words` on, at any alignment.
    @inline(__always)
    private static func block(at words: UnsafePointer<UInt64>) -> Block {
        UnsafeRawPointer(words).loadUnaligned(as: Block.self)
    }

    /// Whether any of the block's 512 bits is set: its lanes ORed together.
    @inline(__always)
    private static func isNonzero(_ bits: Block) -> Bool {
        let half = bits.lowHalf | bits.highHalf
        let quarter = half.lowHalf | half.highHalf
        return quarter[0] | quarter[1] != 0
    }

    /// The index of the elementary interval holding `value`: the last start not above it.
    @inline(__always)
    private static func interval(
        of value: Int, in breakpoints: UnsafeBufferPointer<Int>, _ start: Int, _ count: Int
    ) -> Int {
        var low = 0
        var high = count
        while high - low > 1 {
            let mid = (low &+ high) >> 1
            if breakpoints[start &+ mid] <= value { low = mid } else { high = mid }
        }
        return low
    }

    private func firstBit(_ words: UnsafeMutablePointer<UInt64>, _ count: Int, from start: Int) -> Int? {
        for w in start..<count where words[w] != 0 {
            return w << 6 | words[w].trailingZeroBitCount
        }
        return nil
    }

    private func collectBits(_ words: UnsafeMutablePointer<UInt64>, _ count: Int, into out: UnsafeMutablePointer<Int32>) -> Int {
        var n = 0
        for w in 0..<count {
            var word = words[w]
            while word != 0 {
                out[n] = Int32(w << 6 | word.trailingZeroBitCount)
                n &+= 1
                word &= word &- 1
            }
        }
        return n
    }
}
