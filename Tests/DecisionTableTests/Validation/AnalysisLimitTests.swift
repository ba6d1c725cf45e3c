import DecisionTable
import Testing

/// A table wider than the analysis handles is refused at the table, never half-analysed: a
/// validator that skipped inputs past the 64th would miss gaps that evaluation then hits.
@Suite struct AnalysisLimitTests {
    /// A `unique` table over `width` boolean inputs with one rule for `flag_0` true: every
    /// input where `flag_0` is false is a gap.
    static func table(width: Int) -> String {
        let inputs = (0..<width).map { "      - { name: flag_\($0), type: boolean }" }.joined(separator: "\n")
        return """
            tables:
              - name: wide
                inputs:
            \(inputs)
                outputs:
                  - { name: result, values: [yes] }
                rules:
                  - id: first-flag
                    when: { flag_0: true }
                    then: { result: yes }
            """
    }

    @Test func tablesPastTheLimitAreRefusedAtTheTable() throws {
        let report = Validator.validate(yaml: Self.table(width: 66), file: "wide.yaml")
        let finding = try #require(report.findings.first)
        #expect(report.findings.count == 1)
        #expect(finding.diagnostic.code == "too-many-inputs")
        #expect(finding.diagnostic.severity == .error)
        #expect(finding.diagnostic.location.line == 2)
        #expect(finding.diagnostic.message.contains("66 inputs"))
    }

    @Test func tablesAtTheLimitAreAnalysed() {
        let report = Validator.validate(yaml: Self.table(width: 64), file: "wide.yaml")
        let gaps = report.findings.filter { $0.diagnostic.code == "gap" }
        #expect(gaps.count == 1)
        #expect(gaps.first?.diagnostic.message.contains("flag_0 is false") == true)
        #expect(!report.findings.contains { $0.diagnostic.code == "too-many-inputs" })
    }
}
