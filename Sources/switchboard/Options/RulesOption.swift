import ArgumentParser
import DecisionTable
import Diagnostics
import Foundation
import InteractionLogging

/// `--rules FILE`: the rules a subcommand applies, the built-in interaction-logging rules
/// when it is not given. Every subcommand that applies one rules file reads it this way.
struct RulesOption: ParsableArguments {
    @Option(
        help: ArgumentHelp(
            "The rules file (YAML, or a DMN model ending in .dmn); default: the built-in interaction-logging rules.", valueName: "file"))
    var rules: String?

    init() {}

    /// Rules chosen by path; `nil` means the built-in rules.
    init(rules: String?) {
        self.rules = rules
    }

    /// The rules' name for messages: the path, or "the built-in rules".
    var name: String { rules ?? "the built-in rules" }

    /// Loads and compiles the rules.
    /// - Throws: `ExitCode(1)` after printing the diagnostics when they cannot be loaded.
    func load(colors: Bool) throws -> DecisionTables {
        guard let rules else {
            do {
                return try ShippedRules.tables()
            } catch {
                DiagnosticsPrinter.print(error, colors: colors)
                throw ExitCode(1)
            }
        }
        return try Self.load(rules, colors: colors)
    }

    /// Loads and compiles a rules file (YAML, or DMN for a `.dmn` path).
    /// - Throws: `ExitCode(1)` after printing the diagnostics when it cannot be loaded.
    static func load(_ path: String, colors: Bool) throws -> DecisionTables {
        do {
            return try RulesFile.decisionTables(path)
        } catch {
            DiagnosticsPrinter.print(error, colors: colors)
            throw ExitCode(1)
        }
    }
}
