import DecisionTable
import Diagnostics
import Testing

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
        let error = try #require(throws: DiagnosticsError.self) { try DecisionTables(yaml: yaml, file: "big.yaml") }
        let repeats = error.diagnostics.filter { $0.code == "duplicate-key" }
        #expect(
            repeats.map(\.location) == [
                SourceLocation(file: "big.yaml", line: 33, column: 3), SourceLocation(file: "big.yaml", line: 34, column: 3),
            ])
        #expect(
            repeats.map { $0.notes.map(\.location) } == [
                [SourceLocation(file: "big.yaml", line: 8, column: 3)], [SourceLocation(file: "big.yaml", line: 32, column: 3)],
            ])
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
