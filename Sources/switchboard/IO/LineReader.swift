/// The lines of an input, read a block at a time: memory holds one block and the longest
/// line, whatever the input's size.
struct LineReader {
    /// How much is read at once.
    static let blockSize = 1 << 20

    private let source: InputSource
    private var bytes: [UInt8] = []
    /// Where the next line starts in `bytes`.
    private var start = 0
    /// Where the search for the next newline resumes.
    private var scanned = 0
    private var atEnd = false
    /// The number of the next line, 1-based.
    private(set) var nextNumber = 1

    init(_ source: InputSource) {
        self.source = source
        bytes.reserveCapacity(Self.blockSize * 2)
    }

    /// Calls `body` with each line, without its newline (nor a carriage return before it),
    /// and its 1-based number. A final newline ends the last line; it does not start an
    /// empty one.
    /// - Throws: ``IOFailure`` when the source cannot be read, after the lines before it;
    ///   whatever `body` throws.
    mutating func forEachLine(_ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        while true {
            let newline: Int? = bytes.withUnsafeBufferPointer { buffer in
                buffer[scanned...].firstIndex(of: UInt8(ascii: "\n"))
            }
            if let newline {
                try line(start..<newline, body)
                start = newline + 1
                scanned = start
                continue
            }
            scanned = bytes.count
            if atEnd {
                if start < bytes.count { try line(start..<bytes.count, body) }
                return
            }
            // Keep the unfinished line, drop the rest, read on.
            if start > 0 {
                bytes.removeSubrange(0..<start)
                scanned -= start
                start = 0
            }
            if try source.read(into: &bytes, upTo: Self.blockSize) == 0 { atEnd = true }
        }
    }

    private mutating func line(_ range: Range<Int>, _ body: (UnsafeBufferPointer<UInt8>, Int) throws -> Void) throws {
        var end = range.upperBound
        if end > range.lowerBound, bytes[end - 1] == UInt8(ascii: "\r") { end -= 1 }
        let number = nextNumber
        nextNumber += 1
        try bytes.withUnsafeBufferPointer { buffer in
            try body(UnsafeBufferPointer(rebasing: buffer[range.lowerBound..<end]), number)
        }
    }
}
