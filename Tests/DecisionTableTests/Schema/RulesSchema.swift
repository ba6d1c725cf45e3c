import DecisionTable
import Foundation
import YAMLLoading
import JSONLines

/// `rules/schema/rules.schema.json` and the rules files the package ships, found from this
/// source file's path as ``Fixtures`` are, so that the test target needs no resources.
enum RulesSchema {
    /// The package's root directory: the parent of `Tests/`.
    static let root: URL = Fixtures.directory.deletingLastPathComponent().deletingLastPathComponent()

    /// The schema file.
    static let url = root.appending(path: "rules/schema/rules.schema.json", directoryHint: .notDirectory)

    /// The schema, read through the engine's JSON parser.
    /// - Throws: When the file is unreadable, is not JSON, or uses a keyword the validator lacks.
    static func load() throws -> JSONSchemaSubset {
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        return try JSONSchemaSubset(JSONParser.parse(text))
    }

    /// The shipped rules files, relative to ``root``: every YAML file in `Examples/` and
    /// `rules/` with a top-level `tables:` line. Found rather than listed, so that a new
    /// example cannot ship unchecked; other YAML there (a Spark directory) has no `tables`.
    static var shippedFiles: [String] {
        ["Examples", "rules"].flatMap { folder in
            let directory = root.appending(path: folder, directoryHint: .isDirectory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))) ?? []
            return names.filter { name in
                guard name.hasSuffix(".yaml"),
                    let data = try? Data(contentsOf: directory.appending(path: name, directoryHint: .notDirectory))
                else { return false }
                return String(decoding: data, as: UTF8.self).split(separator: "\n").contains { $0.hasPrefix("tables:") }
            }.map { "\(folder)/\($0)" }
        }.sorted()
    }

    /// A YAML file as JSON, typed as the loader reads it (see `JSONValue.init(_: YAMLNode)`).
    /// - Throws: `DiagnosticsError` when the engine's YAML parser refuses the file.
    static func json(ofYAMLAt url: URL) throws -> JSONValue {
        let bytes = [UInt8](try Data(contentsOf: url))
        return JSONValue(try YAMLParser.parse(bytes, file: url.path(percentEncoded: false)))
    }
}
