import ArgumentParser
import DecisionTable
import Foundation
import InteractionLogging
import Diagnostics

extension Switchboard {
    /// `switchboard route`: decide how Aircall webhook events are logged in Spark.
    struct Route: ParsableCommand {
        static let configuration = CommandConfiguration(
            abstract: "Route Aircall webhook events into Spark with the interaction-logging rules.",
            discussion: """
                EVENTS are files holding one webhook body, a JSON array of them, or JSON Lines;
                '-' reads standard input. Every event gives exactly one JSON line: its status
                (logged, unassigned, not_logged, ignored, duplicate or error), contact,
                projects, team member, the actions a person must take, the button, the reason
                and the rule that decided in each table.

                The rules built into switchboard are used unless --rules names a file.

                A person's choices on the Unassigned tab are per interaction (event id):
                --assign-contact, --assign-team-member and --assign-projects for one
                (--interaction ID names it when the events hold several), or --assignments
                FILE for many, one JSON object per line: {"id": "815", "contact": "c-400"}.
                Each choice must answer an action the route asks for and be among its
                "candidates"; a refused choice is reported on standard error, naming the
                interaction, the choice and the candidates, and the interaction routes as if
                nothing were chosen.

                A contact's phone field that cannot be read is left out, with a warning on
                standard error naming the contact and the field, and routing goes on;
                --strict makes such warnings errors.

                Exit codes: 0 every event routed (ignored and duplicate events included);
                1 an input could not be read or routed, a choice was refused or named no
                interaction of the events, or the rules, directory (with --strict, its
                warnings) or assignments file are invalid (rules the router cannot act on
                included); 64 bad usage.
                """
        )

        @Option(help: ArgumentHelp("The Spark directory (YAML).", valueName: "file"))
        var directory: String

        @Option(help: ArgumentHelp("A rules file to use instead of the built-in one.", valueName: "file"))
        var rules: String?

        @Flag(help: "Print counts per status and per rule instead of JSON lines.")
        var summary = false

        @Option(help: ArgumentHelp("The contact a person chose for the interaction (see --interaction).", valueName: "id"))
        var assignContact: String?

        @Option(help: ArgumentHelp("The team member a person chose for the interaction (see --interaction).", valueName: "id"))
        var assignTeamMember: String?

        @Option(help: ArgumentHelp("The projects a person chose for the interaction, comma-separated (see --interaction).", valueName: "ids"))
        var assignProjects: String?

        @Option(help: ArgumentHelp("The event id of the interaction the --assign-* choices are for (needed when the events hold several).",
                                   valueName: "id"))
        var interaction: String?

        @Option(help: ArgumentHelp("Choices for many interactions: JSON Lines of {\"id\": ..., \"contact\" | \"team_member\" | \"projects\": ...}.",
                                   valueName: "file"))
        var assignments: String?

        @Flag(help: "Treat directory warnings (an unreadable phone field, otherwise left out) as errors.")
        var strict = false

        @Option(help: "Threads that route in parallel.")
        var threads = 2

        @Argument(help: ArgumentHelp("Webhook files; '-' reads standard input.", valueName: "events"))
        var events: [String] = []

        func validate() throws {
            if events.isEmpty { throw ValidationError("give event files, or '-' for standard input") }
            if threads < 1 { throw ValidationError("--threads must be at least 1") }
            if chosen.isEmpty, interaction != nil {
                throw ValidationError("--interaction names the interaction --assign-* choices are for; give a choice")
            }
            if !chosen.isEmpty, assignments != nil {
                throw ValidationError("give --assign-* for one interaction or --assignments for many, not both")
            }
        }

        /// The choices of the --assign-* options.
        private var chosen: ManualAssignments {
            ManualAssignments(contact: assignContact, teamMember: assignTeamMember,
                              projects: assignProjects.map { $0.split(separator: ",", omittingEmptySubsequences: false)
                                  .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty } })
        }

        func run() throws {
            let tables: DecisionTables
            let sparkDirectory: SparkDirectory
            do {
                if let rules {
                    tables = try DecisionTables(contentsOf: URL(filePath: rules))
                } else {
                    tables = try ShippedRules.tables()
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
            let router: BatchRouter
            do {
                router = try BatchRouter(rules: tables, directory: sparkDirectory, threads: threads)
            } catch {
                // Rules the router cannot act on are invalid rules (1), not bad usage.
                DiagnosticsPrinter.print(error, rules: tables)
                throw ExitCode(1)
            }
            // Choices by event id, and where each was given, for messages.
            var choices: [String: ManualAssignments] = [:]
            var origins: [String: String] = [:]
            if let assignments {
                do {
                    let file = try AssignmentsFile(contentsOf: URL(filePath: assignments))
                    choices = file.byID
                    for entry in file.entries { origins[entry.id] = "\(entry.location): " }
                } catch {
                    DiagnosticsPrinter.print(error)
                    throw ExitCode(1)
                }
            }
            // The sources, read once; with --assign-* and no --interaction, held to find the
            // one interaction they are for.
            var held: [(WebhookInput, String)] = []
            if !chosen.isEmpty {
                let id = try interaction ?? onlyInteraction(rules: tables, directory: sparkDirectory, held: &held)
                choices[id] = chosen
            }
            var output = StandardOutput()
            var tally = RouteTally()
            var failed = false
            var applied = Set<String>()
            func route(_ input: WebhookInput, _ source: String) {
                let routes = router.route(input, source: source, assignments: choices)
                var problems = ""
                for route in routes {
                    if route.status == .error { failed = true }
                    guard !choices.isEmpty, route.kind != nil, route.status != .error, let id = route.id, choices[id] != nil else { continue }
                    applied.insert(id)
                    for refusal in route.refusals { problems += "\(origins[id] ?? "")error: \(refusal)\n" }
                }
                if !problems.isEmpty {
                    failed = true
                    FileHandle.standardError.write(Data(problems.utf8))
                }
                if summary {
                    for route in routes { tally.add(route) }
                } else {
                    output.write(bytes: router.jsonLines(routes))
                }
            }
            if held.isEmpty {
                for source in events { try EventsReader.read(source) { route($0, source) } }
            } else {
                for (input, source) in held { route(input, source) }
            }
            let unused = choices.keys.filter { !applied.contains($0) }.sorted { (origins[$0] ?? "", $0) < (origins[$1] ?? "", $1) }
            if !unused.isEmpty {
                failed = true
                FileHandle.standardError.write(Data(unused.map {
                    "\(origins[$0] ?? "")error: no interaction '\($0)' among the events; its choices are not applied\n"
                }.joined().utf8))
            }
            if summary { output.write(tally.text) }
            output.flush()
            if failed { throw ExitCode(1) }
        }

        /// The event id of the one interaction the events hold, which --assign-* choices
        /// without --interaction are for; the sources are read into `held` to find it.
        private func onlyInteraction(rules: DecisionTables, directory: SparkDirectory,
                                     held: inout [(WebhookInput, String)]) throws -> String {
            for source in events { try EventsReader.read(source) { held.append(($0, source)) } }
            // A router of its own, so that the real run does not see these as repeats.
            let probe = try BatchRouter(rules: rules, directory: directory, threads: threads)
            var ids: [String] = []
            for (input, source) in held {
                for route in probe.route(input, source: source) where route.kind != nil && route.status != .error && route.status != .duplicate {
                    if let id = route.id, !ids.contains(id) { ids.append(id) }
                }
            }
            guard ids.count == 1 else {
                throw ValidationError("--assign-* choices are for one interaction, but the events hold \(ids.count)"
                                      + (ids.isEmpty ? "" : " (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", ..." : ""))")
                                      + "; name it with --interaction ID, or give --assignments FILE")
            }
            return ids[0]
        }
    }
}
