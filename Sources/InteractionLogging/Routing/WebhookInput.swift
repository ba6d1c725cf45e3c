import DecisionTable

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
        var lines: [Body] = []
        var start = 0
        var number = 1
        for (i, byte) in bytes.enumerated() where byte == UInt8(ascii: "\n") {
            lines.append(.line(number: number, bytes: start..<i))
            start = i + 1
            number += 1
        }
        if start < bytes.count { lines.append(.line(number: number, bytes: start..<bytes.count)) }
        bodies = lines
    }
}
