import Diagnostics

/// Events copied out of libyaml with their texts, to be read after the parser that made them
/// is gone, or on another thread: the events of a ``YAMLSplit``'s middle part.
struct YAMLEventLog {
    /// An event, its text as a place in ``texts``: 20 bytes.
    private struct Stored {
        var kind: YAMLEvent.Kind
        var styled: Bool
        /// Whether the event has an anchor or a tag, in ``names``.
        var named: Bool
        var line: Int32
        var column: Int32
        var text: UInt32
        var textCount: UInt32
    }

    /// The anchor and the tag of an event that has either (rare: both are errors in a rules
    /// file), as places in ``texts`` and lengths, -1 for none.
    private struct Names {
        var event: Int
        var anchor: (start: UInt32, count: Int32)
        var tag: (start: UInt32, count: Int32)
    }

    private var events: [Stored] = []
    private var texts: [UInt8] = []
    private var names: [Names] = []

    /// Room for about `bytes` bytes of YAML's events and texts.
    init(reservingFor bytes: Int) {
        // The generated 10,000-rule table has an event every 5.1 bytes, and 0.6 bytes of text
        // a byte.
        events.reserveCapacity(bytes / 4 + 16)
        texts.reserveCapacity(bytes + 16)
    }

    var count: Int { events.count }

    /// Copies an event and its texts.
    mutating func append(_ event: YAMLEvent) {
        let named = event.anchor != nil || event.tag != nil
        events.append(
            Stored(
                kind: event.kind, styled: event.styled, named: named, line: Int32(truncatingIfNeeded: event.line),
                column: Int32(truncatingIfNeeded: event.column), text: keep(event.text),
                textCount: UInt32(truncatingIfNeeded: event.text.count)))
        if named {
            names.append(Names(event: events.count - 1, anchor: keep(event.anchor), tag: keep(event.tag)))
        }
    }

    /// Calls `body` with each event, in order, `lines` lines further down and
    /// its texts pointing into the log, while it returns true; returns false when `body` did.
    func forEach(movedDown lines: Int, _ body: (YAMLEvent) -> Bool) -> Bool {
        texts.withUnsafeBufferPointer { texts in
            events.withUnsafeBufferPointer { events in
                for index in events.indices {
                    guard body(event(at: index, in: events, texts: texts, movedDown: lines)) else { return false }
                }
                return true
            }
        }
    }

    /// Whether `event` is the event at `index`, moved down `lines` lines: the same kind, style,
    /// texts and start, bar the start of an event that ends a collection, which depends on
    /// what follows the collection.
    func matches(_ event: YAMLEvent, at index: Int, movedDown lines: Int) -> Bool {
        guard index < events.count else { return false }
        return texts.withUnsafeBufferPointer { texts in
            events.withUnsafeBufferPointer { events in
                let logged = self.event(at: index, in: events, texts: texts, movedDown: lines)
                let ends = event.kind == .sequenceEnd || event.kind == .mappingEnd
                return logged.kind == event.kind && logged.styled == event.styled
                    && (ends || logged.line == event.line && logged.column == event.column)
                    && logged.text.elementsEqual(event.text) && Self.same(logged.anchor, event.anchor)
                    && Self.same(logged.tag, event.tag)
            }
        }
    }

    private static func same(_ a: UnsafeBufferPointer<UInt8>?, _ b: UnsafeBufferPointer<UInt8>?) -> Bool {
        guard let a, let b else { return a == nil && b == nil }
        return a.elementsEqual(b)
    }

    private func event(
        at index: Int, in events: UnsafeBufferPointer<Stored>, texts: UnsafeBufferPointer<UInt8>, movedDown lines: Int
    ) -> YAMLEvent {
        let stored = events[index]
        var event = YAMLEvent(
            kind: stored.kind, styled: stored.styled, line: Int(stored.line) + lines, column: Int(stored.column),
            text: UnsafeBufferPointer(rebasing: texts[Int(stored.text)..<Int(stored.text) + Int(stored.textCount)]))
        if stored.named, let names = self.names(of: index) {
            func text(_ place: (start: UInt32, count: Int32)) -> UnsafeBufferPointer<UInt8>? {
                place.count < 0 ? nil : UnsafeBufferPointer(rebasing: texts[Int(place.start)..<Int(place.start) + Int(place.count)])
            }
            (event.anchor, event.tag) = (text(names.anchor), text(names.tag))
        }
        return event
    }

    /// The names of the event at `index`: ``names`` is in the order of the events.
    private func names(of index: Int) -> Names? {
        var (low, high) = (0, names.count)
        while low < high {
            let middle = (low + high) / 2
            if names[middle].event < index { low = middle + 1 } else { high = middle }
        }
        return low < names.count && names[low].event == index ? names[low] : nil
    }

    /// Copies `text` after the texts so far; returns where it starts.
    private mutating func keep(_ text: UnsafeBufferPointer<UInt8>) -> UInt32 {
        let start = texts.count
        texts.appendText(text)
        return UInt32(truncatingIfNeeded: start)
    }

    /// Copies an anchor's or a tag's text; its place and length, -1 for none.
    private mutating func keep(_ text: UnsafeBufferPointer<UInt8>?) -> (start: UInt32, count: Int32) {
        guard let text else { return (0, -1) }
        return (keep(text), Int32(truncatingIfNeeded: text.count))
    }
}
