import DecisionTable
import Foundation
import InteractionLogging
import Testing

/// The rules compiled into the binary are `rules/interaction-logging.yaml`, byte for byte.
@Suite struct ShippedRulesTests {
    static let packageRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()

    @Test("The compiled-in text equals rules/interaction-logging.yaml (run Scripts/generate-shipped-rules.py after editing it)")
    func compiledTextEqualsTheFile() throws {
        let file = try Data(contentsOf: Self.packageRoot.appending(path: ShippedRules.path))
        #expect(
            Data(ShippedRules.text.utf8) == file,
            "Sources/InteractionLogging/ShippedRules+Text.swift is out of date: run python3 Scripts/generate-shipped-rules.py")
    }

    @Test("rules/interaction-logging.yaml is a file of its own, not a link into the sources")
    func theRulesFileIsNotALink() throws {
        let path = Self.packageRoot.appending(path: ShippedRules.path).path
        let type = try FileManager.default.attributesOfItem(atPath: path)[.type] as? FileAttributeType
        #expect(type == .typeRegular)
    }

    @Test("The built-in rules load, say they are written for routing, and carry a title and an introduction")
    func theBuiltInRulesLoad() throws {
        let tables = try ShippedRules.tables()
        #expect(tables.file == "rules/interaction-logging.yaml")
        #expect(tables.header.routing == RoutingContract.name)
        #expect(tables.header.title == "How Spark logs Aircall calls and messages")
        #expect(tables.header.description?.hasPrefix("When a call ends") == true)
        #expect(RoutingContract.diagnostics(for: tables.tables, header: tables.header, file: tables.file).isEmpty)
    }
}
