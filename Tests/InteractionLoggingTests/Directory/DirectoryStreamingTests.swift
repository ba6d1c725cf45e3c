import Diagnostics
import Testing
import YAMLLoading

@testable import InteractionLogging

/// Contacts are decoded as the parser reads them, so a directory is never held as a whole
/// tree: the parser hands the items of the top-level `contacts` list over one at a time. When
/// the contacts come before the sections they depend on, the first reading passes over them
/// and a second decodes them; the directory, its diagnostics and their positions are the
/// same in any order.
@Suite struct DirectoryStreamingTests {
    static let sections = """
        company: { default_country: CA }
        projects:
          - { id: harbour-tower, name: Harbour Tower }
          - { id: kitsilano-point, name: Kitsilano Point }
        team_members:
          - { id: tm-jane, name: Jane Doe, email: jane@example.com, projects: [harbour-tower] }

        """
    static let contacts = """
        contacts:
          - id: c-1
            name: Ada Lovelace
            phone: "+1 604-555-0100"
            mobile_phone: "+44 7700 900123"
            country: GB
            projects: [kitsilano-point, harbour-tower, kitsilano-point]
          - { id: c-2, name: Grace Hopper, work_phone: "(604) 555-0101", projects: [] }
          - { id: c-3, name: Alan Turing, phone: anonymous }

        """

    /// What a directory holds, field by field.
    static func summary(_ directory: SparkDirectory) -> [String] {
        directory.contacts.map { contact in
            "\(contact.id) \(contact.name) \(contact.phones) \(contact.phoneFields) \(contact.country ?? "-") \(contact.projects)"
        }
    }

    @Test("The parser hands over each item of the streamed list as it reads it, and the tree leaves it out")
    func itemsAreHandedOverAsTheyAreRead() throws {
        var taken: [(text: String, line: Int, before: [String])] = []
        let stream = YAMLItemStream(key: "contacts") { item, before in
            let id = item.mappingValue("id")
            taken.append((id ?? "-", item.location.line, before.map(\.key)))
            // The second item is left in the tree.
            return id != "c-2"
        }
        let root = try YAMLSource(bytes: Array((Self.sections + Self.contacts).utf8), file: "d.yaml", limits: .sparkDirectory)
            .parse(streaming: stream)
        #expect(taken.map(\.text) == ["c-1", "c-2", "c-3"])
        #expect(taken.map(\.line) == [8, 14, 15])
        #expect(taken[0].before == ["company", "projects", "team_members"])
        guard case .mapping(let pairs) = root.content, case .sequence(let kept) = pairs.last?.value.content else {
            Issue.record("expected a mapping whose last value is a list")
            return
        }
        #expect(kept.map { $0.mappingValue("id") } == ["c-2"])
    }

    @Test("Contacts before the sections they depend on load as they do after them")
    func contactsFirstLoadTheSame() throws {
        let last = try SparkDirectory(yaml: Self.sections + Self.contacts, file: "d.yaml")
        let first = try SparkDirectory(yaml: Self.contacts + Self.sections, file: "d.yaml")
        #expect(Self.summary(last) == Self.summary(first))
        #expect(
            Self.summary(last) == [
                "c-1 Ada Lovelace [+16045550100, +447700900123] [\"phone\", \"mobile_phone\"] GB [\"kitsilano-point\", \"harbour-tower\"]",
                "c-2 Grace Hopper [+16045550101] [\"work_phone\"] - []",
                "c-3 Alan Turing [] [] - []",
            ])
        #expect(last.contacts(holding: try #require(E164(digits: 16045550101))) == [1])
        #expect(last.contact(id: "c-3") == 2)
    }

    @Test("Contacts before the company and the projects are not kept in the tree either", arguments: [false, true])
    func contactsFirstAreNotKept(sectionsAtAll: Bool) throws {
        // Without a company or projects key only the end of the file tells: read twice too.
        let text =
            sectionsAtAll
            ? Self.contacts + Self.sections
            : "contacts:\n  - { id: c-1, name: Ada, phone: \"+1 604-555-0100\" }\n  - { id: c-2, name: Grace }\nteam_members: []\n"
        let decoder = DirectoryDecoder()
        let first = try YAMLSource(bytes: Array(text.utf8), file: "d.yaml", limits: .sparkDirectory)
            .parse(streaming: decoder.contactStream)
        guard case .mapping(let pairs) = first.content, case .sequence(let kept)? = pairs.first?.value.content else {
            Issue.record("expected a mapping whose first value is a list")
            return
        }
        #expect(pairs.first?.key == "contacts")
        #expect(kept.isEmpty)
        #expect(decoder.needsSecondReading)
        // And the directory is whole.
        let loaded = try SparkDirectory(yaml: text, file: "d.yaml")
        #expect(loaded.contacts.map(\.id) == (sectionsAtAll ? ["c-1", "c-2", "c-3"] : ["c-1", "c-2"]))
        #expect(loaded.contacts[0].phones.map(\.description) == ["+16045550100"] + (sectionsAtAll ? ["+447700900123"] : []))
    }

    @Test("Warnings on contacts before the company name the file, line and column, read in the company's country")
    func contactsFirstWarnings() throws {
        let text = """
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100", mobile_phone: "555-01" }
              - { id: c-2, name: Bob, work_phone: "020 7946 0958", country: GB }
            company: { default_country: CA }
            projects: []

            """
        let directory = try SparkDirectory(yaml: text, file: "d.yaml")
        #expect(
            directory.warnings.map { "\($0.location): \($0.severity): \($0.message)" } == [
                "d.yaml:2:64: warning: contact 'c-1' (Ada): 'mobile_phone' '555-01' is not a phone number: "
                    + "it has 5 digits; a North American number has 10, or 11 starting with 1; the field is left out"
            ])
        #expect(directory.contacts.map { $0.phones.map(\.description) } == [["+16045550100"], ["+442079460958"]])
    }

    @Test("Errors in streamed contacts are reported as they are when the contacts wait for the sections")
    func streamedErrorsAreTheSame() throws {
        let broken = """
            contacts:
              - { id: c-1, name: Ada, phone: "604-555-0100", projects: [harbour-towr] }
              - { id: c-1, name: Ada again, country: UK }
              - { name: Nobody }

            """
        func messages(_ text: String) throws -> [String] {
            let error = try #require(throws: DiagnosticsError.self) { try SparkDirectory(yaml: text, file: "d.yaml") }
            return error.diagnostics.map { "\($0.code) \($0.message)" }
        }
        let streamed = try messages(Self.sections + broken)
        #expect(streamed == (try messages(broken + Self.sections)))
        #expect(streamed.map { $0.prefix { $0 != " " } } == ["unknown-id", "duplicate-id", "unknown-country", "missing-key"])
        let error = try #require(throws: DiagnosticsError.self) { try SparkDirectory(yaml: Self.sections + broken, file: "d.yaml") }
        // Positions are those of the file as written: the first contact's unknown project.
        let unknown = try #require(error.diagnostics.first { $0.code == "unknown-id" })
        let line = broken.split(separator: "\n")[1]
        let column = line.distance(from: line.startIndex, to: try #require(line.firstRange(of: "harbour-towr")).lowerBound)
        #expect((unknown.location.line, unknown.location.column) == (8, column + 1))
    }

    @Test("A syntax error after streamed contacts is the only error, as the decoder's findings wait for a whole file")
    func aSyntaxErrorAfterStreamedContacts() throws {
        let text = Self.sections + "contacts:\n  - { id: c-1 }\n  - { id: c-2, name: [unclosed\n"
        let error = try #require(throws: DiagnosticsError.self) { try SparkDirectory(yaml: text, file: "d.yaml") }
        #expect(error.diagnostics.map(\.code) == ["syntax"])
    }
}

extension YAMLNode {
    /// The text of a scalar under `key`, when the node is a mapping.
    fileprivate func mappingValue(_ key: String) -> String? {
        guard case .mapping(let pairs) = content else { return nil }
        return pairs.first { $0.key == key }?.value.scalarText
    }
}
