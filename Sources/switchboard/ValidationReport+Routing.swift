import DecisionTable
import Diagnostics
import InteractionLogging

extension ValidationReport {
    /// The report with routing's contract checked too, when the file says it is written for
    /// routing (`routing: aircall-to-spark`) and its tables loaded without errors.
    ///
    /// The engine knows no application, so the command line decides: a rules file meant for
    /// routing is valid only when the router can act on it, and every fact it cannot supply
    /// and output value it cannot apply is an error at the declaration to fix.
    func checkingRoutingContract() -> ValidationReport {
        guard header.routing != nil, let tables else { return self }
        let problems = RoutingContract.diagnostics(for: tables, header: header, file: file)
        guard !problems.isEmpty else { return self }
        var report = self
        report.findings += problems.map { Finding($0) }
        report.findings.sort { ($0.diagnostic.location, $0.diagnostic.code) < ($1.diagnostic.location, $1.diagnostic.code) }
        return report
    }
}
