import JSONLines
import DecisionTable
#if canImport(Glibc)
import Glibc
#elseif canImport(Darwin)
import Darwin
#endif

/// Webhook bodies read from one input: a JSON document holding one event or an array of
/// events, or JSON Lines (one event per line). Every body keeps its place (line or array
/// index) so that every input gives exactly one route.
public struct WebhookInput: Sendable {
    /// One body, not parsed yet when it is a line (lines are parsed in parallel).
    enum Body: Sendable {
        case value(JSONValue, index: Int?)
        case line(number: Int, bytes: Range<Int>)
    }

    let bytes: [UInt8]
    let bodies: [Body]

    /// The number of webhook bodies.
    public var count: Int { bodies.count }

    /// Splits an input into webhook bodies.
    public init(bytes: [UInt8]) {
        self.bytes = bytes
        // A whole document that parses is one event, or an array of events.
        if let document = bytes.withUnsafeBufferPointer({ try? JSONParser.parse($0) }) {
            if case .array(let events) = document {
                bodies = events.enumerated().map { .value($1, index: $0) }
            } else {
                bodies = [.value(document, index: nil)]
            }
            return
        }
        bodies = Self.lines(bytes, firstLine: 1)
    }

    /// Splits JSON Lines, the first being line `firstLine` of its file: for reading a large
    /// file a block of whole lines at a time. Unlike ``init(bytes:)``, the bytes are never read
    /// as one document.
    public init(jsonLines bytes: [UInt8], firstLine: Int = 1) {
        self.bytes = bytes
        bodies = Self.lines(bytes, firstLine: firstLine)
    }

    /// One body per line: a line ends at a newline or at the end of a last line that has none.
    private static func lines(_ bytes: [UInt8], firstLine: Int) -> [Body] {
        var lines: [Body] = []
        var number = firstLine
        bytes.withUnsafeBufferPointer { buffer in
            guard let base = buffer.baseAddress else { return }
            var start = 0
            // memchr finds each newline many bytes at a time.
            while start < buffer.count, let found = memchr(base + start, Int32(UInt8(ascii: "\n")), buffer.count - start) {
                let end = base.distance(to: found.assumingMemoryBound(to: UInt8.self))
                lines.append(.line(number: number, bytes: start..<end))
                start = end + 1
                number += 1
            }
            if start < buffer.count { lines.append(.line(number: number, bytes: start..<buffer.count)) }
        }
        return lines
    }
}
