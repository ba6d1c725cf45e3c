import Diagnostics
import Foundation

/// A YAML file's bytes and the path diagnostics name: the one way every YAML format of the
/// package (rules files, Spark directories, scenario files) is read before it is parsed.
package struct YAMLSource: Sendable {
    /// The path diagnostics name.
    package let file: String
    /// The file's contents.
    package let bytes: [UInt8]
    /// The size and depth caps of the format.
    package let limits: YAMLLimits

    /// Reads a file, refusing it before reading when it is over the size cap.
    /// - Throws: ``DiagnosticsError`` (`unreadable`, `too-large`) at the file's first line.
    package init(contentsOf url: URL, limits: YAMLLimits) throws(DiagnosticsError) {
        let path = url.isFileURL ? url.relativePath : url.path(percentEncoded: false)
        self.init(bytes: try SourceReader.read(path: path, limits: limits), file: path, limits: limits)
    }

    /// Contents already in memory (text handed to an initialiser, or a test's).
    package init(bytes: [UInt8], file: String, limits: YAMLLimits) {
        self.file = file
        self.bytes = bytes
        self.limits = limits
    }

    /// The file's text, for diagnostics' excerpts.
    package var text: String { String(decoding: bytes, as: UTF8.self) }

    /// The document's root node.
    /// - Throws: ``DiagnosticsError`` with every problem the parser found.
    package func parse() throws(DiagnosticsError) -> YAMLNode {
        try YAMLParser.parse(bytes, file: file, limits: limits)
    }

    /// The document as flat records, for a loader that reads its bulk without making nodes.
    /// - Throws: ``DiagnosticsError`` with every problem the parser found.
    package func document() throws(DiagnosticsError) -> YAMLDocument {
        try YAMLParser.document(bytes, file: file, limits: limits)
    }

    /// The error for problems found after parsing, with this file's text for excerpts.
    package func error(_ diagnostics: [Diagnostic], otherSources: [String: String] = [:]) -> DiagnosticsError {
        var sources = otherSources
        sources[file] = text
        return DiagnosticsError(diagnostics, sources: sources)
    }
}
