import ArgumentParser
import DecisionTable
import Foundation
import InteractionLogging
import Diagnostics
import InteractionStore
import SwitchboardService

extension Switchboard {
    /// `switchboard replay`: what an edit to the rules changes on real Aircall events.
    struct Replay: AsyncParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Route the same Aircall events under two versions of the rules, or the stored history under new rules, and report what changes.",
            discussion: """
                Routes every event of EVENTS (as `switchboard route` reads them) under the
                --baseline rules and under --rules (default: the built-in rules), and counts
                the interactions whose status, projects, team member or button change,
                grouped by field and (old → new), with a few example event ids per group.
                Every event is counted once: changed, unchanged, ignored, duplicate, or
                error (a malformed line). --changes FILE writes one JSON line per changed
                event holding both routes: {"event": ..., "id": ..., "old": {...}, "new":
                {...}}.

                A contact's phone field that cannot be read is left out, with a warning on
                standard error naming the contact and the field, and routing goes on;
                --strict makes such warnings errors.

                With --store URL instead of --baseline and EVENTS, the interactions stored by
                `switchboard serve` are routed again under --rules, with the assignments people
                made, and compared with their stored routes.

                Exit codes: 0 no interaction changes; 1 some change, or the rules or
                directory are invalid; 64 bad usage. Malformed lines are counted, not fatal.
                """
        )

        enum Format: String, ExpressibleByArgument, CaseIterable {
            case human, json
        }

        @Option(help: ArgumentHelp("The rules file before the change.", valueName: "file"))
        var baseline: String?

        @Option(help: ArgumentHelp("Replay the interactions of this store (sqlite:FILE or postgres://…) instead of EVENTS.", valueName: "url"))
        var store: String?

        @Option(help: ArgumentHelp("The rules file after the change (default: the built-in rules).", valueName: "file"))
        var rules: String?

        @Option(help: ArgumentHelp("The Spark directory (YAML).", valueName: "file"))
        var directory: String

        @Option(help: ArgumentHelp("Write one JSON line per changed event, with both routes, to this file.", valueName: "file"))
        var changes: String?

        @Option(help: "Output format: human or json.")
        var format: Format = .human

        @Flag(help: "Treat directory warnings (an unreadable phone field, otherwise left out) as errors.")
        var strict = false

        @Option(help: "Threads that route in parallel, per version.")
        var threads = 2

        @Argument(help: ArgumentHelp("Webhook files; '-' reads standard input.", valueName: "events"))
        var events: [String] = []

        func validate() throws {
            if let store {
                if baseline != nil || !events.isEmpty { throw ValidationError("--store replays the stored history: give neither --baseline nor event files") }
                do { _ = try StoreLocation(store) } catch { throw ValidationError(error.description) }
                return
            }
            if baseline == nil { throw ValidationError("give --baseline with event files, or --store") }
            if events.isEmpty { throw ValidationError("give event files, or '-' for standard input") }
            if threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() async throws {
            if let store { return try await replayStore(store) }
            guard let baseline else { throw ValidationError("give --baseline with event files, or --store") }
            let old: DecisionTables
            let new: DecisionTables
            let sparkDirectory: SparkDirectory
            do {
                old = try DecisionTables(contentsOf: URL(filePath: baseline))
                if let rules {
                    new = try DecisionTables(contentsOf: URL(filePath: rules))
                } else {
                    new = try ShippedRules.tables()
                }
                sparkDirectory = try SparkDirectory(contentsOf: URL(filePath: directory), strict: strict)
            } catch {
                DiagnosticsPrinter.print(error)
                throw ExitCode(1)
            }
            if !sparkDirectory.warnings.isEmpty {
                // An unreadable phone field is left out and routing goes on (--strict: exit 1).
                DiagnosticsPrinter.print(DiagnosticsError(sparkDirectory.warnings, sources: sparkDirectory.warningSources))
            }
            var routers: [BatchRouter] = []
            for tables in [old, new] {
                do {
                    routers.append(try BatchRouter(rules: tables, directory: sparkDirectory, threads: threads))
                } catch {
                    // Rules the router cannot act on are invalid rules (1), as for `route`.
                    DiagnosticsPrinter.print(error, rules: tables)
                    throw ExitCode(1)
                }
            }
            let changesFile = try openChanges()
            defer { try? changesFile?.close() }

            var report = ReplayReport()
            for source in events {
                try EventsReader.read(source) { input in
                    // Each version routes the block on all its threads, one after the other.
                    let before = routers[0].route(input, source: source)
                    let after = routers[1].route(input, source: source)
                    let changed = report.add(old: before, new: after)
                    if let changesFile, !changed.isEmpty {
                        var bytes: [UInt8] = []
                        bytes.reserveCapacity(changed.count * 1_200)
                        for index in changed { ReplayReport.appendChange(old: before[index], new: after[index], to: &bytes) }
                        try changesFile.write(contentsOf: bytes)
                    }
                }
            }
            try finish(report)
        }

        private func openChanges() throws -> FileHandle? {
            guard let changes else { return nil }
            guard FileManager.default.createFile(atPath: changes, contents: nil),
                  let handle = FileHandle(forWritingAtPath: changes) else {
                throw ValidationError("cannot write the changes file '\(changes)'")
            }
            return handle
        }

        /// Prints the report; exits 1 when something changed.
        private func finish(_ report: ReplayReport) throws {
            var output = StandardOutput()
            switch format {
            case .human: output.write(report.text)
            case .json: output.write(report.json.rendered + "\n")
            }
            output.flush()
            if report.changed > 0 { throw ExitCode(1) }
        }

        private func replayStore(_ url: String) async throws {
            let rules: RoutingRules
            let opened: any InteractionStore
            do {
                rules = try RoutingRules(rulesPath: self.rules, directoryPath: directory)
                opened = try await InteractionStores.open(StoreLocation(url))
            } catch {
                try? FileHandle.standardError.write(contentsOf: Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            let changesFile = try openChanges()
            defer { try? changesFile?.close() }
            let report: ReplayReport
            do {
                report = try await StoreReplay.run(store: opened, rules: rules) { old, new in
                    guard let changesFile else { return }
                    var bytes: [UInt8] = []
                    ReplayReport.appendChange(old: old, new: new, to: &bytes)
                    try changesFile.write(contentsOf: bytes)
                }
            } catch {
                await opened.close()
                try? FileHandle.standardError.write(contentsOf: Data("error: \(error)\n".utf8))
                throw ExitCode(1)
            }
            await opened.close()
            try finish(report)
        }
    }
}
