import Foundation
import Testing

/// Trying another version without editing files: `--log-on-all-projects` on `route`,
/// `replay` and `test`, and `test --rules` / `--directory`.
@Suite struct OverrideCommandTests {
    /// The shipped rules with `projects: team_projects` replaced by `choose`, in a temporary file.
    static func editedRules() throws -> String {
        let text = try RouteCommandTests.text(of: "rules/interaction-logging.yaml")
            .replacingOccurrences(of: "then: { projects: team_projects }", with: "then: { projects: choose }")
        return try CommandRunner.temporaryFile(text, name: "edited.yaml")
    }

    @Test("route --log-on-all-projects off: a contact in several projects waits for a person; on: as the directory says")
    func routeSetting() throws {
        let event = try RouteCommandTests.exampleEvent(line: 4)
        let off = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--log-on-all-projects", "off", "-"], stdin: event)
        #expect(off.status == 0)
        #expect(off.stdout.contains(#""id": "814""#))
        #expect(off.stdout.contains(#""status": "unassigned""#))
        #expect(off.stdout.contains(#""projects": ["multiple-projects-off"]"#))
        let on = try CommandRunner.run(["route", "--directory", "Examples/directory.yaml", "--log-on-all-projects", "on", "-"], stdin: event)
        #expect(on.lines == [try RouteCommandTests.lines(of: "Examples/expected-routes.jsonl")[3]])
        let explained = try CommandRunner.run(
            [
                "route", "--directory", "Examples/directory.yaml", "--log-on-all-projects", "off",
                "--explain", "-",
            ], stdin: event)
        #expect(
            explained.lines.contains {
                $0.hasPrefix("  log_on_all_projects = false ")
                    && $0.hasSuffix("--log-on-all-projects off, overriding the directory")
            })
    }

    @Test(
        "A setting that is not on or off is bad usage",
        arguments: [
            ["route", "--directory", "Examples/directory.yaml", "Examples/events.jsonl"],
            ["test"],
        ])
    func badSetting(command: [String]) throws {
        let result = try CommandRunner.run(command + ["--log-on-all-projects", "yes"])
        #expect(result.status == 64)
        #expect(result.stderr.contains("--log-on-all-projects"))
    }

    @Test("replay --log-on-all-projects off: an edit to what ON does changes nothing")
    func replaySetting() throws {
        let edited = try Self.editedRules()
        let base = ["replay", "--baseline", "rules/interaction-logging.yaml", "--rules", edited, "--directory", "Examples/directory.yaml"]
        let on = try CommandRunner.run(base + ["Examples/events.jsonl"])
        #expect(on.status == 1)
        #expect(on.stdout.hasPrefix("24 events: 4 changed"))
        let off = try CommandRunner.run(base + ["--log-on-all-projects", "off", "Examples/events.jsonl"])
        #expect(off.status == 0)
        #expect(off.stdout.hasPrefix("24 events: 0 changed, 17 unchanged"))
    }

    @Test("test --rules: the scenarios run against the edited copy, failures point at its rules")
    func testAgainstEditedRules() throws {
        let edited = try Self.editedRules()
        let result = try CommandRunner.run(["test", "--rules", edited, "rules/interaction-logging.scenarios.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL rules/interaction-logging.scenarios.yaml:"))
        #expect(result.stdout.contains("\(edited):"))
        #expect(!result.stdout.contains("rules/interaction-logging.yaml:"))
        let same = try CommandRunner.run(["test", "--rules", "rules/interaction-logging.yaml", "rules/interaction-logging.scenarios.yaml"])
        #expect(same.status == 0)
    }

    @Test("test --rules naming no file: a positioned error and exit 1")
    func missingRules() throws {
        let result = try CommandRunner.run(["test", "--rules", "no/such.yaml"])
        #expect(result.status == 1)
        #expect(result.stderr.hasPrefix("no/such.yaml:1:1: error: cannot read the file"))
    }

    @Test("test --log-on-all-projects off: the scenarios written for ON fail; those with their own company setting keep it")
    func testSetting() throws {
        let result = try CommandRunner.run(["test", "--log-on-all-projects", "off", "rules/interaction-logging.scenarios.yaml"])
        #expect(result.status == 1)
        #expect(result.stdout.contains("FAIL rules/interaction-logging.scenarios.yaml:56 Table, row 3: a contact in several projects, ON"))
        #expect(result.stdout.contains("PASS rules/interaction-logging.scenarios.yaml:69 Table, row 5: a contact in several projects, OFF"))
    }

    @Test("test --directory replaces the file's directory: an event scenario on one of its contacts")
    func testDirectory() throws {
        let scenarios = try CommandRunner.temporaryFile(
            """
            directory: no/such/directory.yaml
            scenarios:
              - name: Ada calls from her mobile
                event: { event: call.ended, data: { id: 1, direction: inbound, raw_digits: "+1 604-555-0101", user: { email: jane@example.com }, number: { digits: "+1 604-555-0188" } } }
                expect: { status: logged, contact: c-100, projects: [harbour-tower], team_member: tm-jane }

            """, name: "directory.scenarios.yaml")
        let without = try CommandRunner.run(["test", scenarios])
        #expect(without.status == 1)
        #expect(without.stderr.contains("cannot read the Spark directory"))
        let result = try CommandRunner.run(["test", "--directory", "Examples/directory.yaml", scenarios])
        #expect(result.status == 0)
        #expect(result.stdout.contains("PASS \(scenarios):3 Ada calls from her mobile"))
    }
}
