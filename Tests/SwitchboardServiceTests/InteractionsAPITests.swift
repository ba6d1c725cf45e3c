import JSONLines
import Foundation
import Hummingbird
import HummingbirdTesting
import InteractionStore
import SwitchboardService
import Testing

@Suite("The Unassigned queue API")
struct InteractionsAPITests {
    /// Posts every example webhook.
    private func postExamples(_ client: some TestClientProtocol) async throws {
        for event in try ServiceFixture.exampleLines("events.jsonl") {
            try await ServiceFixture.post(client, "/webhooks/aircall", event)
        }
    }

    private func string(_ value: JSONValue?) -> String? {
        if case .string(let text)? = value { return text }
        return nil
    }

    @Test("lists unassigned interactions newest first, a page at a time", arguments: TestStore.available)
    func listing(_ kind: TestStore) async throws {
        let (service, _) = try await ServiceFixture.service(kind)
        let expected = try ServiceFixture.exampleLines("expected-routes.jsonl").map { try JSONParser.parse($0) }
        let unassigned = expected.filter { $0["status"] == .string("unassigned") }.map { string($0["id"]) ?? "" }.reversed() as [String]
        try await service.makeApplication().test(.router) { client in
            try await postExamples(client)
            var ids: [String] = []
            var cursor: String?
            var pages = 0
            repeat {
                let response = try await ServiceFixture.get(client, "/interactions?status=unassigned&limit=3" + (cursor.map { "&after=\($0)" } ?? ""))
                #expect(response.status == .ok)
                let page = try ServiceFixture.json(response)
                guard case .array(let items)? = page["interactions"] else { Issue.record("no interactions array"); return }
                for item in items {
                    #expect(item["status"] == .string("unassigned"))
                    #expect(item["route"]?["status"] == .string("unassigned"))
                    ids.append(string(item["id"]) ?? "")
                }
                cursor = string(page["next"])
                pages += 1
            } while cursor != nil && pages < 10
            #expect(ids == unassigned)
            #expect(pages == 3)

            let one = try await ServiceFixture.get(client, "/interactions/call/815")
            #expect(one.status == .ok)
            let json = try ServiceFixture.json(one)
            #expect(json["route"] == expected[4])
            #expect(json["version"] == .integer(1))
            #expect(json["history"] == .array([]))
        }
    }

    @Test(
        "unknown interactions and bad parameters are problems",
        arguments: [
            ("/interactions/call/99999", 404, "no call with id '99999'"),
            ("/interactions/fax/1", 404, "'call' or 'message'; found 'fax'"),
            ("/interactions?limit=0", 400, "limit must be an integer from 1 to 500"),
            ("/interactions?limit=ten", 400, "found 'ten'"),
            ("/interactions?status=lost", 400, "status must be one of logged, not_logged, unassigned"),
            ("/interactions?after=-3", 400, "after must be the \"next\" cursor"),
        ])
    func problems(_ path: String, _ status: Int, _ detail: String) async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            let response = try await ServiceFixture.get(client, path)
            #expect(response.status.code == status)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try ServiceFixture.json(response)
            #expect(string(problem["detail"])?.contains(detail) == true, "\(problem)")
        }
    }

    @Test("an assignment re-routes the interaction with the choice made and is kept in the history", arguments: TestStore.available)
    func assignment(_ kind: TestStore) async throws {
        let (service, _) = try await ServiceFixture.service(kind)
        try await service.makeApplication().test(.router) { client in
            try await postExamples(client)
            // Call 815 is from a number two contacts share.
            let response = try await ServiceFixture.post(client, "/interactions/call/815/assignments", "{\"contact\": \"c-400\"}")
            #expect(response.status == .ok)
            let json = try ServiceFixture.json(response)
            #expect(json["version"] == .integer(2))
            #expect(json["assignments"] == .object([("contact", .string("c-400"))]))
            let route = try #require(json["route"])
            #expect(route["status"] == .string("logged"))
            #expect(route["contact"] == .string("c-400"))
            #expect(route["projects"] == .array([.string("maple-lofts")]))

            let shown = try ServiceFixture.json(try await ServiceFixture.get(client, "/interactions/call/815"))
            #expect(shown["route"] == route)
            guard case .array(let history)? = shown["history"] else { Issue.record("no history"); return }
            #expect(history.count == 1)
            #expect(history.first?["old_status"] == .string("unassigned"))
            #expect(history.first?["new_status"] == .string("logged"))
            #expect(history.first?["assigned"] == .object([("contact", .string("c-400"))]))

            // Two steps: the message from a shared number on a shared line needs both.
            let step1 = try ServiceFixture.json(
                try await ServiceFixture.post(
                    client, "/interactions/message/msg-c400-shared/assignments",
                    "{\"contact\": \"c-401\"}"))
            #expect(step1["route"]?["status"] == .string("unassigned"))
            #expect(step1["route"]?["actions"] == .array([.string("assign_team_member")]))
            let step2 = try ServiceFixture.json(
                try await ServiceFixture.post(
                    client, "/interactions/message/msg-c400-shared/assignments",
                    "{\"team_member\": \"tm-raj\"}"))
            #expect(step2["assignments"] == .object([("contact", .string("c-401")), ("team_member", .string("tm-raj"))]))
            #expect(step2["route"]?["status"] == .string("logged"))
            #expect(step2["version"] == .integer(3))
        }
    }

    @Test(
        "invalid assignments are refused and change nothing",
        arguments: [
            (
                "/interactions/call/815/assignments", "{\"contact\": \"c-999\"}", 409,
                "contact 'c-999' is not among the candidates for Assign to Contact (c-400, c-401)"
            ),
            // c-100 is a contact, but not one that holds the number.
            ("/interactions/call/815/assignments", "{\"contact\": \"c-100\"}", 409, "contact 'c-100' is not among the candidates"),
            ("/interactions/call/815/assignments", "{\"team_member\": \"tm-raj\"}", 409, "does not ask for Assign Team Member"),
            ("/interactions/call/812/assignments", "{\"contact\": \"c-100\"}", 409, "does not ask for Assign to Contact"),
            ("/interactions/call/815/assignments", "{\"contact\": 400}", 400, "\"contact\" must hold non-empty string ids"),
            ("/interactions/call/815/assignments", "{\"agent\": \"tm-jane\"}", 400, "unknown key \"agent\""),
            ("/interactions/call/815/assignments", "{}", 400, "expected at least one of"),
            ("/interactions/call/815/assignments", "{\"projects\": []}", 409, "does not ask for Assign Projects"),
            ("/interactions/call/815/assignments", "not json", 400, "not valid JSON"),
            ("/interactions/call/404/assignments", "{\"contact\": \"c-400\"}", 404, "no call with id '404'"),
        ])
    func invalidAssignments(_ path: String, _ body: String, _ status: Int, _ detail: String) async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            try await postExamples(client)
            let response = try await ServiceFixture.post(client, path, body)
            #expect(response.status.code == status)
            let problem = try ServiceFixture.json(response)
            #expect(string(problem["detail"])?.contains(detail) == true, "\(problem)")
            if status == 409 {
                // The refusal as data: the action, the reason and the candidates.
                guard case .array(let refused)? = problem["refused"], let first = refused.first else { Issue.record("no refused list"); return }
                #expect(first["reason"] != nil)
                #expect(first["candidates"] != nil)
            }
        }
        for id in ["812", "815"] {
            let stored = try #require(try await service.store.interaction(kind: "call", id: id))
            #expect(stored.version == 1)
            #expect(try await service.store.history(kind: "call", id: id).isEmpty)
        }
    }

    @Test("of two people assigning at once, one wins and the other gets 409", arguments: TestStore.available)
    func racingAssignments(_ kind: TestStore) async throws {
        let (service, _) = try await ServiceFixture.service(kind)
        try await service.makeApplication().test(.router) { client in
            try await postExamples(client)
            // Both saw version 1 (its ETag) and assign from it.
            let shown = try await ServiceFixture.get(client, "/interactions/call/818")
            let etag = try #require(shown.headers[.eTag])
            #expect(etag == "\"1\"")
            func assign(_ member: String) async throws -> HTTPResponse.Status {
                try await client.execute(
                    uri: "/interactions/call/818/assignments", method: .post, headers: [.ifMatch: etag],
                    body: ByteBuffer(string: "{\"team_member\": \"\(member)\"}")
                ).status
            }
            async let jane = assign("tm-jane")
            async let sam = assign("tm-sam")
            let statuses = try await [jane, sam]
            #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            // A third from the same old version is told too.
            #expect(try await assign("tm-raj") == .conflict)
        }
        let history = try await service.store.history(kind: "call", id: "818")
        #expect(history.count == 1)
        #expect(try await service.store.interaction(kind: "call", id: "818")?.version == 2)
    }
}
