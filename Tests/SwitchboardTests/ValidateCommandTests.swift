import DecisionTable
import _DecisionTableTestSupport
import Foundation
import Testing
import JSONLines

/// `switchboard validate` as a product owner runs it.
@Suite struct ValidateCommandTests {
    @Test func theSeedTableAsWrittenShowsTheCombinationsTheArticleNeverDecides() throws {
        let result = try CommandRunner.run(["validate", "Examples/seed-table-as-written.yaml"])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                Examples/seed-table-as-written.yaml:6:5: error: [gap] table 'interaction-logging' decides nothing when contact_matches is >= 2, contact_projects is any, log_on_all_projects is any
                  - name: interaction-logging
                    ^
                Examples/seed-table-as-written.yaml:6:5: error: [gap] table 'interaction-logging' decides nothing when contact_matches is 1, contact_projects is 0, log_on_all_projects is any
                  - name: interaction-logging
                    ^
                Examples/seed-table-as-written.yaml: 2 errors, 0 warnings

                """)
    }

    @Test func jsonGivesCellsForGapsAndASummary() throws {
        let result = try CommandRunner.run(["validate", "--format", "json", "Examples/seed-table-as-written.yaml"])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        #expect(json["summary"] == .object([("errors", .integer(2)), ("warnings", .integer(0)), ("complete", .bool(true))]))
        guard case .array(let diagnostics)? = json["diagnostics"] else {
            Issue.record("no diagnostics array in \(result.stdout)")
            return
        }
        #expect(diagnostics.count == 2)
        let first = diagnostics[1]
        #expect(first["file"] == .string("Examples/seed-table-as-written.yaml"))
        #expect(first["line"] == .integer(6))
        #expect(first["column"] == .integer(5))
        #expect(first["severity"] == .string("error"))
        #expect(first["code"] == .string("gap"))
        #expect(first["table"] == .string("interaction-logging"))
        #expect(first["rules"] == .array([]))
        #expect(
            first["cells"]
                == .object([
                    ("contact_matches", .object([("ranges", .array([.array([.integer(1), .integer(1)])]))])),
                    ("contact_projects", .object([("ranges", .array([.array([.integer(0), .integer(0)])]))])),
                    ("log_on_all_projects", .string("-")),
                ]))
        #expect(diagnostics[0]["cells"]?["contact_matches"] == .object([("ranges", .array([.array([.integer(2), .null])]))]))
        // The larger gap (almost every integer) comes first, with its share of the space.
        let share = try #require(diagnostics[0]["share"]?.doubleValue, "no share")
        #expect(share > 0.99)
    }

    @Test func aCleanFileSaysSoAndExits0() throws {
        let result = try CommandRunner.run(["validate", "Examples/contact.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == "Examples/contact.yaml: no problems found\n")
    }

    @Test func overlapsNameBothRulesWithAWitnessAndPointAtTheLaterRule() throws {
        let rules = try CommandRunner.temporaryFile(
            """
            tables:
              - name: sizes
                inputs:
                  - { name: n, type: integer, min: 0 }
                  - { name: kind, values: [call, message] }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: small, when: { n: "<= 5" }, then: { label: small } }
                  - { id: large, when: { n: ">= 5", kind: message }, then: { label: large } }
                  - { id: calls, when: { n: ">= 6", kind: call }, then: { label: large } }
            """)
        let result = try CommandRunner.run(["validate", "--format", "json", rules])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        guard case .array(let diagnostics)? = json["diagnostics"] else {
            Issue.record("no diagnostics in \(result.stdout)")
            return
        }
        #expect(diagnostics.count == 1)
        #expect(diagnostics[0]["code"] == .string("overlap"))
        #expect(diagnostics[0]["line"] == .integer(10))
        #expect(diagnostics[0]["rules"] == .array([.string("small"), .string("large")]))
        #expect(diagnostics[0]["witness"] == .object([("n", .integer(5)), ("kind", .string("message"))]))
    }

    @Test func warningsFailOnlyWithStrict() throws {
        let rules = try CommandRunner.temporaryFile(
            """
            tables:
              - name: kinds
                hit: first
                inputs:
                  - { name: kind, values: [call, message, fax] }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: calls, when: { kind: call }, then: { label: call } }
                  - { id: others, then: { label: other } }
            """)
        let plain = try CommandRunner.run(["validate", rules])
        #expect(plain.status == 0)
        #expect(
            plain.stdout.contains(
                "warning: [unused-value] value 'message' of input 'kind' is named by no rule of table 'kinds'; only wildcards reach it"))
        #expect(plain.stdout.hasSuffix("\(rules): 0 errors, 2 warnings\n"))
        let strict = try CommandRunner.run(["validate", "--strict", rules])
        #expect(strict.status == 1)
    }

    @Test func aBrokenTableDoesNotStopTheAnalysisOfTheOthers() throws {
        let rules = try CommandRunner.temporaryFile(
            """
            tables:
              - name: broken
                inputs:
                  - { name: kind, values: [call, message] }
                outputs:
                  - { name: label, type: string }
                rules:
                  - { id: a, when: { kind: fax }, then: { label: x } }
              - name: gappy
                inputs:
                  - { name: on, type: boolean }
                outputs:
                  - { name: mode, type: string }
                rules:
                  - { id: only-on, when: { on: true }, then: { mode: x } }
            """)
        let result = try CommandRunner.run(["validate", rules])
        #expect(result.status == 1)
        #expect(result.stdout.contains("\(rules):8:32: error: [unknown-value] 'fax' is not a value of 'kind'"))
        #expect(result.stdout.contains("\(rules):9:5: error: [gap] table 'gappy' decides nothing when on is false"))
    }

    @Test func noColourWhenOutputIsNotATerminal() throws {
        let result = try CommandRunner.run(["validate", "Examples/seed-table-as-written.yaml"], environment: ["NO_COLOR": ""])
        #expect(!result.stdout.contains("\u{1B}["))
    }

    @Test func noFilesIsBadUsage() throws {
        let result = try CommandRunner.run(["validate"])
        #expect(result.status == 64)
    }

    /// A 4 KB file whose gaps are a vast number of boxes: the budget stops the analysis, the
    /// output says so with the gaps found (each a concrete undecided input), and the exit
    /// status is 2.
    @Test func aBudgetStopsTheAnalysisWithAPartialReportAndExitStatus2() throws {
        let rules = try CommandRunner.temporaryFile(AnalysisWorkloads.hostile[0].yaml())
        let started = ContinuousClock.now
        let result = try CommandRunner.run(["validate", "--timeout", "1", rules])
        #expect(ContinuousClock.now - started < .seconds(30))
        #expect(result.status == 2)
        #expect(result.stdout.contains("[incomplete] the analysis of table 'generated' is incomplete; gaps: stopped at the time budget (1 s)"))
        #expect(result.stdout.contains("[gap] table 'generated' decides nothing when"))
        #expect(result.stdout.contains("more [gap] findings (--all prints them; --format json has them all)"))
        let json = try JSONParser.parse(
            try CommandRunner.run(["validate", "--format", "json", "--max-memory", "4K", "--timeout", "5", rules]).stdout)
        #expect(json["summary"]?["complete"] == .bool(false))
    }

    @Test func badBudgetsAreUsageErrors() throws {
        #expect(try CommandRunner.run(["validate", "--max-memory", "lots", "Examples/contact.yaml"]).status == 64)
        #expect(try CommandRunner.run(["validate", "--timeout", "0", "Examples/contact.yaml"]).status == 64)
    }

    // MARK: - The routing contract

    /// The shipped rules with each `old` replaced by its `new`, in a temporary file, and the
    /// 1-based line of the first line of the result that ends with `marker`.
    static func editedShippedRules(_ edits: [(old: String, new: String)], marker: String) throws -> (path: String, line: Int) {
        var text = try String(contentsOf: CommandRunner.packageRoot.appending(path: "rules/interaction-logging.yaml"), encoding: .utf8)
        for edit in edits {
            try #require(text.contains(edit.old), "the shipped rules no longer contain \(edit.old)")
            text = text.replacingOccurrences(of: edit.old, with: edit.new)
        }
        let line = try #require(text.split(separator: "\n", omittingEmptySubsequences: false).firstIndex { $0.hasSuffix(marker) }) + 1
        return (try CommandRunner.temporaryFile(text, name: "interaction-logging.yaml"), line)
    }

    @Test("A rules file meant for routing that reads a fact routing does not supply fails validate at the input, with a did you mean")
    func routingFactTypo() throws {
        let (path, line) = try Self.editedShippedRules(
            [
                (old: "- name: shared_projects\n", new: "- name: shared_project\n"),
                (old: "shared_projects: ", new: "shared_project: "),
            ],
            marker: "- name: shared_project")
        let result = try CommandRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                \(path):\(line):9: error: [routing-fact] input 'shared_project' is not a fact routing supplies; did you mean 'shared_projects'?
                      - name: shared_project
                        ^
                \(path): 1 error, 0 warnings

                """)
        #expect(result.stderr == "")
    }

    @Test("An output value routing cannot apply fails validate at the output declaration")
    func routingValueItCannotApply() throws {
        let (path, line) = try Self.editedShippedRules(
            [
                (
                    old: "values: [none, assigned, contact_projects, team_projects, choose]",
                    new: "values: [none, assigned, contact_projects, team_projects, choose, later]"
                )
            ],
            marker: "      - name: projects")
        let result = try CommandRunner.run(["validate", "--format", "json", path])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        let diagnostics = try #require(json["diagnostics"].flatMap { if case .array(let items) = $0 { items } else { nil } })
        let routing = diagnostics.filter { $0["code"] == .string("routing-value") }
        try #require(routing.count == 1, "\(result.stdout)")
        #expect(routing[0]["line"] == .integer(line))
        #expect(
            routing[0]["message"]
                == .string(
                    "output 'projects' may be 'later', which routing cannot apply "
                        + "(it applies none, assigned, contact_projects, team_projects, choose)"))
    }

    @Test("A file that does not say it is meant for routing is not held to routing's contract")
    func noRoutingKeyNoContract() throws {
        let (path, _) = try Self.editedShippedRules(
            [
                (old: "routing: aircall-to-spark\n", new: ""),
                (old: "- name: shared_projects\n", new: "- name: shared_project\n"),
                (old: "shared_projects: ", new: "shared_project: "),
            ],
            marker: "tables:")
        let result = try CommandRunner.run(["validate", path])
        #expect(result.stdout == "\(path): no problems found\n")
        #expect(result.status == 0)
    }

    @Test("A misspelt routing name is reported where it is written, with a did you mean")
    func unknownRouting() throws {
        let (path, line) = try Self.editedShippedRules(
            [(old: "routing: aircall-to-spark", new: "routing: aircall-to-sprak")],
            marker: "routing: aircall-to-sprak")
        let result = try CommandRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(
            result.stdout.hasPrefix(
                """
                \(path):\(line):10: error: [unknown-routing] 'aircall-to-sprak' is not an application Switchboard routes for \
                (it knows aircall-to-spark); did you mean 'aircall-to-spark'?
                """))
    }

    // MARK: - Root causes first

    @Test("A misspelt hit policy is the only error: the tables reading the table's outputs are not reported for it")
    func misspeltHitPolicyIsTheOnlyError() throws {
        let (path, line) = try Self.editedShippedRules(
            [
                (
                    old: "  - name: projects\n    description: Which of the contact's projects the interaction is logged to.\n    hit: unique",
                    new: "  - name: projects\n    description: Which of the contact's projects the interaction is logged to.\n    hit: uniq"
                )
            ],
            marker: "hit: uniq")
        let result = try CommandRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(
            result.stdout == """
                \(path):\(line):10: error: [unknown-value] 'uniq' is not a hit policy (expected one of: unique, first, priority, any, collect, rule-order, output-order); did you mean 'unique'?
                    hit: uniq
                         ^
                \(path): 1 error, 0 warnings

                """)
    }

    @Test("A misspelt 'then' is reported once, with its did you mean, and not as missing outputs")
    func misspeltThen() throws {
        let (path, line) = try Self.editedShippedRules(
            [(old: "        then: { contact: none }", new: "        thne: { contact: none }")],
            marker: "thne: { contact: none }")
        let result = try CommandRunner.run(["validate", path])
        #expect(result.status == 1)
        #expect(
            result.stdout.hasPrefix(
                """
                \(path):\(line):9: error: [unknown-key] unknown key 'thne' in a rule; did you mean 'then'?
                """))
        #expect(result.stdout.hasSuffix("\(path): 1 error, 0 warnings\n"))
    }
}
