import Foundation

/// A file written beside its target and renamed over it once complete.
///
/// Readers never see half a file, and what was at the path is replaced only by a whole new
/// regular file. A path holding anything but a regular file is refused, not replaced: a
/// symbolic link (whose target would otherwise be left stale, or written through), a FIFO
/// (whose reader would get nothing), a device or a folder.
final class ReplacementFile {
    /// The target's path as the user gave it.
    let path: String
    private let temporaryPath: String
    private var output: Output
    private var finished = false

    /// Creates the temporary file beside `path`.
    /// - Throws: ``IOFailure`` when `path` holds something other than a regular file, or the
    ///   folder cannot take a new file.
    init(path: String) throws(IOFailure) {
        self.path = path
        var status = stat()
        var mode: mode_t
        if lstat(path, &status) == 0 {
            let kind = Self.kind(of: status.st_mode)
            guard kind == nil else {
                throw IOFailure(.replace, path, reason: "it is \(kind ?? ""), not a regular file; only a regular file is replaced")
            }
            mode = status.st_mode & 0o7777
        } else if errno == ENOENT {
            let mask = umask(0)
            umask(mask)
            mode = 0o666 & ~mask
        } else {
            throw IOFailure(.replace, path, code: errno)
        }
        let url = URL(filePath: path)
        let folder = url.deletingLastPathComponent().path
        var template = Array("\(folder)/.\(url.lastPathComponent).XXXXXX".utf8CString)
        let descriptor = template.withUnsafeMutableBufferPointer { buffer in
            buffer.baseAddress.map { mkstemp($0) } ?? -1
        }
        guard descriptor >= 0 else { throw IOFailure(.replace, path, code: errno) }
        temporaryPath = String(decoding: template.dropLast().map { UInt8(bitPattern: $0) }, as: UTF8.self)
        fchmod(descriptor, mode)
        output = Output(descriptor: descriptor, name: path)
    }

    deinit {
        // Not committed (an error stopped the command): the target stays as it was.
        if !finished {
            close(output.descriptor)
            unlink(temporaryPath)
        }
    }

    func write(bytes: [UInt8]) throws(IOFailure) { try output.write(bytes: bytes) }

    /// Writes what is left and renames the file over the target.
    func commit() throws(IOFailure) {
        try output.flush()
        finished = true
        let closed = close(output.descriptor)
        let failure = errno
        guard closed == 0 else {
            unlink(temporaryPath)
            throw IOFailure(.write, path, code: failure)
        }
        guard rename(temporaryPath, path) == 0 else {
            let failure = errno
            unlink(temporaryPath)
            throw IOFailure(.replace, path, code: failure)
        }
    }

    /// Words for a special file's type, nil for a regular file.
    private static func kind(of mode: mode_t) -> String? {
        switch mode & S_IFMT {
        case S_IFREG: nil
        case S_IFLNK: "a symbolic link"
        case S_IFIFO: "a FIFO"
        case S_IFCHR: "a character device"
        case S_IFBLK: "a block device"
        case S_IFDIR: "a folder"
        case S_IFSOCK: "a socket"
        default: "a special file"
        }
    }
}
