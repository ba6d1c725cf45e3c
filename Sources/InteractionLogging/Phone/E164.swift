/// A phone number in E.164 form: a country code and a national number, 6 to 15 digits.
///
/// The digits are held as one integer, so that comparing and hashing a number allocates
/// nothing. The first digit of a country code is never 0, so no digit is lost.
public struct E164: Hashable, Sendable, CustomStringConvertible {
    /// The digits, country code first, without the `+`.
    public let digits: UInt64

    /// The numbers with 6 to 15 digits: what ``PhoneNumber/normalize(_:region:)`` produces.
    /// The shortest numbers are Austria's and Germany's (+43 and +49, with four-digit
    /// national numbers); E.164 allows 15 digits at most.
    static let valid: ClosedRange<UInt64> = 100_000...999_999_999_999_999

    /// Wraps digits that are already known to be valid.
    init(unchecked digits: UInt64) {
        self.digits = digits
    }

    /// Creates a number from its digits.
    /// - Parameter digits: The country code and national number, 6 to 15 digits (`16045550100`).
    /// - Returns: nil when the digits are fewer than 6 or more than 15.
    public init?(digits: UInt64) {
        guard Self.valid.contains(digits) else { return nil }
        self.digits = digits
    }

    /// `+16045550100`.
    public var description: String { "+\(digits)" }
}
