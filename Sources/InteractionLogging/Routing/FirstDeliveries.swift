/// Where each webhook (an event for an id) was first routed, for marking re-deliveries.
///
/// Aircall delivers at least once and in any order, with no bound on how late a repeat can
/// come, so every webhook of a run is remembered: this table is what `switchboard route`
/// keeps per event, and it is built to be small. An entry is a run of bytes in one buffer:
/// the event as a small number, the id and where it was, as variable-length integers,
/// padded to a multiple of 4 bytes (12 bytes for a call id of ten digits on line 500,000). An
/// id written in decimal without leading zeros (every call id, some message ids) is kept as
/// its value; any other id as its UTF-8 bytes. An open-addressing index of 4-byte slots holds
/// each entry's start (divided by 4), at most half full. Keys are compared exactly, byte for byte: a hash only chooses the
/// slot, so no event is ever taken for another. Growing the index walks the buffer and hashes
/// the stored bytes again, which avoids keeping a hash or a start per entry.
struct FirstDeliveries {
    /// Where a body was: the source (an index into the batch router's sources) and the line
    /// number, or the item index of an array.
    struct Place: Equatable {
        var source: Int32
        var line: Bool
        var number: Int
    }

    /// Each entry: the event's number; the id, as 1 then its value for a decimal id, or twice
    /// its length then its UTF-8 bytes; the source with the line-or-item bit; the line or
    /// item number (zigzag-encoded); then zeros to a multiple of 4 bytes. All but the id's
    /// bytes are LEB128 variable-length integers.
    private var bytes: [UInt8] = []
    /// An entry's start divided by 4, plus 1; 0 for an empty slot. Probed linearly.
    private var slots = [UInt32](repeating: 0, count: 1 << 10)
    /// The number of webhooks remembered.
    private(set) var count = 0
    /// The distinct event names met, numbered in order (a run meets a handful).
    private var eventNames: [String] = []
    private var eventNumbers: [String: Int] = [:]

    /// The hash ``firstPlace(event:id:hash:place:)`` takes for a webhook; the table hashes
    /// the same bytes when it grows.
    static func hash(event: String, id: String) -> Int {
        var event = event
        var id = id
        return event.withUTF8 { event in id.withUTF8 { id in hash(event: event, id: id) } }
    }

    private static func hash(event: UnsafeBufferPointer<UInt8>, id: UnsafeBufferPointer<UInt8>) -> Int {
        var hasher = Hasher()
        hasher.combine(bytes: UnsafeRawBufferPointer(event))
        // 0xFF is never in UTF-8: "ab" + "c" and "a" + "bc" hash apart.
        hasher.combine(UInt8(0xFF))
        hasher.combine(bytes: UnsafeRawBufferPointer(id))
        return hasher.finalize()
    }

    /// Where the webhook was first routed; for a first delivery, nil, and `place` is remembered.
    /// - Parameter hash: ``hash(event:id:)`` of `event` and `id`.
    mutating func firstPlace(event: String, id: String, hash: Int, place: Place) -> Place? {
        // An event name not met before cannot match: its slot is found without comparing.
        let known = eventNumbers[event]
        var id = id
        let found: Place?? = id.withUTF8 { id in
            let value = Self.decimalValue(id)
            let mask = slots.count - 1
            var slot = hash & mask
            while slots[slot] != 0 {
                if let known, let first = storedPlace(at: Int(slots[slot] - 1) * 4, ifEvent: known, id: id, value: value) {
                    return .some(first)
                }
                slot = (slot + 1) & mask
            }
            precondition(bytes.count / 4 < Int(UInt32.max), "too many webhooks to remember")
            slots[slot] = UInt32(bytes.count / 4 + 1)
            append(event: known ?? number(ofNew: event), id: id, value: value, place: place)
            return .some(nil)
        }
        if count * 2 > slots.count { grow() }
        return found ?? nil
    }

    private mutating func number(ofNew event: String) -> Int {
        eventNames.append(event)
        eventNumbers[event] = eventNames.count - 1
        return eventNames.count - 1
    }

    private mutating func append(event: Int, id: UnsafeBufferPointer<UInt8>, value: UInt64?, place: Place) {
        Self.appendVarint(UInt64(event), to: &bytes)
        if let value {
            Self.appendVarint(1, to: &bytes)
            Self.appendVarint(value, to: &bytes)
        } else {
            Self.appendVarint(UInt64(id.count) << 1, to: &bytes)
            bytes.append(contentsOf: id)
        }
        // The low bit says line or item.
        Self.appendVarint(UInt64(UInt32(bitPattern: place.source)) << 1 | (place.line ? 1 : 0), to: &bytes)
        // Zigzag, so that a negative number stays short.
        Self.appendVarint(UInt64(bitPattern: Int64(place.number) << 1 ^ Int64(place.number) >> 63), to: &bytes)
        while bytes.count % 4 != 0 { bytes.append(0) }
        count += 1
    }

    /// The place of the entry at `start` when it is for event number `event` and `id`
    /// (whose ``decimalValue(_:)`` is `value`); otherwise nil.
    private func storedPlace(
        at start: Int, ifEvent event: Int, id: UnsafeBufferPointer<UInt8>, value: UInt64?
    ) -> Place? {
        var at = start
        guard Self.varint(in: bytes, at: &at) == UInt64(event) else { return nil }
        let form = Self.varint(in: bytes, at: &at)
        if let value {
            guard form == 1, Self.varint(in: bytes, at: &at) == value else { return nil }
        } else {
            guard form == UInt64(id.count) << 1 else { return nil }
            let idStart = at
            let same = bytes.withUnsafeBufferPointer { stored in
                UnsafeBufferPointer(rebasing: stored[idStart..<idStart + id.count]).elementsEqual(id)
            }
            guard same else { return nil }
            at += id.count
        }
        let source = Self.varint(in: bytes, at: &at)
        let zigzag = Self.varint(in: bytes, at: &at)
        return Place(
            source: Int32(bitPattern: UInt32(truncatingIfNeeded: source >> 1)), line: source & 1 == 1,
            number: Int(Int64(bitPattern: zigzag >> 1) ^ -Int64(bitPattern: zigzag & 1)))
    }

    /// Doubles the index, walking the entries in order and hashing each again.
    private mutating func grow() {
        var bigger = [UInt32](repeating: 0, count: slots.count * 2)
        let mask = bigger.count - 1
        // A decimal id's text, written again to be hashed as the router's threads hashed it.
        var digits = [UInt8](repeating: 0, count: 20)
        bytes.withUnsafeBufferPointer { stored in
            var at = 0
            while at < stored.count {
                let start = at
                var name = eventNames[Int(Self.varint(in: bytes, at: &at))]
                let form = Self.varint(in: bytes, at: &at)
                let hash: Int
                if form == 1 {
                    var value = Self.varint(in: bytes, at: &at)
                    var first = digits.count
                    repeat {
                        first -= 1
                        digits[first] = UInt8(truncatingIfNeeded: 0x30 + value % 10)
                        value /= 10
                    } while value > 0
                    hash = name.withUTF8 { name in
                        digits.withUnsafeBufferPointer { Self.hash(event: name, id: UnsafeBufferPointer(rebasing: $0[first...])) }
                    }
                } else {
                    let length = Int(form >> 1)
                    hash = name.withUTF8 { name in
                        Self.hash(event: name, id: UnsafeBufferPointer(rebasing: stored[at..<at + length]))
                    }
                    at += length
                }
                _ = Self.varint(in: bytes, at: &at)
                _ = Self.varint(in: bytes, at: &at)
                at = (at + 3) & ~3
                var slot = hash & mask
                while bigger[slot] != 0 { slot = (slot + 1) & mask }
                bigger[slot] = UInt32(start / 4 + 1)
            }
        }
        slots = bigger
    }

    /// The value of an id written in decimal digits with no leading zero (or "0"), below
    /// 10^19; nil for any other id, which is kept as its bytes. Each id has one form, so
    /// comparing forms compares ids exactly.
    private static func decimalValue(_ id: UnsafeBufferPointer<UInt8>) -> UInt64? {
        guard (1...19).contains(id.count), id[0] != 0x30 || id.count == 1 else { return nil }
        var value: UInt64 = 0
        for byte in id {
            guard (0x30...0x39).contains(byte) else { return nil }
            value = value * 10 + UInt64(byte - 0x30)
        }
        return value
    }

    private static func appendVarint(_ value: UInt64, to bytes: inout [UInt8]) {
        var value = value
        while value >= 0x80 {
            bytes.append(UInt8(truncatingIfNeeded: value) | 0x80)
            value >>= 7
        }
        bytes.append(UInt8(value))
    }

    private static func varint(in bytes: [UInt8], at index: inout Int) -> UInt64 {
        var value: UInt64 = 0
        var shift: UInt64 = 0
        while true {
            let byte = bytes[index]
            index += 1
            value |= UInt64(byte & 0x7F) << shift
            if byte < 0x80 { return value }
            shift += 7
        }
    }
}
