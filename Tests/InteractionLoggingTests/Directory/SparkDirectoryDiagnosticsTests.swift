import DecisionTable
import Testing
@testable import InteractionLogging
@testable import Diagnostics

/// Each case is a small directory with its expected diagnostics marked in place (see
/// ``MarkedYAML``): every problem is reported, each at its line and column.
@Suite struct SparkDirectoryDiagnosticsTests {
    static let cases: [MarkedYAML] = [
        // Unknown and missing keys.
        MarkedYAML(
            """
            # expect: unknown-key at 2:1 "did you mean 'company'?"
            compnay: { default_country: CA }
            company:
              log_on_all_project: true
            # ^ unknown-key "unknown key 'log_on_all_project' in company; did you mean 'log_on_all_projects'?"
            projects:
              - { id: p-1, nmae: One }
            #              ^ unknown-key "did you mean 'name'?"
            team_members:
              - { id: tm-1, name: Jo, projects: [p-1] }
            #   ^ missing-key "a team member needs a 'email' key"
            aircall_lines:
              - { team_members: [tm-1] }
            #   ^ missing-key "needs a 'number' key"
            contacts:
              - name: Ada
            #   ^ missing-key "a contact needs a 'id' key"
                phnoe: "604-555-0100"
            #   ^ unknown-key "did you mean 'phone'?"
                phone_number: "604-555-0100"
            #   ^ unknown-key "unknown key 'phone_number' in a contact (expected one of: id, name, phone,"
            """),
        // Values of the wrong type.
        MarkedYAML(
            """
            company: { log_on_all_projects: yes, default_country: [CA] }
            #                               ^ expected-boolean "did you mean true?"
            #                                                     ^ expected-text
            projects: { id: p-1 }
            #         ^ expected-list
            team_members:
              - tm-1
            #   ^ expected-mapping
              - { id: tm-2, name: [Jo], email: jo@example.com, projects: p-1 }
            #                     ^ expected-text
            #                                                            ^ expected-list
            contacts:
              - { id: c-1, name: Ada, projects: [[p-1]], phone: { number: 1 } }
            #                                    ^ expected-text
            #                                                   ^ expected-text
              - { id: "", name: Bob }
            #         ^ expected-text "must not be empty"
            """),
        // Duplicate ids per kind, emails in any case, line numbers in any form; a note at the first.
        MarkedYAML(
            """
            company: { default_country: CA }
            projects:
              - { id: p-1, name: One }
            #         ^ note duplicate-id
              - { id: p-1, name: Uno }
            #         ^ duplicate-id "another project has the id 'p-1'"
              - { id: tm-1, name: A project named like a team member }
            team_members:
              - { id: tm-1, name: Jo, email: Jo@Example.com }
            #         ^ note duplicate-id
            #                                ^ note duplicate-email
              - { id: tm-2, name: Al, email: jo@example.COM }
            #                                ^ duplicate-email "another team member has the email 'jo@example.COM'"
              - { id: tm-1, name: Cy, email: cy@example.com }
            #         ^ duplicate-id "another team member has the id 'tm-1'"
              - { id: tm-3, name: Di, email: di.example.com }
            #                                ^ invalid-email
            aircall_lines:
              - { number: "+1 604-555-0199" }
            #             ^ note duplicate-line
              - { number: "604 555 0199" }
            #             ^ duplicate-line "another Aircall line has the number +16045550199"
            contacts:
              - { id: c-1, name: Ada }
            #         ^ note duplicate-id
              - { id: c-1, name: Bob }
            #         ^ duplicate-id "another contact has the id 'c-1'"
            """),
        // References to ids that do not exist.
        MarkedYAML(
            """
            projects:
              - { id: harbour-tower, name: Harbour Tower }
            team_members:
              - { id: tm-jane, name: Jane, email: jane@example.com, projects: [harbour-towr, nowhere] }
            #                                                                  ^ unknown-id "no project has the id 'harbour-towr'; did you mean 'harbour-tower'?"
            #                                                                                ^ unknown-id
            aircall_lines:
              - { number: "+1 604-555-0199", team_members: [tm-jnae, tm-jane] }
            #                                               ^ unknown-id "no team member has the id 'tm-jnae'; did you mean 'tm-jane'?"
            contacts:
              - { id: c-1, name: Ada, projects: [harbour-tower, Harbour-Tower] }
            #                                                   ^ unknown-id "did you mean 'harbour-tower'?"
            """),
        // Phone numbers and countries.
        MarkedYAML(
            """
            company: { default_country: CA }
            aircall_lines:
              - { number: anonymous }
            #             ^ no-number
              - { number: "1-800-FLOWERS" }
            #             ^ invalid-phone "'1-800-FLOWERS' is not a phone number: it contains letters"
            contacts:
              - id: c-1
                name: Ada
                phone: "555-0100"
            #          ^ invalid-phone "it has 7 digits; a North American number has 10"
                mobile_phone: "07700 900123"
            #                 ^ invalid-phone
                work_phone: ""
              - id: c-2
                name: Mary
                country: UK
            #            ^ unknown-country "did you mean 'GB'?"
                phone: "07700 900123"
              - { id: c-3, name: Grace, country: gb, phone: "07700 900123", work_phone: "+1 604" }
            #                                                                           ^ invalid-phone "has 4 digits"
            """),
        // National numbers with no country to read them in.
        MarkedYAML(
            """
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100", mobile_phone: "+1 604 555 0101" }
            #                                ^ invalid-phone "set the contact's 'country' or the company's 'default_country'"
            aircall_lines:
              - { number: "604-555-0199" }
            #             ^ invalid-phone "set the company's 'default_country'"
            """),
        // An unknown default country is reported once, not at every national number.
        MarkedYAML(
            """
            company: { default_country: XX }
            #                           ^ unknown-country "'XX' is not a country code"
            aircall_lines:
              - { number: "604-555-0199" }
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100" }
              - { id: c-2, name: Bob, phone: "604-555-0101", country: CA }
              - { id: c-3, name: Cy, phone: "604-555", country: CA }
            #                               ^ invalid-phone
            """),
        // A company that is not a mapping is reported once, too.
        MarkedYAML(
            """
            company: CA
            #        ^ expected-mapping "expected company as a mapping of keys, found 'CA'"
            aircall_lines:
              - { number: "604-555-0199" }
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100" }
            """),
        // Contacts before the company and the projects they depend on: read on a second
        // reading of the file, reported at their places as when they come after.
        MarkedYAML(
            """
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100", projects: [harbour-towr] }
            #                                                           ^ unknown-id "no project has the id 'harbour-towr'; did you mean 'harbour-tower'?"
            #         ^ note duplicate-id
              - { id: c-1, name: Bob, mobile_phone: "555-0100" }
            #         ^ duplicate-id "another contact has the id 'c-1'"
            #                                       ^ invalid-phone "it has 7 digits; a North American number has 10"
              - { id: c-2, name: Cy, country: UK, phone: "07700 900123" }
            #                                 ^ unknown-country "did you mean 'GB'?"
            company: { default_country: CA }
            projects:
              - { id: harbour-tower, name: Harbour Tower }
            #         ^ note duplicate-id
              - { id: harbour-tower, name: Again }
            #         ^ duplicate-id "another project has the id 'harbour-tower'"
            """),
        // An unknown default country after the contacts is reported once, at the company;
        // a file with no projects at all is read twice too.
        MarkedYAML(
            """
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100" }
              - { id: c-2, name: Cy, phone: "604-555", country: CA }
            #                               ^ invalid-phone
            company: { default_country: XX }
            #                           ^ unknown-country "'XX' is not a country code"
            """),
        // The file's shape.
        MarkedYAML(
            """
            # expect: expected-mapping at 2:1 "expected the Spark directory as a mapping"
            - { id: c-1, name: Ada }
            """),
    ]

    /// Strict, so that a contact's unreadable phone field (otherwise a warning, see
    /// `DirectoryWarningTests`) is an error at its place like the others.
    @Test(arguments: cases)
    func reportsEachProblemAtItsPlace(_ marked: MarkedYAML) throws {
        let error = try #require(throws: DiagnosticsError.self) {
            try SparkDirectory(yaml: marked.text, file: "directory.yaml", strict: true)
        }
        let found = MarkedYAML.marks(of: error.diagnostics)
        #expect(found.errors == marked.errors)
        #expect(found.notes == marked.notes)
        for diagnostic in error.diagnostics {
            let mark = MarkedYAML.Mark(
                code: diagnostic.code, line: diagnostic.location.line,
                column: diagnostic.location.column)
            if let excerpt = marked.excerpts[mark] {
                #expect(diagnostic.message.contains(excerpt), "\(diagnostic)")
            }
            #expect(diagnostic.location.file == "directory.yaml")
            #expect(diagnostic.severity == .error)
        }
        #expect(error.sources["directory.yaml"] == marked.text)
    }

    /// A misspelt key is reported once, with what it misspells: the key's absence is not a
    /// second error.
    @Test func printsLikeACompiler() throws {
        let yaml = """
            projects:
              - { id: p-1, nmae: One }
            """
        let error = try #require(throws: DiagnosticsError.self) { try SparkDirectory(yaml: yaml, file: "d.yaml") }
        #expect(
            DiagnosticsFormatter().format(error.diagnostics, sources: error.sources) == """
                d.yaml:2:16: error: unknown key 'nmae' in a project; did you mean 'name'? (expected one of: id, name)
                  - { id: p-1, nmae: One }
                               ^

                """)
    }

    @Test func reportsYAMLSyntaxThroughTheEngine() throws {
        let error = try #require(throws: DiagnosticsError.self) {
            try SparkDirectory(yaml: "contacts:\n  - { id: c-1, name: Ada\n", file: "d.yaml")
        }
        #expect(error.diagnostics.map(\.code) == ["syntax"])
    }
}
