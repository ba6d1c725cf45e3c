import Diagnostics
import Foundation

/// Reads a source file's bytes, refusing files over the size cap before reading them.
package enum SourceReader {
    /// Reads a whole file.
    /// - Parameters:
    ///   - path: The file, also the name diagnostics use.
    ///   - limits: The size cap (``YAMLLimits/maximumBytes``) checked before reading.
    /// - Returns: The file's bytes.
    /// - Throws: ``DiagnosticsError`` (`unreadable` with the system's reason, `too-large`) at
    ///   the file's first line.
    package static func read(path: String, limits: YAMLLimits) throws(DiagnosticsError) -> [UInt8] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        func unreadable(_ message: String) -> DiagnosticsError {
            DiagnosticsError([Diagnostic(.error, code: .unreadable, message, at: start)])
        }
        let descriptor = open(path, O_RDONLY | O_CLOEXEC)
        guard descriptor >= 0 else { throw unreadable("cannot read the file: \(String(cString: strerror(errno)))") }
        defer { close(descriptor) }
        var status = stat()
        guard fstat(descriptor, &status) == 0 else {
            throw unreadable("cannot read the file: \(String(cString: strerror(errno)))")
        }
        if status.st_mode & S_IFMT == S_IFDIR { throw unreadable("this is a folder, not a file") }
        if status.st_mode & S_IFMT == S_IFREG, status.st_size > limits.maximumBytes {
            throw DiagnosticsError([
                Diagnostic(
                    .error, code: .tooLarge,
                    "the file is \(status.st_size) bytes; the limit is \(limits.maximumBytes) bytes", at: start)
            ])
        }
        // Read up to one byte past the cap, so that a file that grew, or a pipe, is still caught.
        let capacity = limits.maximumBytes + 1
        var bytes: [UInt8] = []
        // A file's size is known: one buffer of that size (and a byte to see the end), rather
        // than a buffer that doubles as it fills and briefly holds the file two or three times.
        let size = status.st_mode & S_IFMT == S_IFREG ? min(Int(status.st_size) + 1, capacity) : 0
        bytes.reserveCapacity(size)
        var failure: Int32 = 0
        while bytes.count < capacity, failure == 0 {
            let wanted = min(capacity - bytes.count, bytes.count < size ? size - bytes.count : 1 << 20)
            let before = bytes.count
            bytes.append(contentsOf: repeatElement(0, count: wanted))
            let read = bytes.withUnsafeMutableBytes { buffer -> Int in
                guard let base = buffer.baseAddress else { return 0 }
                while true {
                    let read = Foundation.read(descriptor, base + before, wanted)
                    if read >= 0 { return read }
                    if errno != EINTR {
                        failure = errno
                        return 0
                    }
                }
            }
            bytes.removeLast(wanted - read)
            if read == 0 { break }
        }
        if failure != 0 { throw unreadable("cannot read the file: \(String(cString: strerror(failure)))") }
        return bytes
    }
}
