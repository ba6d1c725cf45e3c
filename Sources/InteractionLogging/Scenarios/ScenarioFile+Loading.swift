import DecisionTable
import Foundation
import Diagnostics
import YAMLLoading

extension ScenarioFile {
    /// Reads the rules file at a path, throwing its diagnostics.
    public typealias RulesLoader = @Sendable (String) throws(DiagnosticsError) -> DecisionTables

    /// Reads a YAML rules file.
    public static let yamlRules: RulesLoader = { (path: String) throws(DiagnosticsError) in
        try DecisionTables(contentsOf: URL(filePath: path))
    }

    /// Loads a scenario file, the rules it names and its Spark directories, and checks every
    /// scenario against them.
    /// - Parameters:
    ///   - url: The file; the paths it holds are relative to it.
    ///   - loadRules: Reads the rules file the scenarios name (YAML by default).
    /// - Throws: `DiagnosticsError` with every problem found, in this file or in the files it
    ///   names, each with a position.
    public init(contentsOf url: URL, loadRules: @escaping RulesLoader = yamlRules) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(contentsOf: url, limits: .rulesFile), overrides: Overrides(), loadRules: loadRules)
    }

    /// Loads a scenario file with some of its choices replaced: another version of the rules,
    /// another directory, or the company setting.
    /// - Parameters:
    ///   - url: The file; the paths it holds are relative to it.
    ///   - overrides: What replaces the file's own choices.
    ///   - loadRules: Reads the rules file the scenarios name (YAML by default).
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(contentsOf url: URL, overrides: Overrides, loadRules: @escaping RulesLoader = yamlRules) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(contentsOf: url, limits: .rulesFile), overrides: overrides, loadRules: loadRules)
    }

    /// Loads scenarios from text.
    /// - Parameters:
    ///   - yaml: The scenario file's contents.
    ///   - file: The path to name in diagnostics; the paths the text holds are relative to its folder.
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(yaml: String, file: String = "<scenarios>") throws(DiagnosticsError) {
        try self.init(source: YAMLSource(bytes: Array(yaml.utf8), file: file, limits: .rulesFile), overrides: Overrides(), loadRules: Self.yamlRules)
    }

    /// Loads scenarios from bytes.
    /// - Parameters:
    ///   - bytes: The scenario file's contents, UTF-8.
    ///   - file: The path to name in diagnostics; the paths the text holds are relative to its folder.
    ///   - loadRules: Reads the rules file the scenarios name (YAML by default).
    /// - Throws: `DiagnosticsError` with every problem found.
    public init(bytes: [UInt8], file: String, loadRules: @escaping RulesLoader = yamlRules) throws(DiagnosticsError) {
        try self.init(source: YAMLSource(bytes: bytes, file: file, limits: .rulesFile), overrides: Overrides(), loadRules: loadRules)
    }

    private init(source: YAMLSource, overrides: Overrides, loadRules: @escaping RulesLoader) throws(DiagnosticsError) {
        let decoder = ScenarioDecoder(path: source.file, overrides: overrides, loadRules: loadRules)
        let decoded = decoder.decode(try source.parse())
        guard var decoded else { throw source.error(decoder.diagnostics, otherSources: decoder.sources) }
        // An inline directory's warnings point into this file.
        if decoded.warnings.contains(where: { $0.location.file == source.file }) {
            decoded.warningSources[source.file] = source.text
        }
        self = decoded
    }
}
