import DecisionTable
import InteractionLogging
import Testing
import Diagnostics

/// A directory kept by people: one unreadable phone field of a contact is left out with a
/// warning naming the contact and the field, and the rest of the directory loads; strict
/// loading makes it an error.
@Suite struct DirectoryWarningTests {
    static let yaml = """
        company: { default_country: CA }
        projects:
          - { id: p-1, name: One }
        contacts:
          - { id: c-1, name: Ada, phone: "604-555-0100", projects: [p-1] }
          - id: c-2
            name: Mary
            phone: "555-01"
            mobile_phone: "604-555-0200"
            projects: [p-1]
          - { id: c-3, name: Grace, work_phone: "call the front desk, ext. 12, 4 rings", projects: [p-1] }
        """

    static func number(_ text: String) throws -> E164 {
        guard case .number(let number) = PhoneNumber.normalize(text, region: "CA") else {
            Issue.record("'\(text)' does not normalise")
            throw DiagnosticsError([])
        }
        return number
    }

    /// The warnings as (line, column, the message without the reason the phone reader gives).
    static func places(_ diagnostics: [Diagnostic]) -> [String] {
        diagnostics.map { diagnostic in
            let message = diagnostic.message
            let head = message.range(of: " is not a phone number: ").map { String(message[..<$0.upperBound]) } ?? message
            let tail = message.hasSuffix("; the field is left out") ? "…; the field is left out" : "(no suffix)"
            return "\(diagnostic.location) \(diagnostic.severity.rawValue) [\(diagnostic.code)] \(head)\(tail)"
        }
    }

    @Test("An unreadable phone field is a warning naming the contact and the field; the field is left out, the rest loads")
    func unreadableFieldIsLeftOutWithAWarning() throws {
        let directory = try SparkDirectory(yaml: Self.yaml, file: "directory.yaml")
        #expect(
            Self.places(directory.warnings) == [
                "directory.yaml:8:12 warning [invalid-phone] contact 'c-2' (Mary): 'phone' '555-01' is not a phone number: …; the field is left out",
                "directory.yaml:11:41 warning [invalid-phone] contact 'c-3' (Grace): 'work_phone' 'call the front desk, ext. 12, 4 rings' is not a phone number: …; the field is left out",
            ])
        #expect(directory.contacts.map(\.id) == ["c-1", "c-2", "c-3"])
        // Mary keeps her mobile number; Grace has none left.
        #expect(directory.contacts(holding: try Self.number("604-555-0200")) == [1])
        #expect(directory.contacts[1].phones == [try Self.number("604-555-0200")])
        #expect(directory.contacts[2].phones == [])
        #expect(directory.warningSources["directory.yaml"] == Self.yaml)
        let printed = DiagnosticsFormatter().format(directory.warnings, sources: directory.warningSources).split(separator: "\n")
        #expect(printed.prefix(3).dropFirst() == ["    phone: \"555-01\"", "           ^"])
    }

    @Test("A phone written in numerals that are not digits is a positioned warning, not silently no number")
    func numeralsThatAreNotDigitsAreReported() throws {
        let yaml = """
            company: { default_country: CA }
            contacts:
              - { id: c-1, name: Ada, phone: "⑥⓪④-⑤⑤⑤-⓪①⓪⓪", mobile_phone: "٦٠٤-٥٥٥-٠٢٠٠" }
            """
        let directory = try SparkDirectory(yaml: yaml, file: "directory.yaml")
        #expect(
            directory.warnings.map { "\($0.location) \($0.severity.rawValue) [\($0.code)] \($0.message)" } == [
                "directory.yaml:3:34 warning [invalid-phone] contact 'c-1' (Ada): 'phone' '⑥⓪④-⑤⑤⑤-⓪①⓪⓪' is not a phone number: "
                    + "it contains '⑥', which is not part of a phone number; the field is left out"
            ])
        // Digits of another script are read.
        #expect(directory.contacts[0].phones == [try Self.number("604-555-0200")])
    }

    @Test("Strict loading makes the warnings errors, and the directory does not load")
    func strictMakesItAnError() throws {
        let error = try #require(throws: DiagnosticsError.self) {
            try SparkDirectory(yaml: Self.yaml, file: "directory.yaml", strict: true)
        }
        #expect(
            Self.places(error.diagnostics) == [
                "directory.yaml:8:12 error [invalid-phone] contact 'c-2' (Mary): 'phone' '555-01' is not a phone number: …; the field is left out",
                "directory.yaml:11:41 error [invalid-phone] contact 'c-3' (Grace): 'work_phone' 'call the front desk, ext. 12, 4 rings' is not a phone number: …; the field is left out",
            ])
    }

    @Test("A clean directory has no warnings and keeps no source text")
    func cleanDirectory() throws {
        let directory = try SparkDirectory(yaml: "contacts:\n  - { id: c-1, name: Ada, phone: \"+1 604-555-0100\" }\n")
        #expect(directory.warnings.isEmpty)
        #expect(directory.warningSources.isEmpty)
    }

    @Test("An Aircall line's unreadable number is still an error: routing cannot know the line")
    func lineNumberStaysAnError() throws {
        let error = try #require(throws: DiagnosticsError.self) {
            try SparkDirectory(yaml: "aircall_lines:\n  - { number: \"+1 604\" }\n", file: "d.yaml")
        }
        #expect(error.diagnostics.map(\.severity) == [.error])
        #expect(error.diagnostics.map(\.code) == ["invalid-phone"])
    }
}

/// The forms people write in a directory, next to an unreadable one.
@Suite struct DirectoryRealNumbersTests {
    @Test("Extensions, tel: URIs and annotations are read as the number; only the unreadable field warns")
    func peoplesNumbers() throws {
        let yaml = """
            company: { default_country: CA }
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-3007 #204", mobile_phone: "(cell)", work_phone: "tel:+1-604-555-0100" }
              - { id: c-2, name: Bob, phone: "+1 604 555 0101;ext=204", mobile_phone: "ask reception" }
              - { id: c-3, name: Cy, phone: "604-555-01" }
            """
        let directory = try SparkDirectory(yaml: yaml, file: "d.yaml")
        let numbers = try ["604-555-3007", "604-555-0100", "604-555-0101"].map(DirectoryWarningTests.number)
        #expect(directory.contacts.map(\.phones) == [[numbers[0], numbers[1]], [numbers[2]], []])
        #expect(directory.warnings.map(\.location.description) == ["d.yaml:5:33"])
        #expect(directory.warnings.first?.message.hasPrefix("contact 'c-3' (Cy): 'phone' '604-555-01' is not a phone number: ") == true)
    }
}
