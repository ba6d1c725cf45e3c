/// A fact or output value: an integer, a boolean, or a string (enumerated values are strings).
public enum Value: Hashable, Sendable, CustomStringConvertible {
    case integer(Int)
    case boolean(Bool)
    case string(String)

    /// The value as a rules file writes it.
    public var description: String {
        switch self {
        case .integer(let value): String(value)
        case .boolean(let value): String(value)
        case .string(let value): value
        }
    }
}
