import DecisionTable
import Diagnostics
import DecisionTableReports
import JSONLines
import Testing

/// `DecisionTables.explain`: the deciding rule with its position and description, and its
/// renderings for people and tools.
@Suite struct ExplanationTests {
    static let yaml = """
        tables:
          - name: size
            hit: first
            inputs: [{ name: n, type: integer, min: 0 }]
            outputs: [{ name: size, values: [small, large] }]
            rules:
              - id: small
                description: Under ten is small.
                when: { n: "< 10" }
                then: { size: small }
              - id: large
                when: { n: ">= 10" }
                then: { size: large }
        """

    @Test("The winner carries its description; a rule without one has none")
    func descriptions() throws {
        let tables = try DecisionTables(yaml: Self.yaml, file: "size.yaml")
        let small = try tables.explain(["n": .integer(3)])
        let winner = try #require(small.tables[0].winners.first)
        #expect(winner.id == "small")
        #expect(winner.location == SourceLocation(file: "size.yaml", line: 7, column: 9))
        #expect(winner.description == "Under ten is small.")
        #expect(small.text.contains("  won: rule 'small' at size.yaml:7:9\n    why: Under ten is small.\n"))
        let large = try tables.explain(["n": .integer(30)])
        #expect(large.tables[0].winners.map(\.description) == [nil])
        #expect(!large.text.contains("why:"))
    }

    @Test("The JSON form: per table the facts, the deciding rules with file, line and description, and the cells that stopped the others")
    func json() throws {
        let tables = try DecisionTables(yaml: Self.yaml, file: "size.yaml")
        let json = try tables.explain(["n": .integer(3)]).json
        #expect(
            json.rendered == """
                {"tables": [{"table": "size", "hit": "first", "file": "size.yaml", "line": 2, "facts": {"n": 3}, \
                "rules": [{"id": "small", "file": "size.yaml", "line": 7, "column": 9, "description": "Under ten is small."}], \
                "also_matched": [], "near_misses": [{"rule": {"id": "large", "file": "size.yaml", "line": 11, "column": 9, "description": null}, \
                "failed_cells": [{"input": "n", "value": 3, "condition": ">= 10", "line": 12, "column": 20}]}], \
                "defaults_applied": false, "outputs": {"size": "small"}}], "error": null}
                """)
    }
}
