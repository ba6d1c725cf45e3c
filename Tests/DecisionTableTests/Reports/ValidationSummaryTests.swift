@testable import DecisionTable
import DecisionTableReports
import Diagnostics
import Testing

/// The summary that leads a report too long to read whole.
@Suite struct ValidationSummaryTests {
    static func gap(_ message: String, cells: [InputCells]?, share: Double) -> Finding {
        Finding(
            Diagnostic(.error, code: .gap, message, at: SourceLocation(file: "t.yaml", line: 3, column: 5)),
            table: "t", cells: cells, share: share)
    }

    @Test("The gaps past those listed are named as such among the largest, not as everything")
    func unlistedGapsAreNotEverything() {
        let listed = (0..<(ValidationReport.screenful + 1)).map { k in
            Self.gap("table 't' decides nothing when a is \(k)", cells: [InputCells(input: "a", values: .values([.integer(k)]))], share: 0.001)
        }
        let unlisted = Self.gap("table 't' decides nothing in more of the input space than listed", cells: nil, share: 0.02)
        let whole = Self.gap("table 't' decides nothing", cells: [InputCells(input: "a", values: .any)], share: 0.01)
        let report = ValidationReport(file: "t.yaml", findings: listed + [unlisted, whole], source: "")
        let lines = report.text().split(separator: "\n")
        #expect(lines.contains("    2 %: in boxes not listed (more than a report keeps)"))
        #expect(lines.contains("    1 %: everything"))
        #expect(lines.contains("    0.1 %: a is 0"))
    }
}
