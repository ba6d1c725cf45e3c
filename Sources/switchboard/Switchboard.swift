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
    /// usage (64); a read or write that fails prints why (1); standard output's reader going
    /// away stops the process quietly, by SIGPIPE, as other Unix tools stop.
    static func main() async {
        StandardStreams.claimClosedDescriptors()
        var command: ParsableCommand
        do {
            command = try parseAsRoot()
        } catch {
            if let unknown = unknownSubcommand(CommandLine.arguments.dropFirst().first) {
                StandardStreams.report("Error: \(unknown)\nUsage: " + usageString() + "\n  See 'switchboard --help' for more information.\n")
                Foundation.exit(ExitCode.validationFailure.rawValue)
            }
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
        } catch let usage as UsageError {
            StandardStreams.report(
                "Error: \(usage.message)\n" + usageString(for: usage.command)
                    + "\n  See '\(helpCommand(usage.command))' for more information.\n")
            Foundation.exit(ExitCode.validationFailure.rawValue)
        } catch {
            exit(withError: error)
        }
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

    /// `switchboard route --help`.
    private static func helpCommand(_ command: ParsableCommand.Type) -> String {
        let name = command.configuration.commandName ?? String(describing: command).lowercased()
        return "switchboard \(name) --help"
    }
}

/// Bad usage that only running the command shows (the events hold several interactions for
/// a choice meant for one): printed with the subcommand's usage, exit status 64. Everything
/// the arguments alone show is checked in `validate()`.
struct UsageError: Error {
    var command: ParsableCommand.Type
    var message: String

    init(_ command: ParsableCommand.Type, _ message: String) {
        self.command = command
        self.message = message
    }
}
