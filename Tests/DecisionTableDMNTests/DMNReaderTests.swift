import DecisionTable
import DecisionTableReports
import Diagnostics
import JSONLines
import DecisionTableDMN
import Testing

/// Reading DMN: unsupported constructs are named at their position, and a table's findings
/// point at the XML.
@Suite struct DMNReaderTests {
    @Test func unsupportedConstructsAreNamedWithPositions() {
        let model = DMNReader.read(contentsOf: DMNFixtures.path("Tests/Fixtures/dmn/unsupported.dmn"))
        let found = model.diagnostics.map { "\($0.location.line):\($0.location.column) \($0.code) \($0.message)" }
        #expect(
            found == [
                "5:5 dmn-unsupported decision 'Literal' is a <literalExpression>; only decision tables are supported",
                "12:9 dmn-unsupported dates, times and durations ('date(\"2020-01-01\")') is not supported in an input entry (expected S-FEEL: literals, lists, comparisons, ranges, not(...) or -)",
                "17:9 dmn-unsupported the arithmetic expression 'When + \"x\"' is not supported in an output entry (expected a literal)",
                "21:3 dmn-unsupported business knowledge model 'Helper' is not supported (only decision tables are)",
            ])
        #expect(model.tables.isEmpty)
    }

    @Test func validateReportsGapsAtTheDecisionTable() {
        let model = DMNReader.read(contentsOf: DMNFixtures.path("Examples/loan-approval.dmn"))
        #expect(model.diagnostics.isEmpty)
        let findings = Validator.findings(for: model.tables)
        let gaps = findings.filter { $0.diagnostic.code == "gap" }
        #expect(
            gaps.map(\.diagnostic.message) == [
                "table 'Approval Status' decides nothing when Age is >= 18, RiskCategory is not one of \"High\", \"Low\", \"Medium\", isAffordable is any",
                "table 'Approval Status' decides nothing when Age is [18..21), RiskCategory is Low or Medium, isAffordable is true",
                "table 'Approval Status' decides nothing when Age is > 99.5, RiskCategory is High, isAffordable is any",
            ])
        #expect(gaps.allSatisfy { $0.diagnostic.location.line == 17 && $0.diagnostic.location.column == 5 })
    }

    @Test func evaluatesInDMNShape() throws {
        let model = DMNReader.read(contentsOf: DMNFixtures.path("Examples/loan-approval.dmn"))
        let runtime = DMNRuntime(model)
        let approved = runtime.evaluate(try JSONParser.parse(#"{"Age": 21, "RiskCategory": "Low", "isAffordable": true}"#))
        #expect(approved.decisions.rendered == #"{"Approval Status": "Approved"}"#)
        let gap = runtime.evaluate(try JSONParser.parse(#"{"Age": 19.5, "RiskCategory": "Low", "isAffordable": true}"#))
        #expect(gap.decisions.rendered == #"{"Approval Status": null}"#)
        #expect(gap.errors.isEmpty)
        let missing = runtime.evaluate(try JSONParser.parse(#"{"Age": 30, "isAffordable": true}"#))
        #expect(missing.decisions.rendered == #"{"Approval Status": null}"#)
        #expect(missing.errors.isEmpty)
    }
}
