import Foundation

/// An exact decimal number, as DMN's `number` type and `type: number` columns use it.
///
/// Literals are read digit for digit (`98.83` is 98.83, `0.1 + 0.2` is `0.3`), never through
/// binary floating point. Up to 38 significant digits are held exactly; a literal with more
/// is refused rather than rounded.
public struct DecimalNumber: Hashable, Comparable, Sendable, CustomStringConvertible {
    /// The value, kept normalised so that `1.50` and `1.5` are one value.
    let value: Decimal
    /// The shortest decimal spelling: `1.5`, `-2`, `0`.
    public let description: String

    /// The most significant digits a number holds exactly.
    public static let maximumDigits = 38

    /// Reads `-?digits(.digits)?` exactly; nil for anything else or too many digits.
    public init?(exactly text: String) {
        var digits = 0
        var seenDot = false
        var seenDigit = false
        var leadingZeros = true
        for (offset, byte) in text.utf8.enumerated() {
            switch byte {
            case UInt8(ascii: "-") where offset == 0:
                continue
            case UInt8(ascii: "."):
                guard !seenDot, seenDigit else { return nil }
                seenDot = true
                seenDigit = false
            case UInt8(ascii: "0")...UInt8(ascii: "9"):
                seenDigit = true
                if byte != UInt8(ascii: "0") || !leadingZeros || seenDot { leadingZeros = false }
                if !leadingZeros { digits += 1 }
            default:
                return nil
            }
        }
        guard seenDigit, digits <= Self.maximumDigits,
            let decimal = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX"))
        else { return nil }
        self.init(decimal)
    }

    /// An integer as a decimal.
    public init(_ integer: Int) {
        self.init(Decimal(integer))
    }

    init(_ decimal: Decimal) {
        // `description` of a Decimal is its exact shortest spelling; reading it back gives
        // one representation per value, so equal numbers hash alike.
        var text = decimal.description
        if text.contains("."), !text.contains("e") {
            while text.hasSuffix("0") { text.removeLast() }
            if text.hasSuffix(".") { text.removeLast() }
        }
        if text == "-0" { text = "0" }
        self.description = text
        self.value = Decimal(string: text, locale: Locale(identifier: "en_US_POSIX")) ?? decimal
    }

    /// The value as an `Int` when it is a whole number that fits.
    public var integerValue: Int? {
        guard !description.contains(".") else { return nil }
        return Int(description)
    }

    public static func < (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool { lhs.value < rhs.value }
    public static func == (lhs: DecimalNumber, rhs: DecimalNumber) -> Bool { lhs.description == rhs.description }
    public func hash(into hasher: inout Hasher) { hasher.combine(description) }

    /// The exact sum (within ``maximumDigits``).
    public static func + (lhs: DecimalNumber, rhs: DecimalNumber) -> DecimalNumber {
        DecimalNumber(lhs.value + rhs.value)
    }

    /// A number strictly between two others: their mean (exact for decimals).
    static func between(_ low: DecimalNumber, _ high: DecimalNumber) -> DecimalNumber {
        DecimalNumber((low.value + high.value) / 2)
    }
}
