/// Where each webhook (an event for an id) was first routed, for marking re-deliveries.
///
/// A run can route millions of events, and this table remembers each one, so it is built for
/// that: an append-only list of entries and an open-addressing index into it, keyed by a hash
/// the caller computes once per event (on the router's threads, see ``BatchRouter``). Growing
/// the index moves integers; no string is hashed again, as a `Dictionary` would rehash every
/// key each time it grows.
struct FirstDeliveries {
    /// Where a body was: the source (an index into the batch router's sources) and the line
    /// number, or the item index of an array (-1 for a document holding one event).
    struct Place {
        var source: Int32
        var line: Bool
        var number: Int
    }

    private struct Entry {
        var hash: Int
        var event: String
        var id: String
        var place: Place
    }

    private var entries: [Entry] = []
    /// Indices into `entries`, -1 for an empty slot; at most half full, probed linearly.
    private var slots = [Int32](repeating: -1, count: 1 << 10)

    /// The number of webhooks remembered.
    var count: Int { entries.count }

    /// The hash ``firstPlace(event:id:hash:place:)`` takes for a webhook.
    static func hash(event: String, id: String) -> Int {
        var hasher = Hasher()
        hasher.combine(event)
        hasher.combine(id)
        return hasher.finalize()
    }

    /// Where the webhook was first routed; for a first delivery, nil, and `place` is remembered.
    /// - Parameter hash: ``hash(event:id:)`` of `event` and `id`.
    mutating func firstPlace(event: String, id: String, hash: Int, place: Place) -> Place? {
        let mask = slots.count - 1
        var slot = hash & mask
        while slots[slot] >= 0 {
            let k = Int(slots[slot])
            if entries[k].hash == hash && entries[k].event == event && entries[k].id == id { return entries[k].place }
            slot = (slot + 1) & mask
        }
        precondition(entries.count < Int(Int32.max), "too many webhooks to remember")
        slots[slot] = Int32(entries.count)
        entries.append(Entry(hash: hash, event: event, id: id, place: place))
        if entries.count * 2 > slots.count { grow() }
        return nil
    }

    private mutating func grow() {
        var bigger = [Int32](repeating: -1, count: slots.count * 2)
        let mask = bigger.count - 1
        for k in entries.indices {
            var slot = entries[k].hash & mask
            while bigger[slot] >= 0 { slot = (slot + 1) & mask }
            bigger[slot] = Int32(k)
        }
        slots = bigger
    }
}
