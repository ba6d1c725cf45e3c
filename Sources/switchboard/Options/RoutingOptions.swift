import ArgumentParser
import DecisionTable
import Diagnostics
import Foundation
import InteractionLogging

/// The inputs of routing, shared by `route` and `replay`: the Spark directory, the threads
/// that route, and the events; and the one way both commands load them.
struct RoutingOptions: ParsableArguments {
    /// Each thread holds a router; past the cores a machine has, more only cost memory.
    static let maximumThreads = 64

    @Option(help: ArgumentHelp("The Spark directory (YAML).", valueName: "file"))
    var directory: String

    @OptionGroup var company: CompanySettingOption

    @Flag(help: "Treat directory warnings (an unreadable phone field, otherwise left out) as errors.")
    var strict = false

    @Option(help: "Threads that route in parallel (1 to \(Self.maximumThreads)).")
    var threads = 2

    @Argument(help: ArgumentHelp("Webhook files; '-' reads standard input.", valueName: "events"))
    var events: [String] = []

    func validate() throws {
        if threads < 1 { throw ValidationError("--threads must be at least 1") }
        if threads > Self.maximumThreads { throw ValidationError("--threads must be at most \(Self.maximumThreads)") }
    }

    /// Checks that events are given: call from `validate()` of a command that routes them.
    func requireEvents() throws {
        if events.isEmpty { throw ValidationError("give event files, or '-' for standard input") }
    }

    /// Loads the directory, printing its warnings, and builds a batch router for each
    /// version of the rules.
    /// - Parameters:
    ///   - versions: The rules, with their names for messages.
    ///   - colors: Whether diagnostics are coloured.
    /// - Returns: The directory and one router per version, in order.
    /// - Throws: `ExitCode(1)` after printing why, when the directory is invalid (with
    ///   --strict, when it has warnings) or the router cannot act on a version's rules.
    func load(_ versions: [(rules: DecisionTables, name: String)], colors: Bool) throws -> (SparkDirectory, [BatchRouter]) {
        let sparkDirectory = company.apply(to: try Self.loadDirectory(directory, strict: strict, colors: colors))
        var routers: [BatchRouter] = []
        for (rules, _) in versions {
            do {
                routers.append(try BatchRouter(rules: rules, directory: sparkDirectory, threads: threads))
            } catch {
                // Rules the router cannot act on are invalid rules (1), not bad usage.
                DiagnosticsPrinter.print(error, rules: rules, colors: colors)
                throw ExitCode(1)
            }
        }
        return (sparkDirectory, routers)
    }

    /// Loads a Spark directory, printing its warnings.
    /// - Throws: `ExitCode(1)` after printing why, when it is invalid (with `strict`, when it
    ///   has warnings).
    static func loadDirectory(_ path: String, strict: Bool, colors: Bool) throws -> SparkDirectory {
        let loaded: SparkDirectory
        do {
            loaded = try SparkDirectory(contentsOf: URL(filePath: path), strict: strict)
        } catch {
            DiagnosticsPrinter.print(error, colors: colors)
            throw ExitCode(1)
        }
        if !loaded.warnings.isEmpty {
            // An unreadable phone field is left out and routing goes on (--strict: exit 1).
            DiagnosticsPrinter.print(DiagnosticsError(loaded.warnings, sources: loaded.warningSources), colors: colors)
        }
        return loaded
    }

    /// Reads every events source in order and hands on its webhook bodies, a block at a time.
    /// A source that cannot be read is handed to `unreadable`, and the batch goes on.
    /// - Parameters:
    ///   - body: Called with each block of bodies and the source's name: its path, or
    ///     `<stdin>`.
    ///   - unreadable: Called with the failure and the source's name.
    func forEachInput(
        _ body: (WebhookInput, String) throws -> Void,
        unreadable: (IOFailure, String) throws -> Void
    ) throws {
        for path in events {
            let source = path == "-" ? StandardStreams.inputLabel : path
            do {
                try EventsReader.read(path) { try body($0, source) }
            } catch let failure as IOFailure where failure.action == .read {
                try unreadable(failure, source)
            }
        }
    }
}
