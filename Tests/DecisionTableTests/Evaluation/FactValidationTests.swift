import DecisionTable
import Testing

/// Facts are checked against their domains before any table runs, and every problem is named.
@Suite struct FactValidationTests {
    static let yaml = """
        tables:
          - name: routing
            inputs:
              - name: weight
                type: integer
                min: 0
              - name: express
                type: boolean
              - name: region
                values: [north, south]
            outputs:
              - name: depot
                type: string
                default: central
            rules:
              - id: north-express
                when: { region: north, express: true }
                then: { depot: north }
        """

    static let valid: [String: Value] = [
        "weight": .integer(3), "express": .boolean(true), "region": .string("north"),
    ]

    static func problems(_ facts: [String: Value]) throws -> [FactProblem] {
        let tables = try DecisionTables(yaml: yaml)
        let error = #expect(throws: EvaluationError.self) { try tables.evaluate(facts) }
        guard case .invalidFacts(let problems)? = error else {
            Issue.record("expected invalid facts, got \(String(describing: error))")
            return []
        }
        return problems
    }

    @Test("Valid facts evaluate")
    func validFacts() throws {
        let result = try DecisionTables(yaml: Self.yaml).evaluate(Self.valid)
        #expect(result["depot"] == .single(.string("north")))
    }

    @Test(
        "Each kind of bad fact is named with what was expected",
        arguments: [
            ("missing", ["weight": nil], "weight", "missing fact 'weight' (an integer >= 0)"),
            ("unknown", ["wieght": .integer(3)], "wieght", "unknown fact 'wieght'; did you mean 'weight'?"),
            ("unknown, nothing near", ["colour": .string("red")], "colour", "unknown fact 'colour'"),
            ("an output", ["depot": .string("x")], "depot", "'depot' is decided by a table and cannot be given as a fact"),
            ("out of range", ["weight": .integer(-1)], "weight", "fact 'weight': -1 is not an integer >= 0"),
            (
                "not a value", ["region": .string("sout")], "region",
                "fact 'region': 'sout' is not one of north, south; did you mean 'south'?"
            ),
            (
                "wrong type", ["express": .string("yes")], "express",
                "fact 'express': expected true or false, found the string \"yes\""
            ),
            (
                "wrong type for an integer", ["weight": .boolean(true)], "weight",
                "fact 'weight': expected an integer >= 0, found the boolean true"
            ),
        ] as [(String, [String: Value?], String, String)])
    func badFact(_ what: String, change: [String: Value?], name: String, message: String) throws {
        var facts = Self.valid
        for (key, value) in change { facts[key] = value }
        #expect(try Self.problems(facts) == [FactProblem(name: name, message: message)])
    }

    @Test("Every problem is reported at once: facts in slot order, then unknown names sorted")
    func everyProblem() throws {
        let problems = try Self.problems(["weight": .integer(-2), "zeta": .integer(1), "alpha": .integer(1)])
        #expect(problems.map(\.name) == ["weight", "express", "region", "alpha", "zeta"])
    }

    @Test("The hot path's encoding rejects the same facts")
    func encode() throws {
        let tables = try DecisionTables(yaml: Self.yaml)
        #expect(throws: EvaluationError.self) { try tables.encode(["weight": .integer(1)]) }
        let vector = try tables.encode(Self.valid)
        #expect(vector.encoded.count == tables.facts.count)
    }
}
