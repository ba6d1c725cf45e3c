import Testing
import InteractionLogging

@Suite struct PhoneBatchTests {
    /// An input line and what the batch tool answers.
    static let lines: [(String, PhoneBatch.Answer)] = [
        ("CA\t604-555-0100", .answer("+16045550100")),
        ("\t+44 20 7946 0000", .answer("+442079460000")),
        ("AR\t011 15-2332-5418", .answer("+5491123325418")),
        ("CA\tanonymous", .answer("none")),
        (
            "GB\t118118",
            .answer(
                "error\timpossible-length\tits national number has 6 digits (trunk prefix excluded), "
                    + "and +44 (GB) numbers have 7, 9 or 10")
        ),
        ("\t604-555-0100", .answer("error\tnational-without-region\tit is in national form, and no country is known to read it in")),
        ("CA\t604\t555", .answer("error\tnorth-american-digit-count\tit has 6 digits; a North American number has 10, or 11 starting with 1")),
        ("604-555-0100", .malformed("expected a region (or nothing), a tab, then the number; found no tab")),
    ]

    @Test(arguments: lines)
    func answers(_ line: String, expected: PhoneBatch.Answer) {
        #expect(PhoneBatch.answer(line) == expected)
    }
}
