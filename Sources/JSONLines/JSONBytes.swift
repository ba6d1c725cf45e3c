/// The scan that reading and writing JSON strings share: finding the next byte that a JSON
/// string cannot hold as it is.
package enum JSONBytes {
    /// Finds the first `"`, `\` or control character (below 0x20) in `bytes[start...]`.
    /// - Returns: Its index (`bytes.count` when there is none), and whether every byte before it
    ///   is ASCII.
    package static func scanUnescaped(_ bytes: UnsafeBufferPointer<UInt8>, from start: Int) -> (end: Int, ascii: Bool) {
        let end = bytes.count
        guard start < end, let base = bytes.baseAddress else { return (start, true) }
        var i = start
        // Eight bytes at a time, with the classic word tests: `w - 0x01…01 & ~w & 0x80…80`
        // flags the bytes of `w` that are zero (so `w ^ 0x22…22` flags quotes), and with
        // `0x20…20` the bytes below 0x20. A test can misfire, but only in a byte after one that
        // truly matches (a borrow runs upwards), so the lowest flag is exact.
        let ones: UInt64 = 0x0101_0101_0101_0101
        let highBits: UInt64 = 0x8080_8080_8080_8080
        var seen: UInt64 = 0
        while i + 8 <= end {
            let word = UInt64(littleEndian: UnsafeRawPointer(base + i).loadUnaligned(as: UInt64.self))
            let quote = word ^ (ones &* 0x22)
            let backslash = word ^ (ones &* 0x5C)
            let found = ((quote &- ones) & ~quote | (backslash &- ones) & ~backslash | (word &- ones &* 0x20) & ~word) & highBits
            if found != 0 {
                // Read little-endian, the first byte in the text is the lowest.
                let before = found.trailingZeroBitCount / 8
                seen |= word & ((UInt64(1) << (8 * UInt64(before))) &- 1)
                return (i + before, seen & highBits == 0)
            }
            seen |= word
            i += 8
        }
        // The last few bytes, one at a time.
        var tail: UInt8 = 0
        while i < end {
            let byte = base[i]
            if byte == UInt8(ascii: "\"") || byte == UInt8(ascii: "\\") || byte < 0x20 { break }
            tail |= byte
            i += 1
        }
        return (i, seen & highBits == 0 && tail < 0x80)
    }
}
