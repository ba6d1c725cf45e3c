/// A JSON value whose objects keep their keys in order, so output is stable and reads in the
/// order the rules declare things.
public enum JSONValue: Hashable, Sendable {
    case null
    case bool(Bool)
    /// A number with no fraction or exponent that fits in `Int`.
    case integer(Int)
    /// A number with no exponent that is not an `Int` (`98.83`), kept as its exact digits so
    /// that decimal arithmetic can read it without binary rounding.
    case decimal(String)
    /// Any other number.
    case number(Double)
    case string(String)
    case array([JSONValue])
    /// Key-value pairs in order; keys are unique when parsed.
    case object([(String, JSONValue)])

    public static func == (lhs: JSONValue, rhs: JSONValue) -> Bool {
        switch (lhs, rhs) {
        case (.null, .null): true
        case (.bool(let a), .bool(let b)): a == b
        case (.integer(let a), .integer(let b)): a == b
        case (.number(let a), .number(let b)): a == b
        case (.decimal(let a), .decimal(let b)): a == b
        case (.string(let a), .string(let b)): a == b
        case (.array(let a), .array(let b)): a == b
        case (.object(let a), .object(let b)): a.count == b.count && zip(a, b).allSatisfy { $0.0 == $1.0 && $0.1 == $1.1 }
        default: false
        }
    }

    public func hash(into hasher: inout Hasher) {
        switch self {
        case .null: hasher.combine(0)
        case .bool(let value): hasher.combine(value)
        case .integer(let value): hasher.combine(value)
        case .number(let value): hasher.combine(value)
        case .decimal(let value): hasher.combine(value)
        case .string(let value): hasher.combine(value)
        case .array(let values): hasher.combine(values)
        case .object(let pairs):
            for (key, value) in pairs {
                hasher.combine(key)
                hasher.combine(value)
            }
        }
    }

    /// The value of `key` in an object, or nil.
    public subscript(_ key: String) -> JSONValue? {
        if case .object(let pairs) = self { return pairs.first { $0.0 == key }?.1 }
        return nil
    }

    /// The number as a `Double` (rounded to the nearest for long decimals), or nil when the
    /// value is not a number: for measurements and shares, not for exact arithmetic.
    public var doubleValue: Double? {
        switch self {
        case .integer(let number): Double(number)
        case .number(let number): number
        case .decimal(let digits): Double(digits)
        default: nil
        }
    }

    /// A word for the value's kind, for messages.
    public var kindDescription: String {
        switch self {
        case .null: "null"
        case .bool: "a boolean"
        case .integer, .number, .decimal: "a number"
        case .string: "a string"
        case .array: "an array"
        case .object: "an object"
        }
    }
}
