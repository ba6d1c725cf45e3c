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
        #expect(result.stdout == """
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
        #expect(first["cells"] == .object([
            ("contact_matches", .object([("ranges", .array([.array([.integer(1), .integer(1)])]))])),
            ("contact_projects", .object([("ranges", .array([.array([.integer(0), .integer(0)])]))])),
            ("log_on_all_projects", .string("-")),
        ]))
        #expect(diagnostics[0]["cells"]?["contact_matches"] == .object([("ranges", .array([.array([.integer(2), .null])]))]))
        // The larger gap (almost every integer) comes first, with its share of the space.
        if case .number(let share)? = diagnostics[0]["share"] { #expect(share > 0.99) } else { Issue.record("no share") }
    }

    @Test func aCleanFileSaysSoAndExits0() throws {
        let result = try CommandRunner.run(["validate", "Examples/contact.yaml"])
        #expect(result.status == 0)
        #expect(result.stdout == "Examples/contact.yaml: no problems found\n")
    }

    @Test func overlapsNameBothRulesWithAWitnessAndPointAtTheLaterRule() throws {
        let rules = try CommandRunner.temporaryFile("""
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
        let rules = try CommandRunner.temporaryFile("""
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
        #expect(plain.stdout.contains("warning: [unused-value] value 'message' of input 'kind' is named by no rule of table 'kinds'; only wildcards reach it"))
        #expect(plain.stdout.hasSuffix("\(rules): 0 errors, 2 warnings\n"))
        let strict = try CommandRunner.run(["validate", "--strict", rules])
        #expect(strict.status == 1)
    }

    @Test func aBrokenTableDoesNotStopTheAnalysisOfTheOthers() throws {
        let rules = try CommandRunner.temporaryFile("""
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
        let json = try JSONParser.parse(try CommandRunner.run(["validate", "--format", "json", "--max-memory", "4K", "--timeout", "5", rules]).stdout)
        #expect(json["summary"]?["complete"] == .bool(false))
    }

    @Test func badBudgetsAreUsageErrors() throws {
        #expect(try CommandRunner.run(["validate", "--max-memory", "lots", "Examples/contact.yaml"]).status == 64)
        #expect(try CommandRunner.run(["validate", "--timeout", "0", "Examples/contact.yaml"]).status == 64)
    }
}
