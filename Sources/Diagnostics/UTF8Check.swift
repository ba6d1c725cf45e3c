/// UTF-8 validation with the position of the first bad byte, so that an invalid file gets a
/// line and column rather than libyaml's byte offset.
///
/// The functions are `@inlinable`: they are generic and run over every byte of every file read
/// in other modules, where an unspecialised call costs many times the check itself.
package enum UTF8Check {
    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence.
    @inlinable
    package static func firstInvalidByte<Bytes: RandomAccessCollection<UInt8>>(in bytes: Bytes) -> Int?
    where Bytes.Index == Int {
        var i = bytes.startIndex
        while i < bytes.endIndex {
            guard let length = sequenceLength(at: i, in: bytes) else { return i }
            i += length
        }
        return nil
    }

    /// The index of the first byte that does not belong to a well-formed UTF-8 sequence,
    /// skipping ASCII eight bytes at a time: files and JSON strings are almost all ASCII, and
    /// a byte-by-byte check was a tenth of the time it takes to load a large rules file.
    @inlinable
    package static func firstInvalidByte(in bytes: UnsafeBufferPointer<UInt8>) -> Int? {
        guard let base = bytes.baseAddress else { return nil }
        let raw = UnsafeRawPointer(base)
        let end = bytes.count
        var i = 0
        while i < end {
            while i + 8 <= end, raw.loadUnaligned(fromByteOffset: i, as: UInt64.self) & 0x8080_8080_8080_8080 == 0 {
                i += 8
            }
            guard i < end else { return nil }
            guard let length = sequenceLength(at: i, in: bytes) else { return i }
            i += length
        }
        return nil
    }

    /// The length of the well-formed UTF-8 sequence starting at `i` (1 for ASCII), or nil
    /// when the bytes there are not one.
    @inlinable
    package static func sequenceLength<Bytes: RandomAccessCollection<UInt8>>(at i: Int, in bytes: Bytes) -> Int?
    where Bytes.Index == Int {
        let lead = bytes[i]
        if lead < 0x80 { return 1 }
        let length: Int
        var minimum: UInt32
        var scalar: UInt32
        switch lead {
        case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
        case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
        case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
        default: return nil
        }
        guard i + length <= bytes.endIndex else { return nil }
        for k in 1..<length {
            let byte = bytes[i + k]
            guard byte & 0xC0 == 0x80 else { return nil }
            scalar = scalar << 6 | UInt32(byte & 0x3F)
        }
        if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return nil }
        return length
    }

    /// The 1-based line and column (in characters) of a byte offset.
    @inlinable
    package static func location<Bytes: RandomAccessCollection<UInt8>>(
        ofByte offset: Int, in bytes: Bytes, file: String
    ) -> SourceLocation where Bytes.Index == Int {
        var line = 1
        var column = 1
        var i = bytes.startIndex
        let end = min(bytes.startIndex + offset, bytes.endIndex)
        while i < end {
            let byte = bytes[i]
            if byte == UInt8(ascii: "\n") {
                line += 1
                column = 1
            } else if byte & 0xC0 != 0x80 {
                column += 1
            }
            i += 1
        }
        return SourceLocation(file: file, line: line, column: column)
    }
}
