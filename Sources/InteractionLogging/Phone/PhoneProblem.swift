/// Why a text with digits is not a phone number: what ``PhoneNumber/normalize(_:region:)``
/// found wrong, as data, so that a caller can word its own message or count failures by kind.
///
/// ``description`` is a phrase that completes "'TEXT' is not a phone number: ...".
public enum PhoneProblem: Hashable, Sendable, CustomStringConvertible {
    /// Letters outside an extension (`x123`, `ext. 123`) or a word in parentheses (`(cell)`).
    case letters
    /// A character that has no place in a phone number (`*`, `!`).
    case unexpectedCharacter(String)
    /// A `+` that does not start the number.
    case misplacedPlus
    /// A `tel:` parameter other than `ext=` (such as `phone-context`), which would change
    /// how the number is read.
    case unsupportedParameter(String)
    /// An international number whose country code would start with 0.
    case countryCodeStartsWithZero
    /// An international number whose first digits are no country's calling code (`+999`).
    /// Holds the first three digits.
    case unknownCallingCode(String)
    /// A number with more digits than E.164 allows (15, country code included), or too few
    /// for a calling code and a national number.
    case digitCount(Int)
    /// A number whose national part has a length no number of its country has.
    /// - `callingCode`: the country calling code.
    /// - `region`: the region it was read in, or nil for international form (the calling code
    ///   may be shared by several regions).
    /// - `digits`: the digits of the national part, trunk prefix excluded.
    /// - `possible`: the lengths the country's numbers have, ascending.
    case impossibleLength(callingCode: Int, region: String?, digits: Int, possible: [Int])
    /// A national number whose first two digits start no number of its country with that
    /// length (`+44 4…`; `+44 20…` with 9 digits). `start` is the two digits (5 for 05),
    /// `possible` the lengths of the country's numbers that start with them (none at all when
    /// empty).
    case impossibleStart(callingCode: Int, region: String?, start: Int, digits: Int, possible: [Int])
    /// A North American number with the wrong number of digits: in national form other than
    /// 10, or 11 starting with 1; in international form (`+1`) other than 11.
    case northAmericanDigitCount(Int, international: Bool)
    /// A North American area code starting with 0 or 1.
    case northAmericanAreaCode
    /// A national number read without a region: no country tells its calling code.
    case nationalWithoutRegion
    /// A national number read in a region that is not an ISO 3166 alpha-2 code the
    /// normaliser knows.
    case unknownRegion(String)

    /// A stable identifier of the kind of problem, for diagnostics codes and counts.
    public var code: String {
        switch self {
        case .letters: "letters"
        case .unexpectedCharacter: "unexpected-character"
        case .misplacedPlus: "misplaced-plus"
        case .unsupportedParameter: "unsupported-parameter"
        case .countryCodeStartsWithZero: "country-code-zero"
        case .unknownCallingCode: "unknown-calling-code"
        case .digitCount: "digit-count"
        case .impossibleLength: "impossible-length"
        case .impossibleStart: "impossible-start"
        case .northAmericanDigitCount: "north-american-digit-count"
        case .northAmericanAreaCode: "north-american-area-code"
        case .nationalWithoutRegion: "national-without-region"
        case .unknownRegion: "unknown-region"
        }
    }

    public var description: String {
        switch self {
        case .letters:
            "it contains letters; only an extension (x123, ext. 123) or a word in parentheses "
                + "such as (cell) may go with the number"
        case .unexpectedCharacter(let character):
            "it contains '\(character)', which is not part of a phone number"
        case .misplacedPlus:
            "a '+' can only start the number"
        case .unsupportedParameter(let parameter):
            "it has the parameter '\(parameter)'; only ';ext=' (an extension) is understood"
        case .countryCodeStartsWithZero:
            "a country code cannot start with 0"
        case .unknownCallingCode(let digits):
            "no country calling code starts its international digits (+\(digits)…)"
        case .digitCount(let count) where count > 15:
            "it has \(count) digits; E.164 allows at most 15, country code included"
        case .digitCount(let count):
            "it has \(count) digits, too few for a calling code and a number"
        case .impossibleLength(let code, let region, let digits, let possible):
            "its national number has \(digits) digit\(digits == 1 ? "" : "s") (trunk prefix excluded), and +\(code)"
                + (region.map { " (\($0))" } ?? "") + " numbers have \(Self.list(possible))"
        case .impossibleStart(let code, let region, let start, let digits, let possible):
            possible.isEmpty
                ? "no +\(code)" + (region.map { " (\($0))" } ?? "")
                    + " number starts with \(Self.twoDigits(start)) (trunk prefix excluded)"
                : "its national number starts with \(Self.twoDigits(start)) and has \(digits) digits, and +\(code)"
                    + (region.map { " (\($0))" } ?? "")
                    + " numbers starting so have \(Self.list(possible))"
        case .northAmericanDigitCount(let count, international: false):
            "it has \(count) digits; a North American number has 10, or 11 starting with 1"
        case .northAmericanDigitCount(let count, international: true):
            "it has \(count) digits; a +1 (North American) number has 11"
        case .northAmericanAreaCode:
            "a North American area code cannot start with 0 or 1"
        case .nationalWithoutRegion:
            "it is in national form, and no country is known to read it in"
        case .unknownRegion(let region):
            "it is in national form, and '\(region)' is not a known country code"
        }
    }

    /// 05, 44.
    private static func twoDigits(_ value: Int) -> String {
        value < 10 ? "0\(value)" : "\(value)"
    }

    /// "9", "9 or 10", "7, 9 or 10".
    private static func list(_ lengths: [Int]) -> String {
        let words = lengths.map(String.init)
        guard let last = words.last else { return "no possible length" }
        return words.count == 1 ? last : words.dropLast().joined(separator: ", ") + " or " + last
    }
}
