import Foundation
import Testing

/// `switchboard route --explain`: why each interaction routes as it does, as people and
/// tools read it.
@Suite struct RouteExplainCommandTests {
    /// The 1-based line of `- id: RULE` in a rules file.
    static func line(of rule: String, in path: String = "rules/interaction-logging.yaml") throws -> Int {
        let lines = try RouteCommandTests.lines(of: path)
        return try #require(lines.firstIndex { $0.contains("- id: \(rule)") }) + 1
    }

    @Test("For people: the route, the facts routing derived with their sources, and per table the deciding rule with file:line and its why")
    func humanText() throws {
        let result = try CommandRunner.run(
            ["route", "--directory", "Examples/directory.yaml", "--explain", "-"],
            stdin: try RouteCommandTests.exampleEvent(line: 5))
        #expect(result.status == 0)
        #expect(result.stderr == "")
        let lines = result.lines
        #expect(lines.first == "call 815 (call.ended, inbound): unassigned: Several Spark contacts share the number.")
        #expect(lines.contains("  team member tm-jane; to do: assign_contact; button \"Assign to Contact\""))
        #expect(lines.contains("facts routing derived:"))
        #expect(
            lines.contains {
                $0.hasPrefix("  contact_matches = 2 ")
                    && $0.hasSuffix(
                        "+16045550400 ('+1 604-555-0400') is held by c-400 (Katherine Johnson) in phone, c-401 (Dorothy Vaughan) in mobile_phone")
            })
        #expect(lines.contains { $0.hasPrefix("  user_is_team_member = true ") && $0.hasSuffix("jane@example.com is tm-jane (Jane Doe)") })
        #expect(
            lines.contains { $0.hasPrefix("  log_on_all_projects = true ") && $0.hasSuffix("the directory's company setting log_on_all_projects") })
        let shared = try Self.line(of: "shared-number")
        #expect(lines.contains("  won: rule 'shared-number' at rules/interaction-logging.yaml:\(shared):9"))
        #expect(lines.contains("    why: Shared phone numbers (multiple contacts): not auto-assigned to a contact, whichever phone fields hold it."))
        #expect(lines.contains("  did not match: rule 'one-contact' at rules/interaction-logging.yaml:\(try Self.line(of: "one-contact")):9"))
        #expect(lines.contains("    contact_matches is 2, but the cell at \(try Self.line(of: "one-contact") + 2):34 wants 1"))
        #expect(
            lines.contains("  won: rule 'assign-contact-button' at rules/interaction-logging.yaml:\(try Self.line(of: "assign-contact-button")):9"))
        #expect(lines.contains("  outputs: button = Assign to Contact"))
    }

    @Test("--format json: one object per input, the route exactly as route prints it, facts and tables")
    func json() throws {
        let events = try [1, 18, 1].map { try RouteCommandTests.exampleEvent(line: $0) }.joined()
        let result = try CommandRunner.run(
            ["route", "--directory", "Examples/directory.yaml", "--explain", "--format", "json", "-"],
            stdin: events)
        #expect(result.status == 0)
        #expect(result.lines.count == 3)
        let expected = try RouteCommandTests.lines(of: "Examples/expected-routes.jsonl")
        let first = try #require(result.lines.first)
        #expect(
            first.hasPrefix(
                "{\"route\": \(expected[0]), \"facts\": [{\"name\": \"kind\", \"value\": \"call\", \"source\": \"the event is call.ended\"}"))
        let oneContact = try Self.line(of: "one-contact")
        #expect(
            first.contains(
                #"{"id": "one-contact", "file": "rules/interaction-logging.yaml", "line": \#(oneContact), "column": 9, "description": "Table, rows 2-5: the number belongs to one contact."}"#
            ))
        #expect(first.hasSuffix(#""error": null}"#))
        // Not an interaction, and a repeat: the route, no facts, no tables.
        #expect(result.lines[1] == "{\"route\": \(expected[17]), \"facts\": [], \"tables\": [], \"error\": null}")
        #expect(
            result.lines[2].hasPrefix(
                #"{"route": {"event": "call.ended", "id": "812", "kind": "call", "direction": "outbound", "status": "duplicate""#))
        #expect(result.lines[2].hasSuffix(#""facts": [], "tables": [], "error": null}"#))
    }

    @Test("An edited rules file: positions and descriptions come from it")
    func editedRules() throws {
        let edited = FileManager.default.temporaryDirectory.appending(path: "explain-\(UUID().uuidString).yaml")
        defer { try? FileManager.default.removeItem(at: edited) }
        let text = try RouteCommandTests.text(of: "rules/interaction-logging.yaml")
            .replacingOccurrences(of: "Table, rows 2-5: the number belongs to one contact.", with: "One contact holds it.")
        try text.write(to: edited, atomically: true, encoding: .utf8)
        let result = try CommandRunner.run(
            ["route", "--rules", edited.path, "--directory", "Examples/directory.yaml", "--explain", "-"],
            stdin: try RouteCommandTests.exampleEvent(line: 1))
        #expect(result.status == 0)
        #expect(result.lines.contains("  won: rule 'one-contact' at \(edited.path):\(try Self.line(of: "one-contact")):9"))
        #expect(result.lines.contains("    why: One contact holds it."))
    }

    @Test("Unreadable input under --explain: the error route, and exit 1")
    func unreadable() throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--explain", "-"], stdin: "{\"event\": \n")
        #expect(result.status == 1)
        #expect(result.lines.first?.hasPrefix("input at line 1: error: invalid JSON") == true)
    }

    @Test(arguments: [
        ["--format", "json"],
        ["--explain", "--summary"],
    ])
    func badUsageExits64(arguments: [String]) throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml"] + arguments + ["Examples/events.jsonl"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--format json is for --explain") || result.stderr.contains("--explain (each route, explained) or --summary"))
    }
}

/// `switchboard route --kind ...`: one interaction from flags, no webhook body.
@Suite struct RouteSampleCommandTests {
    static let call = [
        "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound",
        "--from", "+1 604-555-0400", "--line", "+1 604-555-0199",
    ]

    @Test("A call from flags routes as the example webhook of that call, with the sample's id")
    func routesLikeTheWebhook() throws {
        let result = try CommandRunner.run(Self.call + ["--user", "jane@example.com", "--id", "815"])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(result.lines == [try RouteCommandTests.lines(of: "Examples/expected-routes.jsonl")[4]])
    }

    @Test("With --explain and an assignment: no --interaction needed, the choice is a fact")
    func explainedWithAChoice() throws {
        let result = try CommandRunner.run(Self.call + ["--user", "jane@example.com", "--assign-contact", "c-400", "--explain"])
        #expect(result.status == 0)
        #expect(result.lines.first == "call sample (call.ended, inbound): logged: Logged automatically.")
        #expect(result.lines.contains { $0.hasPrefix("  contact_matches = 1 ") && $0.hasSuffix("a person chose c-400 (Katherine Johnson)") })
    }

    @Test("A call no one took: --no-user", arguments: [["--no-user"]])
    func noUser(flags: [String]) throws {
        let result = try CommandRunner.run(
            [
                "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound",
                "--from", "604-555-0100", "--line", "604-555-0188",
            ] + flags)
        #expect(result.status == 0)
        #expect(result.stdout.contains(#""team-member": ["one-team-member-on-line-call"]"#))
        #expect(result.stdout.contains(#""status": "logged""#))
    }

    @Test(
        "A missing or unreadable piece is bad usage naming its flag, never another answer",
        arguments: [
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound", "--from", "+1 604-555-0400",
                    "--line", "+1 604-555-0199",
                ], "Error: --user (or --no-user) is needed for a call"
            ),
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound", "--from", "+1 604-555-0400",
                    "--no-user",
                ], "Error: --line is needed: the Aircall line's phone number"
            ),
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound", "--line", "+1 604-555-0199",
                    "--no-user",
                ], "Error: --from is needed: the other party's phone number"
            ),
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--from", "+1 604-555-0400", "--line", "+1 604-555-0199",
                    "--no-user",
                ], "Error: --direction is needed: inbound or outbound"
            ),
            (["route", "--directory", "Examples/directory.yaml", "--direction", "inbound"], "Error: one interaction from flags needs --kind"),
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "message", "--direction", "inbound", "--from", "+1 604-555-0400",
                    "--line", "+1 604-555-0199", "--user", "jane@example.com",
                ], "Error: --user (or --no-user) is for calls: messages carry no user"
            ),
            (
                [
                    "route", "--directory", "Examples/directory.yaml", "--kind", "call", "--direction", "inbound", "--from", "555-01",
                    "--line", "+1 604-555-0199", "--no-user",
                ], "Error: --from '555-01' is not a phone number: it has 5 digits"
            ),
            (["route", "--directory", "Examples/directory.yaml", "--kind", "text"], "Error: --kind must be call or message, not 'text'"),
            (
                ["route", "--directory", "Examples/directory.yaml", "--kind", "call", "--user", "a@b.c", "--no-user"],
                "Error: give --user EMAIL or --no-user, not both"
            ),
            (
                ["route", "--directory", "Examples/directory.yaml", "--kind", "call", "Examples/events.jsonl"],
                "Error: give events or one interaction from flags (--kind ...), not both"
            ),
        ])
    func badUsage(arguments: [String], error: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(error))
    }
}
