/// A box of the input space during partitioning: per input, a set of finite values or one
/// integer interval (cutting an interval in two leaves intervals).
struct Region: Hashable, Sendable {
    enum Column: Hashable, Sendable {
        case values(ValueBits)
        case range(ClosedRange<Int>)
    }

    var columns: [Column]

    init(domain: [ColumnSet]) {
        columns = domain.map { set in
            switch set {
            case .values(let bits): .values(bits)
            case .integers(let intervals):
                // A restricted integer domain may be several intervals; the hull is cut later.
                .range(intervals.ranges.first!.lowerBound...intervals.ranges.last!.upperBound)
            }
        }
    }

    /// The region as column sets.
    var sets: [ColumnSet] {
        columns.map { column in
            switch column {
            case .values(let bits): .values(bits)
            case .range(let range): .integers(IntervalSet([range]))
            }
        }
    }
}

extension ColumnSet {
    /// Whether the cell holds every value of the region's column.
    @inline(__always)
    func covers(_ column: Region.Column) -> Bool {
        switch (self, column) {
        case (.values(let cell), .values(let region)):
            for i in region.words.indices where region.words[i] & ~cell.words[i] != 0 { return false }
            return true
        case (.integers(let cell), .range(let range)):
            let i = cell.lastIndex(startingAtOrBelow: range.lowerBound)
            return i >= 0 && cell.ranges[i].upperBound >= range.upperBound
        default:
            return false
        }
    }

    /// Whether the cell holds some value of the region's column.
    @inline(__always)
    func meets(_ column: Region.Column) -> Bool {
        switch (self, column) {
        case (.values(let cell), .values(let region)):
            for i in region.words.indices where region.words[i] & cell.words[i] != 0 { return true }
            return false
        case (.integers(let cell), .range(let range)):
            let i = cell.firstIndex(endingAtOrAbove: range.lowerBound)
            return i < cell.ranges.count && cell.ranges[i].lowerBound <= range.upperBound
        default:
            return false
        }
    }

    /// The smallest value the cell shares with the region's column.
    func firstCommon(_ column: Region.Column) -> Int? {
        switch (self, column) {
        case (.values(let cell), .values(let region)):
            return cell.intersection(region).first
        case (.integers(let cell), .range(let range)):
            let i = cell.firstIndex(endingAtOrAbove: range.lowerBound)
            guard i < cell.ranges.count, cell.ranges[i].lowerBound <= range.upperBound else { return nil }
            return Swift.max(cell.ranges[i].lowerBound, range.lowerBound)
        default:
            return nil
        }
    }
}

extension IntervalSet {
    /// The index of the last interval whose lower bound is at or below `value`, or -1.
    func lastIndex(startingAtOrBelow value: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].lowerBound <= value { low = mid + 1 } else { high = mid }
        }
        return low - 1
    }

    /// The index of the first interval whose upper bound is at or above `value` (or count).
    func firstIndex(endingAtOrAbove value: Int) -> Int {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value { low = mid + 1 } else { high = mid }
        }
        return low
    }
}
