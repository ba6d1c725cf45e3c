import Foundation

/// Buffered writes to a file descriptor, every failure thrown as an ``IOFailure``.
///
/// Batches write many short lines, and one `write` call per line would dominate their cost,
/// so bytes are gathered into blocks of 64 KiB. A full disk, a closed pipe or a closed
/// descriptor is an error the command reports; nothing here traps.
struct Output {
    /// How much is gathered before it is written.
    static let blockSize = 1 << 16

    let descriptor: Int32
    /// The file's path, or "standard output", for messages.
    let name: String
    private var buffer: [UInt8] = []

    init(descriptor: Int32, name: String) {
        self.descriptor = descriptor
        self.name = name
        buffer.reserveCapacity(Self.blockSize)
    }

    /// Standard output.
    static func standardOutput() -> Output { Output(descriptor: STDOUT_FILENO, name: StandardStreams.outputName) }

    mutating func write(_ text: String) throws(IOFailure) {
        buffer.append(contentsOf: text.utf8)
        if buffer.count >= Self.blockSize { try flush() }
    }

    /// Writes bytes, such as a block of JSON lines, after what is buffered.
    mutating func write(bytes: [UInt8]) throws(IOFailure) {
        if buffer.count + bytes.count < Self.blockSize {
            buffer.append(contentsOf: bytes)
            return
        }
        try flush()
        var bytes = bytes
        try Self.writeAll(&bytes, to: descriptor, name: name)
    }

    /// Lets `body` append bytes to the buffer in place, then writes a block if one is full:
    /// for writers that render straight into the output.
    /// - Returns: What `body` returns.
    mutating func append<Result>(_ body: (inout [UInt8]) -> Result) throws(IOFailure) -> Result {
        let result = body(&buffer)
        if buffer.count >= Self.blockSize { try flush() }
        return result
    }

    /// Writes what is buffered.
    mutating func flush() throws(IOFailure) {
        guard !buffer.isEmpty else { return }
        try Self.writeAll(&buffer, to: descriptor, name: name)
        buffer.removeAll(keepingCapacity: true)
    }

    /// Writes every byte, retrying after interruptions and short writes.
    /// - Throws: ``IOFailure`` with the system's error (`EPIPE`, `ENOSPC`, `EBADF`, …).
    static func writeAll(_ bytes: inout [UInt8], to descriptor: Int32, name: String) throws(IOFailure) {
        if descriptor <= STDERR_FILENO, StandardStreams.closedAtStart.contains(descriptor) {
            throw IOFailure(.write, name, code: EBADF)
        }
        let failure: Int32? = bytes.withUnsafeBytes { buffer in
            guard let base = buffer.baseAddress else { return nil }
            var offset = 0
            while offset < buffer.count {
                let written = Foundation.write(descriptor, base + offset, buffer.count - offset)
                if written >= 0 {
                    offset += written
                } else if errno != EINTR {
                    return errno
                }
            }
            return nil
        }
        if let failure { throw IOFailure(.write, name, code: failure) }
    }
}
