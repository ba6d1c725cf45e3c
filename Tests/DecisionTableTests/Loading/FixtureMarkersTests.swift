import Testing

/// The marker reader is test code that decides what the fixtures expect, so it is tested too.
@Suite struct FixtureMarkersTests {
    @Test func readsCaretsUnderTheLineAbove() throws {
        let markers = try FixtureMarkers(
            parsing: """
                tables:
                  - name: contact
                #         ^ invalid-name "not a valid name"
                #   ^   ^ note duplicate-key

                """)
        #expect(markers.errors.map(\.position) == [.init(code: "invalid-name", line: 2, column: 11)])
        #expect(markers.errors.first?.excerpt == "not a valid name")
        #expect(
            markers.notes.map(\.position) == [
                .init(code: "duplicate-key", line: 2, column: 5), .init(code: "duplicate-key", line: 2, column: 9),
            ])
    }

    @Test func readsHeaders() throws {
        let markers = try FixtureMarkers(
            parsing: """
                # expect: empty-file at 1:1 "say \\"no\\""
                # expect: note syntax at 12:3
                # A comment that mentions ^ carets and expect: is not a marker.

                """)
        #expect(markers.errors.map(\.position) == [.init(code: "empty-file", line: 1, column: 1)])
        #expect(markers.errors.first?.excerpt == "say \"no\"")
        #expect(markers.notes.map(\.position) == [.init(code: "syntax", line: 12, column: 3)])
    }

    @Test(arguments: [
        "a: 1\n#  ^\n",
        "a: 1\n#  ^ \"no code\"\n",
        "a: 1\n#  ^ code \"unclosed\n",
        "#  ^ code\n",
        "# expect: code at line 3\n",
    ])
    func rejectsMalformedMarkers(_ text: String) {
        #expect(throws: FixtureMarkers.SyntaxError.self) { try FixtureMarkers(parsing: text) }
    }
}
