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
        let end = bytes.endIndex
        while i < end {
            let lead = bytes[i]
            if lead < 0x80 { i += 1; continue }
            let length: Int
            var minimum: UInt32
            var scalar: UInt32
            switch lead {
            case 0xC2...0xDF: length = 2; minimum = 0x80; scalar = UInt32(lead & 0x1F)
            case 0xE0...0xEF: length = 3; minimum = 0x800; scalar = UInt32(lead & 0x0F)
            case 0xF0...0xF4: length = 4; minimum = 0x10000; scalar = UInt32(lead & 0x07)
            default: return i
            }
            guard i + length <= end else { return i }
            for k in 1..<length {
                let byte = bytes[i + k]
                guard byte & 0xC0 == 0x80 else { return i }
                scalar = scalar << 6 | UInt32(byte & 0x3F)
            }
            if scalar < minimum || scalar > 0x10FFFF || (0xD800...0xDFFF).contains(scalar) { return i }
            i += length
        }
        return nil
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
