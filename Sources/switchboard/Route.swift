import ArgumentParser
import DecisionTable
import Foundation
import InteractionLogging

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

                Exit codes: 0 every event routed (ignored and duplicate events included);
                1 an input could not be read or routed, or the rules or directory are invalid
                (rules the router cannot act on included); 64 bad usage (an id given to
                --assign-* that the directory lacks included).
                """
        )

        @Option(help: ArgumentHelp("The Spark directory (YAML).", valueName: "file"))
        var directory: String

        @Option(help: ArgumentHelp("A rules file to use instead of the built-in one.", valueName: "file"))
        var rules: String?

        @Flag(help: "Print counts per status and per rule instead of JSON lines.")
        var summary = false

        @Option(help: ArgumentHelp("Route as if a person assigned this contact.", valueName: "id"))
        var assignContact: String?

        @Option(help: ArgumentHelp("Route as if a person assigned this team member.", valueName: "id"))
        var assignTeamMember: String?

        @Option(help: ArgumentHelp("Route as if a person assigned these projects (comma-separated).", valueName: "ids"))
        var assignProjects: String?

        @Option(help: "Threads that route in parallel.")
        var threads = 2

        @Argument(help: ArgumentHelp("Webhook files; '-' reads standard input.", valueName: "events"))
        var events: [String] = []

        func validate() throws {
            if events.isEmpty { throw ValidationError("give event files, or '-' for standard input") }
            if threads < 1 { throw ValidationError("--threads must be at least 1") }
        }

        func run() throws {
            let tables: DecisionTables
            let sparkDirectory: SparkDirectory
            do {
                if let rules {
                    tables = try DecisionTables(contentsOf: URL(filePath: rules))
                } else {
                    guard let url = ShippedRules.url else { throw ValidationError("the built-in rules are missing; give --rules") }
                    tables = try DecisionTables(contentsOf: url)
                }
                sparkDirectory = try SparkDirectory(contentsOf: URL(filePath: directory))
            } catch let error as DiagnosticsError {
                DiagnosticsPrinter.print(error)
                throw ExitCode(1)
            }
            let assignments = ManualAssignments(
                contact: assignContact, teamMember: assignTeamMember,
                projects: assignProjects.map { $0.split(separator: ",").map { String($0).trimmingCharacters(in: .whitespaces) } })
            let router: BatchRouter
            do {
                router = try BatchRouter(rules: tables, directory: sparkDirectory, assignments: assignments, threads: threads)
            } catch let error where error.cause == .rules {
                // Rules the router cannot act on are invalid rules (1), not bad usage.
                FileHandle.standardError.write(Data(error.problems.map { "error: \($0)\n" }.joined().utf8))
                throw ExitCode(1)
            } catch {
                throw ValidationError(error.description)
            }
            var output = StandardOutput()
            var tally = RouteTally()
            var failed = false
            for source in events {
                try EventsReader.read(source) { input in
                    let routes = router.route(input, source: source)
                    if routes.contains(where: { $0.status == .error }) { failed = true }
                    if summary {
                        for route in routes { tally.add(route) }
                    } else {
                        output.write(bytes: router.jsonLines(routes))
                    }
                }
            }
            if summary { output.write(tally.text) }
            output.flush()
            if failed { throw ExitCode(1) }
        }
    }
}
