extension CellValues {
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
            self = .ranges(intervals.ranges.map {
                IntegerRange(lower: $0.lowerBound == .min ? nil : $0.lowerBound,
                             upper: $0.upperBound == .max ? nil : $0.upperBound)
            })
        }
    }
}
