import DecisionTable
import Foundation

extension YAMLLimits {
    /// The limits for a Spark directory: 1 GiB, 64 levels. A directory grows with the
    /// company's contacts (100,000 contacts is about 20 MB), far past the 16 MiB cap that
    /// suits a hand-written rules file.
    public static let sparkDirectory = YAMLLimits(maximumBytes: 1 << 30, maximumDepth: 64)
}

extension SparkDirectory {
    /// Loads a directory file.
    /// - Parameter url: The file.
    /// - Throws: ``DiagnosticsError`` with every problem found, each with a position.
    public init(contentsOf url: URL) throws(DiagnosticsError) {
        let path = url.isFileURL ? url.relativePath : url.path(percentEncoded: false)
        try self.init(bytes: try SourceReader.read(path: path, limits: .sparkDirectory), file: path)
    }

    /// Loads a directory from text.
    /// - Parameters:
    ///   - yaml: The directory file's contents.
    ///   - file: The path to name in diagnostics.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    public init(yaml: String, file: String = "<directory>") throws(DiagnosticsError) {
        try self.init(bytes: Array(yaml.utf8), file: file)
    }

    /// Loads a directory from bytes.
    /// - Parameters:
    ///   - bytes: The directory file's contents, UTF-8.
    ///   - file: The path to name in diagnostics.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    public init(bytes: [UInt8], file: String) throws(DiagnosticsError) {
        let decoder = DirectoryDecoder()
        // The tree lives only for this expression: it is the largest thing a load holds, and
        // the index is built after it is freed.
        let decoded = decoder.decode(try YAMLParser.parse(bytes, file: file, limits: .sparkDirectory))
        guard let decoded else {
            throw DiagnosticsError(decoder.sink.diagnostics, sources: [file: String(decoding: bytes, as: UTF8.self)])
        }
        self.init(company: decoded.company, projects: decoded.projects, teamMembers: decoded.teamMembers,
                  lines: decoded.lines, contacts: decoded.contacts)
    }
}
