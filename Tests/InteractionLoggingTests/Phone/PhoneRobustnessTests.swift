import Testing
@testable import InteractionLogging

/// Any text gives a number, no number or a reason: never a trap, and never a number E.164
/// does not allow.
@Suite struct PhoneRobustnessTests {
    /// Pieces that numbers are made of, and pieces that break them.
    static let pieces = [
        "0", "1", "4", "7", "9", "00", "011", "+", " ", "-", ".", "(", ")", "(0)", "/", "#", ";", ",", "x", "ext.",
        ";ext=", "tel:", "(cell)", "٦", "６", "＋", "\u{00A0}", "\u{2013}", "é", "✆", "\t", "\u{FFFD}", "a",
    ]

    @Test(arguments: 0..<4)
    func randomTextNeverTraps(_ seed: UInt64) {
        var generator = SplitMix(seed: seed)
        for _ in 0..<5_000 {
            let count = Int(generator.next() % 24)
            let text = (0..<count).map { _ in Self.pieces[Int(generator.next() % UInt64(Self.pieces.count))] }.joined()
            for region in ["CA", "GB", "AR", "DE", nil] {
                if case .number(let number) = PhoneNumber.normalize(text, region: region) {
                    #expect(E164(digits: number.digits) != nil, "'\(text)' gave \(number)")
                }
            }
        }
    }

    /// Long and broken inputs: refused with a reason, in time linear in their length.
    static let hostile: [(String, PhoneProblem)] = [
        (String(repeating: "9", count: 1_000_000), .northAmericanDigitCount(1_000_000, international: false)),
        ("+" + String(repeating: "4", count: 100_000), .digitCount(100_000)),
        ("0" + String(repeating: "7", count: 50), .impossibleLength(callingCode: 44, region: "GB", digits: 50, possible: [7, 9, 10])),
        (String(repeating: "(", count: 100_000) + "604", .northAmericanDigitCount(3, international: false)),
        ("604 (" + String(repeating: "a", count: 100_000), .letters),
    ]

    @Test(arguments: hostile)
    func hostileInputIsRefused(_ text: String, expected: PhoneProblem) {
        let region = text.hasPrefix("0") ? "GB" : "CA"
        #expect(PhoneNumber.normalize(text, region: region) == .invalid(expected))
    }

    @Test func invalidUTF8IsRefused() {
        let bytes: [UInt8] = [0x36, 0x30, 0x34, 0xFF, 0x35]
        let parse = bytes.withUnsafeBufferPointer { PhoneNumber.normalize(utf8: $0, region: "CA") }
        #expect(parse == .invalid(.unexpectedCharacter("\u{FFFD}")))
    }
}

/// A small seeded generator, so that a failure can be reproduced.
private struct SplitMix {
    var state: UInt64
    init(seed: UInt64) { state = seed }
    mutating func next() -> UInt64 {
        state &+= 0x9E37_79B9_7F4A_7C15
        var z = state
        z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE5_E5B9
        z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
        return z ^ (z >> 31)
    }
}
