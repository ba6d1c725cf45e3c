import Foundation
import Testing

/// `switchboard evaluate` as a user runs it: standard output, standard error, exit status.
@Suite struct EvaluateCommandTests {
    @Test func singleFactsPrintOneJSONResult() throws {
        let result = try CommandRunner.run([
            "evaluate", "--rules", "Examples/contact.yaml", "--facts",
            #"{"contact_matches": 2, "kind": "call", "contact_projects": 1, "log_on_all_projects": true}"#,
        ])
        #expect(result.status == 0)
        #expect(result.stderr == "")
        #expect(
            result.lines == [
                #"{"outputs": {"contact": "assign", "reason": "Several contacts share the number.", "status": "unassigned", "button": "Assign to Contact"}, "rules": {"contact": ["shared-number"], "logging": ["choose-contact"]}}"#
            ])
    }

    @Test func theReadmeCommandEvaluatesEveryExampleLine() throws {
        let result = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", "Examples/facts.jsonl"])
        let inputLines = try String(contentsOf: CommandRunner.packageRoot.appending(path: "Examples/facts.jsonl"), encoding: .utf8)
            .split(separator: "\n").count
        #expect(result.status == 0)
        #expect(result.lines.count == inputLines)
        #expect(result.lines.allSatisfy { $0.hasPrefix(#"{"outputs": "#) })
    }

    @Test func everyBatchRecordGivesExactlyOneOutputAndTheBatchGoesOn() throws {
        let input = """
            {"contact_matches": 1, "kind": "call", "contact_projects": 1, "log_on_all_projects": false}

            not json
            {"contact_matches": -1, "kind": "cal", "contact_projects": 1, "log_on_all_projects": false}
            {"contact_matches": 1, "kind": "call", "contact_projects": 1, "log_on_all_projects": false, "extra": 1}
            [1, 2]
            {"contact_matches": 0, "kind": "message", "contact_projects": 0, "log_on_all_projects": true}
            \t

            """
        let result = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", "-"], stdin: input)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        // The blank lines are not records; the array is one record per item.
        #expect(result.lines.count == 7)
        #expect(result.lines[0].hasPrefix(#"{"outputs": {"contact": "matched""#))
        #expect(result.lines[1] == #"{"file": "<stdin>", "line": 3, "column": 1, "error": "invalid JSON: expected 'null'"}"#)
        #expect(
            result.lines[2]
                == #"{"file": "<stdin>", "line": 4, "column": 1, "error": "fact 'contact_matches': -1 is not an integer >= 0; fact 'kind': 'cal' is not one of call, message; did you mean 'call'?"}"#
        )
        #expect(result.lines[3] == #"{"file": "<stdin>", "line": 5, "column": 1, "error": "unknown fact 'extra'"}"#)
        #expect(
            result.lines[4] == #"{"file": "<stdin>", "line": 6, "column": 2, "item": 1, "error": "expected a JSON object of facts, found a number"}"#)
        #expect(
            result.lines[5] == #"{"file": "<stdin>", "line": 6, "column": 5, "item": 2, "error": "expected a JSON object of facts, found a number"}"#)
        #expect(result.lines[6].hasPrefix(#"{"outputs": {"contact": "none""#))
    }

    /// A line of JSON Lines cut short (a write that stopped half way) is one error record at
    /// the end of its text, however it was cut, even where JSON would read on into the next
    /// line (after a key's colon); every line after it gives its own record.
    @Test(arguments: [
        (#"{"contact_matches":"#, 20, "expected a value, found the end of the line"),
        (#"{"contact_matches": 1, "kind": "call""#, 38, "expected ',' or '}' in the object, found the end of the line"),
        (#"{"contact_matches": 1, "kind": ["#, 33, "expected a value, found the end of the line"),
    ])
    func aLineCutShortIsOneErrorRecordAndEveryLineAfterItHasItsOwn(cut: String, column: Int, message: String) throws {
        let none = #"{"contact_matches": 0, "kind": "message", "contact_projects": 0, "log_on_all_projects": true}"#
        let matched = #"{"contact_matches": 1, "kind": "call", "contact_projects": 1, "log_on_all_projects": false}"#
        let result = try CommandRunner.run(
            ["evaluate", "--rules", "Examples/contact.yaml", "-"], stdin: [cut, none, cut, matched, ""].joined(separator: "\n"))
        #expect(result.status == 1)
        #expect(result.lines.count == 4)
        #expect(result.lines[0] == #"{"file": "<stdin>", "line": 1, "column": \#(column), "error": "invalid JSON: \#(message)"}"#)
        #expect(result.lines[1].hasPrefix(#"{"outputs": {"contact": "none""#))
        #expect(result.lines[2] == #"{"file": "<stdin>", "line": 3, "column": \#(column), "error": "invalid JSON: \#(message)"}"#)
        #expect(result.lines[3].hasPrefix(#"{"outputs": {"contact": "matched""#))
    }

    @Test func onlyBlankLinesAfterTheFactsStillExit0() throws {
        let result = try CommandRunner.run(
            ["evaluate", "--rules", "Examples/contact.yaml", "-"],
            stdin: """
                {"contact_matches": 1, "kind": "call", "contact_projects": 1, "log_on_all_projects": false}


                """)
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
    }

    @Test func aByteOrderMarkAtTheStartOfAFileIsAccepted() throws {
        let facts = try CommandRunner.temporaryFile(
            "\u{FEFF}" + #"{"contact_matches": 0, "kind": "call", "contact_projects": 0, "log_on_all_projects": true}"# + "\n")
        let result = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", facts])
        #expect(result.status == 0)
        #expect(result.lines.count == 1)
        #expect(result.lines[0].hasPrefix(#"{"outputs": {"contact": "none""#))
    }

    @Test func prettyPrintedFactsWithAStrayCommaGiveOneErrorAtTheCommaNamingTheFile() throws {
        let facts = try CommandRunner.temporaryFile(
            """
            {
              "contact_matches": 1,
              "kind": "call",,
              "contact_projects": 1,
              "log_on_all_projects": false
            }
            {
              "contact_matches": 0,
              "kind": "message",
              "contact_projects": 0,
              "log_on_all_projects": true
            }

            """)
        let result = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", facts])
        #expect(result.status == 1)
        #expect(
            result.lines == [
                #"{"file": "\#(facts)", "line": 3, "column": 18, "error": "invalid JSON: expected a quoted key"}"#,
                #"{"outputs": {"contact": "none", "reason": "The number is not on any Spark contact.", "status": "not_logged", "button": "none"}, "rules": {"contact": ["unknown-number"], "logging": ["not-in-spark"]}}"#,
            ])
        let explained = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", "--explain", facts])
        #expect(explained.stdout.hasPrefix("\(facts):3:18:\nerror: invalid JSON: expected a quoted key\n\(facts):7:1:\n"))
    }

    /// Plain lines go byte to byte; a key written with an escape means the same key but takes
    /// the general path. Every combination of the example's facts, mixed with lines only the
    /// general path reads, prints the same records either way.
    @Test func plainLinesPrintWhatTheGeneralPathPrints() throws {
        var plain: [String] = []
        for matches in [0, 1, 2, 7] {
            for kind in ["call", "message"] {
                for projects in [0, 1, 2, 40] {
                    for on in [true, false] {
                        plain.append(
                            #"{"contact_matches": \#(matches), "kind": "\#(kind)", "contact_projects": \#(projects), "log_on_all_projects": \#(on)}"#)
                    }
                }
            }
        }
        plain += ["not json", #"{"contact_matches": 1, "kind": "fax", "contact_projects": 1, "log_on_all_projects": true}"#]
        let escaped = plain.map { $0.replacingOccurrences(of: #""contact_matches""#, with: #""\u0063ontact_matches""#) }
        let fast = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", "-"], stdin: plain.joined(separator: "\n") + "\n")
        let general = try CommandRunner.run(["evaluate", "--rules", "Examples/contact.yaml", "-"], stdin: escaped.joined(separator: "\n") + "\n")
        #expect(fast.stdout == general.stdout)
        #expect(fast.status == 1 && general.status == 1)
        #expect(fast.lines.count == plain.count)
        #expect(fast.lines.filter { $0.hasPrefix(#"{"outputs": "#) }.count == 64)
        #expect(fast.lines.last == #"{"file": "<stdin>", "line": 66, "column": 1, "error": "fact 'kind': 'fax' is not one of call, message"}"#)
    }

    @Test func aTableThatDecidesNothingIsAnErrorNamingTheTableAndFacts() throws {
        let rules = try CommandRunner.temporaryFile(
            """
            tables:
              - name: size
                inputs:
                  - { name: n, type: integer }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: small, when: { n: "< 10" }, then: { label: small } }
            """)
        let result = try CommandRunner.run(["evaluate", "--rules", rules, "--facts", #"{"n": 12}"#])
        #expect(result.status == 1)
        #expect(result.lines == [#"{"error": "no rule of table 'size' matches n = 12 and its outputs have no default"}"#])
    }

    @Test func invalidRulesPrintCompilerStyleDiagnosticsAndExit1() throws {
        let rules = try CommandRunner.temporaryFile(
            """
            tables:
              - name: kinds
                inputs:
                  - { name: kind, values: [call, message] }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: a, when: { kind: mesage }, then: { label: x } }
            """)
        let result = try CommandRunner.run(["evaluate", "--rules", rules, "--facts", #"{"kind": "call"}"#])
        #expect(result.status == 1)
        #expect(result.stdout == "")
        #expect(
            result.stderr == """
                \(rules):8:32: error: 'mesage' is not a value of 'kind' (one of call, message); did you mean 'message'?
                      - { id: a, when: { kind: mesage }, then: { label: x } }
                                               ^

                """)
    }

    @Test func explainNamesTheWinnerAndTheCellsThatStoppedTheNearestRules() throws {
        let result = try CommandRunner.run([
            "evaluate", "--rules", "Examples/contact.yaml", "--explain", "--facts",
            #"{"contact_matches": 1, "kind": "call", "contact_projects": 3, "log_on_all_projects": false}"#,
        ])
        #expect(result.status == 0)
        #expect(result.stdout.contains("table 'contact' (unique) at Examples/contact.yaml:4:5"))
        #expect(result.stdout.contains("  won: rule 'one-contact' at Examples/contact.yaml:25:9"))
        #expect(result.stdout.contains("    contact_matches is 1, but the cell at 31:34 wants >= 2"))
        #expect(result.stdout.contains("  won: rule 'many-projects-off' at Examples/contact.yaml:65:9"))
        #expect(result.stdout.contains("  outputs: status = unassigned, button = Assign Projects"))
    }

    @Test(arguments: [
        ["evaluate", "--rules", "Examples/contact.yaml"],
        ["evaluate"],
        ["evaluate", "--rules", "Examples/contact.yaml", "--facts", "{}", "Examples/facts.jsonl"],
        ["frobnicate"],
    ])
    func badUsageExits64(arguments: [String]) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stderr.contains("Usage:") || result.stderr.contains("Error:"))
    }

    @Test(arguments: [
        (["valdate", "rules/interaction-logging.yaml"], "Error: unknown subcommand 'valdate'; did you mean 'validate'?\n"),
        (["rout", "-"], "Error: unknown subcommand 'rout'; did you mean 'route'?\n"),
        (
            ["frobnicate"],
            "Error: unknown subcommand 'frobnicate' (one of evaluate, validate, route, table, diff, test, replay, explain, serve, export)\n"
        ),
    ])
    func aMisspeltSubcommandSuggestsTheNearestAndExits64(arguments: [String], error: String) throws {
        let result = try CommandRunner.run(arguments)
        #expect(result.status == 64)
        #expect(result.stdout == "")
        #expect(result.stderr == error + "Usage: switchboard <subcommand>\n  See 'switchboard --help' for more information.\n")
    }

    @Test func aMissingRulesFileIsAPositionedError() throws {
        let result = try CommandRunner.run(["evaluate", "--rules", "no/such.yaml", "--facts", "{}"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("no/such.yaml:1:1: error: cannot read the file"))
    }
}
