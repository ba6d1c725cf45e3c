extension CellValues {
    /// A rule's cell in report form, in its input's own terms (decimal intervals for a number
    /// column, "every string but" for a free string column).
    public init(_ condition: Condition, input: InputDefinition) {
        let set: ColumnSet =
            if let intervals = condition.intervals { .integers(intervals) } else {
                .values(ValueBits(condition.values ?? [], count: input.domain.finiteCount ?? 0))
            }
        self.init(set, input: input)
    }

    /// A column set in report form, in the input's own terms: decimal intervals for a number
    /// column, "every string but" for a free string column that holds the other strings.
    init(_ set: ColumnSet, input: InputDefinition) {
        switch (input.coding, set) {
        case (.numbers(let line)?, .integers(let codes)):
            if codes == IntervalSet([input.domain.integerBounds]) {
                self = .any
            } else {
                self = .numbers(codes.ranges.map { line.interval(of: $0) })
            }
        case (.strings(let strings)?, .values(let bits)):
            let values = bits.values
            if values.count == strings.values.count {
                self = .any
            } else if values.contains(strings.mentioned.count) {
                self = .otherThan(strings.mentioned.indices.filter { !values.contains($0) }.map { strings.mentioned[$0] })
            } else {
                self = .values(values.map { .string(strings.mentioned[$0]) })
            }
        default:
            self.init(set, domain: input.domain)
        }
    }

    /// A column set in report form: `-` when it is the whole declared `domain`.
    init(_ set: ColumnSet, domain: Domain) {
        switch set {
        case .values(let bits):
            let values = bits.values
            self = values.count == domain.finiteCount ? .any : .values(values.map { SlotLayout.decode($0, domain: domain) })
        case .integers(let intervals):
            if intervals == IntervalSet([domain.integerBounds]) {
                self = .any
                return
            }
            self = .ranges(
                intervals.ranges.map {
                    IntegerRange(
                        lower: $0.lowerBound == .min ? nil : $0.lowerBound,
                        upper: $0.upperBound == .max ? nil : $0.upperBound)
                })
        }
    }
}
