/// What ``PhoneNumber/normalize(_:region:)`` made of a text.
public enum PhoneParse: Hashable, Sendable {
    /// A number in E.164 form.
    case number(E164)
    /// No number: empty, "anonymous" (a withheld caller) or any text without a digit.
    case none
    /// Text with digits that is not a phone number, and why, as a phrase for a message.
    case invalid(String)
}

/// Normalisation of free-form phone numbers to E.164, the form contacts and lines are
/// matched on.
///
/// Spark contacts hold numbers as people typed them, mostly in national form
/// ("(604) 555-0100"); Aircall sends international form with spaces ("+1 604-555-0100").
/// Both become the same ``E164``.
public enum PhoneNumber {
    /// Reads a phone number in international or national form.
    ///
    /// Spaces, dots, dashes, parentheses and slashes are ignored, as is an extension
    /// ("x123", "ext. 123"), and so is a trunk prefix shown as "(0)" in international form
    /// ("+44 (0)20 7946 0000"). A leading `+` or `00` (in North America also `011`) starts
    /// an international number of 8 to 15 digits (11 for +1). Anything else is national,
    /// read in `region`: North American numbers have 10 digits, or 11 starting with 1;
    /// elsewhere one trunk prefix `0` is dropped where the country uses one, and the calling
    /// code is added.
    ///
    /// The text is read once, as UTF-8, in place: nothing is allocated unless the text is
    /// invalid (the reason) or not stored contiguously (a bridged string is copied first).
    /// - Parameters:
    ///   - text: The number as written.
    ///   - region: The ISO 3166 alpha-2 code (`CA`, `GB`) that national numbers belong to;
    ///     needed only for national numbers.
    /// - Returns: The number, ``PhoneParse/none`` when the text holds no digit, or
    ///   ``PhoneParse/invalid(_:)`` with the reason.
    @inlinable
    public static func normalize(_ text: some StringProtocol, region: String?) -> PhoneParse {
        // Specialised in the caller's module, so that a String's bytes are read in place.
        if let parse = text.utf8.withContiguousStorageIfAvailable({ normalize(utf8: $0, region: region) }) {
            return parse
        }
        return Array(text.utf8).withUnsafeBufferPointer { normalize(utf8: $0, region: region) }
    }

    /// The work of ``normalize(_:region:)``, on bytes; not generic, so compiled once here.
    @usableFromInline
    static func normalize(utf8 bytes: UnsafeBufferPointer<UInt8>, region: String?) -> PhoneParse {
        var scan = DigitScan()
        if let problem = scan.read(bytes) {
            // Text with no digit at all is no number ("anonymous", "n/a"), not a broken one.
            return scan.count == 0 && !bytes.contains(where: DigitScan.isDigit) ? .none : .invalid(problem)
        }
        if scan.count == 0 { return .none }
        if scan.plus {
            return international(scan, skipping: 0)
        }
        if scan.leadingZeros >= 2 {
            return international(scan, skipping: 2)
        }
        guard let region else {
            return .invalid(nationalWithoutRegion)
        }
        guard let entry = CallingCodes.entry(forRegion: region) else {
            return .invalid("it is in national form, and '\(region)' is not a known country code")
        }
        if entry.isNorthAmerican {
            return northAmerican(scan)
        }
        var count = scan.count
        if scan.leadingZeros == 1 && entry.trunk == .zero {
            count -= 1  // the value already ignores the zero; only the length changes
        }
        guard (8...15).contains(entry.codeDigits + count) else {
            return .invalid("it has \(count) digits in national form; with the calling code +\(entry.code) "
                            + "that is \(entry.codeDigits + count), and a number has 8 to 15")
        }
        return .number(E164(unchecked: entry.code * power10(count) + scan.value))
    }

    /// The reason for a national number read without a region, which a caller may want to
    /// explain in its own terms (which setting gives the region).
    static let nationalWithoutRegion = "it is in national form, and no country is known to read it in"

    /// `+` or `00` followed by the country code and number.
    private static func international(_ scan: DigitScan, skipping prefix: Int) -> PhoneParse {
        if scan.leadingZeros > prefix {
            return .invalid("a country code cannot start with 0")
        }
        return international(scan.value, count: scan.count - prefix)
    }

    /// The digits after an international prefix, which has been checked to be followed by a
    /// digit other than 0.
    private static func international(_ digits: UInt64, count: Int) -> PhoneParse {
        guard (8...15).contains(count) else {
            return .invalid("it has \(count) digits; an international number has 8 to 15, country code included")
        }
        // Every +1 number is North American: a digit too many or too few is a typo.
        if count != 11 && digits / power10(count - 1) == 1 {
            return .invalid("it has \(count) digits; a +1 (North American) number has 11")
        }
        return .number(E164(unchecked: digits))
    }

    /// The North American Numbering Plan: area codes and exchanges start with 2 to 9.
    private static func northAmerican(_ scan: DigitScan) -> PhoneParse {
        let count = scan.count
        // 011 is North America's international prefix, as 00 is elsewhere.
        if scan.leadingZeros == 1, count > 4, count <= 19, scan.value / power10(count - 3) == 11 {
            let rest = scan.value % power10(count - 3)
            guard rest >= power10(count - 4) else { return .invalid("a country code cannot start with 0") }
            return international(rest, count: count - 3)
        }
        let national: UInt64
        switch count {
        case 10: national = scan.value
        case 11 where scan.value / power10(10) == 1: national = scan.value % power10(10)
        default:
            return .invalid("it has \(count) digits; a North American number has 10, or 11 starting with 1")
        }
        guard national / power10(9) >= 2 else {
            return .invalid("a North American area code cannot start with 0 or 1")
        }
        return .number(E164(unchecked: power10(10) + national))
    }

    private static func power10(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }
}

/// One pass over a number's bytes: its digits as an integer, and what came before them.
struct DigitScan {
    /// The digits read as a decimal integer (leading zeros add nothing).
    var value: UInt64 = 0
    /// How many digits, leading zeros included.
    var count = 0
    /// How many zeros came before the first other digit.
    var leadingZeros = 0
    /// Whether the number started with `+`.
    var plus = false

    static func isDigit(_ byte: UInt8) -> Bool { byte &- UInt8(ascii: "0") < 10 }

    /// Reads the number up to its end or its extension.
    /// - Returns: nil when the text is a number's digits and separators, else the reason.
    mutating func read(_ bytes: UnsafeBufferPointer<UInt8>) -> String? {
        var i = 0
        let end = bytes.count
        while i < end {
            let byte = bytes[i]
            if Self.isDigit(byte) {
                let digit = byte &- UInt8(ascii: "0")
                if digit == 0 && leadingZeros == count { leadingZeros += 1 }
                // 19 digits always fit in a UInt64; longer numbers are only counted, then refused.
                if count < 19 { value = value &* 10 &+ UInt64(digit) }
                count += 1
                i += 1
                continue
            }
            switch byte {
            case UInt8(ascii: "("):
                // "+44 (0)20 7946 0000": the trunk prefix shown for callers inside the country,
                // not part of the international number.
                if plus, count > 0, i + 2 < end, bytes[i + 1] == UInt8(ascii: "0"), bytes[i + 2] == UInt8(ascii: ")") {
                    i += 3
                } else {
                    i += 1
                }
            case UInt8(ascii: " "), UInt8(ascii: "\t"), UInt8(ascii: "."), UInt8(ascii: "-"),
                 UInt8(ascii: ")"), UInt8(ascii: "/"):
                i += 1
            case UInt8(ascii: "+"):
                if count > 0 || plus { return "a '+' can only start the number" }
                plus = true
                i += 1
            default:
                if let width = Self.unicodeSeparatorWidth(bytes, at: i) {
                    i += width
                } else if count > 0, Self.isExtension(bytes, from: i) {
                    return nil
                } else if Self.isLetter(byte) {
                    return "it contains letters; only an extension (x123, ext. 123) may follow the number"
                } else {
                    return "it contains '\(Self.character(bytes, at: i))', which is not part of a phone number"
                }
            }
        }
        return nil
    }

    /// Spaces and dashes that word processors and web pages put into copied numbers:
    /// no-break space (U+00A0), the spaces U+2000–U+200B, the dashes U+2010–U+2015 and the
    /// narrow no-break space (U+202F). Returns their width in bytes.
    private static func unicodeSeparatorWidth(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> Int? {
        if bytes[i] == 0xC2, i + 1 < bytes.count, bytes[i + 1] == 0xA0 { return 2 }
        if bytes[i] == 0xE2, i + 2 < bytes.count, bytes[i + 1] == 0x80 {
            switch bytes[i + 2] {
            case 0x80...0x8B, 0x90...0x95, 0xAF: return 3
            default: return nil
            }
        }
        return nil
    }

    /// Whether the bytes from `start` to the end are an extension: `x`, `ext`, `extn` or
    /// `extension` in any case, optionally followed by `.`, `:` or `=`, then digits.
    private static func isExtension(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> Bool {
        var i = start
        while i < bytes.count, isLetter(bytes[i]) { i += 1 }
        let word = UnsafeBufferPointer(rebasing: bytes[start..<i])
        guard isMarker(word) else { return false }
        if i < bytes.count {
            switch bytes[i] {
            case UInt8(ascii: "."), UInt8(ascii: ":"), UInt8(ascii: "="): i += 1
            default: break
            }
        }
        var digits = 0
        while i < bytes.count {
            let byte = bytes[i]
            if isDigit(byte) {
                digits += 1
            } else if byte != UInt8(ascii: " ") && byte != UInt8(ascii: "-") {
                return false
            }
            i += 1
        }
        return digits > 0
    }

    private static func isMarker(_ word: UnsafeBufferPointer<UInt8>) -> Bool {
        // Compared lower-cased against "extension" and its prefixes "ext", plus "x" and "extn".
        let extensionWord: StaticString = "extension"
        func lower(_ k: Int) -> UInt8 { word[k] | 0x20 }
        switch word.count {
        case 1: return lower(0) == UInt8(ascii: "x")
        case 4: return (0..<3).allSatisfy { lower($0) == extensionWord.utf8Start[$0] } && lower(3) == UInt8(ascii: "n")
        case 3, 9: return (0..<word.count).allSatisfy { lower($0) == extensionWord.utf8Start[$0] }
        default: return false
        }
    }

    private static func isLetter(_ byte: UInt8) -> Bool {
        (byte | 0x20) &- UInt8(ascii: "a") < 26
    }

    /// The character at a byte offset, for a message.
    private static func character(_ bytes: UnsafeBufferPointer<UInt8>, at i: Int) -> String {
        var end = i + 1
        while end < bytes.count, bytes[end] & 0xC0 == 0x80 { end += 1 }
        return String(decoding: UnsafeBufferPointer(rebasing: bytes[i..<end]), as: UTF8.self)
    }
}
