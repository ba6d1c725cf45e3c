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
                Every table is analysed exactly, over intervals and value sets, never by listing \
                combinations. A file that says it is written for routing (routing: \
                aircall-to-spark) must also read only facts routing supplies and produce \
                only values it applies. Findings print compiler-style with the source line and a caret, \
                then a summary line; when a kind has more than 20 findings, a summary (counts by \
                kind, the largest gaps) leads and each kind prints its first 20 unless --all.

                The analysis stays within --max-memory and --timeout. When a budget stops it, \
                an [incomplete] finding says what was proved (findings so far, the share of the \
                input space analysed, whether overlaps and shadowed rules were all checked), and \
                every gap listed is a concrete undecided input.

                Exit codes: 0 no errors; 1 errors (or warnings with --strict); 2 the analysis is \
                incomplete (a budget stopped it; the findings so far are printed); 64 bad usage.
                """
        )

        @OptionGroup var format: FormatOption<HumanOrJSON>

        @OptionGroup var color: ColorOption

        @Flag(help: "Treat warnings as errors for the exit code.")
        var strict = false

        @Flag(help: "Print every finding, not a screenful of each kind.")
        var all = false

        @OptionGroup var analysis: AnalysisOptions

        @Argument(help: ArgumentHelp("Rules files (YAML, or DMN models ending in .dmn).", valueName: "file"))
        var files: [String]

        func validate() throws {
            if files.isEmpty { throw ValidationError("give at least one rules file") }
        }

        func run() throws {
            let budget = analysis.budget
            let reports = files.map { RulesFile.validate($0, budget: budget).checkingRoutingContract() }
            analysis.endProgress()
            let errors = reports.reduce(0) { $0 + $1.errorCount }
            let warnings = reports.reduce(0) { $0 + $1.warningCount }
            var output = Output.standardOutput()
            switch format.format {
            case .json:
                // `{"diagnostics": [...], "summary": {...}}`, written a finding at a time and
                // handed on a block at a time: a table with a hundred thousand findings is a
                // hundred megabytes of JSON, which need not be held as one value or one text.
                var writer = JSONWriter(capacity: Output.blockSize)
                writer.append("{\"diagnostics\": [")
                var first = true
                for report in reports {
                    for finding in report.findings {
                        if !first { writer.append(", ") }
                        first = false
                        writer.append(finding.json(file: report.file))
                        if writer.count >= Output.blockSize {
                            try output.write(bytes: writer.finish())
                            writer = JSONWriter(capacity: Output.blockSize)
                        }
                    }
                }
                writer.append("], \"summary\": ")
                writer.append(
                    JSONValue.object([
                        ("errors", .integer(errors)), ("warnings", .integer(warnings)),
                        ("complete", .bool(reports.allSatisfy(\.isComplete))),
                    ]))
                writer.append("}\n")
                try output.write(bytes: writer.finish())
            default:
                let colors = color.colors(on: STDOUT_FILENO)
                for report in reports {
                    try output.write(report.text(colors: colors, all: all))
                    try output.write(report.summaryLine + "\n")
                }
            }
            try output.flush()
            if !reports.allSatisfy(\.isComplete) { throw ExitCode(2) }
            if errors > 0 || (strict && warnings > 0) { throw ExitCode(1) }
        }
    }
}
