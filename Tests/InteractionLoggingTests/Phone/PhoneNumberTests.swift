import Testing
@testable import InteractionLogging

@Suite struct PhoneNumberTests {
    /// Text, region, and the E.164 number it is.
    static let numbers: [(String, String?, String)] = [
        // International form, as Aircall sends it: the region does not matter.
        ("+1 604-555-0100", nil, "+16045550100"),
        ("+1 800-123-4567", "FR", "+18001234567"),
        ("+1 (604) 555-0101", "GB", "+16045550101"),
        ("+44 7474 626067", nil, "+447474626067"),
        ("+33 1 76 11 11 11", nil, "+33176111111"),
        ("+44 (0)20 7946 0000", nil, "+442079460000"),
        ("+16045550100", "ZZ", "+16045550100"),
        ("0044 7700 900123", nil, "+447700900123"),
        ("00 33 1 76 11 11 11", "CA", "+33176111111"),
        ("011 44 7700 900123", "US", "+447700900123"),
        // North America: 10 digits, or 11 starting with 1, in any punctuation.
        ("604-555-0100", "CA", "+16045550100"),
        ("(604) 555-0100", "CA", "+16045550100"),
        ("604.555.0100", "US", "+16045550100"),
        ("604 555 0100", "CA", "+16045550100"),
        ("604/555-0100", "CA", "+16045550100"),
        ("6045550100", "US", "+16045550100"),
        ("1-604-555-0100", "CA", "+16045550100"),
        ("1 (604) 555-0100", "US", "+16045550100"),
        ("876-555-0100", "JM", "+18765550100"),
        // Elsewhere: one trunk 0 dropped where the country dials one, and the calling code added.
        ("07700 900123", "GB", "+447700900123"),
        ("07700-900-123", "gb", "+447700900123"),
        ("020 7946 0000", "GB", "+442079460000"),
        ("01 76 11 11 11", "FR", "+33176111111"),
        ("01.76.11.11.11", "FR", "+33176111111"),
        ("030 12345678", "DE", "+493012345678"),
        ("0612345678", "NL", "+31612345678"),
        ("0412 345 678", "AU", "+61412345678"),
        ("021 123 4567", "ZA", "+27211234567"),
        ("03-1234-5678", "JP", "+81312345678"),
        ("(11) 91234-5678", "BR", "+5511912345678"),
        ("91 123 45 67", "ES", "+34911234567"),
        ("9123 4567", "SG", "+6591234567"),
        ("2345 6789", "HK", "+85223456789"),
        ("55 1234 5678", "MX", "+525512345678"),
        // Italy keeps its leading 0.
        ("06 1234 5678", "IT", "+390612345678"),
        // Extensions are ignored.
        ("+1 604-555-0100 x123", nil, "+16045550100"),
        ("604-555-0100 ext. 123", "CA", "+16045550100"),
        ("604-555-0100 Ext 45", "CA", "+16045550100"),
        ("604-555-0100 extension: 7", "CA", "+16045550100"),
        ("604-555-0100x7", "CA", "+16045550100"),
        ("604-555-0100 #12", "CA", "+16045550100"),
        // Spaces and dashes copied from web pages and word processors.
        ("+44\u{00A0}7700\u{00A0}900123", nil, "+447700900123"),
        ("604\u{2013}555\u{2013}0100", "CA", "+16045550100"),
        ("  +1 604 555 0100  ", nil, "+16045550100"),
    ]

    @Test(arguments: numbers)
    func normalizes(_ text: String, region: String?, expected: String) throws {
        let parse = PhoneNumber.normalize(text, region: region)
        guard case .number(let number) = parse else {
            Issue.record("'\(text)' in \(region ?? "no region"): expected \(expected), got \(parse)")
            return
        }
        #expect(number.description == expected)
    }

    @Test(arguments: ["anonymous", "Anonymous", "ANONYMOUS", "", "   ", "n/a", "-", "+", "()", "unknown"])
    func textWithoutDigitsIsNoNumber(_ text: String) {
        #expect(PhoneNumber.normalize(text, region: "CA") == .none)
        #expect(PhoneNumber.normalize(text, region: nil) == .none)
    }

    /// Text, region, and words the reason must contain.
    static let invalid: [(String, String?, String)] = [
        ("1-800-FLOWERS", "US", "letters"),
        ("604-555-01OO", "CA", "letters"),
        ("x123", "CA", "letters"),
        ("604-555-0100 x", "CA", "letters"),
        ("604-555-0100 ext", "CA", "letters"),
        ("604*555*0100", "CA", "'*'"),
        ("604-555-0100 #", "CA", "'#'"),
        ("#12", "CA", "'#'"),
        ("604+555", "CA", "'+' can only start"),
        ("+1 604", nil, "has 4 digits; a +1 (North American) number has 11"),
        ("+1 604 555 0100 1234 5678", nil, "has 19 digits"),
        ("+1234567890123456789012", nil, "has 22 digits"),
        ("00 1 604", nil, "has 4 digits"),
        ("+1 604 555 01", nil, "has 9 digits; a +1 (North American) number has 11"),
        ("+1 604 555 01000", nil, "has 12 digits; a +1"),
        ("011 1 604 555 010", "US", "has 10 digits; a +1"),
        ("011 0 604 555 0100", "US", "country code cannot start with 0"),
        ("011 44 77", "US", "its national number has 2 digits (trunk prefix excluded), and +44 numbers have 7, 9 or 10"),
        ("+0 604 555 0100", nil, "country code cannot start with 0"),
        ("000 604 555 0100", nil, "country code cannot start with 0"),
        ("555-0100", "CA", "has 7 digits; a North American number has 10"),
        ("604-555-01000", "US", "has 11 digits"),
        ("123-555-0100", "US", "area code cannot start with 0 or 1"),
        ("1-023-555-0100", "US", "area code cannot start with 0 or 1"),
        ("0 12", "FR", "its national number has 2 digits (trunk prefix excluded), and +33 (FR) numbers have 9"),
        ("0123 4567 8901 2345", "GB", "its national number has 15 digits"),
        ("07700 900123", nil, "national form, and no country is known"),
        ("07700 900123", "ZZ", "'ZZ' is not a known country code"),
        ("07700 900123", "GBR", "'GBR' is not a known country code"),
        ("07700 900123", "", "'' is not a known country code"),
    ]

    @Test(arguments: invalid)
    func refuses(_ text: String, region: String?, reason: String) {
        let parse = PhoneNumber.normalize(text, region: region)
        guard case .invalid(let message) = parse else {
            Issue.record("'\(text)' in \(region ?? "no region"): expected invalid, got \(parse)")
            return
        }
        #expect(message.description.contains(reason), "\(message)")
    }

    @Test func readsSubstringsInPlace() {
        let line = "Tel: +1 604-555-0100; fax"
        let number = line.dropFirst(5).prefix(15)
        #expect(PhoneNumber.normalize(number, region: nil) == .number(E164(digits: 16045550100)!))
    }

    @Test func e164HoldsSixToFifteenDigits() {
        #expect(E164(digits: 12345) == nil)
        #expect(E164(digits: 431234)?.description == "+431234")
        #expect(E164(digits: 123456789012345)?.description == "+123456789012345")
        #expect(E164(digits: 1234567890123456) == nil)
    }

    @Test func everyRegionHasACallingCode() throws {
        for region in [
            "US", "CA", "GB", "FR", "DE", "ES", "IT", "NL", "BE", "CH", "AT", "IE", "PT", "SE", "NO",
            "DK", "FI", "PL", "AU", "NZ", "JP", "IN", "MX", "BR", "ZA", "SG", "HK",
        ] {
            let entry = try #require(CallingCodes.entry(forRegion: region), "\(region)")
            #expect(entry.codeDigits == String(entry.code).count)
        }
        #expect(CallingCodes.entry(forRegion: "UK") == nil)
    }
}
