import DecisionTable
import Foundation
import InteractionLogging
import Testing
import JSONLines

/// Comparing the routes of the same events under two versions of the rules.
@Suite struct ReplayReportTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func routes(_ rules: DecisionTables) throws -> [Route] {
        let directory = try SparkDirectory(contentsOf: root.appending(path: "Examples/directory.yaml"))
        let events = try Data(contentsOf: root.appending(path: "Examples/events.jsonl"))
        return try BatchRouter(rules: rules, directory: directory).route(WebhookInput(bytes: [UInt8](events)), source: "events")
    }

    @Test("Every event is counted once; a change in several fields is in one group per field")
    func countsAndGroups() throws {
        let old = try Self.routes(ShippedRouting.rules())
        let new = try Self.routes(ShippedRouting.rules(replacing: [("then: { projects: team_projects }", "then: { projects: choose }")]))
        var report = ReplayReport()
        let changed = report.add(old: old, new: new)
        #expect(report.events == old.count)
        #expect(report.changed + report.unchanged + report.ignored + report.duplicates + report.errors == report.events)
        #expect((report.changed, report.ignored, report.duplicates, report.errors) == (4, 5, 1, 1))
        #expect(changed.map { new[$0].id } == ["msg-c200-jane", "814", "816", "msg-c200-shared"])
        #expect(report.groups.map(\.field) == ["status", "projects", "projects", "projects", "button", "button"])
        #expect(report.groups.reduce(0) { $0 + $1.count } == 10)
        #expect(report.groups[0].old == .string("logged") && report.groups[0].new == .string("unassigned"))
    }

    @Test("Adding blocks adds up, and example ids stop at a few per group")
    func blocksAddUp() throws {
        let old = try Self.routes(ShippedRouting.rules())
        let new = try Self.routes(ShippedRouting.rules(replacing: [("then: { projects: team_projects }", "then: { projects: choose }")]))
        var report = ReplayReport()
        for _ in 0..<3 { _ = report.add(old: old, new: new) }
        #expect(report.events == 3 * old.count)
        #expect(report.changed == 12)
        #expect(report.groups.allSatisfy { $0.examples.count <= ReplayReport.examplesPerGroup })
        #expect(report.groups[0].count == 9)
    }

    @Test("--changes lines hold the event, its id and both routes as route prints them")
    func changeLine() throws {
        let old = try Self.routes(ShippedRouting.rules())
        var bytes: [UInt8] = []
        ReplayReport.appendChange(old: old[0], new: old[1], to: &bytes)
        let line = try JSONParser.parse(String(decoding: bytes.dropLast(), as: UTF8.self))
        #expect(line == .object([("event", old[1].json["event"]!), ("id", .string("813")), ("old", old[0].json), ("new", old[1].json)]))
        #expect(bytes.last == UInt8(ascii: "\n"))
    }
}
