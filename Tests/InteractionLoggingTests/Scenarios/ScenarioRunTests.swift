import DecisionTable
import Foundation
import InteractionLogging
import Testing
import JSONLines

/// Running scenarios: what passes, what a failure reports, and which rules the scenarios reach.
@Suite struct ScenarioRunTests {
    /// The package's root folder, found from this file's path.
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static let directory = """
        directory:
          company: { log_on_all_projects: true, default_country: CA }
          projects: [{ id: p-1, name: One }, { id: p-2, name: Two }]
          team_members: [{ id: tm-jane, name: Jane, email: jane@example.com, projects: [p-1, p-2] }]
          aircall_lines: [{ number: "+1 604-555-0188", team_members: [tm-jane] }]
          contacts:
            - { id: c-1, name: Ada, phone: "604-555-0100", projects: [p-1] }
            - { id: c-2, name: Bob, phone: "604-555-0200", projects: [p-2, p-1] }
        """

    /// A call Jane took on her line from `number`.
    static func call(from number: String) -> String {
        #"{ event: call.ended, data: { id: 1, direction: inbound, raw_digits: "\#(number)", user: { email: jane@example.com }, number: { digits: "+1 604-555-0188" } } }"#
    }

    @Test("The shipped scenarios pass and exercise every shipped rule")
    func shippedScenariosPassWithFullCoverage() throws {
        let path = Self.root.appending(path: "rules/interaction-logging.scenarios.yaml").path
        let file = try ScenarioFile(contentsOf: URL(filePath: path))
        let results = file.run()
        #expect(results.count >= 20)
        for result in results {
            #expect(result.passed, "\(result.scenario.name): \(result.mismatches) \(result.error ?? "")")
        }
        var coverage = RuleCoverage()
        coverage.add(results, of: file)
        #expect(coverage.unexercised.map(\.id) == [])
        #expect(coverage.ruleCount == file.rules.tables.reduce(0) { $0 + $1.rules.count })
        #expect(coverage.exercisedCount == coverage.ruleCount)
    }

    @Test(
        "The shipped scenarios catch an edited rule: row 5 logging to all projects fails row 5, the projects choice it makes unneeded, and the OFF shared-line case"
    )
    func shippedScenariosCatchAnEdit() throws {
        let folder = Self.root.appending(path: "rules")
        var rules = try String(contentsOf: folder.appending(path: "interaction-logging.yaml"), encoding: .utf8)
        let old = """
            log_on_all_projects: false }
                    then: { projects: choose }
            """
        try #require(rules.contains(old))
        rules = rules.replacingOccurrences(of: old, with: "log_on_all_projects: false }\n        then: { projects: contact_projects }")
        let edited = try TemporaryFolder.file("edited.yaml", rules)
        let scenarios = try String(contentsOf: folder.appending(path: "interaction-logging.scenarios.yaml"), encoding: .utf8)
            .replacingOccurrences(of: "rules: interaction-logging.yaml", with: "rules: edited.yaml")
        let file = try ScenarioFile(contentsOf: try TemporaryFolder.file("s.scenarios.yaml", scenarios, in: edited.folder).url)
        let failed = file.run().filter { !$0.passed }
        #expect(failed.map(\.scenario.name).map { $0.prefix(13) } == ["Table, row 5:", "One contact, ", "Assigning int"])
        let projects = try #require(failed.first?.mismatches.first { $0.field == "projects" })
        #expect(projects.expected == .array([]))
        #expect(projects.actual == .array(["harbour-tower", "maple-lofts", "the-pier"].map(JSONValue.string)))
        #expect(projects.decidedBy.map(\.id) == ["multiple-projects-off"])
        #expect(projects.decidedBy.first?.location.file == edited.url.path)
    }

    @Test("A failure names each field that differs, expected and actual, and the rule that decided it, with its line")
    func failureReportsTheDecidingRule() throws {
        let file = try ScenarioFile(
            yaml: Self.directory + """

                scenarios:
                  - name: wrong
                    event: \(Self.call(from: "+1 604-555-0100"))
                    expect: { status: unassigned, contact: c-1, projects: [p-2], button: null }
                """)
        let result = try #require(file.run().first)
        #expect(!result.passed)
        #expect(result.mismatches.map(\.field) == ["status", "projects"])
        #expect(result.mismatches[0].expected == .string("unassigned"))
        #expect(result.mismatches[0].actual == .string("logged"))
        #expect(result.mismatches[0].location.line == 12)
        let rule = try #require(result.mismatches[0].decidedBy.first)
        #expect((rule.table, rule.id) == ("assignments", "logged"))
        let definition = try #require(file.rules.tables.first { $0.name == "assignments" }?.rules.first { $0.id == "logged" })
        #expect(rule.location == definition.location)
        #expect(result.mismatches[1].decidedBy.map(\.id) == ["one-project"])
        #expect(result.reason == "Logged automatically.")
    }

    @Test("Projects and actions compare as sets; ignored events have a status and no rules")
    func listsCompareAsSets() throws {
        let file = try ScenarioFile(
            yaml: Self.directory + """

                scenarios:
                  - name: two projects
                    event: \(Self.call(from: "+1 604-555-0200"))
                    expect: { status: logged, projects: [p-2, p-1], actions: [] }
                  - name: ignored
                    event: { event: call.created, data: { id: 2 } }
                    expect: { status: ignored, contact: null, projects: [] }
                """)
        let results = file.run()
        #expect(results.map(\.passed) == [true, true])
        #expect(results[1].rules.isEmpty)
    }

    @Test("Assignments and the company setting re-route as the article says")
    func assignmentsAndCompany() throws {
        let file = try ScenarioFile(
            yaml: Self.directory + """

                scenarios:
                  - name: OFF
                    company: { log_on_all_projects: false }
                    event: \(Self.call(from: "+1 604-555-0200"))
                    expect: { status: unassigned, actions: [assign_projects], button: Assign Projects }
                  - name: OFF, projects assigned
                    company: { log_on_all_projects: false }
                    assignments: { projects: [p-2] }
                    event: \(Self.call(from: "+1 604-555-0200"))
                    expect: { status: logged, projects: [p-2] }
                """)
        #expect(file.run().map(\.passed) == [true, true])
    }

    /// A rules file with a `collect` table, for facts scenarios on any rules file.
    static let rules = """
        tables:
          - name: size
            inputs: [{ name: n, type: integer, min: 0 }]
            outputs: [{ name: size, values: [small, large] }]
            rules:
              - { id: small, when: { n: "< 10" }, then: { size: small } }
              - { id: large, when: { n: ">= 10" }, then: { size: large } }
          - name: tags
            hit: collect
            inputs: [{ name: size }, { name: vip, type: boolean }]
            outputs: [{ name: tag, type: string }]
            rules:
              - { id: big, when: { size: large }, then: { tag: big } }
              - { id: vip, when: { vip: true }, then: { tag: vip } }
              - { id: never, when: { size: small, vip: false }, then: { tag: plain } }
        """

    @Test("Facts scenarios run on any rules file, named relative to the scenario file; lists for collect tables")
    func factsOnAnyRulesFile() throws {
        let rules = try TemporaryFolder.file("tags.yaml", Self.rules)
        let scenarios = try TemporaryFolder.file(
            "tags.scenarios.yaml",
            """
            rules: tags.yaml
            scenarios:
              - name: large vip
                facts: { n: 12, vip: true }
                expect: { size: large, tag: [big, vip] }
              - name: the tags table alone
                table: tags
                facts: { size: large, vip: false }
                expect: { tag: [big] }
              - name: wrong
                facts: { n: 3, vip: true }
                expect: { size: large }
            """, in: rules.folder)
        let file = try ScenarioFile(contentsOf: scenarios.url)
        #expect(file.rules.file == rules.url.path)
        let results = file.run()
        #expect(results.map(\.passed) == [true, true, false])
        #expect(results[2].mismatches.first?.decidedBy.map(\.id) == ["small"])
        #expect(results[2].mismatches.first?.decidedBy.first?.location.line == 6)

        var coverage = RuleCoverage()
        coverage.add(results, of: file)
        #expect(coverage.unexercised.map(\.id) == ["never"])
        #expect(coverage.unexercised.first?.location.line == 15)
        #expect(coverage.tables.map(\.name) == ["size", "tags"])
        #expect((coverage.exercisedCount, coverage.ruleCount) == (4, 5))
    }

    @Test("Two scenario files on the same rules add up in the coverage")
    func coverageAddsUpAcrossFiles() throws {
        let rules = try TemporaryFolder.file("tags.yaml", Self.rules)
        var coverage = RuleCoverage()
        for (name, facts) in [("a", "{ n: 1, vip: false }"), ("b", "{ n: 12, vip: true }")] {
            let scenarios = try TemporaryFolder.file(
                "\(name).scenarios.yaml",
                """
                rules: ./tags.yaml
                scenarios: [{ name: one, facts: \(facts), expect: { size: \(name == "a" ? "small" : "large") } }]
                """, in: rules.folder)
            let file = try ScenarioFile(contentsOf: scenarios.url)
            coverage.add(file.run(), of: file)
        }
        #expect(coverage.tables.count == 2)
        #expect(coverage.unexercised.isEmpty)
    }

    @Test("A table that decides nothing fails the scenario with the engine's message")
    func evaluationErrorFailsTheScenario() throws {
        let rules = try TemporaryFolder.file(
            "gap.yaml",
            """
            tables:
              - name: t
                gaps: allowed
                inputs: [{ name: n, type: integer, min: 0 }]
                outputs: [{ name: y, values: [a] }]
                rules: [{ id: one, when: { n: 1 }, then: { y: a } }]
            """)
        let scenarios = try TemporaryFolder.file(
            "gap.scenarios.yaml",
            """
            rules: gap.yaml
            scenarios: [{ name: two, facts: { n: 2 }, expect: { y: a } }]
            """, in: rules.folder)
        let result = try #require(try ScenarioFile(contentsOf: scenarios.url).run().first)
        #expect(!result.passed)
        #expect(result.error?.contains("no rule of table 't' matches n = 2") == true)
    }

    @Test("An event may be a JSON file, relative to the scenario file")
    func eventFromAFile() throws {
        let event = try TemporaryFolder.file(
            "call.json",
            """
            {"event": "call.ended", "data": {"id": 9, "direction": "outbound", "raw_digits": "+1 604-555-0100",
             "user": {"email": "jane@example.com"}, "number": {"digits": "+1 604-555-0188"}}}
            """)
        let directory = try TemporaryFolder.file(
            "office.yaml",
            String(
                Self.directory.split(separator: "\n").dropFirst()
                    .map { $0.dropFirst(2) }.joined(separator: "\n")), in: event.folder)
        let scenarios = try TemporaryFolder.file(
            "f.scenarios.yaml",
            """
            directory: office.yaml
            scenarios: [{ name: from a file, event: call.json, expect: { status: logged, contact: c-1, team_member: tm-jane } }]
            """, in: directory.folder)
        #expect(try ScenarioFile(contentsOf: scenarios.url).run().map(\.passed) == [true])
    }
}
