import DecisionTable
import Foundation
import Testing
import JSONLines

/// `switchboard test` as a user runs it: standard output, standard error, exit status.
@Suite struct TestCommandTests {
    /// A small rules file with one rule no scenario below reaches.
    static let rules = """
        tables:
          - name: size
            inputs: [{ name: n, type: integer, min: 0 }]
            outputs: [{ name: size, values: [small, medium, large] }]
            rules:
              - { id: small, when: { n: "< 10" }, then: { size: small } }
              - { id: medium, when: { n: "10..99" }, then: { size: medium } }
              - { id: large, when: { n: ">= 100" }, then: { size: large } }
        """

    /// A scenario file on ``rules`` (written to a temporary file) with the given scenarios.
    static func scenarioFile(_ scenarios: String) throws -> (scenarios: String, rules: String) {
        let rules = try CommandRunner.temporaryFile(Self.rules, name: "size.yaml")
        let file = try CommandRunner.temporaryFile("rules: \(rules)\nscenarios:\n\(scenarios)", name: "size.scenarios.yaml")
        return (file, rules)
    }

    @Test("With no files, every *.scenarios.yaml under rules/ and Examples/ runs; the shipped ones pass with every rule exercised")
    func shippedScenariosPass() throws {
        let result = try CommandRunner.run(["test", "--require-coverage"])
        #expect(result.status == 0)
        let text = try String(
            contentsOf: CommandRunner.packageRoot.appending(path: "rules/interaction-logging.scenarios.yaml"),
            encoding: .utf8)
        let scenarios = text.components(separatedBy: "\n  - name: ").count - 1
        // The scenario with a directory kept by people: its unreadable field is shown, not fatal.
        let lines = text.split(separator: "\n", omittingEmptySubsequences: false)
        let bad = try #require(lines.firstIndex { $0.contains(#"phone: "555-01""#) })
        let column = try #require(lines[bad].range(of: #""555-01""#)).lowerBound.utf16Offset(in: lines[bad]) + 1
        let warnings = result.stderr.split(separator: "\n").filter { $0.contains(": warning: ") }
        #expect(warnings.count == 1)
        #expect(
            warnings.first?.hasPrefix(
                "rules/interaction-logging.scenarios.yaml:\(bad + 1):\(column): warning: contact 'c-100' (Ada Lovelace): 'phone' '555-01' is not a phone number: "
            ) == true)
        #expect(warnings.first?.hasSuffix("; the field is left out") == true)
        let passes = result.lines.filter { $0.hasPrefix("PASS rules/interaction-logging.scenarios.yaml:") }
        #expect(passes.count == scenarios)
        #expect(passes.first == "PASS rules/interaction-logging.scenarios.yaml:37 Table, row 1: a number on no contact is not logged (ON)")
        #expect(!result.stdout.contains("FAIL"))
        #expect(!result.stdout.contains("warning:"))
        #expect(result.lines.last?.hasPrefix("\(scenarios) scenarios: \(scenarios) passed, 0 failed; ") == true)
        #expect(result.lines.last?.hasSuffix(" rules exercised") == true)
        let counts = try #require(result.lines.last?.split(separator: ";").last?.split(separator: " "))
        #expect(counts[0] == counts[2], "\(counts)")
    }

    @Test("A failure shows expected and actual side by side and the deciding rule's file:line; exit 1")
    func failure() throws {
        let (file, rules) = try Self.scenarioFile(
            """
              - name: small
                facts: { n: 3 }
                expect: { size: small }
              - name: wrongly large
                facts: { n: 50 }
                expect: { size: large }
            """)
        let result = try CommandRunner.run(["test", "--require-coverage", file])
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(
            result.stdout == """
                PASS \(file):3 small
                FAIL \(file):6 wrongly large
                    field  expected  actual    decided by
                    size   "large"   "medium"  \(rules):7: size/medium

                \(rules):8: warning: rule 'large' is not exercised by any scenario

                2 scenarios: 1 passed, 1 failed; 2 of 3 rules exercised

                """)
    }

    @Test("An unexercised rule is a warning; it fails only with --require-coverage", arguments: [false, true])
    func coverage(required: Bool) throws {
        let (file, rules) = try Self.scenarioFile(
            """
              - { name: small, facts: { n: 3 }, expect: { size: small } }
              - { name: medium, facts: { n: 10 }, expect: { size: medium } }
            """)
        let result = try CommandRunner.run(["test"] + (required ? ["--require-coverage"] : []) + [file])
        #expect(result.status == (required ? 1 : 0))
        #expect(result.lines.contains("\(rules):8: warning: rule 'large' is not exercised by any scenario"))
        #expect(result.lines.last == "2 scenarios: 2 passed, 0 failed; 2 of 3 rules exercised")
    }

    @Test("An invalid scenario file prints positioned diagnostics on standard error and exits 1; other files still run")
    func invalidFile() throws {
        let (bad, _) = try Self.scenarioFile(
            """
              - name: typo
                facts: { count: 3 }
                expect: { size: small }
            """)
        let (good, _) = try Self.scenarioFile("  - { name: small, facts: { n: 3 }, expect: { size: small } }")
        let result = try CommandRunner.run(["test", bad, good])
        #expect(result.status == 1)
        #expect(
            result.stderr.contains(
                """
                \(bad):4:12: error: the facts lack n (an integer >= 0)
                    facts: { count: 3 }
                           ^
                """))
        #expect(result.stderr.contains("\(bad):4:14: error: unknown fact 'count'"))
        #expect(result.lines.first == "PASS \(good):3 small")
        #expect(result.lines.last == "1 scenario: 1 passed, 0 failed; 1 scenario file invalid; 1 of 3 rules exercised")
    }

    @Test("--format json gives every scenario, its failures with the deciding rules, the coverage and a summary")
    func json() throws {
        let (file, rules) = try Self.scenarioFile(
            """
              - { name: small, facts: { n: 3 }, expect: { size: small } }
              - { name: wrong, facts: { n: 50 }, expect: { size: large } }
            """)
        let result = try CommandRunner.run(["test", "--format", "json", file])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        guard case .array(let scenarios)? = json["scenarios"] else { Issue.record("no scenarios"); return }
        #expect(scenarios.map { $0["passed"] } == [.bool(true), .bool(false)])
        #expect(
            scenarios[1]["failures"]
                == .array([
                    .object([
                        ("field", .string("size")), ("expected", .string("large")), ("actual", .string("medium")), ("line", .integer(4)),
                        (
                            "rules",
                            .array([
                                .object([
                                    ("table", .string("size")), ("rule", .string("medium")),
                                    ("file", .string(rules)), ("line", .integer(7)),
                                ])
                            ])
                        ),
                    ])
                ]))
        #expect(scenarios[0]["rules"] == .object([("size", .array([.string("small")]))]))
        guard case .array(let coverage)? = json["coverage"] else { Issue.record("no coverage"); return }
        #expect(
            coverage.first?["unexercised"]
                == .array([
                    .object([
                        ("table", .string("size")), ("rule", .string("large")),
                        ("file", .string(rules)), ("line", .integer(8)),
                    ])
                ]))
        #expect(
            json["summary"]
                == .object([
                    ("scenarios", .integer(2)), ("passed", .integer(1)), ("failed", .integer(1)),
                    ("invalid_files", .integer(0)), ("rules", .integer(3)), ("exercised", .integer(2)),
                ]))
    }

    @Test("--format json includes the diagnostics of an invalid file")
    func jsonDiagnostics() throws {
        let (file, _) = try Self.scenarioFile("  - { name: typo, facts: { n: 3 }, expect: { sise: small } }")
        let result = try CommandRunner.run(["test", "--format", "json", file])
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        guard case .array(let diagnostics)? = json["diagnostics"] else { Issue.record("no diagnostics"); return }
        #expect(diagnostics.map { $0["code"] } == [.string("unknown-output")])
        #expect(diagnostics.first?["line"] == .integer(3))
    }
}
