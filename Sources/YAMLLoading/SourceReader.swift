import Foundation
import Diagnostics

/// Reads a source file's bytes, refusing files over the size cap before reading them.
package enum SourceReader {
    /// Reads a whole file.
    /// - Parameters:
    ///   - path: The file, also the name diagnostics use.
    ///   - limits: The size cap (``YAMLLimits/maximumBytes``) checked before reading.
    /// - Returns: The file's bytes.
    /// - Throws: ``DiagnosticsError`` (`unreadable`, `too-large`) at the file's first line.
    package static func read(path: String, limits: YAMLLimits) throws(DiagnosticsError) -> [UInt8] {
        let start = SourceLocation(file: path, line: 1, column: 1)
        let attributes = try? FileManager.default.attributesOfItem(atPath: path)
        guard let attributes, let handle = FileHandle(forReadingAtPath: path) else {
            throw DiagnosticsError([Diagnostic(.error, code: .unreadable, "cannot read the file", at: start)])
        }
        defer { try? handle.close() }
        if attributes[.type] as? FileAttributeType == .typeDirectory {
            throw DiagnosticsError([Diagnostic(.error, code: .unreadable, "this is a folder, not a file", at: start)])
        }
        if let size = attributes[.size] as? Int, size > limits.maximumBytes {
            throw DiagnosticsError([Diagnostic(
                .error, code: .tooLarge,
                "the file is \(size) bytes; the limit is \(limits.maximumBytes) bytes", at: start)])
        }
        // Read one byte past the cap so that a file that grew, or a pipe, is still caught.
        let data = (try? handle.read(upToCount: limits.maximumBytes + 1)) ?? nil
        return data.map { [UInt8]($0) } ?? []
    }
}
