import Testing

@testable import InteractionLogging

/// The table of first deliveries keeps a few bytes per webhook, and still finds every repeat
/// at its first place, with keys compared exactly.
@Suite struct FirstDeliveriesTests {
    typealias Place = FirstDeliveries.Place

    static func first(_ table: inout FirstDeliveries, _ event: String, _ id: String, _ place: Place) -> Place? {
        table.firstPlace(event: event, id: id, hash: FirstDeliveries.hash(event: event, id: id), place: place)
    }

    @Test("A hundred thousand webhooks, repeated after the table has grown, name their first places")
    func repeatsAfterGrowing() {
        var table = FirstDeliveries()
        let events = ["call.ended", "message.received", "call.created"]
        func place(_ i: Int) -> Place {
            // Lines, items (-1 for a document of one event) and numbers past 32 bits.
            Place(source: Int32(i % 5), line: i % 2 == 0, number: i % 7 == 0 ? -1 : i * 1_000_003)
        }
        // Decimal ids are kept as values, others as bytes: both are hashed again as the table grows.
        func id(_ i: Int) -> String { i % 4 == 1 ? "m\(i)" : "\(i)" }
        for i in 0..<100_000 {
            #expect(Self.first(&table, events[i % 3], id(i), place(i)) == nil)
        }
        #expect(table.count == 100_000)
        var wrong = 0
        for i in stride(from: 99_999, through: 0, by: -1) where Self.first(&table, events[i % 3], id(i), place(0)) != place(i) {
            wrong += 1
        }
        #expect(wrong == 0)
        #expect(table.count == 100_000)
        // The same id under another event is another webhook.
        #expect(Self.first(&table, events[1], "0", place(3)) == nil)
        #expect(table.count == 100_001)
    }

    /// Ids are opaque: two Unicode spellings of one text are two ids, as the store's
    /// `UNIQUE (kind, id)` sees them.
    @Test("Keys are compared byte for byte: where the event ends and the id begins, case, length, spelling")
    func keysAreExact() {
        var table = FirstDeliveries()
        let keys = [
            ("call.ended", "812"), ("call.ende", "d812"), ("call.ended", "8120"), ("call.ended", "81"),
            ("call.ended", ""), ("", "call.ended"), ("Call.ended", "812"), ("message.sent", "é812"),
            ("message.sent", "e\u{301}812"), ("message.sent", String(repeating: "9", count: 300)),
            // Decimal and not: leading zeros, zero, around 2^64, signs.
            ("call.ended", "0812"), ("call.ended", "0"), ("call.ended", "00"), ("call.ended", "-812"),
            ("call.ended", "9999999999999999999"), ("call.ended", "18446744073709551615"),
            ("call.ended", "18446744073709551616"), ("call.ended", "1844674407370955161"),
        ]
        for (n, key) in keys.enumerated() {
            #expect(Self.first(&table, key.0, key.1, Place(source: 0, line: true, number: n + 1)) == nil, "\(key)")
        }
        for (n, key) in keys.enumerated() {
            #expect(Self.first(&table, key.0, key.1, Place(source: 1, line: false, number: 0)) == Place(source: 0, line: true, number: n + 1))
        }
        #expect(table.count == keys.count)
    }
}
