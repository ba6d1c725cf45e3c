/// Normalisation of free-form phone numbers to E.164, the form contacts and lines are
/// matched on.
///
/// Spark contacts hold numbers as people typed them, mostly in national form
/// ("(604) 555-0100"); Aircall sends international form with spaces ("+1 604-555-0100").
/// Both become the same ``E164``.
///
/// The reader is hand-written for speed; what it accepts is measured against Google's
/// libphonenumber by `Scripts/phone-differential`, and the lengths it allows per country come
/// from libphonenumber's metadata (`PhoneLengthData`).
public enum PhoneNumber {
    /// Reads a phone number in international or national form.
    ///
    /// Spaces, dots, dashes, parentheses and slashes are ignored, as are a `tel:` scheme, a
    /// word in parentheses ("(cell)"), an extension ("x123", "ext. 123", "#123", ";ext=123")
    /// and a trunk prefix shown as "(0)" in international form ("+44 (0)20 7946 0000").
    /// Digits of other scripts (Arabic-Indic, fullwidth) are read as digits; other numerals
    /// (circled `①`, superscript `²`, CJK `三`) make the text invalid, never no number.
    ///
    /// A leading `+` or `00` (in North America also `011`) starts an international number:
    /// its calling code must be a country's, and the rest a length that country's numbers
    /// have. Anything else is national, read in `region`: North American numbers have 10
    /// digits, or 11 starting with 1; elsewhere one trunk prefix `0` is dropped where the
    /// country uses one, and the rest must be a length the country's numbers have. Argentine
    /// mobile numbers written nationally ("011 15-2332-5418") become the international form
    /// with 9 ("+54 9 11 2332-5418"). The first two digits of a national number narrow its
    /// possible lengths further ("+44 4…" is no number; "+44 20…" has 10 digits). Every number
    /// has at most 15 digits, as E.164 requires.
    ///
    /// The text is read once, as UTF-8, in place: nothing is allocated unless the text is
    /// invalid (the reason) or not stored contiguously (a bridged string is copied first).
    /// - Parameters:
    ///   - text: The number as written.
    ///   - region: The ISO 3166 alpha-2 code (`CA`, `GB`) that national numbers belong to;
    ///     needed only for national numbers.
    /// - Returns: The number, ``PhoneParse/none`` when the text holds no digit, or
    ///   ``PhoneParse/invalid(_:)`` with the problem.
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
            // Text with no numeral at all is no number ("anonymous", "n/a"), not a broken one;
            // "①②③" or "٦٠٤-five" is a broken one.
            return scan.count == 0 && !DigitScan.containsNumeral(bytes) ? .none : .invalid(problem)
        }
        if scan.count == 0 { return .none }
        if scan.plus {
            return international(scan, skipping: 0)
        }
        if scan.leadingZeros >= 2 {
            return international(scan, skipping: 2)
        }
        guard let region else {
            return .invalid(.nationalWithoutRegion)
        }
        guard let entry = CallingCodes.entry(forRegion: region) else {
            return .invalid(.unknownRegion(region))
        }
        if entry.isNorthAmerican {
            return northAmerican(scan)
        }
        var count = scan.count
        if scan.leadingZeros == 1 && entry.trunk == .zero {
            count -= 1  // the value already ignores the zero; only the length changes
        }
        return national(
            scan.value, count: count, code: entry.code, codeDigits: entry.codeDigits,
            lengths: entry.lengths, region: region)
    }

    /// The reason for a national number read without a region, which a caller may want to
    /// explain in its own terms (which setting gives the region).
    static let nationalWithoutRegion = PhoneProblem.nationalWithoutRegion

    /// `+`, `00` or `011` followed by the country code and number.
    private static func international(_ scan: DigitScan, skipping prefix: Int) -> PhoneParse {
        if scan.leadingZeros > prefix {
            return .invalid(.countryCodeStartsWithZero)
        }
        return international(scan.value, count: scan.count - prefix)
    }

    /// The digits after an international prefix, which has been checked to be followed by a
    /// digit other than 0.
    private static func international(_ digits: UInt64, count: Int) -> PhoneParse {
        // A calling code and a national number of four digits at least (Austria's shortest).
        guard count <= 17, count > 3 else { return .invalid(.digitCount(count)) }
        // Calling codes have 1 to 3 digits, and no code is the start of another.
        for codeDigits in 1...3 where codeDigits < count {
            let code = digits / power10(count - codeDigits)
            guard let lengths = PhoneLengths.callingCode(code) else { continue }
            let nationalCount = count - codeDigits
            var national = digits % power10(nationalCount)
            if code == 1 {
                // Every +1 number is North American: a digit too many or too few is a typo.
                guard nationalCount == 10 else { return .invalid(.northAmericanDigitCount(count, international: true)) }
                guard national / power10(9) >= 2 else { return .invalid(.northAmericanAreaCode) }
                return .number(E164(unchecked: digits))
            }
            var length = nationalCount
            // "+44 (0)20 …" written without the parentheses: a trunk 0 that makes the length
            // impossible is dropped, as libphonenumber does.
            if lengths.trunkZero, national < power10(length - 1), !lengths.allows(length), lengths.allows(length - 1) {
                length -= 1
                national %= power10(length)
            }
            return self.national(
                national, count: length, code: code, codeDigits: codeDigits,
                lengths: lengths, region: nil)
        }
        return .invalid(.unknownCallingCode(String(String(digits).prefix(3))))
    }

    /// A national number of a country, trunk prefix removed: checked against the lengths the
    /// country's numbers have, the lengths of those with the same first two digits, and
    /// E.164's 15 digits, and prefixed with the calling code.
    private static func national(
        _ value: UInt64, count: Int, code: UInt64, codeDigits: Int, lengths: PhoneLengths.Mask, region: String?
    ) -> PhoneParse {
        var value = value
        var count = count
        if code == 54 {
            (value, count) = argentineMobile(value, count: count)
        }
        guard lengths.allows(count) else {
            return .invalid(
                .impossibleLength(
                    callingCode: Int(code), region: region?.uppercased(), digits: count,
                    possible: lengths.lengths))
        }
        if code != 1 {
            let start = value / power10(count - 2)
            let startLengths = PhoneLengths.lengths(callingCode: code, start: start)
            guard startLengths.allows(count) else {
                return .invalid(
                    .impossibleStart(
                        callingCode: Int(code), region: region?.uppercased(),
                        start: Int(start), digits: count, possible: startLengths.lengths))
            }
        }
        guard codeDigits + count <= 15 else {
            return .invalid(.digitCount(codeDigits + count))
        }
        return .number(E164(unchecked: code * power10(count) + value))
    }

    /// Argentine mobile numbers are written nationally with 15 after the area code
    /// ("11 15-2332-5418") and internationally with 9 before it ("+54 9 11 2332-5418"):
    /// twelve digits that start with a mobile area code and 15 become the eleven of the
    /// international form. Anything else is returned as it is.
    private static func argentineMobile(_ value: UInt64, count: Int) -> (UInt64, Int) {
        guard count == 12, value >= power10(11) else { return (value, count) }
        // Longest first, as libphonenumber's pattern reads them (checked by the generator).
        for areaDigits in [4, 3, 2] {
            let area = value / power10(12 - areaDigits)
            let marker = value / power10(10 - areaDigits) % 100
            if marker == 15, PhoneLengths.isArgentineMobileArea(area) {
                let subscriber = value % power10(10 - areaDigits)
                return (9 * power10(10) + area * power10(10 - areaDigits) + subscriber, 11)
            }
        }
        return (value, count)
    }

    /// The North American Numbering Plan: area codes and exchanges start with 2 to 9.
    private static func northAmerican(_ scan: DigitScan) -> PhoneParse {
        let count = scan.count
        // 011 is North America's international prefix, as 00 is elsewhere.
        if scan.leadingZeros == 1, count > 4, count <= 19, scan.value / power10(count - 3) == 11 {
            let rest = scan.value % power10(count - 3)
            guard rest >= power10(count - 4) else { return .invalid(.countryCodeStartsWithZero) }
            return international(rest, count: count - 3)
        }
        let national: UInt64
        switch count {
        case 10: national = scan.value
        case 11 where scan.value / power10(10) == 1: national = scan.value % power10(10)
        default:
            return .invalid(.northAmericanDigitCount(count, international: false))
        }
        guard national / power10(9) >= 2 else {
            return .invalid(.northAmericanAreaCode)
        }
        return .number(E164(unchecked: power10(10) + national))
    }

    private static func power10(_ exponent: Int) -> UInt64 {
        var result: UInt64 = 1
        for _ in 0..<exponent { result &*= 10 }
        return result
    }
}
