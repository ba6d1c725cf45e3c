import JSONLines
import Foundation
import Hummingbird
import HummingbirdTesting
import InteractionStore
import SwitchboardService
import Testing

/// Two service instances on one database, as behind a load balancer: on PostgreSQL, and on
/// one SQLite file shared by two stores.
@Suite("Several instances on one store")
struct SeveralInstancesTests {
    @Test("the same webhooks delivered to both at once are stored exactly once", arguments: TestStore.available)
    func sameWebhooks(_ kind: TestStore) async throws {
        let (first, url) = try await ServiceFixture.service(kind)
        let (second, _) = try await ServiceFixture.service(kind, url: url)
        let ids = Array(20_000..<20_060)
        let bodies = try ids.map { try ServiceFixture.call(id: $0) }
        try await first.makeApplication().test(.router) { one in
            try await second.makeApplication().test(.router) { two in
                let statuses = try await withThrowingTaskGroup(of: String.self) { group in
                    for body in bodies {
                        for client in [one, two] as [any TestClientProtocol] {
                            group.addTask {
                                let response = try await ServiceFixture.post(client, "/webhooks/aircall", body)
                                guard response.status == .ok, case .string(let status)? = try ServiceFixture.json(response)["status"] else {
                                    return "HTTP \(response.status.code)"
                                }
                                return status
                            }
                        }
                    }
                    return try await group.reduce(into: [String: Int]()) { $0[$1, default: 0] += 1 }
                }
                #expect(statuses == ["logged": ids.count, "duplicate": ids.count])
            }
        }
        let (check, _) = try await ServiceFixture.service(kind, url: url)
        var stored: [String] = []
        try await check.store.forEachPage(size: 25) { stored += $0.map(\.id) }
        #expect(stored.sorted() == ids.map(String.init).sorted())
        await check.store.close()
    }

    @Test("two people assigning through two instances at once: one wins", arguments: TestStore.available)
    func racingAssignments(_ kind: TestStore) async throws {
        let (first, url) = try await ServiceFixture.service(kind)
        let (second, _) = try await ServiceFixture.service(kind, url: url)
        let events = try ServiceFixture.exampleLines("events.jsonl")
        try await first.makeApplication().test(.router) { one in
            for event in events { try await ServiceFixture.post(one, "/webhooks/aircall", event) }
            try await second.makeApplication().test(.router) { two in
                func assign(_ client: some TestClientProtocol, _ member: String) async throws -> HTTPResponse.Status {
                    try await client.execute(
                        uri: "/interactions/message/msg-c100-shared/assignments", method: .post,
                        headers: [.ifMatch: "\"1\""],
                        body: ByteBuffer(string: "{\"team_member\": \"\(member)\"}")
                    ).status
                }
                async let viaOne = assign(one, "tm-jane")
                async let viaTwo = assign(two, "tm-raj")
                let statuses = try await [viaOne, viaTwo]
                #expect(statuses.sorted { $0.code < $1.code } == [.ok, .conflict])
            }
        }
        let (check, _) = try await ServiceFixture.service(kind, url: url)
        #expect(try await check.store.history(kind: "message", id: "msg-c100-shared").count == 1)
        #expect(try await check.store.interaction(kind: "message", id: "msg-c100-shared")?.status == "logged")
        await check.store.close()
    }
}
