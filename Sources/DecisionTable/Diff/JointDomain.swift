/// The input space two versions share: each input's values in either version, and each
/// version's cells moved into it.
enum JointDomain {
    /// The domain holding both versions' values; nil when the kinds differ. Enum values are
    /// the new version's, then those only the old one has; integer bounds are the hull.
    static func union(_ a: Domain?, _ b: Domain?) -> Domain? {
        switch (a, b) {
        case (nil, let only?), (let only?, nil): return only
        case (.boolean?, .boolean?): return .boolean
        case (.enumeration(let x)?, .enumeration(let y)?): return .enumeration(y + x.filter { !y.contains($0) })
        case (.integer?, .integer?):
            let hull = IntervalSet([a!.integerBounds, b!.integerBounds])
            let low = hull.ranges.first!.lowerBound
            let high = hull.ranges.last!.upperBound
            return .integer(min: low == .min ? nil : low, max: high == .max ? nil : high)
        default: return nil
        }
    }

    /// Every value of a domain, as a column set.
    static func whole(_ domain: Domain) -> ColumnSet {
        if let count = domain.finiteCount { return .values(ValueBits(0..<count, count: count)) }
        return .integers(IntervalSet([domain.integerBounds]))
    }

    /// How one version's cells of an input move into the joint domain, worked out once per
    /// input rather than once per cell: a wildcard holds every joint value, any other cell
    /// the values it names (an integer cell is already cut to its own version's bounds).
    struct Mapping {
        let joint: Domain
        private let whole: ColumnSet
        /// For an enum whose values the joint domain orders differently or extends: each own
        /// value's joint index. Nil when the indices are the same.
        private let indices: [Int]?
        private let count: Int
        private let bounds: IntervalSet

        init(from own: Domain, to joint: Domain) {
            self.joint = joint
            whole = JointDomain.whole(joint)
            count = joint.finiteCount ?? 0
            bounds = IntervalSet([joint.integerBounds])
            if case .enumeration(let names) = own, case .enumeration(let all) = joint, names != all {
                let position = Dictionary(all.enumerated().map { ($1, $0) }, uniquingKeysWith: { a, _ in a })
                indices = names.map { position[$0]! }
            } else {
                indices = nil
            }
        }

        func cell(_ condition: Condition) -> ColumnSet {
            if condition.isWildcard { return whole }
            if let values = condition.values {
                guard let indices else { return .values(ValueBits(values, count: count)) }
                return .values(ValueBits(values.lazy.map { indices[$0] }, count: count))
            }
            return .integers((condition.intervals ?? .empty).intersection(bounds))
        }
    }
}

/// A box where the versions decide differently, before boxes are merged into rows.
struct FoundChange {
    /// The box, one set per joint input.
    var sets: [ColumnSet]
    var old: DecidedOutcome?
    var new: DecidedOutcome?
    var oldRules: [String]
    var newRules: [String]

    /// Boxes with the same decisions and rules on both sides merged into few rows, sorted by
    /// their smallest point.
    /// - Parameters:
    ///   - found: The boxes, disjoint.
    ///   - table: The name the rows give.
    ///   - inputs: The joint inputs, with their joint domains, in column order.
    static func rows(_ found: [FoundChange], table: String, inputs: [InputDefinition]) -> [OutcomeChange] {
        struct Group: Hashable {
            let old: DecidedOutcome?
            let new: DecidedOutcome?
            let oldRules: [String]
            let newRules: [String]
        }
        var groups: [Group: [[ColumnSet]]] = [:]
        var order: [Group] = []
        for item in found {
            let group = Group(old: item.old, new: item.new, oldRules: item.oldRules, newRules: item.newRules)
            if groups[group] == nil { order.append(group) }
            groups[group, default: []].append(item.sets)
        }
        var changes: [(key: [Int], change: OutcomeChange)] = []
        for group in order {
            for row in GapMerger.merge(groups[group]!) {
                changes.append(
                    (
                        row.map { $0.first ?? 0 },
                        OutcomeChange(
                            table: table,
                            cells: zip(inputs, row).map { InputCells(input: $0.name, values: CellValues($1, input: $0)) },
                            old: group.old, new: group.new, oldRules: group.oldRules, newRules: group.newRules)
                    ))
            }
        }
        return changes.sorted { $0.key.lexicographicallyPrecedes($1.key) }.map(\.change)
    }
}
