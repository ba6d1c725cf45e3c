import DecisionTable
import Foundation
import Testing
import JSONLines

/// `switchboard replay` as a user runs it: standard output, standard error, exit status, and
/// the `--changes` file.
@Suite struct ReplayCommandTests {
    static func text(of path: String) throws -> String {
        try String(contentsOf: CommandRunner.packageRoot.appending(path: path), encoding: .utf8)
    }

    /// The shipped rules with row 3 (the setting ON, several projects) sending the
    /// interaction to the Unassigned tab instead: a rules file a product owner edited.
    static func editedRules() throws -> String {
        let shipped = try text(of: "rules/interaction-logging.yaml")
        let edited = shipped.replacingOccurrences(of: "then: { projects: team_projects }", with: "then: { projects: choose }")
        try #require(edited != shipped)
        return try CommandRunner.temporaryFile(edited, name: "edited.yaml")
    }

    static let arguments = ["--directory", "Examples/directory.yaml", "Examples/events.jsonl"]

    @Test(
        "The examples under the shipped rules and an edited copy: every event counted once, changes grouped by field and (old → new)",
        arguments: [[], ["--threads", "1"], ["--threads", "3"]])
    func examplesAgainstAnEditedCopy(threads: [String]) throws {
        let edited = try Self.editedRules()
        let result = try CommandRunner.run(
            ["replay", "--baseline", "rules/interaction-logging.yaml", "--rules", edited]
                + threads + Self.arguments)
        #expect(result.status == 1)
        #expect(result.stderr == "")
        #expect(
            result.stdout == """
                24 events: 4 changed, 13 unchanged, 5 ignored, 1 duplicate, 1 error

                status
                  "logged" → "unassigned"                3  e.g. msg-c200-jane, 814, 816

                projects
                  ["harbour-tower", "maple-lofts"] → []  1  e.g. msg-c200-jane
                  ["the-pier"] → []                      1  e.g. 814
                  ["maple-lofts"] → []                   1  e.g. 816

                button
                  null → "Assign Projects"               3  e.g. msg-c200-jane, 814, 816
                  "Assign Team Member" → "Assign"        1  e.g. msg-c200-shared

                """)
    }

    @Test("--rules defaults to the built-in rules: the edit as the baseline reverses every group")
    func builtInRulesByDefault() throws {
        let result = try CommandRunner.run(["replay", "--baseline", try Self.editedRules(), "--format", "json"] + Self.arguments)
        #expect(result.status == 1)
        let json = try JSONParser.parse(result.stdout)
        #expect(json["changed"] == .integer(4))
        guard case .array(let groups)? = json["groups"] else { Issue.record("no groups"); return }
        #expect(
            groups.first
                == .object([
                    ("field", .string("status")), ("old", .string("unassigned")), ("new", .string("logged")),
                    ("count", .integer(3)), ("examples", .array(["msg-c200-jane", "814", "816"].map(JSONValue.string))),
                ]))
        #expect(groups.compactMap { if case .integer(let n)? = $0["count"] { n } else { nil } } == [3, 1, 1, 1, 3, 1])
    }

    @Test("The same rules on both sides change nothing and exit 0; errors, ignored and duplicates are still counted")
    func noChange() throws {
        let result = try CommandRunner.run(["replay", "--baseline", "rules/interaction-logging.yaml", "--format", "json"] + Self.arguments)
        #expect(result.status == 0)
        #expect(result.stdout == #"{"events": 24, "changed": 0, "unchanged": 17, "ignored": 5, "duplicate": 1, "error": 1, "groups": []}"# + "\n")
        let human = try CommandRunner.run(["replay", "--baseline", "rules/interaction-logging.yaml"] + Self.arguments)
        #expect(
            human.lines == [
                "24 events: 0 changed, 17 unchanged, 5 ignored, 1 duplicate, 1 error",
                "no interaction changes status, projects, team member or button",
            ])
    }

    @Test("--changes writes one JSON line per changed event with both routes; the old ones are what `route` prints")
    func changesFile() throws {
        let changes = try CommandRunner.temporaryFile("stale", name: "changes.jsonl")
        let result = try CommandRunner.run(
            [
                "replay", "--baseline", "rules/interaction-logging.yaml", "--rules", try Self.editedRules(),
                "--changes", changes,
            ] + Self.arguments)
        #expect(result.status == 1)
        let lines = try String(contentsOf: URL(filePath: changes), encoding: .utf8).split(separator: "\n").map(String.init)
        #expect(lines.count == 4)
        let expected = try Self.text(of: "Examples/expected-routes.jsonl").split(separator: "\n").map { try JSONParser.parse($0) }
        for line in lines {
            let change = try JSONParser.parse(line)
            guard case .object(let pairs) = change else { Issue.record("not an object: \(line)"); continue }
            #expect(pairs.map(\.0) == ["event", "id", "old", "new"])
            let old = try #require(change["old"])
            #expect(expected.contains(old), "\(line)")
            #expect(change["event"] == old["event"])
            #expect(change["id"] == old["id"])
            #expect(change["new"]?["id"] == old["id"])
            #expect(change["new"]?["status"] != old["status"] || change["new"]?["button"] != old["button"])
        }
        #expect(lines.map { try? JSONParser.parse($0)["id"] } == ["msg-c200-jane", "814", "816", "msg-c200-shared"].map { .string($0) })
    }

    @Test("Standard input is read as `route` reads it")
    func standardInput() throws {
        let result = try CommandRunner.run(
            [
                "replay", "--baseline", "rules/interaction-logging.yaml", "--rules", try Self.editedRules(),
                "--directory", "Examples/directory.yaml", "-",
            ],
            stdin: try Self.text(of: "Examples/events.jsonl"))
        #expect(result.lines.first == "24 events: 4 changed, 13 unchanged, 5 ignored, 1 duplicate, 1 error")
    }

    @Test("Invalid rules are reported with their positions and exit 1; missing events are bad usage (64)")
    func errors() throws {
        let broken = try CommandRunner.temporaryFile("tables:\n  - name: t\n    hitt: unique\n", name: "broken.yaml")
        let result = try CommandRunner.run(["replay", "--baseline", broken] + Self.arguments)
        #expect(result.status == 1)
        #expect(result.stderr.contains("\(broken):3:5: error: unknown key 'hitt'"))
        #expect(result.stdout == "")

        let unroutable = try CommandRunner.temporaryFile(
            """
            tables:
              - name: t
                inputs: [{ name: kind, values: [call, message] }]
                outputs: [{ name: status, values: [logged] }]
                rules: [{ id: r, when: {}, then: { status: logged } }]
            """, name: "unroutable.yaml")
        let cannot = try CommandRunner.run(["replay", "--baseline", unroutable] + Self.arguments)
        #expect(cannot.status == 1)
        #expect(
            cannot.stderr.hasPrefix("\(unroutable):2:5: error: routing needs an output 'contact' (none, matched, choose), which no table produces\n"))

        let usage = try CommandRunner.run(["replay", "--baseline", "rules/interaction-logging.yaml", "--directory", "Examples/directory.yaml"])
        #expect(usage.status == 64)
    }
}
