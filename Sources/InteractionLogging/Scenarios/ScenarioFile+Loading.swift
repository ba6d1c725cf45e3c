import DecisionTable
import Foundation
import Diagnostics
import YAMLLoading

extension ScenarioFile {
    /// Loads a scenario file, the rules it names and its Spark directories, and checks every
    /// scenario against them.
    /// - Parameter url: The file; the paths it holds are relative to it.
    /// - Throws: `DiagnosticsError` with every problem found, in this file or in the files it
    ///   names, each with a position.
    public init(contentsOf url: URL) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(contentsOf: url, limits: .rulesFile), overrides: Overrides())
    }

    /// Loads a scenario file with some of its choices replaced: another version of the rules,
    /// another directory, or the company setting.
    /// - Parameters:
    ///   - url: The file; the paths it holds are relative to it.
    ///   - overrides: What replaces the file's own choices.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(contentsOf url: URL, overrides: Overrides) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(contentsOf: url, limits: .rulesFile), overrides: overrides)
    }

    /// Loads scenarios from text.
    /// - Parameters:
    ///   - yaml: The scenario file's contents.
    ///   - file: The path to name in diagnostics; the paths the text holds are relative to its folder.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(yaml: String, file: String = "<scenarios>") throws(DiagnosticsError) {
        try self.init(source: YAMLSource(bytes: Array(yaml.utf8), file: file, limits: .rulesFile), overrides: Overrides())
    }

    /// Loads scenarios from bytes.
    /// - Parameters:
    ///   - bytes: The scenario file's contents, UTF-8.
    ///   - file: The path to name in diagnostics; the paths the text holds are relative to its folder.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(bytes: [UInt8], file: String) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(bytes: bytes, file: file, limits: .rulesFile), overrides: Overrides())
    }

    private init(source: YAMLSource, overrides: Overrides) throws(DiagnosticsError) {
        let decoder = ScenarioDecoder(path: source.file, overrides: overrides)
        let decoded = decoder.decode(try source.parse())
        guard var decoded else { throw source.error(decoder.diagnostics, otherSources: decoder.sources) }
        // An inline directory's warnings point into this file.
        if decoded.warnings.contains(where: { $0.location.file == source.file }) {
            decoded.warningSources[source.file] = source.text
        }
        self = decoded
    }
}
