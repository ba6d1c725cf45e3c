import ArgumentParser
import DecisionTable
import Foundation
import JSONLines
import DecisionTableReports
import InteractionLogging

extension Switchboard {
    /// `switchboard validate`: prove that the tables decide every input exactly once.
    struct Validate: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Check rules files: gaps, overlaps, shadowed, duplicate and subsumed rules, unused values.",
            discussion: """
                Every table is analysed exactly, over intervals and value sets, never by listing
                combinations. Findings print compiler-style with the source line and a caret,
                then a summary line.

                Exit codes: 0 no errors; 1 errors (or warnings with --strict); 64 bad usage.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case human, json
        }

        @Option(help: "Output format: human or json.")
        var format: Format = .human

        @Flag(help: "Treat warnings as errors for the exit code.")
        var strict = false

        @Argument(help: ArgumentHelp("Rules files.", valueName: "file"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one rules file") }
        }

        func run() throws {
            let reports = files.map { Validator.validate(contentsOf: URL(filePath: $0)) }
            let errors = reports.reduce(0) { $0 + $1.errorCount }
            let warnings = reports.reduce(0) { $0 + $1.warningCount }
            var output = StandardOutput()
            switch format {
            case .json:
                let document = JSONValue.object([
                    ("diagnostics", .array(reports.flatMap(\.jsonDiagnostics))),
                    ("summary", .object([("errors", .integer(errors)), ("warnings", .integer(warnings))])),
                ])
                output.write(document.rendered + "\n")
            case .human:
                let colors = isatty(STDOUT_FILENO) == 1 && ProcessInfo.processInfo.environment["NO_COLOR"] == nil
                for report in reports {
                    output.write(report.text(colors: colors))
                    output.write(report.summaryLine + "\n")
                }
            }
            output.flush()
            if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
        }
    }
}
