import JSONLines
import DecisionTable

/// Webhook bodies read from one input (see `JSONRecordSplitter`): JSON Lines (one event per
/// line), events that span lines, or arrays of events, read a block at a time (an array's
/// elements as they arrive). Every body keeps its place (line and column, and item for an
/// element of an array) so that every input gives exactly one route.
public struct WebhookInput: Sendable {
    /// One body, not parsed yet when it is a line (lines are parsed in parallel).
    enum Body: Sendable {
        case value(JSONValue, position: JSONRecordSplitter.Position, item: Int?)
        case line(bytes: Range<Int>, position: JSONRecordSplitter.Position)
        /// Text that is not JSON, with why and where.
        case invalid(String, position: JSONRecordSplitter.Position)

        var position: JSONRecordSplitter.Position {
            switch self {
            case .value(_, let position, _), .line(_, let position), .invalid(_, let position): position
            }
        }
    }

    let bytes: [UInt8]
    let bodies: [Body]

    /// The number of webhook bodies.
    public var count: Int { bodies.count }

    /// Splits a whole input into webhook bodies.
    public init(bytes: [UInt8]) {
        var splitter = Self.splitter()
        self = Self.block(bytes, isFinal: true, splitter: &splitter).input
    }

    /// Splits JSON Lines, the first being line `firstLine` of its input (not its start): a block
    /// of whole lines read from a larger input.
    public init(jsonLines bytes: [UInt8], firstLine: Int = 1) {
        var splitter = Self.splitter(firstLine: firstLine, atStartOfInput: firstLine == 1)
        self = Self.block(bytes, isFinal: true, splitter: &splitter).input
    }

    private init(bytes: [UInt8], bodies: [Body]) {
        self.bytes = bytes
        self.bodies = bodies
    }

    /// A splitter for webhook inputs: arrays are one body per event, and values read whole
    /// build only what the decoder reads.
    public static func splitter(firstLine: Int = 1, atStartOfInput: Bool = true) -> JSONRecordSplitter {
        JSONRecordSplitter(
            selection: AircallWebhook.fieldsRead, expandsArrays: true, firstLine: firstLine,
            atStartOfInput: atStartOfInput)
    }

    /// The bodies of the next block of an input read a block at a time.
    /// - Parameters:
    ///   - bytes: The block (kept by the input returned).
    ///   - isFinal: Whether the input ends with it.
    ///   - splitter: The input's splitter (``splitter(firstLine:atStartOfInput:)``), across blocks.
    /// - Returns: The bodies, and how many bytes of the block they used (see
    ///   `JSONRecordSplitter.split(_:isFinal:_:)`).
    public static func block(
        _ bytes: [UInt8], isFinal: Bool,
        splitter: inout JSONRecordSplitter
    ) -> (input: WebhookInput, used: Int) {
        var bodies: [Body] = []
        let used = bytes.withUnsafeBufferPointer { buffer in
            splitter.split(buffer, isFinal: isFinal) { record in
                switch record {
                case .line(let range, let position): bodies.append(.line(bytes: range, position: position))
                case .value(let value, let position, let item): bodies.append(.value(value, position: position, item: item))
                case .failure(let message, let position): bodies.append(.invalid(message, position: position))
                }
            }
        }
        return (WebhookInput(bytes: bytes, bodies: bodies), used)
    }
}
