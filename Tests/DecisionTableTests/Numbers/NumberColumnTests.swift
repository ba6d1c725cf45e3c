import DecisionTable
import Testing

/// What users see of number and free string columns: gap rows in decimal intervals and
/// "not one of", exact aggregations, and the output-order hit policy.
@Suite struct NumberColumnTests {
    static let approval = """
        tables:
          - name: approval
            inputs:
              - { name: age, type: number, min: 0 }
              - { name: risk, type: string }
            outputs:
              - { name: status, values: [Approved, Declined] }
            rules:
              - { id: adult, when: { age: ">= 21", risk: [Low, Medium] }, then: { status: Approved } }
              - { id: young, when: { age: "[0..18]", risk: [Low, Medium] }, then: { status: Declined } }
              - { id: high, when: { risk: High }, then: { status: Declined } }
        """

    @Test func gapsAreWordedInNumbersAndStrings() {
        let report = Validator.validate(yaml: Self.approval, file: "approval.yaml")
        let gaps = report.findings.filter { $0.diagnostic.code == "gap" }.map(\.diagnostic.message)
        #expect(
            gaps == [
                "table 'approval' decides nothing when age is any, risk is not one of \"High\", \"Low\", \"Medium\"",
                "table 'approval' decides nothing when age is (18..21), risk is Low or Medium",
            ])
        let json = report.findings.first { $0.diagnostic.message.contains("(18..21)") }?.json(file: "approval.yaml").rendered
        #expect(json?.contains(#""age": {"numbers": ["(18..21)"]}"#) == true)
    }

    @Test func factsAreEncodedExactly() throws {
        let tables = try DecisionTables(yaml: Self.approval)
        let at = { (age: String, risk: String) throws -> OutputValue? in
            try tables.evaluate(["age": .number(DecimalNumber(exactly: age)!), "risk": .string(risk)])["status"]
        }
        #expect(try at("18", "Low") == .single(.string("Declined")))
        #expect(try at("21", "Medium") == .single(.string("Approved")))
        #expect(throws: EvaluationError.self) { try at("18.000001", "Low") }
        #expect(throws: EvaluationError.self) { try at("-0.5", "High") }
    }

    @Test func collectSumsNumbersExactly() throws {
        let tables = try DecisionTables(
            yaml: """
                tables:
                  - name: fees
                    hit: { collect: sum }
                    inputs:
                      - { name: amount, type: number }
                    outputs:
                      - { name: fee, type: number }
                    rules:
                      - { id: base, when: { amount: "> 0" }, then: { fee: 0.1 } }
                      - { id: large, when: { amount: ">= 100" }, then: { fee: 0.2 } }
                      - { id: huge, when: { amount: ">= 1000" }, then: { fee: 98.83 } }
                """)
        let result = try tables.evaluate(["amount": .number(DecimalNumber(exactly: "1000")!)])
        #expect(result["fee"] == .single(.number(DecimalNumber(exactly: "99.13")!)))
        #expect(result.json.rendered.contains(#""fee": 99.13"#))
    }

    @Test func outputOrderListsByPriorityThenRuleOrder() throws {
        let tables = try DecisionTables(
            yaml: """
                tables:
                  - name: offers
                    hit: output-order
                    inputs:
                      - { name: n, type: integer }
                    outputs:
                      - { name: offer, values: [gold, silver, bronze] }
                    rules:
                      - { id: a, when: { n: ">= 0" }, then: { offer: bronze } }
                      - { id: b, when: { n: ">= 1" }, then: { offer: gold } }
                      - { id: c, when: { n: ">= 2" }, then: { offer: bronze } }
                      - { id: d, when: { n: ">= 0" }, then: { offer: silver } }
                """)
        let result = try tables.evaluate(["n": .integer(5)])
        #expect(result["offer"] == .list([.string("gold"), .string("silver"), .string("bronze"), .string("bronze")]))
        #expect(result.tables[0].winners == ["b", "d", "a", "c"])
        let one = try tables.evaluate(["n": .integer(0)])
        #expect(one["offer"] == .list([.string("silver"), .string("bronze")]))
    }
}
