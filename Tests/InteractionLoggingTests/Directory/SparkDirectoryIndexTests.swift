import Testing
@testable import InteractionLogging

@Suite struct SparkDirectoryIndexTests {
    let directory: SparkDirectory

    init() throws {
        directory = try SparkDirectory(yaml: realisticDirectory, file: "directory.yaml")
    }

    static func number(_ digits: UInt64) -> E164 { E164(digits: digits)! }

    @Test func aNumberSharedByTwoContactsInDifferentFieldsFindsBoth() {
        // Ada's `phone` and Charles's `work_phone`, written differently.
        #expect(directory.contacts(holding: Self.number(16045550100)) == [0, 1])
    }

    @Test func aContactHoldingANumberTwiceIsFoundOnce() {
        // Grace's mobile (with an extension) and work phone are one number.
        #expect(directory.contacts(holding: Self.number(16045550104)) == [4])
    }

    @Test(
        arguments: [
            (16045550101, [0]),
            (447700900123, [2]),
            (16045550199, []),
            (16045559999, []),
        ] as [(UInt64, [Int])])
    func findsContactsByNumber(_ digits: UInt64, expected: [Int]) {
        #expect(directory.contacts(holding: Self.number(digits)) == expected)
    }

    @Test(
        arguments: [
            ("Jane.Doe@HarbourRealty.example", 0),
            ("jane.doe@harbourrealty.example", 0),
            ("JANE.DOE@HARBOURREALTY.EXAMPLE", 0),
            ("Raj@HarbourRealty.Example", 1),
            ("lea@harbourrealty.example", 2),
            ("LÉA@harbourrealty.example", nil),
            ("john.doe@aircall.io", nil),
            ("", nil),
        ] as [(String, Int?)])
    func findsTeamMembersByEmailInAnyCase(_ email: String, expected: Int?) {
        #expect(directory.teamMember(email: email) == expected)
    }

    @Test func findsLinesByNumber() {
        #expect(directory.line(Self.number(16045550199)) == 0)
        #expect(directory.line(Self.number(16045550198)) == 1)
        #expect(directory.line(Self.number(442079460000)) == 2)
        #expect(directory.line(Self.number(16045550100)) == nil)
    }

    @Test func findsByID() {
        #expect(directory.teamMember(id: "tm-raj") == 1)
        #expect(directory.contact(id: "c-104") == 4)
        #expect(directory.project(id: "kitsilano-point") == 2)
        #expect(directory.teamMember(id: "c-100") == nil)
        #expect(directory.contact(id: "tm-jane") == nil)
        #expect(directory.project(id: "Harbour-Tower") == nil)
    }

    /// Contact id, team member id, and the projects both are on.
    @Test(arguments: [
        ("c-101", "tm-jane", ["false-creek-lofts", "harbour-tower"]),
        ("c-101", "tm-raj", ["harbour-tower", "kitsilano-point"]),
        ("c-101", "tm-lea", []),
        ("c-100", "tm-raj", ["harbour-tower"]),
        ("c-102", "tm-jane", []),
        ("c-103", "tm-jane", []),
    ])
    func sharesProjectsSortedByID(_ contact: String, _ member: String, expected: [String]) throws {
        let c = try #require(directory.contact(id: contact))
        let m = try #require(directory.teamMember(id: member))
        #expect(directory.sharedProjects(contact: c, teamMember: m) == expected)
        #expect(directory.sharedProjectCount(contact: c, teamMember: m) == expected.count)
    }
}
