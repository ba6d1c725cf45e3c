import ArgumentParser
import InteractionLogging

/// The `switchboard` command: decision tables as data, from the command line.
@main
struct Switchboard: AsyncParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "switchboard",
        abstract: "Load, check and evaluate decision tables written in YAML.",
        discussion: """
            Exit codes: 0 success; 1 evaluation errors, invalid rules or findings; 64 bad usage.
            """,
        version: "0.1.0",
        subcommands: [Evaluate.self, Validate.self, Route.self, Table.self, Diff.self, Test.self, Replay.self, Explain.self, Serve.self]
    )
}
