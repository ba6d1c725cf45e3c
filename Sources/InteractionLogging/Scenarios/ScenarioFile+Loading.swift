import DecisionTable
import Foundation
import Diagnostics
import YAMLLoading

extension ScenarioFile {
    /// Loads a scenario file, the rules it names and its Spark directories, and checks every
    /// scenario against them.
    /// - Parameter url: The file; the paths it holds are relative to it.
    /// - Throws: ``DiagnosticsError`` with every problem found, in this file or in the files it
    ///   names, each with a position.
    public init(contentsOf url: URL) throws(DiagnosticsError) {
        let path = url.isFileURL ? url.relativePath : url.path(percentEncoded: false)
        try self.init(bytes: try SourceReader.read(path: path, limits: .rulesFile), file: path)
    }

    /// Loads scenarios from text.
    /// - Parameters:
    ///   - yaml: The scenario file's contents.
    ///   - file: The path to name in diagnostics; the paths the text holds are relative to its folder.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    public init(yaml: String, file: String = "<scenarios>") throws(DiagnosticsError) {
        try self.init(bytes: Array(yaml.utf8), file: file)
    }

    /// Loads scenarios from bytes.
    /// - Parameters:
    ///   - bytes: The scenario file's contents, UTF-8.
    ///   - file: The path to name in diagnostics; the paths the text holds are relative to its folder.
    /// - Throws: ``DiagnosticsError`` with every problem found.
    public init(bytes: [UInt8], file: String) throws(DiagnosticsError) {
        let decoder = ScenarioDecoder(path: file)
        let decoded = decoder.decode(try YAMLParser.parse(bytes, file: file, limits: .rulesFile))
        guard var decoded else {
            var sources = decoder.sources
            sources[file] = String(decoding: bytes, as: UTF8.self)
            throw DiagnosticsError(decoder.diagnostics, sources: sources)
        }
        // An inline directory's warnings point into this file.
        if decoded.warnings.contains(where: { $0.location.file == file }) {
            decoded.warningSources[file] = String(decoding: bytes, as: UTF8.self)
        }
        self = decoded
    }
}
