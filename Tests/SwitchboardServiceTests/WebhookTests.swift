import JSONLines
import Foundation
import Hummingbird
import HummingbirdTesting
import InteractionStore
import SwitchboardService
import Testing

@Suite("POST /webhooks/aircall")
struct WebhookTests {
    @Test(
        "the example webhooks answer what `switchboard route` prints, and only interactions are stored",
        arguments: TestStore.available)
    func examples(_ kind: TestStore) async throws {
        let (service, _) = try await ServiceFixture.service(kind)
        let events = try ServiceFixture.exampleLines("events.jsonl")
        let expected = try ServiceFixture.exampleLines("expected-routes.jsonl")
        try #require(events.count == expected.count)
        try await service.makeApplication().test(.router) { client in
            for (index, (event, route)) in zip(events, expected).enumerated() {
                let line = index + 1
                let response = try await ServiceFixture.post(client, "/webhooks/aircall", event)
                let want = try JSONParser.parse(route)
                switch want["status"] {
                case .string("error"):
                    // The broken example line.
                    #expect(response.status == .badRequest, "line \(line)")
                    #expect(response.headers[.contentType] == "application/problem+json", "line \(line)")
                case _ where event.contains("\"token\": \"XXXX\""):
                    #expect(response.status == .unauthorized, "line \(line)")
                case .string("duplicate"):
                    // A repeat of a stored interaction: the reason names the store, not a file line.
                    #expect(response.status == .ok, "line \(line)")
                    let got = try ServiceFixture.json(response)
                    #expect(got["status"] == .string("duplicate"), "line \(line)")
                    #expect(got["id"] == want["id"], "line \(line)")
                default:
                    #expect(response.status == .ok, "line \(line)")
                    #expect(try ServiceFixture.json(response) == want, "line \(line)")
                }
            }
        }
        // Interactions only: calls ended and messages received or sent, each once.
        let stored = try await service.store.interactions(status: nil, limit: 100, before: nil)
        let interactions = expected.filter { $0.contains("\"kind\": \"call\"") || $0.contains("\"kind\": \"message\"") }
            .filter { !$0.contains("\"status\": \"duplicate\"") }
        #expect(stored.count == interactions.count)
        let first = try #require(try await service.store.interaction(kind: "call", id: "812"))
        #expect(try JSONParser.parse(first.route) == JSONParser.parse(expected[0]))
        #expect(first.body == Array(events[0].utf8))
    }

    @Test("a repeat is a duplicate across a restart on the same store", arguments: TestStore.available)
    func duplicateAfterRestart(_ kind: TestStore) async throws {
        let body = try ServiceFixture.call(id: 5_001)
        let (first, url) = try await ServiceFixture.service(kind)
        try await first.makeApplication().test(.router) { client in
            let response = try await ServiceFixture.post(client, "/webhooks/aircall", body)
            #expect(try ServiceFixture.json(response)["status"] == .string("logged"))
        }
        let (second, _) = try await ServiceFixture.service(kind, url: url)
        try await second.makeApplication().test(.router) { client in
            let response = try await ServiceFixture.post(client, "/webhooks/aircall", body)
            #expect(response.status == .ok)
            let json = try ServiceFixture.json(response)
            #expect(json["status"] == .string("duplicate"))
            #expect(json["id"] == .string("5001"))
        }
        #expect(try await second.store.interactions(status: nil, limit: 10, before: nil).count == 1)
    }

    @Test("POST /route routes without storing and without a token")
    func routeOnly() async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        let events = try ServiceFixture.exampleLines("events.jsonl")
        let expected = try ServiceFixture.exampleLines("expected-routes.jsonl")
        try await service.makeApplication().test(.router) { client in
            let response = try await ServiceFixture.post(client, "/route", events[1].replacingOccurrences(of: "45XXYYZZa08", with: "nope"))
            #expect(response.status == .ok)
            #expect(try ServiceFixture.json(response) == JSONParser.parse(expected[1]))
        }
        #expect(try await service.store.interactions(status: nil, limit: 10, before: nil).isEmpty)
    }

    @Test("/healthz answers, /metrics counts webhooks by status")
    func healthAndMetrics() async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            let health = try await ServiceFixture.get(client, "/healthz")
            #expect(health.status == .ok)
            #expect(try ServiceFixture.json(health) == .object([("status", .string("ok"))]))
            try await ServiceFixture.post(client, "/webhooks/aircall", ServiceFixture.call(id: 7_001))
            try await ServiceFixture.post(client, "/webhooks/aircall", ServiceFixture.call(id: 7_001))
            let metrics = try await ServiceFixture.get(client, "/metrics")
            #expect(metrics.status == .ok)
            let text = String(buffer: metrics.body)
            #expect(text.contains("switchboard_webhooks_total{status=\"logged\"} 1"))
            #expect(text.contains("switchboard_webhooks_total{status=\"duplicate\"} 1"))
            #expect(text.contains("switchboard_store_seconds"))
            #expect(text.contains("switchboard_requests_total"))
        }
    }
}
