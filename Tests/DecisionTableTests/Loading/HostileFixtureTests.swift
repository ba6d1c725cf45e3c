import DecisionTable
import Foundation
import Testing
import Diagnostics

/// Loads every hostile rules file in `Tests/Fixtures/` and checks that the loader reports
/// exactly the errors its markers expect (see ``FixtureMarkers``): same codes, same lines,
/// same columns, nothing more.
@Suite struct HostileFixtureTests {
    @Test func thereAreEnoughFixtures() {
        #expect(Fixtures.names.count >= 30, "no fixtures found in \(Fixtures.directory.path)")
    }

    @Test(arguments: Fixtures.names)
    func reportsExactlyTheMarkedErrors(_ name: String) throws {
        let url = Fixtures.url(name)
        let path = url.path(percentEncoded: false)
        let text = String(decoding: try Data(contentsOf: url), as: UTF8.self)
        let markers = try FixtureMarkers(parsing: text)
        try #require(!markers.errors.isEmpty, "\(name) has no marker: every fixture expects an error")

        let error = try #require(throws: DiagnosticsError.self) {
            try DecisionTables(contentsOf: url)
        }
        let errors = error.diagnostics.filter { $0.severity == .error }
        let found = Set(errors.map(position))
        let expected = Set(markers.errors.map(\.position))
        #expect(
            found == expected,
            """
            missing: \(expected.subtracting(found).sorted())
            unexpected: \(errors.filter { !expected.contains(position($0)) }.map(\.description))
            """)

        for diagnostic in error.diagnostics {
            #expect(!diagnostic.message.isEmpty, "\(diagnostic) has no message")
            #expect(diagnostic.location.file == path, "\(diagnostic) names another file")
            for note in diagnostic.notes {
                #expect(!note.message.isEmpty, "a note of \(diagnostic) has no message")
            }
        }
        for marker in markers.errors {
            guard let excerpt = marker.excerpt else { continue }
            let messages = errors.filter { position($0) == marker.position }.map(\.message)
            #expect(messages.contains { $0.contains(excerpt) }, "\(marker): messages were \(messages)")
        }
        for marker in markers.notes {
            let notes = errors.filter { $0.code == marker.code }.flatMap(\.notes)
            let places = notes.map { "\($0.location.line):\($0.location.column)" }
            #expect(
                notes.contains { $0.location.line == marker.line && $0.location.column == marker.column },
                "\(marker) is not a note of a \(marker.code) error; notes are at \(places)")
            if let excerpt = marker.excerpt {
                #expect(notes.contains { $0.message.contains(excerpt) }, "\(marker): notes were \(notes.map(\.message))")
            }
        }
    }

    private func position(_ diagnostic: Diagnostic) -> FixtureMarkers.Position {
        FixtureMarkers.Position(code: diagnostic.code, line: diagnostic.location.line, column: diagnostic.location.column)
    }
}
