import DecisionTable

/// The validator's questions answered the slow way: by visiting every point of a table's
/// input space and asking each rule whether it matches there.
///
/// It shares no code with `Validator`: it reads only the loaded ``TableDefinition``s, so that
/// the box partition can be proved exact against it (the tests), and timed against it (the
/// validation benchmarks). It needs every input space finite and small enough to visit:
/// bounded integers, or chained inputs whose producer writes a few numbers (see
/// ``RandomTables/rulesFile(seed:maximumRules:enumerable:)``). Memory is one bit per rule and
/// point; time is about one step per point plus, for the pairwise questions, one word per 64
/// points and pair of rules.
public struct BruteForceValidator: Sendable {
    /// A pair of rules by index, lower first.
    public struct Pair: Hashable, Comparable, Sendable, CustomStringConvertible {
        public let first: Int
        public let second: Int
        public init(_ a: Int, _ b: Int) { (first, second) = a < b ? (a, b) : (b, a) }
        public static func < (l: Pair, r: Pair) -> Bool { (l.first, l.second) < (r.first, r.second) }
        public var description: String { "(\(first), \(second))" }
    }

    /// The most points a table may have: beyond, one bit per rule and point does not fit.
    public static let maximumPoints = 1 << 32

    /// The table enumerated.
    public let table: TableDefinition
    /// Per input, the encoded values the analysis visits, ascending: the declared domain, or
    /// for a chained input only what its producer can emit.
    public let axes: [[Int]]
    /// Per rule, the points it matches: bit `p` of word `p / 64` for the point of index `p`.
    public let matched: [[UInt64]]
    /// The number of points of the space.
    public let pointCount: Int

    /// Enumerates `table`, finding the producers of its chained inputs among `tables`.
    ///
    /// Visits every point once, last input fastest, and sets the point's bit in each rule
    /// that matches there.
    /// - Precondition: Every input is finite or bounded (or narrowed by its producer), and the
    ///   space has at most ``maximumPoints`` points.
    public init(table: TableDefinition, tables: [TableDefinition]) {
        self.table = table
        let axes = table.inputs.map { Self.axis($0, tables: tables) }
        self.axes = axes
        var points = 1
        for axis in axes {
            let (product, overflow) = points.multipliedReportingOverflow(by: axis.count)
            precondition(!overflow && product <= Self.maximumPoints, "table '\(table.name)' has too many points to enumerate")
            points = product
        }
        pointCount = points
        let ruleCount = table.rules.count
        let ruleWords = max(1, (ruleCount + 63) / 64)
        let pointWords = (pointCount + 63) / 64
        // Per input and value, the rules whose cell takes the value (`ruleWords` words); a
        // point's rules are the intersection over its coordinates.
        let masks: [[UInt64]] = zip(table.inputs.indices, axes).map { i, axis in
            var words = [UInt64](repeating: 0, count: axis.count * ruleWords)
            for (k, value) in axis.enumerated() {
                for (r, rule) in table.rules.enumerated() where Self.matches(rule.conditions[i], value) {
                    words[k * ruleWords + r >> 6] |= 1 << UInt64(r & 63)
                }
            }
            return words
        }
        var matched = [UInt64](repeating: 0, count: ruleCount * pointWords)
        // prefix[i]: the rules matching the coordinates of inputs 0...i so far; only the
        // inputs whose coordinate changed are recomputed, so a point costs about one AND.
        var prefix = [UInt64](repeating: 0, count: (axes.count + 1) * ruleWords)
        for w in 0..<ruleWords {
            let bits = w == ruleWords - 1 && ruleCount & 63 != 0 ? (UInt64(1) << UInt64(ruleCount & 63)) - 1 : ~0
            prefix[w] = ruleCount == 0 ? 0 : bits
        }
        var coordinates = [Int](repeating: 0, count: axes.count)
        var changed = 0
        if pointCount > 0 {
            for p in 0..<pointCount {
                for i in changed..<axes.count {
                    for w in 0..<ruleWords {
                        prefix[(i + 1) * ruleWords + w] = prefix[i * ruleWords + w] & masks[i][coordinates[i] * ruleWords + w]
                    }
                }
                let last = axes.count * ruleWords
                for w in 0..<ruleWords {
                    var rules = prefix[last + w]
                    while rules != 0 {
                        let r = w << 6 | rules.trailingZeroBitCount
                        matched[r * pointWords + p >> 6] |= 1 << UInt64(p & 63)
                        rules &= rules - 1
                    }
                }
                // The next point, last input fastest.
                var i = axes.count - 1
                while i >= 0 {
                    coordinates[i] += 1
                    if coordinates[i] < axes[i].count { break }
                    coordinates[i] = 0
                    i -= 1
                }
                changed = max(0, i)
            }
        }
        self.matched = (0..<ruleCount).map { r in Array(matched[(r * pointWords)..<((r + 1) * pointWords)]) }
    }

    // MARK: The space

    /// The values of one input: the whole declared domain, unless the input is chained to a
    /// table that writes single values; then only the values that table can emit.
    private static func axis(_ input: InputDefinition, tables: [TableDefinition]) -> [Int] {
        if let emitted = producible(input, tables: tables) { return emitted }
        switch input.domain {
        case .boolean: return [0, 1]
        case .enumeration(let names): return Array(names.indices)
        case .integer(let low?, let high?):
            let (span, overflow) = high.subtractingReportingOverflow(low)
            precondition(!overflow && span < maximumPoints, "input '\(input.name)' has too many values to enumerate")
            return Array(low...high)
        case .integer:
            preconditionFailure("input '\(input.name)' is unbounded and not chained: it cannot be enumerated")
        }
    }

    /// What a chained input can receive, or nil when the producer does not narrow it.
    ///
    /// A table emits for an output what its rules write there. Its default reaches the output
    /// too when it can apply: on no match, which the engine allows only when every output has a
    /// default, or when a rule leaves the output out. An aggregate (`collect: sum` and the
    /// like) computes numbers no rule writes, so it narrows nothing.
    public static func producible(_ input: InputDefinition, tables: [TableDefinition]) -> [Int]? {
        guard let name = input.producer, let producer = tables.first(where: { $0.name == name }),
            let o = producer.outputs.firstIndex(where: { $0.name == input.name })
        else { return nil }
        if case .collect(_?) = producer.hitPolicy { return nil }
        var values = producer.rules.compactMap { $0.outputs[o] }
        let noMatchDefaults = producer.outputs.allSatisfy { $0.defaultValue != nil }
        let omitted = producer.rules.contains { $0.outputs[o] == nil }
        if noMatchDefaults || omitted, let value = producer.outputs[o].defaultValue { values.append(value) }
        var encoded = Set(values.compactMap { encode($0, in: input.domain) })
        if case .integer = input.domain {
            // A number outside the reader's bounds is an evaluation error, not a value it receives.
            encoded = encoded.filter { input.domain.integerBounds.contains($0) }
        }
        return encoded.sorted()
    }

    /// A value as the tables encode it: an integer, 0 or 1, or an enum value's declared index.
    public static func encode(_ value: Value, in domain: Domain) -> Int? {
        switch (value, domain) {
        case (.integer(let n), .integer): n
        case (.boolean(let flag), .boolean): flag ? 1 : 0
        case (.string(let name), .enumeration(let names)): names.firstIndex(of: name)
        default: nil
        }
    }

    /// Whether a cell takes an encoded value, read straight off the condition.
    private static func matches(_ condition: Condition, _ value: Int) -> Bool {
        if condition.isWildcard { return true }
        if let intervals = condition.intervals { return intervals.ranges.contains { $0.contains(value) } }
        return condition.values?.contains(value) ?? false
    }

    /// The point of index `p`: one encoded value per input.
    public func point(_ p: Int) -> [Int] {
        var rest = p
        var point = [Int](repeating: 0, count: axes.count)
        for i in axes.indices.reversed() {
            point[i] = axes[i][rest % axes[i].count]
            rest /= axes[i].count
        }
        return point
    }

    /// The index of a point, or nil when some coordinate lies outside the analysed space.
    public func index(of point: [Int]) -> Int? {
        guard point.count == axes.count else { return nil }
        var p = 0
        for (axis, value) in zip(axes, point) {
            guard let k = axis.firstIndex(of: value) else { return nil }
            p = p * axis.count + k
        }
        return p
    }

    private func bit(_ set: [UInt64], _ p: Int) -> Bool { set[p >> 6] & (1 << UInt64(p & 63)) != 0 }

    /// Whether rule `r` matches the point of index `p`.
    public func rule(_ r: Int, matches p: Int) -> Bool { bit(matched[r], p) }

    // MARK: The answers

    /// Every point no rule matches.
    public var uncovered: Set<[Int]> {
        var union = [UInt64](repeating: 0, count: (pointCount + 63) / 64)
        for set in matched { for w in union.indices { union[w] |= set[w] } }
        return Set((0..<pointCount).filter { !bit(union, $0) }.map(point))
    }

    /// Rules that match no point at all (they test only values their producer never emits).
    public var unreachable: Set<Int> { Set(table.rules.indices.filter { matched[$0].allSatisfy { $0 == 0 } }) }

    /// Every pair of rules that match a common point.
    public var overlapping: Set<Pair> {
        var pairs = Set<Pair>()
        for a in table.rules.indices {
            for b in (a + 1)..<table.rules.count where shareAPoint(a, b) { pairs.insert(Pair(a, b)) }
        }
        return pairs
    }

    /// Whether rules `a` and `b` match a common point.
    public func shareAPoint(_ a: Int, _ b: Int) -> Bool {
        zip(matched[a], matched[b]).contains { $0 & $1 != 0 }
    }

    /// Whether rule `b` matches every point rule `a` matches.
    public func isContained(_ a: Int, in b: Int) -> Bool {
        zip(matched[a], matched[b]).allSatisfy { $0 & ~$1 == 0 }
    }

    /// Each rule whose points equal an earlier rule's, with the first rule that has them.
    /// Rules that match nothing are left out: they are not copies of one another.
    public var duplicates: [Pair] {
        let unreachable = unreachable
        var first: [[UInt64]: Int] = [:]
        var result: [Pair] = []
        for r in table.rules.indices where !unreachable.contains(r) {
            if let earlier = first[matched[r]] { result.append(Pair(earlier, r)) } else { first[matched[r]] = r }
        }
        return result
    }

    /// A rule's outputs as the engine returns them: a left-out output takes its default.
    public func outputs(_ r: Int) -> [Value] {
        zip(table.outputs, table.rules[r].outputs).map { output, value in value ?? output.defaultValue! }
    }

    /// The ranking `first` and `priority` pick winners by, lower first: file order, or for
    /// `priority` each enum output's position in its `values`, output by output, then file order.
    public var ranks: [Int] {
        guard table.hitPolicy == .priority else { return Array(table.rules.indices) }
        func key(_ r: Int) -> [Int] {
            zip(table.outputs, outputs(r)).compactMap { output, value -> Int? in
                guard case .enumeration(let names) = output.type, case .string(let name) = value else { return nil }
                return names.firstIndex(of: name)!
            } + [r]
        }
        let order = table.rules.indices.sorted { key($0).lexicographicallyPrecedes(key($1)) }
        var ranks = [Int](repeating: 0, count: order.count)
        for (rank, r) in order.enumerated() { ranks[r] = rank }
        return ranks
    }

    /// The rules that decide at least one point under `first` or `priority`: taking the rules
    /// best first, each one that matches a point no better rule matched.
    public var winners: Set<Int> {
        let ranks = ranks
        var claimed = [UInt64](repeating: 0, count: (pointCount + 63) / 64)
        var won = Set<Int>()
        for r in table.rules.indices.sorted(by: { ranks[$0] < ranks[$1] }) {
            if zip(matched[r], claimed).contains(where: { $0 & ~$1 != 0 }) { won.insert(r) }
            for w in claimed.indices { claimed[w] |= matched[r][w] }
        }
        return won
    }
}
