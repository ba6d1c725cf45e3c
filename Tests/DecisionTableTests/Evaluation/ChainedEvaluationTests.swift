import DecisionTable
import Testing

/// Tables that read other tables' outputs.
@Suite struct ChainedEvaluationTests {
    /// `price` reads `size`'s output and is written first: evaluation must still run `size` first.
    static let parcels = """
        tables:
          - name: price
            hit: unique
            inputs:
              - name: size
                values: [large, small]
              - name: express
                type: boolean
            outputs:
              - name: cost
                type: integer
            rules:
              - id: small-standard
                when: { size: small, express: false }
                then: { cost: 4 }
              - id: small-express
                when: { size: small, express: true }
                then: { cost: 9 }
              - id: large
                when: { size: large }
                then: { cost: 15 }
          - name: sizing
            hit: first
            inputs:
              - name: weight
                type: integer
                min: 0
            outputs:
              - name: size
                values: [small, large]
            rules:
              - id: light
                when: { weight: "< 2" }
                then: { size: small }
              - id: heavy
                then: { size: large }
        """

    @Test(
        "A chained table reads its producer's output",
        arguments: [
            (1, false, "light", "small", "small-standard", 4),
            (1, true, "light", "small", "small-express", 9),
            (30, true, "heavy", "large", "large", 15),
        ])
    func chained(weight: Int, express: Bool, sizeRule: String, size: String, priceRule: String, cost: Int) throws {
        let tables = try DecisionTables(yaml: Self.parcels)
        #expect(tables.tables.map(\.name) == ["sizing", "price"])
        #expect(tables.facts.map(\.name).sorted() == ["express", "weight"])
        let result = try tables.evaluate(["weight": .integer(weight), "express": .boolean(express)])
        #expect(result.tables.map(\.winners) == [[sizeRule], [priceRule]])
        #expect(result["size"] == .single(.string(size)))
        #expect(result["cost"] == .single(.integer(cost)))
    }

    /// A count feeds an input declared 0 to 1 that no rule of `reader` constrains: the loader
    /// cannot rule out a count of 2, so evaluation must catch it.
    static func counted(readerRules: String) -> String {
        """
        tables:
          - name: counter
            hit: {collect: count}
            inputs:
              - name: flags
                type: integer
            outputs:
              - name: hits
                type: integer
                default: 0
            rules:
              - id: positive
                when: { flags: "> 0" }
                then: { hits: 1 }
              - id: large
                when: { flags: "> 10" }
                then: { hits: 1 }
          - name: reader
            hit: first
            inputs:
              - name: hits
                type: integer
                min: 0
                max: 1
              - name: urgent
                type: boolean
            outputs:
              - name: action
                values: [call, wait]
                default: wait
        \(readerRules)
        """
    }

    /// A rule that leaves `hits` out, and no rules at all: either way no column reads `hits`.
    static let readerRules = [
        (
            "a wildcard column",
            """
                rules:
                  - id: urgent
                    when: { urgent: true, hits: "-" }
                    then: { action: call }
            """
        ),
        ("no rules", "    rules: []"),
    ]

    @Test(
        "A chained value outside the input's range is an error even where no rule reads it",
        arguments: readerRules)
    func chainedValueOutOfRange(_ shape: String, readerRules: String) throws {
        let tables = try DecisionTables(yaml: Self.counted(readerRules: readerRules))
        let inRange = try tables.evaluate(["flags": .integer(5), "urgent": .boolean(false)])
        #expect(inRange["hits"] == .single(.integer(1)))
        #expect(inRange["action"] == .single(.string("wait")))

        let error = #expect(throws: EvaluationError.chainedValueOutOfRange(table: "reader", input: "hits", value: 2)) {
            try tables.evaluate(["flags": .integer(50), "urgent": .boolean(true)])
        }
        #expect(error?.description == "table 'reader' reads hits = 2, outside the input's declared range")
        // The hot path checks the same.
        let evaluator = tables.makeEvaluator()
        #expect(throws: EvaluationError.chainedValueOutOfRange(table: "reader", input: "hits", value: 2)) {
            try evaluator.evaluate(tables.encode(["flags": .integer(50), "urgent": .boolean(true)]))
        }
    }
}
