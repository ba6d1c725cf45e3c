import Foundation
import Hummingbird
import HummingbirdTesting
import JSONLines
import Testing

/// `POST /route` with an interaction's fields, and the explanations of `?explain=true` and
/// `POST /interactions/{kind}/{id}/explain`.
@Suite("Routing samples and explaining routes over HTTP")
struct ExplainAPITests {
    static let sample =
        #"{"kind": "call", "direction": "inbound", "from": "+1 604-555-0400", "line": "+1 604-555-0199", "user": "jane@example.com", "id": "815"}"#

    private func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    /// The fact named `name` of an explanation.
    private func fact(_ name: String, in explanation: JSONValue) -> JSONValue? {
        guard case .array(let facts)? = explanation["facts"] else { return nil }
        return facts.first { $0["name"] == .string(name) }
    }

    @Test("POST /route with an interaction's fields answers the route of the same webhook")
    func sampleRoute() async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        let expected = try ServiceFixture.exampleLines("expected-routes.jsonl")
        try await service.makeApplication().test(.router) { client in
            let response = try await ServiceFixture.post(client, "/route", Self.sample)
            #expect(response.status == .ok)
            #expect(try ServiceFixture.json(response) == JSONParser.parse(expected[4]))
        }
        #expect(try await service.store.interactions(status: nil, limit: 10, before: nil).isEmpty)
    }

    @Test(
        "Missing or unreadable fields are 400 problem details naming the field",
        arguments: [
            (
                #"{"kind": "call", "direction": "inbound", "from": "+1 604-555-0400", "line": "+1 604-555-0199"}"#, "user",
                "\"user\" is needed for a call"
            ),
            (#"{"kind": "call", "direction": "inbound", "from": "+1 604-555-0400", "user": null}"#, "line", "\"line\" is needed"),
            (#"{"kind": "call", "direction": "sideways"}"#, "direction", "\"direction\" must be inbound or outbound, not 'sideways'"),
            (
                #"{"kind": "message", "direction": "inbound", "from": "555-01", "line": "+1 604-555-0199"}"#, "from",
                "\"from\" '555-01' is not a phone number"
            ),
            (#"{"knd": "call"}"#, nil, "unknown field \"knd\"; did you mean 'kind'?"),
            ("[1, 2]", nil, "expected a webhook JSON object or an interaction's fields, found an array"),
        ])
    func sampleProblems(body: String, field: String?, detail: String) async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            let response = try await ServiceFixture.post(client, "/route", body)
            #expect(response.status == .badRequest)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try ServiceFixture.json(response)
            #expect(problem["type"] == .string("urn:switchboard:problem:invalid-body"))
            #expect(problem["instance"] == .string("/route"))
            #expect(string(problem["detail"])?.hasPrefix(detail) == true, "\(problem)")
            #expect(problem["field"] == field.map(JSONValue.string))
        }
    }

    @Test("POST /route?explain=true: the route, the facts with their sources, and each table's deciding rule with file, line and why")
    func explainRoute() async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        let events = try ServiceFixture.exampleLines("events.jsonl")
        let expected = try ServiceFixture.exampleLines("expected-routes.jsonl")
        let rules = try String(contentsOf: ServiceFixture.packageRoot.appending(path: "rules/interaction-logging.yaml"), encoding: .utf8)
            .split(separator: "\n", omittingEmptySubsequences: false)
        let line = try #require(rules.firstIndex { $0.contains("- id: shared-number") }) + 1
        try await service.makeApplication().test(.router) { client in
            for body in [events[4], Self.sample] {
                let response = try await ServiceFixture.post(client, "/route?explain=true", body)
                #expect(response.status == .ok)
                let explanation = try ServiceFixture.json(response)
                #expect(explanation["route"] == (try JSONParser.parse(expected[4])))
                #expect(fact("contact_matches", in: explanation)?["value"] == .integer(2))
                #expect(
                    string(fact("contact_matches", in: explanation)?["source"])
                        == "+16045550400 ('+1 604-555-0400') is held by c-400 (Katherine Johnson) in phone, c-401 (Dorothy Vaughan) in mobile_phone")
                guard case .array(let tables)? = explanation["tables"], case .array(let won)? = tables.first?["rules"] else {
                    Issue.record("no tables in \(explanation.rendered)")
                    continue
                }
                #expect(won.first?["id"] == .string("shared-number"))
                #expect(won.first?["file"] == .string("rules/interaction-logging.yaml"))
                #expect(won.first?["line"] == .integer(line))
                #expect(string(won.first?["description"])?.hasPrefix("Shared phone numbers (multiple contacts)") == true)
                #expect(explanation["error"] == .null)
            }
            // Not an interaction: its route, nothing to explain.
            let ignored = try ServiceFixture.json(try await ServiceFixture.post(client, "/route?explain=true", events[17]))
            #expect(ignored["route"] == (try JSONParser.parse(expected[17])))
            #expect(ignored["tables"] == .array([]))
            let bad = try await ServiceFixture.post(client, "/route?explain=yes", events[4])
            #expect(bad.status == .badRequest)
            #expect(string(try ServiceFixture.json(bad)["detail"]) == "explain must be true or false; found 'yes'")
        }
    }

    @Test("POST /interactions/{kind}/{id}/explain explains the stored interaction with the assignments made")
    func explainStored() async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        let events = try ServiceFixture.exampleLines("events.jsonl")
        let expected = try ServiceFixture.exampleLines("expected-routes.jsonl")
        try await service.makeApplication().test(.router) { client in
            try await ServiceFixture.post(client, "/webhooks/aircall", events[4])
            let before = try await ServiceFixture.post(client, "/interactions/call/815/explain", "")
            #expect(before.status == .ok)
            let unassigned = try ServiceFixture.json(before)
            #expect(unassigned["route"] == (try JSONParser.parse(expected[4])))
            #expect(string(fact("team_member_assigned", in: unassigned)?["source"]) == "no team member chosen by a person")

            let assigned = try await ServiceFixture.post(client, "/interactions/call/815/assignments", #"{"contact": "c-400"}"#)
            #expect(assigned.status == .ok)
            let after = try ServiceFixture.json(try await ServiceFixture.post(client, "/interactions/call/815/explain", ""))
            #expect(after["route"]?["status"] == .string("logged"))
            #expect(after["route"]?["contact"] == .string("c-400"))
            #expect(string(fact("contact_matches", in: after)?["source"]) == "a person chose c-400 (Katherine Johnson)")

            for (path, detail) in [
                ("/interactions/call/99999/explain", "no call with id '99999' is stored"),
                ("/interactions/fax/815/explain", "the kind of an interaction is 'call' or 'message'; found 'fax'"),
            ] {
                let missing = try await ServiceFixture.post(client, path, "")
                #expect(missing.status == .notFound)
                #expect(missing.headers[.contentType] == "application/problem+json")
                #expect(string(try ServiceFixture.json(missing)["detail"]) == detail)
            }
        }
    }
}
