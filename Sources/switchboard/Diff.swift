import ArgumentParser
import DecisionTable
import Foundation
import Diagnostics
import InteractionLogging

extension Switchboard {
    /// `switchboard diff`: what an edit changes in the decisions.
    struct Diff: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Compare two versions of a rules file by what they decide.",
            discussion: """
                Reports a summary first (regions that decide differently, per table and per \
                output, and the rules deciding them before and after), then, table by table, \
                each region of the input space where the decided outputs differ, naming only the \
                inputs it constrains, with the old and new outputs and the deciding rules at \
                their file:line; and the tables, inputs and outputs added or removed. Reordered \
                rules, renamed ids and new descriptions that change no outcome report nothing. A \
                table that reads another table's outputs is also compared by its final outputs \
                over the facts a caller gives, through the tables it reads: rows for \
                '<table> (final)'.

                The comparison stays within --max-memory and --timeout; when a budget stops it, \
                the changes found so far are printed (they are exact) with a line saying which \
                comparison stopped.

                Exit codes: 0 the versions decide alike; 1 they differ (or a file is invalid); \
                2 the comparison is incomplete (a budget stopped it); 64 bad usage.
                """
        )

        @OptionGroup var format: FormatOption<HumanOrJSON>

        @OptionGroup var color: ColorOption

        @OptionGroup var analysis: AnalysisOptions

        @Argument(help: ArgumentHelp("The old rules file.", valueName: "old"))
        var old: String

        @Argument(help: ArgumentHelp("The new rules file.", valueName: "new"))
        var new: String

        func run() throws {
            // Loading is most of the time on large files: the two load at once.
            let loads = Loads()
            let paths = [old, new]
            DispatchQueue.concurrentPerform(iterations: 2) { i in
                loads.set(i, Result { () throws(DiagnosticsError) in try RulesFile.tables(paths[i]) })
            }
            var versions: [[TableDefinition]] = []
            for i in 0..<2 {
                switch loads.get(i) {
                case .success(let tables): versions.append(tables)
                case .failure(let error): DiagnosticsPrinter.print(error, colors: color.colors(on: STDERR_FILENO))
                }
            }
            guard versions.count == 2 else { throw ExitCode(1) }
            let diff = SemanticDiff.diff(old: versions[0], new: versions[1], budget: analysis.budget)
            analysis.endProgress()
            var output = Output.standardOutput()
            switch format.format {
            case .json: try output.write(diff.json.rendered + "\n")
            default: try output.write(diff.isEmpty && diff.isComplete ? "no change in what the rules decide\n" : diff.text)
            }
            try output.flush()
            if !diff.isComplete { throw ExitCode(2) }
            if !diff.isEmpty { throw ExitCode(1) }
        }
    }
}

/// The two files' load results, written from two threads.
private final class Loads: @unchecked Sendable {
    private let lock = NSLock()
    private var results: [Int: Result<[TableDefinition], DiagnosticsError>] = [:]

    func set(_ i: Int, _ result: Result<[TableDefinition], DiagnosticsError>) {
        lock.withLock { results[i] = result }
    }

    func get(_ i: Int) -> Result<[TableDefinition], DiagnosticsError> {
        lock.withLock { results[i]! }
    }
}
