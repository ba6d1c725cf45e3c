import DecisionTable
import Foundation
import Testing
@testable import InteractionLogging
@testable import Diagnostics

/// A directory shaped like a real account's export: both YAML styles, every phone field,
/// a number two contacts share, an email in mixed case, a contact with a withheld number.
let realisticDirectory = """
    # Harbour Realty's Spark directory.
    company:
      log_on_all_projects: false      # "Log calls and messages on all projects"
      default_country: CA

    projects:
      - { id: harbour-tower, name: Harbour Tower }
      - { id: false-creek-lofts, name: False Creek Lofts }
      - id: kitsilano-point
        name: Kitsilano Point

    team_members:
      - { id: tm-jane, name: Jane Doe, email: Jane.Doe@HarbourRealty.example, projects: [harbour-tower, false-creek-lofts] }
      - { id: tm-raj, name: Raj Patel, email: raj@harbourrealty.example, projects: [kitsilano-point, harbour-tower, harbour-tower] }
      - id: tm-lea
        name: Léa Martin
        email: lea@harbourrealty.example

    aircall_lines:
      - { number: "+1 604-555-0199", team_members: [tm-jane, tm-raj] }
      - { number: "604-555-0198", team_members: [tm-lea] }
      - number: "+44 20 7946 0000"

    contacts:
      - id: c-100
        name: Ada Lovelace
        phone: "604-555-0100"
        mobile_phone: "+1 (604) 555-0101"
        projects: [harbour-tower]
      - id: c-101
        name: Charles Babbage
        work_phone: (604) 555-0100        # Ada's office line
        projects: [kitsilano-point, false-creek-lofts, harbour-tower]
      - id: c-102
        name: Mary Somerville
        phone: "07700 900123"
        country: GB
        projects: []
      - id: c-103
        name: Withheld Caller
        phone: anonymous
        mobile_phone: ""
        work_phone:
      - { id: c-104, name: Grace Hopper, mobile_phone: "604.555.0104 ext. 9", work_phone: +1 604 555 0104 }

    """

@Suite struct SparkDirectoryLoadingTests {
    static func number(_ digits: UInt64) -> E164 { E164(digits: digits)! }

    @Test func loadsARealisticFile() throws {
        let directory = try SparkDirectory(yaml: realisticDirectory, file: "directory.yaml")
        #expect(directory.company == SparkDirectory.Company(logOnAllProjects: false, defaultCountry: "CA"))
        #expect(directory.projects.map(\.id) == ["harbour-tower", "false-creek-lofts", "kitsilano-point"])
        #expect(directory.projects[2].name == "Kitsilano Point")

        #expect(directory.teamMembers.map(\.id) == ["tm-jane", "tm-raj", "tm-lea"])
        #expect(directory.teamMembers[0].email == "Jane.Doe@HarbourRealty.example")
        #expect(directory.teamMembers[1].projects == ["kitsilano-point", "harbour-tower"])
        #expect(directory.teamMembers[2].name == "Léa Martin")
        #expect(directory.teamMembers[2].projects == [])

        #expect(directory.lines.map(\.number) == [Self.number(16045550199), Self.number(16045550198), Self.number(442079460000)])
        #expect(directory.lines.map(\.teamMembers) == [["tm-jane", "tm-raj"], ["tm-lea"], []])

        #expect(directory.contacts.map(\.id) == ["c-100", "c-101", "c-102", "c-103", "c-104"])
        #expect(
            directory.contacts.map(\.phones) == [
                [Self.number(16045550100), Self.number(16045550101)],
                [Self.number(16045550100)],
                [Self.number(447700900123)],
                [],
                [Self.number(16045550104)],
            ])
        #expect(directory.contacts.map(\.country) == [nil, nil, "GB", nil, nil])
        #expect(directory.contacts[1].projects == ["kitsilano-point", "false-creek-lofts", "harbour-tower"])
    }

    @Test func loadsAFile() throws {
        let url = FileManager.default.temporaryDirectory.appending(path: "directory-\(UUID().uuidString).yaml")
        try Data(realisticDirectory.utf8).write(to: url)
        defer { try? FileManager.default.removeItem(at: url) }
        let directory = try SparkDirectory(contentsOf: url)
        #expect(directory.contacts.count == 5)
    }

    @Test func reportsAnUnreadableFile() throws {
        let url = URL(filePath: "/nonexistent/directory.yaml")
        let error = try #require(throws: DiagnosticsError.self) { try SparkDirectory(contentsOf: url) }
        #expect(error.diagnostics.map(\.code) == ["unreadable"])
    }

    @Test func sectionsAreOptional() throws {
        let directory = try SparkDirectory(yaml: "projects:\ncontacts: []\n", file: "d.yaml")
        #expect(directory.company == SparkDirectory.Company(logOnAllProjects: false, defaultCountry: nil))
        #expect(directory.projects.isEmpty && directory.teamMembers.isEmpty && directory.lines.isEmpty)
        #expect(directory.contacts.isEmpty)
    }
}
