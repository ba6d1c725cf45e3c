import Foundation
import Testing

/// The commands on DMN models, as a DMN author runs them.
@Suite struct DMNCommandTests {
    static let model = "Examples/loan-approval.dmn"

    @Test func validateReportsExactGapsAtTheXML() throws {
        let result = try CommandRunner.run(["validate", Self.model])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                Examples/loan-approval.dmn:17:5: error: [gap] table 'Approval Status' decides nothing when Age is >= 18, RiskCategory is not one of "High", "Low", "Medium", isAffordable is any
                    <decisionTable id="approval-table" hitPolicy="UNIQUE">
                    ^
                Examples/loan-approval.dmn:17:5: error: [gap] table 'Approval Status' decides nothing when Age is [18..21), RiskCategory is Low or Medium, isAffordable is true
                    <decisionTable id="approval-table" hitPolicy="UNIQUE">
                    ^
                Examples/loan-approval.dmn:17:5: error: [gap] table 'Approval Status' decides nothing when Age is > 99.5, RiskCategory is High, isAffordable is any
                    <decisionTable id="approval-table" hitPolicy="UNIQUE">
                    ^
                Examples/loan-approval.dmn: 3 errors, 0 warnings

                """)
    }

    @Test func evaluateGivesDecisionsInDMNShape() throws {
        let input = """
            {"Age": 18, "RiskCategory": "High", "isAffordable": true}
            {"Age": 30.25, "RiskCategory": "Medium", "isAffordable": true}
            {"Age": 19, "RiskCategory": "Low", "isAffordable": true}
            {"Age": "old", "RiskCategory": "Low", "isAffordable": true}
            not json
            """
        let result = try CommandRunner.run(["evaluate", "--rules", Self.model, "-"], stdin: input + "\n")
        #expect(
            result.lines == [
                #"{"Approval Status": "Declined"}"#,
                #"{"Approval Status": "Approved"}"#,
                #"{"Approval Status": null}"#,
                #"{"Approval Status": null}"#,
                #"{"file": "<stdin>", "line": 5, "column": 1, "error": "invalid JSON: expected 'null'"}"#,
            ])
        #expect(result.stderr == "<stdin>:4:1: fact 'Age': expected a number, found the string \"old\"\n")
        #expect(result.status == 1)
    }

    @Test func unsupportedConstructsArePositionedErrors() throws {
        let result = try CommandRunner.run(["evaluate", "--rules", "Tests/Fixtures/dmn/unsupported.dmn", "--facts", "{}"])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                "Tests/Fixtures/dmn/unsupported.dmn:12:9: error: dates, times and durations ('date(\"2020-01-01\")') is not supported in an input entry"
            ))
    }

    @Test func exportedShippedRulesReimportUnchanged() throws {
        let folder = FileManager.default.temporaryDirectory.appending(path: "switchboard-dmn-\(UUID().uuidString)")
        try FileManager.default.createDirectory(at: folder, withIntermediateDirectories: true)
        let exported = folder.appending(path: "exported.dmn").path(percentEncoded: false)
        let export = try CommandRunner.run(["export", "--format", "dmn", "rules/interaction-logging.yaml", "--output", exported])
        #expect(export.status == 0 && export.stderr == "")
        let diff = try CommandRunner.run(["diff", "rules/interaction-logging.yaml", exported])
        #expect(diff.stdout == "no change in what the rules decide\n")
        #expect(diff.status == 0)
        let text = try String(contentsOfFile: exported, encoding: .utf8)
        #expect(text.contains(#"<definitions xmlns="https://www.omg.org/spec/DMN/20191111/MODEL/""#))
        // A shape for each of the 5 decisions and each input data.
        let count = { (tag: String) in text.components(separatedBy: tag).count - 1 }
        #expect(count("<decision ") == 5)
        #expect(count("<dmndi:DMNShape ") == count("<decision ") + count("<inputData "))
        #expect(count("<dmndi:DMNEdge ") == count("<informationRequirement "))
    }
}

extension DMNCommandTests {
    @Test func scenariosRunAgainstADMNModel() throws {
        let result = try CommandRunner.run(["test", "Tests/Fixtures/dmn/loan-approval.scenarios.yaml"])
        #expect(result.status == 0, "\(result.stdout)\(result.stderr)")
        #expect(result.stdout.contains("2 scenarios: 2 passed, 0 failed"), "\(result.stdout)")
    }
}
