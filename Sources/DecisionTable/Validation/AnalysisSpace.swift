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
        var rules: [[ColumnSet]] = []
        var unreachable = Set<Int>()
        for (r, rule) in table.rules.enumerated() {
            let cells = zip(zip(rule.conditions, domain), table.inputs).map { pair, input -> ColumnSet in
                let (condition, columnDomain) = pair
                let cell: ColumnSet = if let values = condition.values {
                    .values(ValueBits(values, count: input.domain.finiteCount ?? 0))
                } else {
                    .integers(condition.intervals ?? .empty)
                }
                return cell.intersection(columnDomain)
            }
            if cells.contains(where: \.isEmpty) { unreachable.insert(r) }
            rules.append(cells)
        }
        self.domain = domain
        self.rules = rules
        self.unreachable = unreachable
    }

    /// A space given directly: a domain and each rule's cells, already within it.
    init(domain: [ColumnSet], rules: [[ColumnSet]]) {
        self.domain = domain
        self.rules = rules
        unreachable = Set(rules.indices.filter { rules[$0].contains(where: \.isEmpty) })
    }

    /// Whether rule `a`'s box lies inside rule `b`'s.
    func isContained(_ a: Int, in b: Int) -> Bool {
        zip(rules[a], rules[b]).allSatisfy { $0.isSubset(of: $1) }
    }

    /// Whether two rules match a common input.
    func intersect(_ a: Int, _ b: Int) -> Bool {
        zip(rules[a], rules[b]).allSatisfy { $0.intersects($1) }
    }

    /// The smallest input both rules match; nil when they are disjoint.
    func witness(_ a: Int, _ b: Int) -> [Int]? {
        var point: [Int] = []
        for (x, y) in zip(rules[a], rules[b]) {
            guard let value = x.intersection(y).first else { return nil }
            point.append(value)
        }
        return point
    }
}
