import DecisionTable
import Foundation
import Testing

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
        #expect(named.standardizedFileURL.resolvingSymlinksInPath().path(percentEncoded: false)
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
