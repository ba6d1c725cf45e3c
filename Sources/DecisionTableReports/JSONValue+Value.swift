import DecisionTable
import JSONLines

extension JSONValue {
    /// The value as a fact or output value; nil for null, fractions, arrays and objects.
    public var value: Value? {
        switch self {
        case .integer(let number): .integer(number)
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
        }
    }
}
