import JSONLines

extension JSONFactsEvaluator {
    /// Reads a line of the common form into the evaluator's fact slots; false for anything
    /// else, which the general path then reads.
    func read(_ line: UnsafeBufferPointer<UInt8>) -> Bool {
        guard let start = line.baseAddress else { return false }
        linesRead.pointee &+= 1
        let lineNumber = linesRead.pointee
        var cursor = LineCursor(start, end: start + line.count)
        cursor.skipSpace()
        guard cursor.take(UInt8(ascii: "{")) else { return false }
        cursor.skipSpace()
        var given = 0
        while true {
            let slot: Int
            // Most keys are the fact expected at their position, read by comparing the bytes.
            if given < factCount, case let expected = expectedOrder[given], facts[expected].plainName,
                cursor.take(quoted: text + facts[expected].name.lowerBound, count: facts[expected].name.count)
            {
                slot = expected
            } else {
                guard let key = cursor.plainString(), let found = self.slot(named: key, atPosition: given) else { return false }
                slot = found
            }
            guard givenOnLine[slot] != lineNumber else { return false }
            cursor.skipSpace()
            guard cursor.take(UInt8(ascii: ":")) else { return false }
            cursor.skipSpace()
            guard let encoded = value(&cursor, facts[slot]) else { return false }
            evaluator.setFact(encoded, at: slot)
            givenOnLine[slot] = lineNumber
            given += 1
            cursor.skipSpace()
            if cursor.take(UInt8(ascii: ",")) {
                cursor.skipSpace()
                continue
            }
            guard cursor.take(UInt8(ascii: "}")) else { return false }
            cursor.skipSpace()
            return cursor.atEnd && given == factCount
        }
    }

    /// The slot of the fact named `key`, the key at `position` of its line; nil for a name
    /// that is no fact's. The fact at that position on the last line is tried first.
    @inline(__always)
    private func slot(named key: UnsafeBufferPointer<UInt8>, atPosition position: Int) -> Int? {
        guard position < factCount else { return nil }
        let expected = expectedOrder[position]
        if matches(key, facts[expected].name) { return expected }
        guard let candidates = factIndex[JSONParser.fingerprint(key)],
            let slot = candidates.first(where: { matches(key, facts[$0].name) })
        else { return nil }
        expectedOrder[position] = slot
        return slot
    }

    /// Whether `bytes` are those of `range` in ``text``.
    @inline(__always)
    private func matches(_ bytes: UnsafeBufferPointer<UInt8>, _ range: Range<Int>) -> Bool {
        guard bytes.count == range.count else { return false }
        guard let base = bytes.baseAddress else { return true }
        return LineCursor.equal(base, text + range.lowerBound, count: range.count)
    }

    /// Reads one value at the cursor in `fact`'s domain, encoded; nil when it is not of the
    /// common form (or out of the domain, which the general path reports).
    @inline(__always)
    private func value(_ cursor: inout LineCursor, _ fact: FactKey) -> Int? {
        switch fact.kind {
        case .integer:
            guard let number = cursor.integer() else { return nil }
            return fact.low <= number && number <= fact.high ? number : nil
        case .boolean:
            if cursor.take("true") { return 1 }
            if cursor.take("false") { return 0 }
            return nil
        case .enumeration:
            // Only a plain value can match a plain string; any other string goes the general way.
            for v in fact.values where plainValues[v] {
                let value = valueRanges[v]
                if cursor.take(quoted: text + value.lowerBound, count: value.count) { return v - fact.values.lowerBound }
            }
            return nil
        }
    }
}

/// A position in a line of facts, read forwards.
struct LineCursor {
    private var p: UnsafePointer<UInt8>
    private let end: UnsafePointer<UInt8>

    init(_ start: UnsafePointer<UInt8>, end: UnsafePointer<UInt8>) {
        p = start
        self.end = end
    }

    /// Whether the line has been read to its end.
    var atEnd: Bool { p == end }

    /// Moves past JSON white space.
    @inline(__always)
    mutating func skipSpace() {
        while p < end, p.pointee == 0x20 || p.pointee == 0x09 || p.pointee == 0x0D || p.pointee == 0x0A { p += 1 }
    }

    /// Moves past `byte` if it comes next.
    @inline(__always)
    mutating func take(_ byte: UInt8) -> Bool {
        guard p < end, p.pointee == byte else { return false }
        p += 1
        return true
    }

    /// Moves past `word` (`true`, `false`) if it comes next.
    @inline(__always)
    mutating func take(_ word: StaticString) -> Bool {
        let count = word.utf8CodeUnitCount
        guard end - p >= count else { return false }
        for k in 0..<count where p[k] != word.utf8Start[k] { return false }
        p += count
        return true
    }

    /// Moves past `"<text>"` if it comes next; `text` must be plain (see ``isPlain(_:)``), so
    /// that the string read is `text` itself.
    @inline(__always)
    mutating func take(quoted text: UnsafePointer<UInt8>, count: Int) -> Bool {
        guard end - p >= count + 2, p[0] == UInt8(ascii: "\""), p[count + 1] == UInt8(ascii: "\""),
            Self.equal(p + 1, text, count: count)
        else { return false }
        p += count + 2
        return true
    }

    /// Whether a byte stands for itself inside a JSON string, as the fast path reads strings:
    /// printable ASCII other than `"` and `\`.
    @inline(__always)
    static func isPlain(_ byte: UInt8) -> Bool {
        byte >= 0x20 && byte < 0x7F && byte != UInt8(ascii: "\"") && byte != UInt8(ascii: "\\")
    }

    /// Whether the `count` bytes at `a` and at `b` are the same: eight at a time, as names
    /// and values are short.
    @inline(__always)
    static func equal(_ a: UnsafePointer<UInt8>, _ b: UnsafePointer<UInt8>, count: Int) -> Bool {
        var k = 0
        while k + 8 <= count {
            if UnsafeRawPointer(a + k).loadUnaligned(as: UInt64.self) != UnsafeRawPointer(b + k).loadUnaligned(as: UInt64.self) {
                return false
            }
            k += 8
        }
        while k < count {
            if a[k] != b[k] { return false }
            k += 1
        }
        return true
    }

    /// Reads a plain string (printable ASCII, no escape: its bytes are its text) and moves
    /// past it; nil for anything else.
    @inline(__always)
    mutating func plainString() -> UnsafeBufferPointer<UInt8>? {
        guard p < end, p.pointee == UInt8(ascii: "\"") else { return nil }
        let start = p + 1
        var q = start
        while q < end, q.pointee != UInt8(ascii: "\"") {
            guard Self.isPlain(q.pointee) else { return nil }
            q += 1
        }
        guard q < end else { return nil }
        p = q + 1
        return UnsafeBufferPointer(start: start, count: q - start)
    }

    /// Reads an integer of the common form, `-?(0|[1-9][0-9]*)` with no fraction or
    /// exponent; nil for anything else ("-0", a leading zero, a number beyond `Int`), which
    /// the general path reads or reports.
    @inline(__always)
    mutating func integer() -> Int? {
        let negative = take(UInt8(ascii: "-"))
        guard p < end, p.pointee &- 0x30 < 10 else { return nil }
        var number = 0
        if p.pointee == 0x30 {
            p += 1
            if negative { return nil }
            if p < end, p.pointee &- 0x30 < 10 { return nil }
        } else {
            // Accumulated negated, as Int.min has no positive counterpart.
            while p < end, p.pointee &- 0x30 < 10 {
                let (times10, overflow) = number.multipliedReportingOverflow(by: 10)
                let (next, overflow2) = times10.subtractingReportingOverflow(Int(p.pointee &- 0x30))
                guard !overflow, !overflow2 else { return nil }
                number = next
                p += 1
            }
            if !negative {
                guard number != Int.min else { return nil }
                number = -number
            }
        }
        if p < end, p.pointee == UInt8(ascii: ".") || p.pointee == UInt8(ascii: "e") || p.pointee == UInt8(ascii: "E") {
            return nil
        }
        return number
    }
}
