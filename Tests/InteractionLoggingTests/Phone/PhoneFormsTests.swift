import Testing
@testable import InteractionLogging

/// Numbers as people keep them in a directory: extensions, labels, `tel:` URIs, digits of
/// other scripts, and Argentine mobiles.
@Suite struct PhoneFormsTests {
    /// Text, region, and the E.164 number it is.
    static let kept: [(String, String?, String)] = [
        // Extensions are read as the number without them.
        ("604-555-3007 #204", "CA", "+16045553007"),
        ("604-555-3007 # 204", "CA", "+16045553007"),
        ("+1 604 555 0100;ext=204", nil, "+16045550100"),
        ("604-555-0100, ext. 204", "CA", "+16045550100"),
        ("604-555-0100 x204", "CA", "+16045550100"),
        ("604-555-0100 ext. 204", "CA", "+16045550100"),
        ("604-555-3007 x204 (cell)", "CA", "+16045553007"),
        // Words in parentheses label the number.
        ("604-555-3007 (cell)", "CA", "+16045553007"),
        ("(cell) 604-555-3007", "CA", "+16045553007"),
        ("(home office) 020 7946 0000", "GB", "+442079460000"),
        ("06 12 34 56 78 (portable)", "FR", "+33612345678"),
        ("(móvil) 91 123 45 67", "ES", "+34911234567"),
        ("(604) 555-3007 (work)", "CA", "+16045553007"),
        // tel: URIs (RFC 3966).
        ("tel:+1-604-555-0100", nil, "+16045550100"),
        ("TEL:+44-20-7946-0000", "CA", "+442079460000"),
        ("tel:+1-604-555-0100;ext=204", nil, "+16045550100"),
        ("  tel:604-555-0100", "CA", "+16045550100"),
        // Digits of other scripts, as libphonenumber reads them.
        ("٦٠٤-٥٥٥-٠١٠٠", "CA", "+16045550100"),  // Arabic-Indic
        ("۰۲۰ ۷۹۴۶ ۰۰۰۰", "GB", "+442079460000"),  // Extended Arabic-Indic (Persian)
        ("６０４－５５５－０１００", "CA", "+16045550100"),  // fullwidth, with fullwidth dashes
        ("＋４４ ２０ ７９４６ ００００", nil, "+442079460000"),  // fullwidth plus
        ("६०४ ५५५ ०१००", "US", "+16045550100"),  // Devanagari
        // A trunk 0 written inside an international number.
        ("+44 020 7946 0000", nil, "+442079460000"),
        ("+33 01 76 11 11 11", nil, "+33176111111"),
        // Argentine mobiles: 15 after the area code nationally, 9 before it internationally.
        ("011 15-2332-5418", "AR", "+5491123325418"),
        ("11 15 2332-5418", "AR", "+5491123325418"),
        ("+54 11 15 2332 5418", nil, "+5491123325418"),
        ("+54 9 11 2332-5418", nil, "+5491123325418"),
        ("0351 15-123-4567", "AR", "+5493511234567"),
        ("02934 15-12-3456", "AR", "+5492934123456"),
        // Argentine landlines keep their form.
        ("011 2332-5418", "AR", "+541123325418"),
        ("0351 423-4567", "AR", "+543514234567"),
        // Short numbers that a country has: seven digits in all, as E.164 allows.
        ("14 020", "NL", "+3114020"),
        ("+31 14020", nil, "+3114020"),
        // Colombia, Liechtenstein and Monaco drop a written trunk 0, as libphonenumber does.
        ("0 601 234 5678", "CO", "+576012345678"),
        ("06 12 34 56 78", "MC", "+377612345678"),
    ]

    @Test(arguments: kept)
    func reads(_ text: String, region: String?, expected: String) {
        let parse = PhoneNumber.normalize(text, region: region)
        guard case .number(let number) = parse else {
            Issue.record("'\(text)' in \(region ?? "no region"): expected \(expected), got \(parse)")
            return
        }
        #expect(number.description == expected)
    }

    /// Text, region, and the problem found.
    static let refused: [(String, String?, PhoneProblem)] = [
        // No country has the calling code.
        ("+999 123 456 789", nil, .unknownCallingCode("999")),
        ("00 999 123 456 789", "GB", .unknownCallingCode("999")),
        ("011 999 123 456 789", "US", .unknownCallingCode("999")),
        // Lengths no number of the country has.
        ("118118", "GB", .impossibleLength(callingCode: 44, region: "GB", digits: 6, possible: [7, 9, 10])),
        ("+44 118118", nil, .impossibleLength(callingCode: 44, region: nil, digits: 6, possible: [7, 9, 10])),
        ("01 76 11 11 1", "FR", .impossibleLength(callingCode: 33, region: "FR", digits: 8, possible: [9])),
        ("+33 1 76 11 11 111", nil, .impossibleLength(callingCode: 33, region: nil, digits: 10, possible: [9])),
        // A national number read in the wrong region: a British mobile in France or Spain.
        ("07700 900123", "FR", .impossibleLength(callingCode: 33, region: "FR", digits: 10, possible: [9])),
        ("07700 900123", "es", .impossibleLength(callingCode: 34, region: "ES", digits: 11, possible: [9])),
        ("0351 15-123-456 78", "AR", .impossibleLength(callingCode: 54, region: "AR", digits: 13, possible: [10, 11])),
        // Starts no number of the country has, or with another length.
        ("+44 4123 456789", nil, .impossibleStart(callingCode: 44, region: nil, start: 41, digits: 10, possible: [])),
        ("020 7946 000", "GB", .impossibleStart(callingCode: 44, region: "GB", start: 20, digits: 9, possible: [10])),
        // A Canadian number read in Britain: ten digits, as British numbers have, but none starts 50.
        ("506 234 5706", "GB", .impossibleStart(callingCode: 44, region: "GB", start: 50, digits: 10, possible: [])),
        // E.164 has at most 15 digits, country code included, though Germany's numbers have 15.
        ("+49 301234567890123", nil, .digitCount(17)),
        ("030 1234567890123", "DE", .digitCount(17)),
        ("+49 30 1234 5678 9012 3456", nil, .digitCount(20)),
        // North America.
        ("+1 123 555 0100", nil, .northAmericanAreaCode),
        ("+1 604 555 010", nil, .northAmericanDigitCount(10, international: true)),
        ("604-555-010", "CA", .northAmericanDigitCount(9, international: false)),
        // Extensions only after a number; other tel: parameters are not guessed at.
        ("x204", "CA", .letters),
        ("#204", "CA", .unexpectedCharacter("#")),
        ("tel:555-0100;phone-context=+1-604", "CA", .unsupportedParameter("phone-context")),
        ("604-555-0100, 204", "CA", .unexpectedCharacter(",")),
        // A character that is neither a digit nor a separator, in any script.
        ("604-555-0100 ✆", "CA", .unexpectedCharacter("✆")),
        ("٦٠٤-٥٥٥-٠١٠٠ ٪", "CA", .unexpectedCharacter("٪")),
        ("＋１ ６０４ ＋５５５ ０１００", nil, .unexpectedCharacter("＋")),
        ("(604) 555-0100 (2)", "CA", .northAmericanDigitCount(11, international: false)),
    ]

    @Test(arguments: refused)
    func refuses(_ text: String, region: String?, expected: PhoneProblem) {
        #expect(PhoneNumber.normalize(text, region: region) == .invalid(expected), "'\(text)'")
    }

    @Test(arguments: ["(cell)", "(cell) ", "tel:", "(home) anonymous"])
    func labelsWithoutDigitsAreNoNumber(_ text: String) {
        #expect(PhoneNumber.normalize(text, region: "CA") == .none)
    }

    @Test(arguments: ["abc ٦٠٤", "n/a ６"])
    func digitsOfOtherScriptsMakeTextANumber(_ text: String) {
        #expect(PhoneNumber.normalize(text, region: "CA") == .invalid(.letters))
    }

    /// Numerals no phone number is written in (circled, superscript, CJK) are not digits, and
    /// not "no number" either: the text is refused naming the first.
    @Test(arguments: [("⑥⓪④-⑤⑤⑤-⓪①⓪⓪", "⑥"), ("⁶⁰⁴ 555 0100", "⁶"), ("六〇四 五五五 〇一〇〇", "六"), ("Ⅳ", "Ⅳ")])
    func otherNumeralsAreRefusedNotNoNumber(_ text: String, first: String) {
        #expect(PhoneNumber.normalize(text, region: "CA") == .invalid(.unexpectedCharacter(first)), "'\(text)'")
    }

    /// A problem, its code, and the message it reads as.
    static let messages: [(PhoneProblem, String, String)] = [
        (
            .unknownCallingCode("999"), "unknown-calling-code",
            "no country calling code starts its international digits (+999…)"
        ),
        (
            .impossibleLength(callingCode: 44, region: "GB", digits: 6, possible: [7, 9, 10]), "impossible-length",
            "its national number has 6 digits (trunk prefix excluded), and +44 (GB) numbers have 7, 9 or 10"
        ),
        (
            .impossibleLength(callingCode: 33, region: nil, digits: 1, possible: [9]), "impossible-length",
            "its national number has 1 digit (trunk prefix excluded), and +33 numbers have 9"
        ),
        (.digitCount(17), "digit-count", "it has 17 digits; E.164 allows at most 15, country code included"),
        (.digitCount(3), "digit-count", "it has 3 digits, too few for a calling code and a number"),
        (
            .impossibleStart(callingCode: 44, region: "GB", start: 4, digits: 10, possible: []), "impossible-start",
            "no +44 (GB) number starts with 04 (trunk prefix excluded)"
        ),
        (
            .impossibleStart(callingCode: 44, region: nil, start: 20, digits: 9, possible: [10]), "impossible-start",
            "its national number starts with 20 and has 9 digits, and +44 numbers starting so have 10"
        ),
        (
            .unsupportedParameter("isub"), "unsupported-parameter",
            "it has the parameter 'isub'; only ';ext=' (an extension) is understood"
        ),
        (.unexpectedCharacter("✆"), "unexpected-character", "it contains '✆', which is not part of a phone number"),
        (.northAmericanAreaCode, "north-american-area-code", "a North American area code cannot start with 0 or 1"),
        (
            .nationalWithoutRegion, "national-without-region",
            "it is in national form, and no country is known to read it in"
        ),
    ]

    @Test(arguments: messages)
    func problemsHaveCodesAndMessages(_ problem: PhoneProblem, code: String, message: String) {
        #expect(problem.code == code)
        #expect(problem.description == message)
    }
}
