import ArgumentParser
import DecisionTable
import Foundation

/// `--rules FILE`, shared by the subcommands that evaluate a rules file.
struct RulesOption: ParsableArguments {
    @Option(name: .long, help: ArgumentHelp("The rules file (YAML).", valueName: "file"))
    var rules: String

    /// Loads the rules, printing diagnostics and exiting with 1 when they are invalid.
    func load() throws -> DecisionTables { try Self.load(rules) }

    /// Loads a rules file, printing diagnostics and exiting with 1 when it is invalid.
    static func load(_ path: String) throws -> DecisionTables {
        do {
            return try DecisionTables(contentsOf: URL(filePath: path))
        } catch {
            DiagnosticsPrinter.print(error)
            throw ExitCode(1)
        }
    }
}
