/// A fact or output value: an integer, a boolean, or a string (enumerated values are strings).
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case boolean(Bool)
    case string(String)
    /// An exact decimal number (`type: number`).
    case number(DecimalNumber)

    /// The value as an exact decimal, for integers and numbers.
    public var decimalNumber: DecimalNumber? {
        switch self {
        case .integer(let value): DecimalNumber(value)
        case .number(let value): value
        default: nil
        }
    }

    /// The value as a rules file writes it.
    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .boolean(let value): String(value)
        case .string(let value): value
        case .number(let value): value.description
        }
    }
}
