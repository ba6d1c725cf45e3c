import Foundation

/// Buffered standard output: batches write many short lines, and one `write` call per line
/// would dominate their cost.
struct StandardOutput {
    private var buffer: [UInt8] = []

    mutating func write(_ text: String) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= 1 << 16 { flush() }
    }

    /// Writes bytes, such as a block of JSON lines, after what is buffered.
    mutating func write(bytes: [UInt8]) {
        if buffer.count + bytes.count < 1 << 16 {
            buffer.append(contentsOf: bytes)
            return
        }
        flush()
        bytes.withUnsafeBytes { buffer in
            // Written before this returns: the bytes need no copy.
            let data = Data(bytesNoCopy: UnsafeMutableRawPointer(mutating: buffer.baseAddress!), count: buffer.count,
                            deallocator: .none)
            FileHandle.standardOutput.write(data)
        }
    }

    mutating func flush() {
        guard !buffer.isEmpty else { return }
        FileHandle.standardOutput.write(Data(buffer))
        buffer.removeAll(keepingCapacity: true)
    }
}
