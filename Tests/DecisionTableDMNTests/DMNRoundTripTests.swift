import DecisionTable
import DecisionTableReports
import Diagnostics
import JSONLines
import DecisionTableDMN
import _DecisionTableTestSupport
import Foundation
import Testing

/// Tables written as DMN and read back decide exactly as before: the semantic diff of the
/// two finds no change.
@Suite struct DMNRoundTripTests {
    static func roundTrip(_ tables: [TableDefinition], name: String) -> (model: DMNModel, diff: RulesDiff) {
        let xml = DMNWriter.xml(tables, name: name)
        let model = DMNReader.read(bytes: Array(xml.utf8), file: name + ".dmn")
        return (model, SemanticDiff.diff(old: tables, new: model.tables))
    }

    @Test func shippedRules() throws {
        let tables = try DecisionTables(contentsOf: URL(filePath: DMNFixtures.path("rules/interaction-logging.yaml"))).tables
        let (model, diff) = Self.roundTrip(tables, name: "interaction-logging")
        #expect(model.diagnostics.isEmpty, "\(model.diagnostics)")
        #expect(model.tables.map(\.name) == tables.map(\.name))
        #expect(diff.isEmpty, "\(diff.text)")
        #expect(Validator.findings(for: model.tables).isEmpty)
    }

    @Test("Random rules files", arguments: 0..<4)
    func randomTables(batch: Int) throws {
        for seed in UInt64(batch * 50)..<UInt64(batch * 50 + 50) {
            let file = RandomTables.rulesFile(seed: seed, maximumRules: 12, enumerable: true)
            let tables = try file.load().tables
            let (model, diff) = Self.roundTrip(tables, name: "random-\(seed)")
            #expect(model.diagnostics.isEmpty, "\(model.diagnostics)\n\(file)")
            #expect(diff.isEmpty, "\(diff.text)\n\(file)\n\(DMNWriter.xml(tables, name: "random"))")
        }
    }

    @Test("Random number and string tables", arguments: ["unique", "first", "rule-order", "{collect: sum}"])
    func randomNumberTables(hit: String) throws {
        for seed in UInt64(0)..<40 {
            let generated = RandomNumberTable(seed: seed, hit: hit)
            let tables = try DecisionTables(yaml: generated.yaml).tables
            let (model, diff) = Self.roundTrip(tables, name: "numbers-\(seed)")
            #expect(model.diagnostics.isEmpty, "\(model.diagnostics)\n\(generated.yaml)")
            #expect(diff.isEmpty, "\(diff.text)\n\(generated.yaml)")
        }
    }

    /// The round trip proves something only if the diff sees a change when there is one.
    @Test func aChangedCellIsReported() throws {
        let tables = try DecisionTables(yaml: RandomNumberTable(seed: 3).yaml).tables
        var xml = DMNWriter.xml(tables, name: "n")
        let cell = try #require(xml.range(of: "<inputEntry id=\"entry-t-r0-0\"><text>"))
        let end = try #require(xml[cell.upperBound...].range(of: "</text>"))
        xml.replaceSubrange(cell.upperBound..<end.lowerBound, with: "&gt; 1.75")
        let model = DMNReader.read(bytes: Array(xml.utf8), file: "n.dmn")
        #expect(model.diagnostics.isEmpty)
        #expect(!SemanticDiff.diff(old: tables, new: model.tables).isEmpty)
    }
}
