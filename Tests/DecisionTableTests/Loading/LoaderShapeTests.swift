import DecisionTable
import Diagnostics
import Testing
import YAMLLoading

/// Shapes of rules files that the loader reads by shortcuts: keys written in any order, large
/// mappings, integer cells at the edges of `Int`, list cells. Each is checked by what a user
/// sees: the rule that wins, the cell's text, the diagnostic and its position.
@Suite struct LoaderShapeTests {
    private func table(inputs: String, rules: String) -> String {
        """
        tables:
          - name: t
            hit: first
            inputs:
        \(inputs)
            outputs:
              - { name: out, values: [a, b, c] }
            rules:
        \(rules)
        """
    }

    private func winner(_ tables: DecisionTables, _ facts: [String: Value]) throws -> [String] {
        try #require(try tables.evaluate(facts).tables.first).winners
    }

    @Test func cellsWrittenInAnyOrderReadTheirOwnColumns() throws {
        let yaml = table(
            inputs: """
                      - { name: x, values: [p, q] }
                      - { name: y, values: [p, q] }
                      - { name: z, type: integer, min: 0, max: 9 }
                """,
            rules: """
                      - { id: r1, when: { z: 3, y: q, x: p }, then: { out: a } }
                      - { id: r2, when: { y: p, z: "4..9" }, then: { out: b } }
                      - { id: r3, then: { out: c } }
                """)
        let tables = try DecisionTables(yaml: yaml)
        #expect(try winner(tables, ["x": .string("p"), "y": .string("q"), "z": .integer(3)]) == ["r1"])
        #expect(try winner(tables, ["x": .string("q"), "y": .string("q"), "z": .integer(3)]) == ["r3"])
        #expect(try winner(tables, ["x": .string("q"), "y": .string("p"), "z": .integer(5)]) == ["r2"])
        #expect(try winner(tables, ["x": .string("q"), "y": .string("p"), "z": .integer(3)]) == ["r3"])
    }

    @Test func aKeyRepeatedInALargeMappingIsReportedAtItsSecondPlaceWithANoteAtItsFirst() throws {
        // More keys than the parser searches linearly, so repeats are found by its index.
        let keys = (0..<30).map { "  k\($0): \($0)" }.joined(separator: "\n")
        let yaml = "tables: []\nextra:\n\(keys)\n  k5: again\n  k29: again\n"
        let repeats = try repeatedKeys(yaml)
        #expect(repeats.map(\.at) == [Place(line: 33, column: 3), Place(line: 34, column: 3)])
        #expect(repeats.map(\.first) == [Place(line: 8, column: 3), Place(line: 32, column: 3)])
    }

    /// A line and column.
    private struct Place: Equatable {
        var line: Int
        var column: Int
    }

    /// The duplicate-key errors of a file: message, place, and the place of the note at the
    /// first occurrence.
    private func repeatedKeys(_ yaml: String) throws -> [(message: String, at: Place, first: Place?)] {
        let error = try #require(throws: DiagnosticsError.self) { try DecisionTables(yaml: yaml) }
        return error.diagnostics.filter { $0.code == "duplicate-key" }.map { diagnostic in
            (
                diagnostic.message, Place(line: diagnostic.location.line, column: diagnostic.location.column),
                diagnostic.notes.first.map { Place(line: $0.location.line, column: $0.location.column) }
            )
        }
    }

    @Test func keysAlikeInLengthAndFirstBytesAreTwoKeysUnlessEqual() throws {
        // The parser first compares keys by their length and first seven bytes: keys alike
        // there must still be told apart, and a repeat among them still found.
        let yaml = """
            tables: []
            extra: { abcdefgX1: 1, abcdefgX2: 2, abcdefgX1: 3, abcdefg: 4, abcdefh: 5, abcdefg: 6 }

            """
        let repeats = try repeatedKeys(yaml)
        #expect(repeats.map(\.message) == ["duplicate key 'abcdefgX1'", "duplicate key 'abcdefg'"])
        #expect(repeats.map(\.at) == [Place(line: 2, column: 38), Place(line: 2, column: 76)])
        #expect(repeats.map(\.first) == [Place(line: 2, column: 10), Place(line: 2, column: 52)])
    }

    @Test func aMappingOfManyKeysFindsItsOwnRepeatsOnlyAroundAMappingInIt() throws {
        // Past 16 keys a mapping's keys are looked up by text, each mapping's on its own: the
        // keys of a large mapping inside a large mapping repeat none of the outer one's.
        let outer = (0..<18).map { "  k\($0): \($0)" }.joined(separator: "\n")
        let nested = "  nested: { " + (0..<20).map { "k\($0): 1" }.joined(separator: ", ") + ", k3: 2 }"
        let yaml = "tables: []\nextra:\n" + outer + "\n" + nested + "\n  k2: again\n"
        func column(of text: String, from: Int = 0) -> Int {
            let line = Array(nested.utf8)
            let target = Array(text.utf8)
            for start in from..<line.count where line[start...].starts(with: target) { return start + 1 }
            return 0
        }
        let repeats = try repeatedKeys(yaml)
        #expect(repeats.map(\.message) == ["duplicate key 'k3'", "duplicate key 'k2'"])
        #expect(repeats.map(\.at) == [Place(line: 21, column: column(of: "k3: 2")), Place(line: 22, column: 3)])
        #expect(repeats.map(\.first) == [Place(line: 21, column: column(of: "k3: 1")), Place(line: 5, column: 3)])
    }

    @Test func shortScalarsReadAgainKeepTheirOwnTextAndQuoting() throws {
        // Short scalars are reused once read; each node keeps its own text, quoting and place.
        let yaml = "a: v1\nb: 'v1'\nv1: v2\nc: [v2, v1, \"v2\"]\n"
        let root = try YAMLParser.parse(Array(yaml.utf8), file: "s.yaml")
        guard case .mapping(let pairs) = root.content else {
            Issue.record("expected a mapping")
            return
        }
        #expect(pairs.map(\.key) == ["a", "b", "v1", "c"])
        #expect(pairs[0].value.content == .scalar("v1", quoted: false))
        #expect(pairs[1].value.content == .scalar("v1", quoted: true))
        #expect(pairs[2].keyLocation == SourceLocation(file: "s.yaml", line: 3, column: 1))
        guard case .sequence(let items) = pairs[3].value.content else {
            Issue.record("expected a list")
            return
        }
        #expect(items.map(\.content) == [.scalar("v2", quoted: false), .scalar("v1", quoted: false), .scalar("v2", quoted: true)])
        #expect(items.map(\.location.column) == [5, 9, 13])
    }

    @Test func integerCellsAtTheEdgesOfInt() throws {
        let yaml = table(
            inputs: "      - { name: n, type: integer }",
            rules: """
                      - { id: low, when: { n: "-9223372036854775808" }, then: { out: a } }
                      - { id: high, when: { n: "9223372036854775807" }, then: { out: b } }
                      - { id: zero, when: { n: "-0 .. 0" }, then: { out: c } }
                      - { id: above, when: { n: ">= 9223372036854775807" }, then: { out: a } }
                """)
        let tables = try DecisionTables(yaml: yaml)
        #expect(try winner(tables, ["n": .integer(.min)]) == ["low"])
        #expect(try winner(tables, ["n": .integer(.max)]) == ["high"])
        #expect(try winner(tables, ["n": .integer(0)]) == ["zero"])

        let overflow = table(
            inputs: "      - { name: n, type: integer }",
            rules: """
                      - { id: r1, when: { n: "9223372036854775808" }, then: { out: a } }
                      - { id: r2, when: { n: "< -9223372036854775809" }, then: { out: a } }
                """)
        let error = try #require(throws: DiagnosticsError.self) { try DecisionTables(yaml: overflow, file: "o.yaml") }
        #expect(error.diagnostics.map(\.code) == ["out-of-range", "type-mismatch"])
        #expect(error.diagnostics.map(\.location.line) == [9, 10])
    }

    @Test func listCellsKeepTheirTextAsWritten() throws {
        let yaml = table(
            inputs: """
                      - { name: x, values: [p, q, r] }
                      - { name: z, type: integer, min: 0, max: 9 }
                """,
            rules: """
                      - { id: r1, when: { x: [r, p, r], z: [1, "3..4", ">= 8"] }, then: { out: a } }
                      - { id: r2, when: { x: {not: [p, q]} }, then: { out: b } }
                """)
        let rules = try #require(try DecisionTables(yaml: yaml).tables.first).rules
        #expect(rules[0].conditions.map(\.text) == ["[r, p, r]", "[1, 3..4, >= 8]"])
        #expect(rules[0].conditions[0].values == [0, 2])
        #expect(rules[0].conditions[0].mentioned == [0, 2])
        #expect(rules[0].conditions[1].intervals?.ranges == [1...1, 3...4, 8...9])
        #expect(rules[1].conditions[0].text == "{not: [p, q]}")
        #expect(rules[1].conditions[0].values == [2])
        #expect(rules[1].conditions[0].mentioned == [0, 1])
    }
}
