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
            abstract:
                "Route the same Aircall events under two versions of the rules, or the stored history under new rules, and report what changes.",
            discussion: """
                Routes every event of EVENTS (as `switchboard route` reads them) under the \
                --baseline rules and under --rules (default: the built-in rules), and counts \
                the interactions whose status, projects, team member or button change, \
                grouped by field and (old -> new), with a few example event ids per group. \
                Every event is counted once: changed, unchanged, ignored, duplicate, or \
                error (a malformed line, or an events file that cannot be read). --changes \
                FILE writes one JSON line per changed event holding both routes: {"event": \
                ..., "id": ..., "old": {...}, "new": {...}}; it is written beside FILE and \
                renamed over it when the replay is done, and anything at FILE but a regular \
                file (a symbolic link, a FIFO, a device) is refused.

                A contact's phone field that cannot be read is left out, with a warning on \
                standard error naming the contact and the field, and routing goes on; \
                --strict makes such warnings errors.

                With --store URL instead of --baseline and EVENTS, the interactions stored by \
                `switchboard serve` are routed again under --rules, with the assignments people \
                made, and compared with their stored routes.

                Exit codes: 0 no interaction changes; 1 some change, the rules or directory \
                are invalid, or a file cannot be read or written; 64 bad usage. Malformed \
                lines are counted, not fatal.
                """
        )

        @Option(help: ArgumentHelp("The rules file before the change.", valueName: "file"))
        var baseline: String?

        @Option(help: ArgumentHelp("Replay the interactions of this store (sqlite:FILE or postgres://...) instead of EVENTS.", valueName: "url"))
        var store: String?

        @OptionGroup var rules: RulesOption

        @OptionGroup var routing: RoutingOptions

        @Option(
            help: ArgumentHelp(
                "Write one JSON line per changed event, with both routes, to this file (written beside it, then renamed over it).",
                valueName: "file"))
        var changes: String?

        @OptionGroup var format: FormatOption<HumanOrJSON>

        @OptionGroup var color: ColorOption

        func validate() throws {
            if let store {
                if baseline != nil || !routing.events.isEmpty {
                    throw ValidationError("--store replays the stored history: give neither --baseline nor event files")
                }
                do { _ = try StoreLocation(store) } catch { throw ValidationError(error.description) }
                return
            }
            if baseline == nil { throw ValidationError("give --baseline with event files, or --store") }
            try routing.requireEvents()
        }

        func run() async throws {
            if let store { return try await replayStore(store) }
            guard let baseline else { return }
            let colors = color.colors(on: STDERR_FILENO)
            let old = try RulesOption.load(baseline, colors: colors)
            let new = try rules.load(colors: colors)
            let (_, routers) = try routing.load([(old, baseline), (new, rules.name)], colors: colors)
            let changesFile = try changes.map(ReplacementFile.init(path:))

            var report = ReplayReport()
            func add(before: [InteractionLogging.Route], after: [InteractionLogging.Route]) throws {
                let changed = report.add(old: before, new: after)
                if let changesFile, !changed.isEmpty {
                    var bytes: [UInt8] = []
                    bytes.reserveCapacity(changed.count * 1_200)
                    for index in changed { ReplayReport.appendChange(old: before[index], new: after[index], to: &bytes) }
                    try changesFile.write(bytes: bytes)
                }
            }
            var unreadable = false
            try routing.forEachInput { input, source in
                // Each version routes the block on all its threads, one after the other.
                try add(before: routers[0].route(input, source: source), after: routers[1].route(input, source: source))
            } unreadable: { failure, _ in
                // Counted as an error under both versions, and the batch goes on.
                unreadable = true
                DiagnosticsPrinter.print(failure, colors: colors)
                try add(before: [.unreadable(failure.description)], after: [.unreadable(failure.description)])
            }
            try changesFile?.commit()
            try finish(report, failed: unreadable)
        }

        /// Prints the report; exits 1 when something changed or a source could not be read.
        private func finish(_ report: ReplayReport, failed: Bool = false) throws {
            var output = Output.standardOutput()
            switch format.format {
            case .json: try output.write(report.json.rendered + "\n")
            default: try output.write(report.text)
            }
            try output.flush()
            if report.changed > 0 || failed { throw ExitCode(1) }
        }

        private func replayStore(_ url: String) async throws {
            let rules: RoutingRules
            let opened: any InteractionStore
            do {
                rules = try RoutingRules(
                    rulesPath: self.rules.rules, directoryPath: routing.directory,
                    logOnAllProjects: routing.company.flag)
                opened = try await InteractionStores.open(StoreLocation(url))
            } catch {
                StandardStreams.report("error: \(error)\n")
                throw ExitCode(1)
            }
            let changesFile = try changes.map(ReplacementFile.init(path:))
            let report: ReplayReport
            do {
                report = try await StoreReplay.run(store: opened, rules: rules) { old, new in
                    guard let changesFile else { return }
                    var bytes: [UInt8] = []
                    ReplayReport.appendChange(old: old, new: new, to: &bytes)
                    try changesFile.write(bytes: bytes)
                }
                try changesFile?.commit()
            } catch let failure as IOFailure {
                await opened.close()
                throw failure
            } catch {
                await opened.close()
                StandardStreams.report("error: \(error)\n")
                throw ExitCode(1)
            }
            await opened.close()
            try finish(report)
        }
    }
}
