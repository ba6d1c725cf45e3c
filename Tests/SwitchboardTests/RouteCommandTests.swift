import Foundation
import Testing

/// `switchboard route` as a user runs it: standard output, standard error, exit status.
@Suite struct RouteCommandTests {
    static func text(of path: String) throws -> String {
        try String(contentsOf: CommandRunner.packageRoot.appending(path: path), encoding: .utf8)
    }

    static func lines(of path: String) throws -> [String] {
        try text(of: path).split(separator: "\n", omittingEmptySubsequences: false).dropLast().map(String.init)
    }

    /// The example webhook on line `number` of Examples/events.jsonl.
    static func exampleEvent(line number: Int) throws -> String {
        try lines(of: "Examples/events.jsonl")[number - 1] + "\n"
    }

    @Test(
        "The examples route to Examples/expected-routes.jsonl line for line, on any number of threads",
        arguments: [[], ["--threads", "1"], ["--threads", "5"]])
    func theExamplesGiveTheExpectedRoutes(threads: [String]) throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml"] + threads + ["Examples/events.jsonl"])
        let expected = try Self.lines(of: "Examples/expected-routes.jsonl")
        #expect(result.lines.count == (try Self.lines(of: "Examples/events.jsonl")).count)
        for (got, want) in zip(result.lines, expected) { #expect(got == want) }
        #expect(result.lines.count == expected.count)
        // The examples hold one deliberately broken line: routed as an error, so the exit is 1.
        #expect(result.status == 1)
        #expect(result.stderr == "")
    }

    @Test("'-' reads the webhooks from standard input; duplicates and errors then name '<stdin>'")
    func standardInput() throws {
        let result = try CommandRunner.run(
            ["route", "--directory", "Examples/directory.yaml", "-"],
            stdin: try Self.text(of: "Examples/events.jsonl"))
        let expected = try Self.lines(of: "Examples/expected-routes.jsonl")
            .map {
                $0.replacingOccurrences(of: "(Examples/events.jsonl:1)", with: "(<stdin>:1)")
                    .replacingOccurrences(of: #""file": "Examples/events.jsonl""#, with: #""file": "<stdin>""#)
            }
        #expect(result.lines == expected)
        #expect(result.status == 1)
    }

    @Test(
        "A webhook line cut short is one error route at the end of its text, however it was cut; every line after it is routed as it would be alone",
        arguments: [
            (#""data":"#, "expected a value, found the end of the line"),
            (#""direction": "outbound""#, "expected ',' or '}' in the object, found the end of the line"),
        ])
    func aLineCutShortIsOneErrorRoute(cutAfter: String, message: String) throws {
        let whole = try Self.exampleEvent(line: 1)
        let cut = try #require(whole.range(of: cutAfter)).upperBound
        let column = whole.utf8.distance(from: whole.startIndex, to: cut) + 1
        let events = String(whole[..<cut]) + "\n" + (try [2, 3].map { try Self.exampleEvent(line: $0) }.joined())
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "-"], stdin: events)
        let expected = try Self.lines(of: "Examples/expected-routes.jsonl")
        #expect(
            result.lines == [
                #"{"file": "<stdin>", "line": 1, "column": \#(column), "status": "error", "error": "invalid JSON: \#(message)"}"#,
                expected[1], expected[2],
            ])
        #expect(result.status == 1)
    }

    @Test("An input with nothing wrong exits 0, ignored and duplicate events included")
    func cleanInputExits0() throws {
        let events = try [1, 18, 22, 1].map { try Self.exampleEvent(line: $0) }.joined()
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "-"], stdin: events)
        #expect(result.lines.map { $0.contains(#""status": "logged""#) } == [true, false, false, false])
        #expect(result.lines.map { $0.contains(#""status": "ignored""#) } == [false, true, true, false])
        #expect(result.lines[3].contains(#""status": "duplicate""#))
        #expect(result.status == 0)
        #expect(result.stderr == "")
    }

    @Test("--summary counts statuses in a fixed order, then each deciding rule, agreeing with the JSON lines")
    func summary() throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--summary", "Examples/events.jsonl"])
        #expect(result.status == 1)
        let blocks = result.stdout.components(separatedBy: "\n\n")
        try #require(blocks.count == 2)
        #expect(
            blocks[0] == """
                status      events
                logged           7
                unassigned       8
                not_logged       2
                ignored          5
                duplicate        1
                error            1
                total           24
                """)
        // Each rule row counts the expected lines naming that rule in that table.
        let rows = blocks[1].split(separator: "\n").map { $0.split(separator: " ").map(String.init) }
        #expect(rows.first == ["rule", "events"])
        let expected = try Self.lines(of: "Examples/expected-routes.jsonl")
        for row in rows.dropFirst() {
            let parts = row[0].split(separator: "/").map(String.init)
            let naming = expected.filter { $0.contains(#""\#(parts[0])": ["\#(parts[1])"]"#) }.count
            #expect(Int(row[1]) == naming, "\(row[0])")
        }
        #expect(rows.contains(["projects/multiple-projects-on-team-member-unknown", "1"]))
        #expect(rows.contains(["assignments/choose-team-member", "4"]))
    }

    @Test(
        "--assign-contact routes a shared-number call by the chosen contact's project membership",
        arguments: [
            (
                [],
                #"{"event": "call.ended", "id": "815", "kind": "call", "direction": "inbound", "status": "unassigned", "contact": null, "projects": [], "team_member": "tm-jane", "actions": ["assign_contact"], "candidates": {"contact": ["c-400", "c-401"]}, "button": "Assign to Contact", "reason": "Several Spark contacts share the number.", "rules": {"contact": ["shared-number"], "team-member": ["inbound-call-to-team-member"], "projects": ["no-contact"], "assignments": ["choose-contact"], "button": ["assign-contact-button"]}}"#
            ),
            (
                ["--assign-contact", "c-400"],
                #"{"event": "call.ended", "id": "815", "kind": "call", "direction": "inbound", "status": "logged", "contact": "c-400", "projects": ["maple-lofts"], "team_member": "tm-jane", "actions": [], "button": null, "reason": "Logged automatically.", "rules": {"contact": ["one-contact"], "team-member": ["inbound-call-to-team-member"], "projects": ["one-project"], "assignments": ["logged"], "button": ["no-button"]}}"#
            ),
            (
                ["--assign-contact", "c-401"],
                #"{"event": "call.ended", "id": "815", "kind": "call", "direction": "inbound", "status": "logged", "contact": "c-401", "projects": ["the-pier"], "team_member": "tm-jane", "actions": [], "button": null, "reason": "Logged automatically.", "rules": {"contact": ["one-contact"], "team-member": ["inbound-call-to-team-member"], "projects": ["one-project"], "assignments": ["logged"], "button": ["no-button"]}}"#
            ),
        ])
    func assignContact(options: [String], line: String) throws {
        let result = try CommandRunner.run(
            ["route", "--directory", "Examples/directory.yaml"] + options + ["-"],
            stdin: try Self.exampleEvent(line: 5))
        #expect(result.lines == [line])
        #expect(result.status == 0)
    }

    @Test("--assign-team-member finishes what the Unassigned tab asked for; projects it does not ask for are refused")
    func assignTeamMemberAndProjects() throws {
        // The shared-line message from Grace Hopper (two projects, ON) asks only for the team member.
        let message = try Self.exampleEvent(line: 9)
        let before = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "-"], stdin: message)
        #expect(
            before.lines.first?.contains(
                #""actions": ["assign_team_member"], "candidates": {"team_member": ["tm-jane", "tm-raj"]}, "button": "Assign Team Member""#) == true)
        let after = try CommandRunner.run(
            ["route", "--directory", "Examples/directory.yaml", "--assign-team-member", "tm-raj", "-"],
            stdin: message)
        #expect(after.lines.first?.contains(#""status": "logged", "contact": "c-200", "projects": ["maple-lofts"], "team_member": "tm-raj""#) == true)
        #expect(after.status == 0)
        #expect(after.stderr == "")
        let projects = try CommandRunner.run(
            [
                "route", "--directory", "Examples/directory.yaml", "--assign-team-member", "tm-jane",
                "--assign-projects", "the-pier, harbour-tower", "-",
            ], stdin: message)
        #expect(projects.stdout == before.stdout)
        #expect(
            projects.stderr
                == "error: interaction msg-c200-shared (message.sent) does not ask for Assign Projects; projects 'the-pier', 'harbour-tower' not applied\n"
        )
        #expect(projects.status == 1)
    }

    @Test(
        "A choice that is not among the candidates is refused on standard error, naming the interaction, the choice and the candidates; the route is printed unassigned (exit 1)",
        arguments: [
            (
                ["--assign-contact", "c-500"],
                "error: interaction 815 (call.ended): contact 'c-500' is not among the candidates for Assign to Contact (c-400, c-401); not applied\n"
            ),
            (
                ["--assign-contact", "c-100"],
                "error: interaction 815 (call.ended): contact 'c-100' is not among the candidates for Assign to Contact (c-400, c-401); not applied\n"
            ),
            (
                ["--assign-team-member", "tm-raj"],
                "error: interaction 815 (call.ended) does not ask for Assign Team Member; team member 'tm-raj' not applied\n"
            ),
            (
                ["--assign-projects", "maple-lofts,the-pier"],
                "error: interaction 815 (call.ended) does not ask for Assign Projects; projects 'maple-lofts', 'the-pier' not applied\n"
            ),
        ])
    func refusedChoice(options: [String], message: String) throws {
        let call = try Self.exampleEvent(line: 5)  // a shared number, c-400 and c-401
        let plain = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "-"], stdin: call)
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml"] + options + ["-"], stdin: call)
        #expect(result.stderr == message)
        #expect(result.stdout == plain.stdout)
        #expect(result.lines.first?.contains(#""status": "unassigned""#) == true)
        #expect(result.status == 1)
    }

    @Test("A number on no contact cannot be forced onto a contact: the choice is refused and the call stays not logged")
    func notLoggedStaysNotLogged() throws {
        let call = try Self.exampleEvent(line: 2)  // 813, a number on no contact
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--assign-contact", "c-100", "-"], stdin: call)
        #expect(result.lines.first?.contains(#""status": "not_logged""#) == true)
        #expect(result.stderr == "error: interaction 813 (call.ended) does not ask for Assign to Contact; contact 'c-100' not applied\n")
        #expect(result.status == 1)
    }

    @Test("--assign-* with several interactions needs --interaction; with it, only that interaction takes the choice")
    func assignNamesItsInteraction() throws {
        let ambiguous = try CommandRunner.run([
            "route", "--directory", "Examples/directory.yaml", "--assign-contact", "c-400",
            "Examples/events.jsonl",
        ])
        #expect(ambiguous.status == 64)
        #expect(ambiguous.stdout == "")
        #expect(
            ambiguous.stderr.hasPrefix(
                "Error: --assign-* choices are for one interaction, but the events hold 17 (812, 813, msg-c200-jane, 814, 815, ...);"
                    + " name it with --interaction ID, or give --assignments FILE\n"))
        let named = try CommandRunner.run([
            "route", "--directory", "Examples/directory.yaml", "--assign-contact", "c-400",
            "--interaction", "815", "Examples/events.jsonl",
        ])
        let expected = try Self.lines(of: "Examples/expected-routes.jsonl")
        #expect(named.lines.count == expected.count)
        for (index, (got, want)) in zip(named.lines, expected).enumerated() where index != 4 { #expect(got == want) }
        #expect(
            named.lines[4].contains(
                #""id": "815", "kind": "call", "direction": "inbound", "status": "logged", "contact": "c-400", "projects": ["maple-lofts"]"#))
        #expect(named.stderr == "")
        #expect(named.status == 1)  // the examples' broken line
        let absent = try CommandRunner.run([
            "route", "--directory", "Examples/directory.yaml", "--assign-contact", "c-400",
            "--interaction", "999", "Examples/events.jsonl",
        ])
        #expect(absent.stderr == "error: no interaction '999' among the events; its choices are not applied\n")
        #expect(absent.lines == expected)
    }

    @Test("--assignments FILE applies per-interaction choices; a refused line names its place, the interaction, the choice and the candidates")
    func assignmentsFile() throws {
        let file = try CommandRunner.temporaryFile(
            """
            {"id": "815", "contact": "c-401"}
            {"id": "msg-c400-shared", "contact": "c-400", "team_member": "tm-raj"}

            {"id": "818", "team_member": "tm-lee"}
            {"id": 819, "projects": ["the-pier"]}
            {"id": "nope", "contact": "c-100"}

            """, name: "assignments.jsonl")
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--assignments", file, "Examples/events.jsonl"])
        let expected = try Self.lines(of: "Examples/expected-routes.jsonl")
        #expect(result.lines.count == expected.count)
        // Changed: 815 (line 5), msg-c400-shared (10), 819 (12); refused, so unchanged: 818 (11).
        for (index, (got, want)) in zip(result.lines, expected).enumerated() where ![4, 9, 11].contains(index) { #expect(got == want) }
        #expect(result.lines[4].contains(#""status": "logged", "contact": "c-401", "projects": ["the-pier"], "team_member": "tm-jane""#))
        #expect(result.lines[9].contains(#""status": "logged", "contact": "c-400", "projects": ["maple-lofts"], "team_member": "tm-raj""#))
        #expect(result.lines[11].contains(#""status": "logged", "contact": "c-600", "projects": ["the-pier"]"#))
        #expect(
            result.stderr == """
                \(file):4:1: error: interaction 818 (call.ended): team member 'tm-lee' is not among the candidates for Assign Team Member (tm-jane, tm-raj); not applied
                \(file):6:1: error: no interaction 'nope' among the events; its choices are not applied

                """)
        #expect(result.status == 1)
    }

    @Test("An invalid assignments file is reported line by line with positions, and nothing is routed")
    func invalidAssignmentsFile() throws {
        let file = try CommandRunner.temporaryFile(
            """
            {"id": "815", "contakt": "c-401"}
            {"id": "815", "contact": "c-400"
            {"contact": "c-400"}
            {"id": "816", "projects": "the-pier"}
            {"id": "817"}
            {"id": "815", "contact": "c-400"}
            {"id": "815", "team_member": "tm-raj"}

            """, name: "assignments.jsonl")
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--assignments", file, "Examples/events.jsonl"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        let errors = result.stderr.split(separator: "\n").filter { $0.hasPrefix(file) }
        #expect(
            errors
                == [
                    "\(file):1:15: error: unknown key 'contakt'; did you mean 'contact'? (a line holds: id, contact, team_member, projects)",
                    "\(file):2:33: error: expected one JSON object per line: expected ',' or '}' in the object",
                    "\(file):3:1: error: a line needs the interaction's event id, \"id\"",
                    "\(file):4:15: error: 'projects' must be a list of project ids, found a string",
                    "\(file):5:1: error: the line chooses nothing: give 'contact', 'team_member' or 'projects'",
                    "\(file):7:2: error: another line has choices for interaction '815'",
                    "\(file):6:1: note: the first is here",
                ].map { Substring($0) })
    }

    @Test(
        "--interaction without a choice, and --assign-* with --assignments, are bad usage",
        arguments: [
            (["--interaction", "815"], "Error: --interaction names the interaction --assign-* choices are for; give a choice"),
            (
                ["--assign-contact", "c-400", "--assignments", "a.jsonl"],
                "Error: give --assign-* for one interaction or --assignments for many, not both"
            ),
        ])
    func assignmentUsage(options: [String], message: String) throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml"] + options + ["Examples/events.jsonl"])
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(message + "\n"))
    }

    @Test(
        "A contact's unreadable phone field is a positioned warning naming the contact and the field; routing goes on; --strict refuses the directory (exit 1)"
    )
    func directoryWarning() throws {
        let example = try Self.text(of: "Examples/directory.yaml")
        let old = #"    mobile_phone: "+1 (604) 555-0101""#
        try #require(example.contains(old))
        let path = try CommandRunner.temporaryFile(
            example.replacingOccurrences(of: old, with: #"    mobile_phone: "555-01""#),
            name: "directory.yaml")
        let line = try #require(example.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0 == old }) + 1
        let call = try Self.exampleEvent(line: 1)  // 812, to Ada's phone, which still reads
        let result = try CommandRunner.run(["route", "--directory", path, "-"], stdin: call)
        #expect(result.lines == [try Self.lines(of: "Examples/expected-routes.jsonl")[0]])
        let stderr = result.stderr.split(separator: "\n").map(String.init)
        #expect(stderr.count == 3)
        #expect(
            stderr.first?.hasPrefix("\(path):\(line):19: warning: contact 'c-100' (Ada Lovelace): 'mobile_phone' '555-01' is not a phone number: ")
                == true)
        #expect(stderr.first?.hasSuffix("; the field is left out") == true)
        #expect(stderr.dropFirst() == [#"    mobile_phone: "555-01""#, "                  ^"])
        #expect(result.status == 0)

        let strict = try CommandRunner.run(["route", "--strict", "--directory", path, "-"], stdin: call)
        #expect(strict.stdout == "")
        #expect(strict.stderr == result.stderr.replacingOccurrences(of: ": warning: ", with: ": error: "))
        #expect(strict.status == 1)

        let replay = try CommandRunner.run(
            ["replay", "--strict", "--baseline", "rules/interaction-logging.yaml", "--directory", path, "-"],
            stdin: call)
        #expect(replay.stdout == "")
        #expect(replay.stderr == strict.stderr)
        #expect(replay.status == 1)
    }

    @Test("A missing directory is reported at the file, and nothing is routed")
    func missingDirectory() throws {
        let result = try CommandRunner.run(["route", "--directory", "Examples/no-such-directory.yaml", "Examples/events.jsonl"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr == "Examples/no-such-directory.yaml:1:1: error: cannot read the file: No such file or directory\n")
    }

    @Test("An invalid directory prints every problem compiler-style, with its line and a caret, and nothing is routed")
    func invalidDirectory() throws {
        let path = try CommandRunner.temporaryFile(
            """
            company:
              log_on_all_projects: maybe
            projects:
              - { id: p1 }
            """, name: "directory.yaml")
        let result = try CommandRunner.run(["route", "--directory", path, "Examples/events.jsonl"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                \(path):2:24: error: 'log_on_all_projects' in company must be true or false, found 'maybe'
                  log_on_all_projects: maybe
                                       ^
                \(path):4:5: error: a project needs a 'name' key
                  - { id: p1 }
                    ^

                """)
    }

    @Test("--rules uses an edited rules file: the outcome changes without a rebuild")
    func rulesOverride() throws {
        // Read "Log calls and messages on all projects" literally: all of the contact's projects.
        let shipped = try Self.text(of: "rules/interaction-logging.yaml")
        let old = #"shared_projects: ">= 1" }"# + "\n        then: { projects: team_projects }"
        try #require(shipped.contains(old))
        let rules = try CommandRunner.temporaryFile(
            shipped.replacingOccurrences(
                of: old, with: #"shared_projects: ">= 1" }"# + "\n        then: { projects: contact_projects }"))
        let call = try Self.exampleEvent(line: 4)  // Lee calls Edsger Dijkstra (the-pier, harbour-tower)
        let before = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "-"], stdin: call)
        let after = try CommandRunner.run(["route", "--rules", rules, "--directory", "Examples/directory.yaml", "-"], stdin: call)
        #expect(before.lines.first?.contains(#""projects": ["the-pier"]"#) == true)
        #expect(after.lines.first?.contains(#""projects": ["harbour-tower", "the-pier"]"#) == true)
        #expect(after.lines.first?.contains(#""projects": ["multiple-projects-on"]"#) == true)
        #expect(after.status == 0)
    }

    @Test("--rules naming a file the router cannot act on fails with each problem at its declaration (exit 1)")
    func rulesTheRouterCannotActOn() throws {
        let shipped = try Self.text(of: "rules/interaction-logging.yaml")
        let rules = try CommandRunner.temporaryFile(
            shipped.replacingOccurrences(of: "- name: shared_projects\n", with: "- name: shared_project\n")
                .replacingOccurrences(of: "shared_projects: ", with: "shared_project: "))
        let line =
            try #require(
                shipped.split(separator: "\n", omittingEmptySubsequences: false)
                    .firstIndex { $0.hasSuffix("- name: shared_projects") }) + 1
        let result = try CommandRunner.run(["route", "--rules", rules, "--directory", "Examples/directory.yaml", "Examples/events.jsonl"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                \(rules):\(line):9: error: input 'shared_project' is not a fact routing supplies; did you mean 'shared_projects'?
                      - name: shared_project
                        ^

                """)
    }

    @Test("--rules naming an invalid rules file prints its diagnostics (exit 1)")
    func invalidRules() throws {
        let rules = try CommandRunner.temporaryFile("tables: []\n")
        let result = try CommandRunner.run(["route", "--rules", rules, "--directory", "Examples/directory.yaml", "Examples/events.jsonl"])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix("\(rules):1:"))
    }

    @Test(
        "Bad usage exits 64 with a message and the usage",
        arguments: [
            (["route", "Examples/events.jsonl"], "Error: Missing expected argument '--directory <file>'"),
            (["route", "--directory", "Examples/directory.yaml"], "Error: give event files, or '-' for standard input"),
            (["route", "--directory", "Examples/directory.yaml", "--threads", "0", "-"], "Error: --threads must be at least 1"),
            (["route", "--directory", "Examples/directory.yaml", "--colour", "-"], "Error: Unknown option '--colour'. Did you mean '--color'?"),
        ])
    func badUsage(arguments: [String], message: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr.hasPrefix(message + "\n"))
        #expect(result.stderr.contains("Usage: switchboard"))
    }

    @Test("The shipped rules validate clean: no errors, no warnings")
    func shippedRulesValidateClean() throws {
        let result = try CommandRunner.run(["validate", "--strict", "rules/interaction-logging.yaml"])
        #expect(result.lines == ["rules/interaction-logging.yaml: no problems found"])
        #expect(result.status == 0)
    }
}
