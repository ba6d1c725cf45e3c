/// An interval of decimal numbers with open or closed ends, as DMN writes them: `[1..5]`,
/// `(1..5)`, `]1..5[`, `>= 18`, `< 2.5`, `7`.
public struct NumberInterval: Hashable, Sendable, CustomStringConvertible {
    /// The lower end; nil is unbounded.
    public var lower: DecimalNumber?
    /// Whether the lower end belongs to the interval.
    public var lowerClosed: Bool
    /// The upper end; nil is unbounded.
    public var upper: DecimalNumber?
    /// Whether the upper end belongs to the interval.
    public var upperClosed: Bool

    /// Creates an interval.
    public init(lower: DecimalNumber?, lowerClosed: Bool, upper: DecimalNumber?, upperClosed: Bool) {
        self.lower = lower
        self.lowerClosed = lowerClosed && lower != nil
        self.upper = upper
        self.upperClosed = upperClosed && upper != nil
    }

    /// The single number `value`.
    public static func point(_ value: DecimalNumber) -> NumberInterval {
        NumberInterval(lower: value, lowerClosed: true, upper: value, upperClosed: true)
    }

    /// Every number.
    public static let all = NumberInterval(lower: nil, lowerClosed: false, upper: nil, upperClosed: false)

    /// Whether no number is in it (`(5..5)`, `[6..5]`).
    public var isEmpty: Bool {
        guard let lower, let upper else { return false }
        return lower > upper || (lower == upper && !(lowerClosed && upperClosed))
    }

    /// Whether `value` is in the interval.
    public func contains(_ value: DecimalNumber) -> Bool {
        if let lower, value < lower || (value == lower && !lowerClosed) { return false }
        if let upper, value > upper || (value == upper && !upperClosed) { return false }
        return true
    }

    /// The interval in DMN's syntax: `7`, `>= 18`, `< 2.5`, `[1..5]`, `(18..21)`, `-`.
    public var description: String {
        switch (lower, upper) {
        case (let low?, let high?) where low == high: return low.description
        case (let low?, let high?):
            return (lowerClosed ? "[" : "(") + "\(low)..\(high)" + (upperClosed ? "]" : ")")
        case (let low?, nil): return (lowerClosed ? ">= " : "> ") + low.description
        case (nil, let high?): return (upperClosed ? "<= " : "< ") + high.description
        case (nil, nil): return "-"
        }
    }
}
