/// An input read a block at a time, for readers that take what they can of each block and
/// hand the rest back: memory holds one block and the longest record, whatever the input's size.
struct BlockReader {
    private let source: InputSource
    private let blockSize: Int

    /// - Parameters:
    ///   - source: The input.
    ///   - blockSize: How much is read at once.
    init(_ source: InputSource, blockSize: Int = 1 << 20) {
        self.source = source
        self.blockSize = blockSize
    }

    /// Calls `body` with successive blocks of the input until it ends.
    /// - Parameter body: Given a block and whether the input ends with it, returns how many of
    ///   its leading bytes it used; the rest starts the next block (all must be used of the
    ///   final block). A block is a new array each time, so `body` may keep it.
    /// - Throws: ``IOFailure`` when the source cannot be read, after the blocks before it;
    ///   whatever `body` throws.
    func forEachBlock(_ body: ([UInt8], Bool) throws -> Int) throws {
        var bytes: [UInt8] = []
        var atEnd = false
        var wanted = blockSize
        while true {
            bytes.reserveCapacity(bytes.count + wanted)
            let target = bytes.count + wanted
            while !atEnd && bytes.count < target {
                if try source.read(into: &bytes, upTo: target - bytes.count) == 0 { atEnd = true }
            }
            let used = try body(bytes, atEnd)
            if atEnd { return }
            // A record longer than the block: read twice as much, so that it is re-read only
            // a few times whatever its length.
            wanted = used == 0 ? max(blockSize, bytes.count) : blockSize
            var next: [UInt8] = []
            next.reserveCapacity(bytes.count - used + wanted)
            next.append(contentsOf: bytes[used...])
            bytes = next
        }
    }
}
