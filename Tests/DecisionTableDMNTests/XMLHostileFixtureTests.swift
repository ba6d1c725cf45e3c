import DecisionTable
import DecisionTableReports
import Diagnostics
import JSONLines
import DecisionTableDMN
import Testing

/// Hostile XML is refused at a position, never expanded or fetched.
@Suite struct XMLHostileFixtureTests {
    @Test(
        "Refused with a position",
        arguments: [
            ("billion-laughs.dmn", "xml-doctype", 2, 1),
            ("external-entity.dmn", "xml-doctype", 5, 1),
            ("external-entity-first.dmn", "xml-doctype", 2, 1),
            ("malformed.dmn", "xml-malformed", 4, 14),
        ])
    func refused(file: String, code: String, line: Int, column: Int) throws {
        let model = DMNReader.read(contentsOf: DMNFixtures.path("Tests/Fixtures/dmn/" + file))
        let diagnostic = try #require(model.diagnostics.first)
        #expect(model.diagnostics.count == 1)
        #expect(diagnostic.code == code, "\(diagnostic)")
        #expect(diagnostic.location.line == line && diagnostic.location.column == column, "\(diagnostic)")
        #expect(model.tables.isEmpty)
    }

    @Test func deepNestingStopsAtTheLimit() throws {
        let depth = 70
        let xml = "<?xml version=\"1.0\"?>\n" + String(repeating: "<a>", count: depth) + String(repeating: "</a>", count: depth)
        let model = DMNReader.read(bytes: Array(xml.utf8), file: "deep.dmn")
        let diagnostic = try #require(model.diagnostics.first)
        #expect(diagnostic.code == "xml-too-deep")
        #expect(diagnostic.message == "elements nest deeper than 64 levels")
        // The 65th <a> starts after 64 of three characters each.
        #expect(diagnostic.location.line == 2 && diagnostic.location.column == 64 * 3 + 1)
    }

    @Test func hugeAttributesAreRefused() throws {
        let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 64, maximumTextLength: 1000)
        let xml = "<?xml version=\"1.0\"?>\n<definitions\n  name=\"" + String(repeating: "x", count: 5000) + "\"/>"
        let model = DMNReader.read(bytes: Array(xml.utf8), file: "huge.dmn", limits: limits)
        let diagnostic = try #require(model.diagnostics.first)
        #expect(diagnostic.code == "xml-too-long")
        #expect(diagnostic.message == "attribute 'name' is 5000 characters long; the limit is 1000")
        #expect(diagnostic.location.line == 2 && diagnostic.location.column == 1)
    }

    @Test func hugeTextIsRefused() throws {
        let limits = XMLLimits(maximumBytes: 1 << 20, maximumDepth: 64, maximumTextLength: 1000)
        let xml = "<definitions>\n  <text>" + String(repeating: "y", count: 5000) + "</text></definitions>"
        let model = DMNReader.read(bytes: Array(xml.utf8), file: "huge.dmn", limits: limits)
        let diagnostic = try #require(model.diagnostics.first)
        #expect(diagnostic.code == "xml-too-long")
        #expect(diagnostic.location.line == 2 && diagnostic.location.column == 3)
    }
}
