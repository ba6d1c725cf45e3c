import DecisionTable
import Testing

/// Integer cells whose ends lie close together and far apart: the compiler finds the ends
/// of a column's intervals by marking them in a bitmap when they span less than about a
/// million, and by hashing otherwise. Every value at and around every end must decide as the
/// rules' own conditions say.
@Suite struct IntegerEndsTests {
    static func table(cells: [String]) -> String {
        let rules = cells.enumerated().map { i, cell in
            "      - { id: r\(i), when: { n: \"\(cell)\" }, then: { hit: r\(i) } }"
        }
        return """
            tables:
              - name: ends
                hit: collect
                inputs:
                  - { name: n, type: integer }
                outputs:
                  - { name: hit, type: string, default: none }
                rules:
            \(rules.joined(separator: "\n"))
            """
    }

    @Test(
        "every value at and next to an end matches exactly the rules whose cells hold it",
        arguments: [
            ["0..9", "5..20", "> 15", "< 3", "7", "20..20"],
            ["-3000000000..0", "5..10", "> 4000000000", "< -5000000000", "999999..1000001"],
            // Ends 0 to 1,048,575: a span just under 2^20, the widest the bitmap takes.
            ["0..0", "1048574..1048574", "< 0", "> 1048574"],
            // Ends 0 to 1,048,576: a span of 2^20, the narrowest that is hashed.
            ["1000000..1000000", "0..0", "< 0", ">= 1048576", "1048575"],
        ])
    func everyEndDecides(cells: [String]) throws {
        let tables = try DecisionTables(yaml: Self.table(cells: cells))
        let rules = tables.tables[0].rules
        let ends = rules.flatMap { $0.conditions[0].intervals?.ranges ?? [] }
            .flatMap { [$0.lowerBound, $0.upperBound] }
            .filter { $0 != .min && $0 != .max }
        let values = Set(ends.flatMap { [$0 - 1, $0, $0 + 1] } + [Int.min, Int.max, 0])
        for value in values.sorted() {
            let result = try tables.evaluate(["n": .integer(value)])
            let expected = rules.filter { $0.conditions[0].matches(value) }.map(\.id)
            #expect(result.tables[0].winners == expected, "n = \(value)")
        }
    }
}
