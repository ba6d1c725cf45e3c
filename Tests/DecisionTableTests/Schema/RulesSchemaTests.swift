import DecisionTable
import Foundation
import Testing
import Diagnostics
import YAMLLoading
import JSONLines

/// `rules/schema/rules.schema.json` held to the loader: it accepts every shipped rules file,
/// rejects every hostile fixture with an error it can state (see ``SchemaExpressible``), and
/// accepts the fixtures whose errors are beyond it, so that an editor never flags what
/// `switchboard validate` accepts on those grounds.
@Suite struct RulesSchemaTests {
    @Test func theShippedRulesFilesAreFound() {
        let expected: Set = ["Examples/contact.yaml", "Examples/seed-table-as-written.yaml", "rules/interaction-logging.yaml"]
        #expect(Set(RulesSchema.shippedFiles).isSuperset(of: expected), "found \(RulesSchema.shippedFiles)")
    }

    @Test(arguments: RulesSchema.shippedFiles)
    func shippedRulesFileConforms(_ path: String) throws {
        let json = try RulesSchema.json(ofYAMLAt: RulesSchema.root.appending(path: path, directoryHint: .notDirectory))
        let failures = try RulesSchema.load().validate(json)
        #expect(failures.isEmpty, "\(path): \(failures)")
    }

    /// Editors with the YAML language server read the schema from a first-line comment, by a
    /// path relative to the file. `rules/interaction-logging.yaml` is a link: its path is
    /// relative to where the file really is, in the InteractionLogging resources.
    @Test(arguments: RulesSchema.shippedFiles)
    func shippedRulesFileNamesTheSchemaOnItsFirstLine(_ path: String) throws {
        let file = RulesSchema.root.appending(path: path, directoryHint: .notDirectory).resolvingSymlinksInPath()
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        let prefix = "# yaml-language-server: $schema="
        try #require(firstLine.hasPrefix(prefix), "\(path) starts with '\(firstLine)'")
        let named = URL(filePath: String(firstLine.dropFirst(prefix.count)), relativeTo: file.deletingLastPathComponent())
        #expect(
            named.standardizedFileURL.resolvingSymlinksInPath().path(percentEncoded: false)
                == RulesSchema.url.standardizedFileURL.resolvingSymlinksInPath().path(percentEncoded: false),
            "\(path) names \(named.standardizedFileURL.path(percentEncoded: false))")
    }

    @Test func enoughFixturesHaveErrorsTheSchemaStates() throws {
        let chosen = try Fixtures.names.filter { try !SchemaFixture($0).statedErrors.isEmpty }
        #expect(chosen.count >= 10, "only \(chosen)")
    }

    @Test(arguments: Fixtures.names)
    func fixtureIsRejectedExactlyWhenItHasAnErrorTheSchemaStates(_ name: String) throws {
        let fixture = try SchemaFixture(name)
        guard let json = fixture.json else {
            // YAML the loader refuses (a syntax error, an alias, a tag) has no tree to validate.
            #expect(fixture.statedErrors.isEmpty, "\(name) is not YAML the loader reads, yet expects \(fixture.statedErrors)")
            return
        }
        let failures = try RulesSchema.load().validate(json)
        if fixture.statedErrors.isEmpty {
            #expect(failures.isEmpty, "the schema is stricter than the loader on \(name): \(failures)")
        } else {
            #expect(!failures.isEmpty, "the schema accepts \(name), which expects \(fixture.statedErrors)")
        }
    }
}

/// A hostile fixture as the schema sees it.
private struct SchemaFixture {
    /// The fixture as JSON; nil when the engine's YAML parser refuses it.
    var json: JSONValue?
    /// The fixture's marked errors that the schema can state. The marker gives the code and the
    /// place; the loader's message there tells a shape from a value where the code is shared.
    var statedErrors: [FixtureMarkers.Marker]

    init(_ name: String) throws {
        let url = Fixtures.url(name)
        let markers = try FixtureMarkers(parsing: String(decoding: try Data(contentsOf: url), as: UTF8.self))
        var diagnostics: [Diagnostic] = []
        do {
            _ = try DecisionTables(contentsOf: url)
        } catch {
            diagnostics = error.diagnostics.filter { $0.severity == .error }
        }
        statedErrors = markers.errors.filter { marker in
            diagnostics.contains { diagnostic in
                diagnostic.code == marker.code && diagnostic.location.line == marker.line
                    && diagnostic.location.column == marker.column
                    && SchemaExpressible.covers(code: diagnostic.code, message: diagnostic.message)
            }
        }
        json = try? RulesSchema.json(ofYAMLAt: url)
    }
}

/// `rules/schema/scenarios.schema.json` held to the shipped scenario files (`*.scenarios.yaml`
/// in `rules/` and `Examples/`): each conforms and names the schema on its first line, and the
/// schema is not vacuous: it refuses the mistakes it describes.
@Suite struct ScenariosSchemaTests {
    static let url = RulesSchema.root.appending(path: "rules/schema/scenarios.schema.json", directoryHint: .notDirectory)

    static func load() throws -> JSONSchemaSubset {
        try JSONSchemaSubset(JSONParser.parse(String(decoding: try Data(contentsOf: url), as: UTF8.self)))
    }

    /// Found rather than listed, as `switchboard test` finds them.
    static var shippedFiles: [String] {
        ["Examples", "rules"].flatMap { folder in
            let directory = RulesSchema.root.appending(path: folder, directoryHint: .isDirectory)
            let names = (try? FileManager.default.contentsOfDirectory(atPath: directory.path(percentEncoded: false))) ?? []
            return names.filter { $0.hasSuffix(".scenarios.yaml") }.map { "\(folder)/\($0)" }
        }.sorted()
    }

    @Test func theShippedScenarioFilesAreFound() {
        #expect(Self.shippedFiles.contains("rules/interaction-logging.scenarios.yaml"), "found \(Self.shippedFiles)")
    }

    @Test(arguments: shippedFiles)
    func shippedScenarioFileConforms(_ path: String) throws {
        let json = try RulesSchema.json(ofYAMLAt: RulesSchema.root.appending(path: path, directoryHint: .notDirectory))
        let failures = try Self.load().validate(json)
        #expect(failures.isEmpty, "\(path): \(failures)")
    }

    @Test(arguments: shippedFiles)
    func shippedScenarioFileNamesTheSchemaOnItsFirstLine(_ path: String) throws {
        let file = RulesSchema.root.appending(path: path, directoryHint: .notDirectory).resolvingSymlinksInPath()
        let text = String(decoding: try Data(contentsOf: file), as: UTF8.self)
        let firstLine = text.prefix { $0 != "\n" }
        let prefix = "# yaml-language-server: $schema="
        try #require(firstLine.hasPrefix(prefix), "\(path) starts with '\(firstLine)'")
        let named = URL(filePath: String(firstLine.dropFirst(prefix.count)), relativeTo: file.deletingLastPathComponent())
        #expect(
            named.standardizedFileURL.resolvingSymlinksInPath().path(percentEncoded: false)
                == Self.url.standardizedFileURL.resolvingSymlinksInPath().path(percentEncoded: false))
    }

    @Test(
        "The schema refuses what it describes",
        arguments: [
            "scenarios: []",
            "rulez: x.yaml\nscenarios: [{ name: a, facts: { x: 1 }, expect: { y: 2 } }]",
            "scenarios: [{ name: a, expect: { status: logged } }]",
            "scenarios: [{ name: a, facts: { x: 1 }, event: { event: call.ended }, expect: { y: 2 } }]",
            "scenarios: [{ name: a, facts: { x: 1 }, directory: d.yaml, expect: { y: 2 } }]",
            "scenarios: [{ name: a, event: { event: call.ended }, table: t, expect: { status: logged } }]",
            "scenarios: [{ name: a, event: e.json, expect: { status: loged } }]",
            "scenarios: [{ name: a, event: e.json, expect: { satus: logged } }]",
            "scenarios: [{ name: a, event: e.json, expect: { actions: [assign] } }]",
            "scenarios: [{ name: a, event: e.json, company: { log_on_all_projects: yes }, expect: { status: logged } }]",
            "scenarios: [{ name: a, event: e.json, assignments: { projects: [] }, expect: { status: logged } }]",
            "directory: { contacts: [{ id: c-1, phone: x, email: y }] }\nscenarios: [{ name: a, event: e.json, expect: { status: logged } }]",
        ])
    func schemaRefuses(_ yaml: String) throws {
        let json = JSONValue(try YAMLParser.parse(Array(yaml.utf8), file: "<test>"))
        #expect(!(try Self.load().validate(json)).isEmpty, "accepted: \(yaml)")
    }
}
