extension [UInt8] {
    /// Appends a scalar's text: byte by byte when it is short, as most are, for
    /// `append(contentsOf:)` costs about a hundred instructions whatever the length.
    mutating func appendText(_ text: UnsafeBufferPointer<UInt8>) {
        if text.count <= 16 {
            for byte in text { append(byte) }
        } else {
            append(contentsOf: text)
        }
    }
}
