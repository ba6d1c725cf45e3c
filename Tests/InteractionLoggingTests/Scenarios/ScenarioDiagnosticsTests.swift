import DecisionTable
import Testing
@testable import InteractionLogging
@testable import Diagnostics

/// Each case is a small scenario file (on the built-in rules) with its expected diagnostics
/// marked in place (see ``MarkedYAML``): every problem is reported at its line and column,
/// with a "did you mean" for near misses, and nothing crashes.
@Suite struct ScenarioDiagnosticsTests {
    /// A directory for the event scenarios, written inline.
    static let directory = """
        directory:
          company: { log_on_all_projects: true, default_country: CA }
          projects: [{ id: p-1, name: One }, { id: p-2, name: Two }]
          team_members: [{ id: tm-jane, name: Jane, email: jane@example.com, projects: [p-1] }]
          aircall_lines: [{ number: "+1 604-555-0188", team_members: [tm-jane] }]
          contacts: [{ id: c-1, name: Ada, phone: "604-555-0100", projects: [p-1] }]
        """

    static let cases: [MarkedYAML] = [
        // The file's keys and the scenarios' keys.
        MarkedYAML(
            """
            # expect: unknown-key at 2:1 "did you mean 'scenarios'?"
            senarios: []
            scenarios:
              - name: one
            #   ^ missing-key "a scenario needs 'facts'"
                fact: { kind: call }
            #   ^ unknown-key "unknown key 'fact' in a scenario; did you mean 'facts'?"
                expect: { status: logged }
              - facts: { assign_contact: true, assign_projects: false, assign_team_member: false }
            #   ^ missing-key "a scenario needs a 'name' key"
                table: button
                expect: { button: Assign to Contact }
              - name: neither
            #   ^ missing-key "needs 'facts' (evaluated by the rules' tables) or an 'event'"
                expect: { status: logged }
              - name: no expectation
            #   ^ missing-key "a scenario needs a 'expect' key"
                table: button
                facts: { assign_contact: true, assign_projects: false, assign_team_member: false }
            """),
        // Facts: unknown names, outputs given as facts, values outside their domain, missing facts.
        MarkedYAML(
            """
            scenarios:
              - name: facts
                table: button
                facts: { asign_contact: true, assign_projects: yes, button: none }
            #          ^ missing-fact "the facts lack assign_team_member (true or false)"
            #            ^ unknown-fact "unknown fact 'asign_contact'; did you mean 'assign_contact'?"
            #                                                  ^ expected-boolean "did you mean true?"
            #                                                       ^ not-a-fact "'button' is decided by table 'button'"
                expect: { buton: Assign, button: Asign }
            #             ^ unknown-output "did you mean 'button'?"
            #                                    ^ unknown-value "'Asign' is not a value of output 'button'"
              - name: whole chain
                facts: { contact_matches: -1, kind: cal, direction: inbound, team_member_assigned: false, line_team_members: many, user_is_team_member: true, projects_assigned: false, contact_projects: 1, log_on_all_projects: true, shared_projects: 0 }
            #                             ^ out-of-domain "fact 'contact_matches' must be an integer >= 0, found -1"
            #                                       ^ unknown-value "did you mean 'call'?"
            #                                                                                                                ^ expected-integer
                expect: { contact_matches: 1 }
            #             ^ unknown-output "'contact_matches' is a fact, not an output"
              - name: a table that is not there
                table: buton
            #          ^ unknown-table "no table 'buton'"
                facts: {}
                expect: { button: Assign }
            """),
        // Event scenarios: the event, the company, assignments and route fields.
        MarkedYAML(
            directory + """

                scenarios:
                  - name: event
                #         ^ note duplicate-scenario
                    event: { event: call.ended, data: { id: 1, direction: sideways } }
                #          ^ invalid-event "data.direction must be"
                    company: { log_on_all_projects: maybe }
                #                                   ^ expected-boolean
                    assignments: { contact: c-2, team_membr: tm-jane, projects: [p-3] }
                #                           ^ unknown-id "no contact 'c-2' in the directory; did you mean 'c-1'?"
                #                                ^ unknown-key "did you mean 'team_member'?"
                #                                                                ^ unknown-id "no project 'p-3'"
                    expect: { status: loged, team_member: tm-jan, actions: [assign_project], button: none, reason: x }
                #                     ^ unknown-value "did you mean 'logged'?"
                #                                         ^ unknown-id "did you mean 'tm-jane'?"
                #                                                           ^ unknown-value "did you mean 'assign_projects'?"
                #                                                                                    ^ unknown-value "write null for no button"
                #                                                                                          ^ unknown-key "unknown key 'reason'"
                  - name: both
                    facts: { kind: call }
                    event: { event: call.ended }
                #          ^ conflicting-keys
                    expect: { status: logged }
                  - name: event
                #         ^ duplicate-scenario
                    table: button
                #   ^ unexpected-key "'table' applies to facts scenarios"
                    event: 42
                #          ^ unreadable "cannot read the webhook file '42'"
                    expect: {}
                #           ^ empty-expectation
                """),
        // An event scenario with no directory anywhere; a facts scenario with event keys.
        MarkedYAML(
            """
            scenarios:
              - name: no directory
            #   ^ missing-key "an event scenario needs a 'directory'"
                event: { event: call.created }
                expect: { status: ignored }
              - name: facts with a company
                table: button
                facts: { assign_contact: true, assign_projects: false, assign_team_member: false }
                company: { log_on_all_projects: true }
            #   ^ unexpected-key "'company' applies to event scenarios"
                expect: { button: Assign to Contact }
            """),
        // The rules and directory paths name no file.
        MarkedYAML(
            """
            rules: no-such-rules.yaml
            #      ^ unreadable "cannot read the rules file 'no-such-rules.yaml'"
            scenarios:
              - name: one
                event: { event: call.created }
                expect: { status: ignored }
            """),
    ]

    @Test(arguments: cases)
    func reportsEachProblemAtItsPlace(_ marked: MarkedYAML) throws {
        let error = try #require(throws: DiagnosticsError.self) {
            try ScenarioFile(yaml: marked.text, file: "scenarios.yaml")
        }
        let found = MarkedYAML.marks(of: error.diagnostics)
        #expect(found.errors == marked.errors)
        #expect(found.notes == marked.notes)
        for diagnostic in error.diagnostics {
            let mark = MarkedYAML.Mark(code: diagnostic.code, line: diagnostic.location.line, column: diagnostic.location.column)
            if let excerpt = marked.excerpts[mark] {
                #expect(diagnostic.message.contains(excerpt), "\(diagnostic)")
            }
            #expect(diagnostic.location.file == "scenarios.yaml")
        }
        #expect(error.sources["scenarios.yaml"] == marked.text)
    }

    @Test func printsLikeACompiler() throws {
        let yaml = """
            scenarios:
              - name: one
                table: button
                facts: { assign_contact: true, assign_projects: false, assign_team_member: flase }
                expect: { button: Assign }
            """
        let error = try #require(throws: DiagnosticsError.self) { try ScenarioFile(yaml: yaml, file: "s.yaml") }
        #expect(
            DiagnosticsFormatter().format(error.diagnostics, sources: error.sources) == """
                s.yaml:4:80: error: fact 'assign_team_member' must be true or false, found 'flase'
                    facts: { assign_contact: true, assign_projects: false, assign_team_member: flase }
                                                                                               ^

                """)
    }

    @Test func yamlSyntaxIsReportedByTheEngine() throws {
        let error = try #require(throws: DiagnosticsError.self) {
            try ScenarioFile(yaml: "scenarios:\n  - { name: one\n", file: "s.yaml")
        }
        #expect(error.diagnostics.first?.location.file == "s.yaml")
    }

    @Test("Problems in the rules file a scenario file names are reported in that file")
    func problemsInTheRulesFile() throws {
        let rules = try TemporaryFolder.file(
            "rules.yaml",
            """
            tables:
              - name: t
                inputs: [{ name: x, type: integer }]
                outputs: [{ name: y, values: [a, b] }]
                rules:
                  - { id: r, when: { x: 1 }, then: { y: c } }
            """)
        let scenarios = try TemporaryFolder.file(
            "t.scenarios.yaml",
            """
            rules: rules.yaml
            scenarios: [{ name: one, facts: { x: 1 }, expect: { y: a } }]
            """, in: rules.folder)
        let error = try #require(throws: DiagnosticsError.self) { try ScenarioFile(contentsOf: scenarios.url) }
        #expect(error.diagnostics.map(\.location.file) == [rules.url.path])
        #expect(error.sources[rules.url.path] != nil)
    }
}
