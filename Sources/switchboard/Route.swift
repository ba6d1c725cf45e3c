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
                EVENTS are files holding webhook bodies, read as evaluate reads facts (JSON \
                Lines, bodies that span lines, blank lines skipped), where an array holds one \
                event per item and is read an item at a time; '-' reads standard input. Every \
                event gives exactly one JSON line: its status \
                (logged, unassigned, not_logged, ignored, duplicate or error), contact, \
                projects, team member, the actions a person must take, the button, the reason \
                and the rule that decided in each table.

                The rules built into switchboard are used unless --rules names a file.

                One interaction from flags instead of events: --kind call|message, \
                --direction inbound|outbound, --from (the other party's number), --line (the \
                Aircall line's number) and, for a call, --user EMAIL or --no-user (no one took \
                it); --id names it (default: sample). Numbers are read as the directory's own \
                are. A missing or unreadable piece is bad usage naming its flag.

                --explain explains each route: the facts routing derived and where each came \
                from, then per table the facts it read, the deciding rule with its file:line \
                and description, and the nearest rules that did not match. --format json \
                prints one JSON object per input instead.

                A person's choices on the Unassigned tab are per interaction (event id): \
                --assign-contact, --assign-team-member and --assign-projects for one \
                (--interaction ID names it when the events hold several), or --assignments \
                FILE for many, one JSON object per line: {"id": "815", "contact": "c-400"}. \
                Each choice must answer an action the route asks for and be among its \
                "candidates"; a refused choice is reported on standard error, naming the \
                interaction, the choice and the candidates, and the interaction routes as if \
                nothing were chosen.

                A contact's phone field that cannot be read is left out, with a warning on \
                standard error naming the contact and the field, and routing goes on; \
                --strict makes such warnings errors.

                Exit codes: 0 every event routed (ignored and duplicate events included); \
                1 an input could not be read or routed, a choice was refused or named no \
                interaction of the events, or the rules, directory (with --strict, its \
                warnings) or assignments file are invalid (rules the router cannot act on \
                included); 64 bad usage (an --assign-* id the directory does not hold \
                included).
                """
        )

        @OptionGroup var rules: RulesOption

        @OptionGroup var routing: RoutingOptions

        @OptionGroup(title: "One interaction without a webhook") var sample: SampleInteractionOptions

        @OptionGroup var color: ColorOption

        @Flag(help: "Print counts per status and per rule instead of JSON lines.")
        var summary = false

        @Flag(
            help:
                "Explain each route: the facts routing derived and where each came from, and per table the deciding rule (file:line, why) and the nearest rules that did not match."
        )
        var explain = false

        @OptionGroup var format: FormatOption<HumanOrJSON>

        @Option(help: ArgumentHelp("The contact a person chose for the interaction (see --interaction).", valueName: "id"))
        var assignContact: String?

        @Option(help: ArgumentHelp("The team member a person chose for the interaction (see --interaction).", valueName: "id"))
        var assignTeamMember: String?

        @Option(help: ArgumentHelp("The projects a person chose for the interaction, comma-separated (see --interaction).", valueName: "ids"))
        var assignProjects: String?

        @Option(
            help: ArgumentHelp(
                "The event id of the interaction the --assign-* choices are for (needed when the events hold several).",
                valueName: "id"))
        var interaction: String?

        @Option(
            help: ArgumentHelp(
                "Choices for many interactions: JSON Lines of {\"id\": ..., \"contact\" | \"team_member\" | \"projects\": ...}.",
                valueName: "file"))
        var assignments: String?

        func validate() throws {
            if let sample = try sample.sample() {
                if !routing.events.isEmpty {
                    throw ValidationError("give events or one interaction from flags (--kind ...), not both")
                }
                // Caught here, before the directory loads; numbers are read once it has.
                if sample.kind == nil { throw ValidationError("one interaction from flags needs --kind call or message") }
            } else {
                try routing.requireEvents()
            }
            if chosen.isEmpty, interaction != nil {
                throw ValidationError("--interaction names the interaction --assign-* choices are for; give a choice")
            }
            if !chosen.isEmpty, assignments != nil {
                throw ValidationError("give --assign-* for one interaction or --assignments for many, not both")
            }
            if explain, summary {
                throw ValidationError("give --explain (each route, explained) or --summary (counts), not both")
            }
            if format.format == .json, !explain {
                throw ValidationError("--format json is for --explain: without it, route prints JSON lines already")
            }
        }

        /// The --assign-* option of an action.
        private static func flag(for action: ManualAssignments.Action) -> String {
            switch action {
            case .contact: "--assign-contact"
            case .projects: "--assign-projects"
            case .teamMember: "--assign-team-member"
            }
        }

        /// The choices of the --assign-* options.
        private var chosen: ManualAssignments {
            ManualAssignments(
                contact: assignContact, teamMember: assignTeamMember,
                projects: assignProjects.map {
                    $0.split(separator: ",", omittingEmptySubsequences: false)
                        .map { String($0).trimmingCharacters(in: .whitespaces) }.filter { !$0.isEmpty }
                })
        }

        func run() throws {
            let colors = color.colors(on: STDERR_FILENO)
            let tables = try rules.load(colors: colors)
            let (sparkDirectory, routers) = try routing.load([(tables, rules.name)], colors: colors)
            let router = routers[0]
            // An id the directory does not hold is a mistyped option, not a choice to refuse.
            let unknown = chosen.unknownIDs(in: sparkDirectory)
            if !unknown.isEmpty {
                throw ValidationError(unknown.map { "\(Self.flag(for: $0.action)): \($0.message)" }.joined(separator: "\n"))
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
                    DiagnosticsPrinter.print(error, colors: colors)
                    throw ExitCode(1)
                }
            }
            // The sources, read once; with --assign-* and no --interaction, held to find the
            // one interaction they are for.
            var held: [(Result<WebhookInput, IOFailure>, String)] = []
            let event = try sample.sample().map { try self.sample.event($0, in: sparkDirectory) }
            if !chosen.isEmpty {
                let id = try interaction ?? event?.id ?? onlyInteraction(rules: tables, directory: sparkDirectory, held: &held)
                choices[id] = chosen
            }
            var output = Output.standardOutput()
            var tally = RouteTally()
            var failed = false
            var applied = Set<String>()
            func route(_ input: WebhookInput, _ source: String) throws {
                if explain {
                    let explanations = router.explain(input, source: source, assignments: choices)
                    try emit(explanations.map(\.route), explanations: explanations)
                } else {
                    try emit(router.route(input, source: source, assignments: choices))
                }
            }
            func emit(_ routes: [InteractionLogging.Route], explanations: [RouteExplanation]? = nil) throws {
                var problems = ""
                for route in routes {
                    if route.status == .error { failed = true }
                    guard !choices.isEmpty, route.kind != nil, route.status != .error, let id = route.id, choices[id] != nil else { continue }
                    applied.insert(id)
                    for refusal in route.refusals { problems += "\(origins[id] ?? "")error: \(refusal)\n" }
                }
                if !problems.isEmpty {
                    failed = true
                    StandardStreams.report(problems)
                }
                if summary {
                    for route in routes { tally.add(route) }
                } else if explain {
                    try write(explanations ?? routes.map { RouteExplanation(route: $0) }, to: &output)
                } else {
                    try output.write(bytes: router.jsonLines(routes))
                }
            }
            /// An unreadable source is an error route where its events would be, and the batch goes on.
            func unreadable(_ failure: IOFailure, _ source: String) throws {
                DiagnosticsPrinter.print(failure, colors: colors)
                try emit([.unreadable(failure.description, file: source)])
            }
            if let event {
                let assigned = choices[event.id] ?? ManualAssignments()
                if explain {
                    let explanation = router.explain(event, applying: assigned)
                    try emit([explanation.route], explanations: [explanation])
                } else {
                    try emit([router.route(event, applying: assigned)])
                }
            } else if held.isEmpty {
                try routing.forEachInput(route, unreadable: unreadable)
            } else {
                for (input, source) in held {
                    switch input {
                    case .success(let input): try route(input, source)
                    case .failure(let failure): try unreadable(failure, source)
                    }
                }
            }
            let unused = choices.keys.filter { !applied.contains($0) }.sorted { (origins[$0] ?? "", $0) < (origins[$1] ?? "", $1) }
            if !unused.isEmpty {
                failed = true
                StandardStreams.report(
                    unused.map {
                        "\(origins[$0] ?? "")error: no interaction '\($0)' among the events; its choices are not applied\n"
                    }.joined())
            }
            if summary { try output.write(tally.text) }
            try output.flush()
            if failed { throw ExitCode(1) }
        }

        /// Writes explanations: text blocks separated by a blank line, or one JSON object a line.
        private func write(_ explanations: [RouteExplanation], to output: inout Output) throws {
            for explanation in explanations {
                switch format.format {
                case .json: try output.write(explanation.json.rendered + "\n")
                default: try output.write(explanation.text + "\n")
                }
            }
        }

        /// The event id of the one interaction the events hold, which --assign-* choices
        /// without --interaction are for; the sources are read into `held` to find it.
        /// - Throws: `ValidationError` (bad usage) when the events hold no interaction or several.
        private func onlyInteraction(
            rules: DecisionTables, directory: SparkDirectory,
            held: inout [(Result<WebhookInput, IOFailure>, String)]
        ) throws -> String {
            try routing.forEachInput { input, source in
                held.append((.success(input), source))
            } unreadable: { failure, source in
                held.append((.failure(failure), source))
            }
            // A router of its own, so that the real run does not see these as repeats.
            let probe = try BatchRouter(rules: rules, directory: directory, threads: routing.threads)
            var ids: [String] = []
            for case (.success(let input), let source) in held {
                for route in probe.route(input, source: source) where route.kind != nil && route.status != .error && route.status != .duplicate {
                    if let id = route.id, !ids.contains(id) { ids.append(id) }
                }
            }
            guard ids.count == 1 else {
                // Bad usage that only the events show.
                throw ValidationError(
                    "--assign-* choices are for one interaction, but the events hold \(ids.count)"
                        + (ids.isEmpty ? "" : " (\(ids.prefix(5).joined(separator: ", "))\(ids.count > 5 ? ", ..." : ""))")
                        + "; name it with --interaction ID, or give --assignments FILE")
            }
            return ids[0]
        }
    }
}
