import InteractionLogging

/// Reads an events source for `switchboard route` and `replay`: a file, or standard input for
/// `-`, a block (8 MiB) of whole records at a time, and a JSON array an element at a time, so
/// that a million events (about 800 MB, as JSON Lines or as one array) never have to be in
/// memory at once.
enum EventsReader {
    static let blockSize = 8 << 20

    /// Calls `route` with the source's webhook bodies, in order, in one or more inputs.
    /// - Throws: ``IOFailure`` when the source cannot be opened or read (after the inputs
    ///   before the failure were routed); whatever `route` throws.
    static func read(_ source: String, route: (WebhookInput) throws -> Void) throws {
        var splitter = WebhookInput.splitter()
        try BlockReader(try InputSource(path: source), blockSize: blockSize).forEachBlock { bytes, isFinal in
            let (input, used) = WebhookInput.block(bytes, isFinal: isFinal, splitter: &splitter)
            if input.count > 0 { try route(input) }
            return used
        }
    }
}
