import ArgumentParser
import DecisionTable
import Foundation

/// `--rules FILE`, shared by the subcommands that evaluate a rules file.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules file (YAML).", valueName: "file"))
    var rules: String

    /// Loads the rules, printing diagnostics and exiting with 1 when they are invalid.
    func load() throws -> DecisionTables {
        do {
            return try DecisionTables(contentsOf: URL(filePath: rules))
        } catch {
            DiagnosticsPrinter.print(error)
            throw ExitCode(1)
        }
    }
}
