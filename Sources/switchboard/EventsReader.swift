import DecisionTable
import Foundation
import InteractionLogging
import JSONLines

/// Reads an events source for `switchboard route`: a file, or standard input for `-`.
///
/// A source that fits in one block (8 MiB) is one ``WebhookInput``, read as a document (one
/// event or an array) or as JSON Lines. A larger source that is JSON Lines is read a block of
/// whole lines at a time, so that a file of a million events (about 800 MB) never has to be
/// in memory at once; any other large source is read whole, as before.
enum EventsReader {
    static let blockSize = 8 << 20

    /// Calls `route` with the source's webhook bodies, in order, in one or more inputs.
    /// - Throws: ``IOFailure`` when the source cannot be opened or read (after the inputs
    ///   before the failure were routed); whatever `route` throws.
    static func read(_ source: String, route: (WebhookInput) throws -> Void) throws {
        let input = try InputSource(path: source)
        var atEnd = false
        /// `start` followed by up to `blockSize` more bytes of the source.
        func block(after start: ArraySlice<UInt8>) throws(IOFailure) -> [UInt8] {
            var bytes: [UInt8] = []
            bytes.reserveCapacity(start.count + blockSize)
            bytes.append(contentsOf: start)
            while !atEnd && bytes.count < start.count + blockSize {
                if try input.read(into: &bytes, upTo: start.count + blockSize - bytes.count) == 0 { atEnd = true }
            }
            return bytes
        }

        var bytes = try block(after: [])
        guard !atEnd, isJSONLines(bytes) else {
            // Small, or not JSON Lines: the whole source is one input.
            while !atEnd { bytes = try block(after: bytes[...]) }
            try route(WebhookInput(bytes: bytes))
            return
        }
        var firstLine = 1
        while true {
            // Route the whole lines; the start of the next line begins the next block.
            guard let last = bytes.lastIndex(of: UInt8(ascii: "\n")) else {
                // A line longer than a block: read on.
                if atEnd { break }
                bytes = try block(after: bytes[...])
                continue
            }
            // (No slice of `bytes` outlives this line: truncating it then copies nothing.)
            let next = atEnd ? Array(bytes[(last + 1)...]) : try block(after: bytes[(last + 1)...])
            bytes.removeSubrange((last + 1)...)
            let input = WebhookInput(jsonLines: bytes, firstLine: firstLine)
            firstLine += input.count
            try route(input)
            bytes = next
            if atEnd && bytes.lastIndex(of: UInt8(ascii: "\n")) == nil { break }
        }
        if !bytes.isEmpty { try route(WebhookInput(jsonLines: bytes, firstLine: firstLine)) }
    }

    /// Whether a source starting with `bytes` (more follows) is JSON Lines that
    /// ``WebhookInput/init(bytes:)`` would split into lines: its first line is a JSON value and
    /// other text follows it, so the whole source cannot parse as one document.
    static func isJSONLines(_ bytes: [UInt8]) -> Bool {
        guard let newline = bytes.firstIndex(of: UInt8(ascii: "\n")) else { return false }
        let firstLineParses = bytes.withUnsafeBufferPointer { buffer in
            (try? JSONParser.parse(UnsafeBufferPointer(rebasing: buffer[..<newline]), selecting: .fields([:]))) != nil
        }
        // JSON white space, as the parser skips it.
        let isSpace = { (byte: UInt8) in byte == 0x20 || byte == 0x0A || byte == 0x0D || byte == 0x09 }
        return firstLineParses && bytes[(newline + 1)...].contains { !isSpace($0) }
    }
}
