/// One column of a box: a set of finite values, or a set of integers.
enum ColumnSet: Hashable, Sendable {
    case values(ValueBits)
    case integers(IntervalSet)

    func isSubset(of other: ColumnSet) -> Bool {
        switch (self, other) {
        case (.values(let a), .values(let b)): a.isSubset(of: b)
        case (.integers(let a), .integers(let b)): a.isSubset(of: b)
        default: false
        }
    }

    func intersects(_ other: ColumnSet) -> Bool {
        switch (self, other) {
        case (.values(let a), .values(let b)): a.intersects(b)
        case (.integers(let a), .integers(let b)): a.intersects(b)
        default: false
        }
    }

    func union(_ other: ColumnSet) -> ColumnSet {
        switch (self, other) {
        case (.values(let a), .values(let b)): .values(a.union(b))
        case (.integers(let a), .integers(let b)): .integers(a.union(b))
        default: self
        }
    }

    func intersection(_ other: ColumnSet) -> ColumnSet {
        switch (self, other) {
        case (.values(let a), .values(let b)): .values(a.intersection(b))
        case (.integers(let a), .integers(let b)): .integers(a.intersection(b))
        default: self
        }
    }

    var isEmpty: Bool {
        switch self {
        case .values(let bits): bits.isEmpty
        case .integers(let set): set.isEmpty
        }
    }

    /// The smallest member: a witness value.
    var first: Int? {
        switch self {
        case .values(let bits): bits.first
        case .integers(let set): set.ranges.first?.lowerBound
        }
    }
}

/// A table's rules as boxes over its inputs' analysis domains: the space the validator
/// partitions. Each rule is one ``ColumnSet`` per input, already cut to the domain.
struct AnalysisSpace: Sendable {
    /// The domain of each input: every declared value, except that a chained input takes
    /// only the values its producing table can actually emit.
    let domain: [ColumnSet]
    /// The rules' cells, one row per rule.
    let rules: [[ColumnSet]]
    /// Rules that match nothing in the analysis domain (they test only values their
    /// producer never emits); they take no part in the partition.
    let unreachable: Set<Int>
    /// Whether rule `r`'s cell of input `i` is written as a wildcard, at `r * domain.count + i`;
    /// for a space given directly, whether it is the whole domain.
    let wildcards: [Bool]

    init(table: TableDefinition, producible: [Int: ColumnSet]) {
        var domain: [ColumnSet] = []
        for (i, input) in table.inputs.enumerated() {
            if let restricted = producible[i] {
                domain.append(restricted)
            } else if let count = input.domain.finiteCount {
                domain.append(.values(ValueBits(0..<count, count: count)))
            } else {
                domain.append(.integers(IntervalSet([input.domain.integerBounds])))
            }
        }
        // A cell needs cutting to its domain only when the domain is a chained input's
        // narrowed one, or an integer cell reaches past the declared bounds.
        let counts = table.inputs.map { $0.domain.finiteCount ?? 0 }
        let bounds: [ClosedRange<Int>?] = table.inputs.indices.map { i in
            if producible[i] == nil, case .integers(let set) = domain[i], set.ranges.count == 1 { set.ranges[0] } else { nil }
        }
        let declared = table.inputs.indices.map { producible[$0] == nil }
        var rules: [[ColumnSet]] = []
        rules.reserveCapacity(table.rules.count)
        var unreachable = Set<Int>()
        var wildcards = [Bool](repeating: false, count: table.rules.count * domain.count)
        for r in table.rules.indices {
            var cells: [ColumnSet] = []
            cells.reserveCapacity(domain.count)
            for i in domain.indices {
                let condition = table.rules[r].conditions[i]
                wildcards[r * domain.count + i] = condition.isWildcard
                var cell: ColumnSet
                if let values = condition.values {
                    cell = .values(ValueBits(values, count: counts[i]))
                    if !declared[i] { cell = cell.intersection(domain[i]) }
                } else {
                    let intervals = condition.intervals ?? .empty
                    cell = .integers(intervals)
                    if let bound = bounds[i], let first = intervals.ranges.first, let last = intervals.ranges.last,
                        first.lowerBound >= bound.lowerBound, last.upperBound <= bound.upperBound
                    {
                        // Already within the declared bounds.
                    } else {
                        cell = cell.intersection(domain[i])
                    }
                }
                cells.append(cell)
            }
            if cells.contains(where: \.isEmpty) { unreachable.insert(r) }
            rules.append(cells)
        }
        self.domain = domain
        self.rules = rules
        self.unreachable = unreachable
        self.wildcards = wildcards
    }

    /// A space given directly: a domain and each rule's cells, already within it.
    init(domain: [ColumnSet], rules: [[ColumnSet]]) {
        self.domain = domain
        self.rules = rules
        unreachable = Set(rules.indices.filter { rules[$0].contains(where: \.isEmpty) })
        wildcards = rules.flatMap { row in row.indices.map { row[$0] == domain[$0] } }
    }

    /// Whether rule `a`'s box lies inside rule `b`'s.
    func isContained(_ a: Int, in b: Int) -> Bool {
        zip(rules[a], rules[b]).allSatisfy { $0.isSubset(of: $1) }
    }

    /// Whether two rules match a common input.
    func intersect(_ a: Int, _ b: Int) -> Bool {
        zip(rules[a], rules[b]).allSatisfy { $0.intersects($1) }
    }
}
