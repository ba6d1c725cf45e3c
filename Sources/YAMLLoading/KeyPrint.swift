/// A text's length and first seven UTF-8 bytes as one integer: a cheap stand-in for a key or
/// a value when comparing texts that are usually short (`id`, `when`, `v3`).
///
/// Equal texts have equal prints. For texts of up to seven bytes the print is exact (two
/// such texts are equal exactly when their prints are), so comparing two integers replaces
/// comparing two strings; longer texts are compared in full when their prints agree.
package enum KeyPrint {
    /// The print of any text.
    @inlinable
    package static func of(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64 {
        var print = UInt64(truncatingIfNeeded: bytes.count)
        for i in 0..<min(bytes.count, 7) { print |= UInt64(bytes[i]) << (8 * (i + 1)) }
        return print
    }

    /// The print of a text of up to seven bytes, which stands for it exactly; nil for a longer one.
    @inlinable
    package static func exact(_ bytes: UnsafeBufferPointer<UInt8>) -> UInt64? {
        bytes.count <= 7 ? of(bytes) : nil
    }

    /// The print of a string of up to seven bytes; nil for a longer one.
    package static func exact(_ text: String) -> UInt64? {
        var text = text
        return text.withUTF8 { exact($0) }
    }
}
