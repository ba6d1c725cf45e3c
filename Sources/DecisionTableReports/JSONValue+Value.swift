import DecisionTable
import JSONLines

extension JSONValue {
    /// The value as a fact or output value: integers, exact decimals (digits with a
    /// fraction, read with no binary rounding), booleans and strings; nil for null, numbers
    /// with exponents, arrays and objects.
    public var value: Value? {
        switch self {
        case .integer(let number): .integer(number)
        case .decimal(let digits): DecimalNumber(exactly: digits).map(Value.number)
        case .bool(let flag): .boolean(flag)
        case .string(let text): .string(text)
        default: nil
        }
    }

    /// A fact or output value as JSON.
    public init(_ value: Value) {
        switch value {
        case .integer(let number): self = .integer(number)
        case .boolean(let flag): self = .bool(flag)
        case .string(let text): self = .string(text)
        case .number(let number): self = number.integerValue.map(JSONValue.integer) ?? .decimal(number.description)
        }
    }
}
