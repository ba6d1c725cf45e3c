import ArgumentParser
import Diagnostics
import Foundation
import InteractionLogging

/// The `switchboard` command: decision tables as data, from the command line.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Load, check and evaluate decision tables written in YAML or DMN.",
        discussion: """
            Exit codes: 0 success; 1 evaluation errors, invalid rules, findings, or a file that \
            cannot be read or written; 64 bad usage.
            """,
        version: "0.1.0",
        subcommands: [Evaluate.self, Validate.self, Route.self, Table.self, Diff.self, Test.self, Replay.self, Explain.self, Serve.self, Export.self]
    )

    /// Parses the arguments and runs the subcommand. Usage errors print the subcommand's
    /// usage (64), whether argument-parser finds them or running the command does; a read or
    /// write that fails prints why (1); standard output's reader going away stops the process
    /// quietly, by SIGPIPE, as other Unix tools stop.
    static func main() async {
        StandardStreams.claimClosedDescriptors()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if let unknown = unknownSubcommand(CommandLine.arguments.dropFirst().first) { exitForBadUsage(unknown) }
            exit(withError: error)
        }
        do {
            if var command = command as? AsyncParsableCommand {
                try await command.run()
            } else {
                try command.run()
            }
        } catch let failure as IOFailure {
            if failure.isClosedStandardOutput { StandardStreams.stopForClosedOutput() }
            StandardStreams.report("error: \(failure)\n")
            Foundation.exit(1)
        } catch let usage as ValidationError {
            // Bad usage that only running the command shows (the events hold several
            // interactions for a choice meant for one, an id the directory does not hold):
            // argument-parser would name the root command's usage, not the subcommand's.
            exitForBadUsage(usage.message, command: type(of: command))
        } catch {
            exit(withError: error)
        }
    }

    /// Prints a usage error as argument-parser prints those it finds, `Error: ...`, the
    /// command's `Usage:` line and where its help is, and exits 64.
    private static func exitForBadUsage(_ message: String, command: ParsableCommand.Type = Switchboard.self) -> Never {
        let name = command == Switchboard.self ? "switchboard" : "switchboard \(command._commandName)"
        StandardStreams.report(
            "Error: \(message)\nUsage: " + usageString(for: command) + "\n  See '\(name) --help' for more information.\n")
        Foundation.exit(ExitCode.validationFailure.rawValue)
    }

    /// "unknown subcommand 'valdate'; did you mean 'validate'?" when the first argument
    /// names no subcommand (and is not an option); nil otherwise.
    static func unknownSubcommand(_ word: String?) -> String? {
        guard let word, !word.hasPrefix("-") else { return nil }
        let names = configuration.subcommands.map { $0._commandName } + ["help"]
        guard !names.contains(word) else { return nil }
        return "unknown subcommand '\(word)'"
            + (Suggestion.nearest(to: word, in: names).map { "; did you mean '\($0)'?" }
                ?? " (one of \(names.dropLast().joined(separator: ", ")))")
    }
}
