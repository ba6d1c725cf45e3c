import DecisionTable
import Foundation
import InteractionLogging
import JSONLines
import Testing

/// `Router.explain`: the facts routing derived, with their sources, and the engine's
/// explanation on them, which must decide exactly as routing did.
@Suite struct RouteExplanationTests {
    static let root = URL(filePath: #filePath).deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func batch() throws -> (BatchRouter, WebhookInput) {
        let directory = try SparkDirectory(contentsOf: root.appending(path: "Examples/directory.yaml"))
        let router = try BatchRouter(rules: ShippedRules.tables(), directory: directory, threads: 1)
        let bytes = try Array(Data(contentsOf: root.appending(path: "Examples/events.jsonl")))
        return (router, WebhookInput(bytes: bytes))
    }

    static func fact(_ name: String, in explained: RouteExplanation) throws -> RoutingFact {
        try #require(explained.facts.first { $0.name == name }, "no fact \(name)")
    }

    @Test("On every example event the explanation routes as routing does: same route, same deciding rules per table")
    func explanationsAgreeWithRouting() throws {
        let (router, input) = try Self.batch()
        let explained = router.explain(input, source: "Examples/events.jsonl")
        let (plain, _) = try Self.batch()
        let routes = plain.route(input, source: "Examples/events.jsonl")
        #expect(explained.count == routes.count)
        var interactions = 0
        for (explanation, route) in zip(explained, routes) {
            #expect(explanation.route == route)
            guard [.logged, .unassigned, .notLogged].contains(route.status) else {
                #expect(explanation.explanation == nil && explanation.facts.isEmpty)
                continue
            }
            interactions += 1
            let tables = try #require(explanation.explanation)
            #expect(tables.error == nil)
            #expect(tables.tables.map(\.name) == route.rules.map(\.table))
            #expect(tables.tables.map { $0.winners.map(\.id) } == route.rules.map(\.rules))
            #expect(explanation.facts.count == 10)
        }
        #expect(interactions == 17)
    }

    @Test("A number two contacts share: the fact names both contacts and the field each holds it in")
    func sharedNumberFact() throws {
        let (router, input) = try Self.batch()
        let explained = router.explain(input)[4]
        #expect(explained.route.id == "815")
        let matches = try Self.fact("contact_matches", in: explained)
        #expect(matches.value == .integer(2))
        #expect(
            matches.source
                == "+16045550400 ('+1 604-555-0400') is held by c-400 (Katherine Johnson) in phone, c-401 (Dorothy Vaughan) in mobile_phone")
        #expect(try Self.fact("contact_projects", in: explained).source == "no single contact holds the number")
        #expect(try Self.fact("line_team_members", in: explained).source == "line +16045550199 is used by tm-jane, tm-raj")
        let won = try #require(explained.explanation?.tables.first?.winners.first)
        #expect(won.id == "shared-number")
        #expect(won.description?.hasPrefix("Shared phone numbers (multiple contacts)") == true)
        #expect(won.location.file == ShippedRules.path)
    }

    @Test("A person's choice is a fact with its source; the shared projects follow the chosen contact")
    func choicesAreFacts() throws {
        let (router, input) = try Self.batch()
        let explained = router.explain(input, assignments: ["815": ManualAssignments(contact: "c-400")])[4]
        #expect(explained.route.status == .logged)
        #expect(explained.route.contact == "c-400")
        #expect(try Self.fact("contact_matches", in: explained).source == "a person chose c-400 (Katherine Johnson)")
        #expect(try Self.fact("shared_projects", in: explained).source == "c-400 (Katherine Johnson) and tm-jane (Jane Doe) share maple-lofts")
        #expect(try Self.fact("team_member_assigned", in: explained).value == .boolean(false))
    }

    @Test("The company setting overridden for a run says so, and changes the route")
    func overriddenSetting() throws {
        let directory = try SparkDirectory(contentsOf: Self.root.appending(path: "Examples/directory.yaml"))
        let router = try BatchRouter(rules: ShippedRules.tables(), directory: directory.overridingLogOnAllProjects(false), threads: 1)
        let bytes = try Array(Data(contentsOf: Self.root.appending(path: "Examples/events.jsonl")))
        let explained = router.explain(WebhookInput(bytes: bytes))[3]
        #expect(explained.route.id == "814")
        #expect(explained.route.status == .unassigned)
        let setting = try Self.fact("log_on_all_projects", in: explained)
        #expect(setting.value == .boolean(false))
        #expect(setting.source == "--log-on-all-projects off, overriding the directory")
    }

    @Test("The JSON form holds the route as route prints it, the facts and per table the deciding rule with file, line and description")
    func json() throws {
        let (router, input) = try Self.batch()
        let explained = router.explain(input)[0]
        let json = explained.json
        #expect(json["route"] == explained.route.json)
        guard case .array(let tables) = json["tables"], case .array(let rules) = tables.first?["rules"] else {
            Issue.record("no tables in \(json.rendered)")
            return
        }
        #expect(rules.first?["id"] == .string("one-contact"))
        #expect(rules.first?["file"] == .string(ShippedRules.path))
        let line = ShippedRules.text.split(separator: "\n", omittingEmptySubsequences: false)
            .firstIndex { $0.contains("- id: one-contact") }.map { $0 + 1 }
        #expect(rules.first?["line"] == line.map(JSONValue.integer))
        #expect(rules.first?["description"] == .string("Table, rows 2-5: the number belongs to one contact."))
        #expect(json["error"] == .null)
    }
}
