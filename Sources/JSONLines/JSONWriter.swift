/// Compact JSON text written into a growing byte buffer, as ``JSONValue/rendered`` writes it:
/// for output of many lines (a batch's results), where appending piece by piece to an array
/// costs more than the pieces.
///
/// Each write makes room once, then stores through a pointer.
public struct JSONWriter: ~Copyable {
    private var start: UnsafeMutablePointer<UInt8>
    private var capacity: Int
    /// The bytes written so far.
    public private(set) var count = 0

    /// Creates an empty writer with room for `capacity` bytes before it grows.
    public init(capacity: Int = 1 << 12) {
        self.capacity = max(64, capacity)
        start = .allocate(capacity: self.capacity)
    }

    deinit { start.deallocate() }

    /// The bytes written.
    public consuming func finish() -> [UInt8] {
        Array(UnsafeBufferPointer(start: start, count: count))
    }

    /// Makes room for `extra` more bytes.
    private mutating func reserve(_ extra: Int) {
        guard count + extra > capacity else { return }
        let newCapacity = max(count + extra, capacity * 2)
        let bigger = UnsafeMutablePointer<UInt8>.allocate(capacity: newCapacity)
        bigger.initialize(from: start, count: count)
        start.deallocate()
        start = bigger
        capacity = newCapacity
    }

    /// Appends text as it is: punctuation, or a key with its quotes.
    public mutating func append(_ literal: StaticString) {
        let length = literal.utf8CodeUnitCount
        reserve(length)
        (start + count).initialize(from: literal.utf8Start, count: length)
        count += length
    }

    /// Appends one byte.
    public mutating func append(byte: UInt8) {
        reserve(1)
        (start + count).initialize(to: byte)
        count += 1
    }

    /// Appends bytes as they are.
    public mutating func append(bytes: UnsafeBufferPointer<UInt8>) {
        guard let base = bytes.baseAddress else { return }
        reserve(bytes.count)
        (start + count).initialize(from: base, count: bytes.count)
        count += bytes.count
    }

    /// Appends an integer in decimal, as `String(number)` writes it.
    public mutating func append(_ number: Int) {
        reserve(20)
        var out = start + count
        if number < 0 {
            out.initialize(to: UInt8(ascii: "-"))
            out += 1
        }
        // The magnitude as unsigned, so that Int.min has one; digits counted, then written
        // from the last.
        var magnitude = number.magnitude
        var digits = 1
        var rest = magnitude / 10
        while rest > 0 {
            digits += 1
            rest /= 10
        }
        for k in stride(from: digits - 1, through: 0, by: -1) {
            (out + k).initialize(to: UInt8(ascii: "0") + UInt8(magnitude % 10))
            magnitude /= 10
        }
        count = start.distance(to: out) + digits
    }

    /// Appends `text` as a JSON string: quoted, with `\"`, `\\`, `\n`, `\r`, `\t`, other
    /// control characters as `\u00XX`, the rest as it is.
    ///
    /// Works on the UTF-8 bytes: the characters to escape are all ASCII, and no byte of a
    /// multi-byte character is ASCII.
    public mutating func appendQuoted(_ text: String) {
        // At most 6 bytes per byte (`\u00XX`), and the quotes.
        reserve(text.utf8.count * 6 + 2)
        count += Self.writeQuoted(text, at: start + count)
    }

    /// Writes `text` quoted at `out`, which has room; returns the bytes written.
    private static func writeQuoted(_ text: String, at out: UnsafeMutablePointer<UInt8>) -> Int {
        var text = text
        return text.withUTF8 { utf8 in
            var p = out
            p.initialize(to: UInt8(ascii: "\""))
            p += 1
            var i = 0
            while true {
                // Runs that need no escape are copied whole.
                let run = JSONBytes.scanUnescaped(utf8, from: i).end
                if run > i, let base = utf8.baseAddress {
                    p.initialize(from: base + i, count: run - i)
                    p += run - i
                }
                guard run < utf8.count else { break }
                let byte = utf8[run]
                i = run + 1
                let escape: UInt8? =
                    switch byte {
                    case UInt8(ascii: "\""): UInt8(ascii: "\"")
                    case UInt8(ascii: "\\"): UInt8(ascii: "\\")
                    case UInt8(ascii: "\n"): UInt8(ascii: "n")
                    case UInt8(ascii: "\r"): UInt8(ascii: "r")
                    case UInt8(ascii: "\t"): UInt8(ascii: "t")
                    default: nil
                    }
                p.initialize(to: UInt8(ascii: "\\"))
                if let escape {
                    (p + 1).initialize(to: escape)
                    p += 2
                } else {
                    let hex: StaticString = "0123456789abcdef"
                    (p + 1).initialize(to: UInt8(ascii: "u"))
                    (p + 2).initialize(to: UInt8(ascii: "0"))
                    (p + 3).initialize(to: UInt8(ascii: "0"))
                    (p + 4).initialize(to: hex.utf8Start[Int(byte >> 4)])
                    (p + 5).initialize(to: hex.utf8Start[Int(byte & 0xF)])
                    p += 6
                }
            }
            p.initialize(to: UInt8(ascii: "\""))
            return out.distance(to: p) + 1
        }
    }

    /// Appends a value, as ``JSONValue/rendered`` writes it.
    public mutating func append(_ value: JSONValue) {
        switch value {
        case .null: append("null")
        case .bool(let flag): append(flag ? "true" : "false")
        case .integer(let number): append(number)
        case .number(let number):
            if number.isFinite {
                var text = String(number)
                text.withUTF8 { append(bytes: $0) }
            } else {
                append("null")
            }
        case .decimal(let digits):
            var text = digits
            text.withUTF8 { append(bytes: $0) }
        case .string(let text): appendQuoted(text)
        case .array(let values):
            append(byte: UInt8(ascii: "["))
            for (i, value) in values.enumerated() {
                if i > 0 { append(", ") }
                append(value)
            }
            append(byte: UInt8(ascii: "]"))
        case .object(let pairs):
            append(byte: UInt8(ascii: "{"))
            for (i, (key, value)) in pairs.enumerated() {
                if i > 0 { append(", ") }
                appendQuoted(key)
                append(": ")
                append(value)
            }
            append(byte: UInt8(ascii: "}"))
        }
    }
}
