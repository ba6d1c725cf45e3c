/// The integer coding of a `number` column, so that the compiler, the validator and the diff
/// work on integer intervals and stay exact.
///
/// The distinct boundary values `b0 < b1 < … < b(n-1)` that a column's cells, bounds and
/// chained values mention cut the number line into points and open intervals: code `2k + 1`
/// is the point `bk`, code `2k` the open interval just below it (code 0 everything below
/// `b0`), code `2n` everything above `b(n-1)`. Every cell is a union of whole codes, so a
/// set of codes is exactly a set of numbers.
public struct NumberLine: Hashable, Sendable {
    /// The boundaries, sorted and distinct.
    public let boundaries: [DecimalNumber]

    /// Creates the coding of the given boundary values (any order, repeats allowed).
    public init<S: Sequence>(boundaries: S) where S.Element == DecimalNumber {
        self.boundaries = Array(Set(boundaries)).sorted()
    }

    /// The highest code.
    public var maxCode: Int { 2 * boundaries.count }

    /// The code of a number: its point when it is a boundary, else its open interval.
    public func code(of value: DecimalNumber) -> Int {
        let low = firstIndex(notBelow: value, in: boundaries)
        if low < boundaries.count, boundaries[low] == value { return 2 * low + 1 }
        return 2 * low
    }

    /// The codes of an interval whose ends are boundaries; nil when it holds no number.
    public func codes(of interval: NumberInterval) -> ClosedRange<Int>? {
        guard !interval.isEmpty else { return nil }
        let low = interval.lower.map { code(of: $0) + (interval.lowerClosed ? 0 : 1) } ?? 0
        let high = interval.upper.map { code(of: $0) - (interval.upperClosed ? 0 : 1) } ?? maxCode
        return low <= high ? low...high : nil
    }

    /// The codes of a union of intervals.
    public func codes(of intervals: [NumberInterval]) -> IntervalSet {
        IntervalSet(intervals.compactMap { codes(of: $0) })
    }

    /// The numbers a range of codes stands for, with open and closed ends.
    public func interval(of codes: ClosedRange<Int>) -> NumberInterval {
        let low = codes.lowerBound
        let high = codes.upperBound
        let lower: DecimalNumber? = low <= 0 ? nil : boundaries[(low - 1) / 2]
        let upper: DecimalNumber? = high >= maxCode ? nil : boundaries[high / 2]
        return NumberInterval(lower: lower, lowerClosed: low % 2 == 1, upper: upper, upperClosed: high % 2 == 1)
    }

    /// A number the code stands for: the boundary itself, or a number inside the open interval.
    public func example(of code: Int) -> DecimalNumber {
        if boundaries.isEmpty { return DecimalNumber(0) }
        if code % 2 == 1 { return boundaries[code / 2] }
        if code <= 0 { return boundaries[0] + DecimalNumber(-1) }
        if code >= maxCode { return boundaries[boundaries.count - 1] + DecimalNumber(1) }
        return DecimalNumber.between(boundaries[code / 2 - 1], boundaries[code / 2])
    }
}

/// The coding of a `string` column without declared values: the strings its cells mention,
/// sorted, then one value for every other string.
public struct FreeStrings: Hashable, Sendable {
    /// The strings the column's cells (and chained values) mention, sorted.
    public let mentioned: [String]
    /// A string that is not mentioned, standing for all of them in witnesses.
    public let other: String

    /// Creates the coding of the given strings.
    public init<S: Sequence>(mentioned: S) where S.Element == String {
        let sorted = Array(Set(mentioned)).sorted()
        self.mentioned = sorted
        var other = "other"
        var n = 2
        while sorted.contains(other) {
            other = "other \(n)"
            n += 1
        }
        self.other = other
    }

    /// The enumeration the analysis sees: the mentioned strings, then ``other``.
    public var values: [String] { mentioned + [other] }

    /// A string's index: its place among the mentioned strings, or the last index for any other.
    public func index(of text: String) -> Int {
        let low = firstIndex(notBelow: text, in: mentioned)
        return low < mentioned.count && mentioned[low] == text ? low : mentioned.count
    }
}

/// How a column's values are coded for the engine when they are not plain integers,
/// booleans or closed enumerations.
public enum ColumnCoding: Hashable, Sendable {
    /// Exact decimal numbers, coded as points and open intervals between boundaries.
    case numbers(NumberLine)
    /// Free strings: the mentioned ones and "any other".
    case strings(FreeStrings)
}

/// The index of the first element of a sorted array that is not below `value` (binary search).
private func firstIndex<T: Comparable>(notBelow value: T, in sorted: [T]) -> Int {
    var low = 0
    var high = sorted.count
    while low < high {
        let mid = (low + high) / 2
        if sorted[mid] < value { low = mid + 1 } else { high = mid }
    }
    return low
}
