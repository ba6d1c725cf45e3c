import Foundation

/// A file or standard input (`-`) read in blocks with POSIX calls; every failure is thrown as
/// an ``IOFailure`` naming the file and the reason.
final class InputSource {
    /// The path as given, or "standard input" for `-`.
    let name: String
    private let descriptor: Int32
    private let owned: Bool

    /// Opens `path` for reading; `-` is standard input.
    /// - Throws: ``IOFailure`` when the file cannot be opened (missing, not permitted).
    init(path: String) throws(IOFailure) {
        if path == "-" {
            name = StandardStreams.inputName
            descriptor = STDIN_FILENO
            owned = false
            if StandardStreams.closedAtStart.contains(STDIN_FILENO) { throw IOFailure(.read, name, code: EBADF) }
            return
        }
        name = path
        owned = true
        descriptor = open(path, O_RDONLY | O_CLOEXEC)
        if descriptor < 0 { throw IOFailure(.read, path, code: errno) }
    }

    deinit { if owned { close(descriptor) } }

    /// Appends up to `count` bytes to `bytes`; returns how many were read, 0 at the end.
    /// - Throws: ``IOFailure`` (a folder: `EISDIR`; a device error).
    @discardableResult
    func read(into bytes: inout [UInt8], upTo count: Int) throws(IOFailure) -> Int {
        let start = bytes.count
        var failure: Int32 = 0
        bytes.append(contentsOf: repeatElement(0, count: count))
        let read = bytes.withUnsafeMutableBytes { buffer -> Int in
            while true {
                let read = Foundation.read(descriptor, buffer.baseAddress! + start, count)
                if read >= 0 { return read }
                if errno != EINTR {
                    failure = errno
                    return 0
                }
            }
        }
        bytes.removeLast(count - read)
        if failure != 0 { throw IOFailure(.read, name, code: failure) }
        return read
    }

    /// The rest of the source.
    func readAll() throws(IOFailure) -> [UInt8] {
        var bytes: [UInt8] = []
        while try read(into: &bytes, upTo: 1 << 20) > 0 {}
        return bytes
    }
}
