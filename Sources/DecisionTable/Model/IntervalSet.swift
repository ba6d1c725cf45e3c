/// A set of integers held as sorted, disjoint, non-adjacent closed intervals.
///
/// `Int.min` and `Int.max` stand for unbounded ends. Integer conditions compile to these, and
/// the validator reasons over them without enumerating values.
public struct IntervalSet: Hashable, Sendable {
    /// The intervals, sorted and merged.
    public private(set) var ranges: [ClosedRange<Int>]

    /// The empty set.
    public static let empty = IntervalSet(normalized: [])
    /// Every integer.
    public static let all = IntervalSet(normalized: [Int.min...Int.max])

    /// Creates a set from any intervals, merging overlapping and adjacent ones.
    public init(_ ranges: [ClosedRange<Int>]) {
        // One interval is already normalised (the common case: a cell's range or comparison).
        if ranges.count <= 1 {
            self.ranges = ranges
            return
        }
        let sorted = ranges.sorted { $0.lowerBound < $1.lowerBound }
        var merged: [ClosedRange<Int>] = []
        for range in sorted {
            if let last = merged.last,
                last.upperBound == .max || range.lowerBound <= last.upperBound + 1
            {
                merged[merged.count - 1] = last.lowerBound...max(last.upperBound, range.upperBound)
            } else {
                merged.append(range)
            }
        }
        self.ranges = merged
    }

    private init(normalized: [ClosedRange<Int>]) { self.ranges = normalized }

    /// Whether the set holds no integer.
    public var isEmpty: Bool { ranges.isEmpty }

    /// Whether `value` is in the set (binary search).
    public func contains(_ value: Int) -> Bool {
        var low = 0
        var high = ranges.count
        while low < high {
            let mid = (low + high) / 2
            if ranges[mid].upperBound < value { low = mid + 1 } else { high = mid }
        }
        return low < ranges.count && ranges[low].contains(value)
    }

    /// The integers in both sets.
    public func intersection(_ other: IntervalSet) -> IntervalSet {
        // Within one interval of the other (a cell inside its column's bounds): itself.
        if other.ranges.count == 1, let first = ranges.first, let last = ranges.last,
            other.ranges[0].lowerBound <= first.lowerBound, last.upperBound <= other.ranges[0].upperBound
        {
            return self
        }
        var result: [ClosedRange<Int>] = []
        var i = 0
        var j = 0
        while i < ranges.count, j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            let low = max(a.lowerBound, b.lowerBound)
            let high = min(a.upperBound, b.upperBound)
            if low <= high { result.append(low...high) }
            if a.upperBound < b.upperBound { i += 1 } else { j += 1 }
        }
        return IntervalSet(normalized: result)
    }

    /// Whether the sets share an integer, without building their intersection.
    public func intersects(_ other: IntervalSet) -> Bool {
        var i = 0
        var j = 0
        while i < ranges.count, j < other.ranges.count {
            let a = ranges[i]
            let b = other.ranges[j]
            if a.upperBound < b.lowerBound { i += 1 } else if b.upperBound < a.lowerBound { j += 1 } else { return true }
        }
        return false
    }

    /// The integers in either set.
    public func union(_ other: IntervalSet) -> IntervalSet {
        IntervalSet(ranges + other.ranges)
    }

    /// The integers not in the set.
    public var complement: IntervalSet {
        var result: [ClosedRange<Int>] = []
        var next = Int.min
        var open = true
        for range in ranges {
            if range.lowerBound > next { result.append(next...(range.lowerBound - 1)) }
            if range.upperBound == .max { open = false; break }
            next = range.upperBound + 1
        }
        if open { result.append(next...Int.max) }
        return IntervalSet(normalized: result)
    }

    /// The integers in this set and not in `other`.
    public func subtracting(_ other: IntervalSet) -> IntervalSet {
        intersection(other.complement)
    }

    /// Whether every integer of this set is in `other`.
    public func isSubset(of other: IntervalSet) -> Bool {
        subtracting(other).isEmpty
    }
}
