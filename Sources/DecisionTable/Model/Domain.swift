/// The values an input column can take. Enumerations and booleans are finite; integers are
/// bounded by optional `min` and `max`.
public enum Domain: Hashable, Sendable {
    /// Whole numbers from `min` to `max` inclusive; nil is unbounded.
    case integer(min: Int?, max: Int?)
    /// `false` and `true`, interned as 0 and 1.
    case boolean
    /// A closed list of names, interned in declared order.
    case enumeration([String])

    /// The number of values of a finite domain, or nil for integers.
    public var finiteCount: Int? {
        switch self {
        case .integer: nil
        case .boolean: 2
        case .enumeration(let values): values.count
        }
    }

    /// The name of a finite domain's value by its interned index.
    public func valueName(_ index: Int) -> String {
        switch self {
        case .integer: String(index)
        case .boolean: index == 0 ? "false" : "true"
        case .enumeration(let values): values[index]
        }
    }

    /// The interval `min...max`, with unbounded ends as `Int.min` and `Int.max`.
    public var integerBounds: ClosedRange<Int> {
        if case .integer(let low, let high) = self { return (low ?? .min)...(high ?? .max) }
        return 0...((finiteCount ?? 1) - 1)
    }

    /// The domain as a person reads it: `0...`, `call | message`, `true | false`.
    public var summary: String {
        switch self {
        case .integer(let low, let high):
            switch (low, high) {
            case (nil, nil): "any integer"
            case (let low?, nil): "an integer >= \(low)"
            case (nil, let high?): "an integer <= \(high)"
            case (let low?, let high?): "an integer from \(low) to \(high)"
            }
        case .boolean: "true or false"
        case .enumeration(let values): "one of " + values.joined(separator: ", ")
        }
    }
}
