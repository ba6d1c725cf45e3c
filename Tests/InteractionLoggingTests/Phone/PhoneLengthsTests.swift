import Testing
@testable import InteractionLogging

/// The hand-written region table against the lengths generated from libphonenumber's metadata.
@Suite struct PhoneLengthsTests {
    @Test(arguments: CallingCodes.regions)
    func regionAgreesWithMetadata(_ region: String) throws {
        let entry = try #require(CallingCodes.entry(forRegion: region))
        let slot = try #require(CallingCodes.slot(region.utf8))
        let generated = try #require(PhoneLengths.region(slot: slot), "\(region) is not in libphonenumber's metadata")
        #expect(entry.code == generated.code, "\(region)")
        #expect((entry.trunk == .zero) == generated.mask.trunkZero || entry.isNorthAmerican, "\(region)")
        #expect(!entry.lengths.lengths.isEmpty)
    }

    /// Calling code, and the lengths of its national numbers.
    static let codes: [(UInt64, [Int]?)] = [
        (44, [7, 9, 10]), (33, [9]), (54, [10, 11]), (49, Array(4...15)), (1, [7, 10]),
        (800, [8]), (999, nil), (0, nil), (1000, nil), (42, nil),
    ]

    @Test(arguments: codes)
    func callingCodeLengths(_ code: UInt64, lengths: [Int]?) {
        #expect(PhoneLengths.callingCode(code)?.lengths == lengths)
    }

    @Test func argentineMobileAreaCodes() {
        for area: UInt64 in [11, 351, 2934] { #expect(PhoneLengths.isArgentineMobileArea(area), "\(area)") }
        for area: UInt64 in [10, 99, 1234, 15, 10_000, 123_456] { #expect(!PhoneLengths.isArgentineMobileArea(area), "\(area)") }
    }
}
