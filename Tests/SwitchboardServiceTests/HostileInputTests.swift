import JSONLines
import Foundation
import Hummingbird
import HummingbirdTesting
import InteractionStore
import SwitchboardService
import Testing

@Suite("Hostile webhooks")
struct HostileInputTests {
    struct Case: CustomTestStringConvertible, Sendable {
        var name: String
        var body: [UInt8]
        var status: HTTPResponse.Status
        /// Words the problem's detail must hold.
        var detail: String
        var testDescription: String { name }
    }

    static var cases: [Case] {
        let valid = (try? ServiceFixture.call(id: 9_001)) ?? "{}"
        let missingToken = valid.replacingOccurrences(of: "\"token\": \"45XXYYZZa08\", ", with: "")
        var invalidUTF8 = Array(valid.utf8)
        if let at = invalidUTF8.firstIndex(of: UInt8(ascii: "J")) { invalidUTF8[at] = 0xFF }  // inside "Jane Doe"
        let nested =
            "{\"token\": \"45XXYYZZa08\", \"event\": \"call.ended\", \"data\": " + String(repeating: "[", count: 5_000)
            + String(repeating: "]", count: 5_000) + "}"
        return [
            Case(name: "missing token", body: Array(missingToken.utf8), status: .unauthorized, detail: "no \"token\""),
            Case(
                name: "wrong token", body: Array(valid.replacingOccurrences(of: "45XXYYZZa08", with: "45XXYYZZa09").utf8),
                status: .unauthorized, detail: "not one this service accepts"),
            Case(
                name: "token of another length", body: Array(valid.replacingOccurrences(of: "45XXYYZZa08", with: "45").utf8),
                status: .unauthorized, detail: "not one this service accepts"),
            Case(
                name: "token not a string", body: Array(valid.replacingOccurrences(of: "\"45XXYYZZa08\"", with: "45").utf8),
                status: .unauthorized, detail: "no \"token\""),
            Case(
                name: "body over 1 MiB",
                body: Array(("{\"token\": \"45XXYYZZa08\", \"pad\": \"" + String(repeating: "x", count: 1 << 20) + "\"}").utf8),
                status: .contentTooLarge, detail: "over the limit of 1048576 bytes"),
            Case(
                name: "invalid JSON", body: Array("{\"token\": \"45XXYYZZa08\", \"event\": ".utf8), status: .badRequest,
                detail: "not valid JSON: at byte"),
            Case(name: "empty body", body: [], status: .badRequest, detail: "not valid JSON"),
            Case(name: "invalid UTF-8", body: invalidUTF8, status: .badRequest, detail: "not valid JSON"),
            Case(name: "deeply nested JSON", body: Array(nested.utf8), status: .badRequest, detail: "nesting is deeper"),
            Case(name: "a JSON array", body: Array("[\(valid)]".utf8), status: .badRequest, detail: "expected a webhook JSON object, found"),
            Case(
                name: "a call without data.id",
                body: Array("{\"token\": \"45XXYYZZa08\", \"event\": \"call.ended\", \"data\": {\"direction\": \"inbound\"}}".utf8),
                status: .badRequest, detail: "call.ended has no data.id"),
            Case(
                name: "no event", body: Array("{\"token\": \"45XXYYZZa08\", \"data\": {}}".utf8), status: .badRequest, detail: "no \"event\" string"),
        ]
    }

    @Test("is refused with a problem and stores nothing", arguments: cases)
    func refused(_ hostile: Case) async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            let response = try await client.execute(uri: "/webhooks/aircall", method: .post, body: ByteBuffer(bytes: hostile.body))
            #expect(response.status == hostile.status)
            #expect(response.headers[.contentType] == "application/problem+json")
            let problem = try ServiceFixture.json(response)
            #expect(problem["status"] == .integer(hostile.status.code))
            #expect(problem["instance"] == .string("/webhooks/aircall"))
            if case .string(let type)? = problem["type"] { #expect(type.hasPrefix("urn:switchboard:problem:")) } else { Issue.record("no type") }
            if case .string(let detail)? = problem["detail"] {
                #expect(detail.contains(hostile.detail), "\(detail)")
            } else {
                Issue.record("no detail")
            }
            // The service still works after it.
            let after = try await ServiceFixture.post(client, "/webhooks/aircall", ServiceFixture.call(id: 9_002))
            #expect(after.status == .ok)
        }
        let stored = try await service.store.interactions(status: nil, limit: 10, before: nil)
        #expect(stored.map(\.id) == ["9002"])
    }

    @Test("unknown and non-interaction events are acknowledged as ignored and not stored")
    func unknownEvents() async throws {
        let (service, _) = try await ServiceFixture.service(.sqlite)
        try await service.makeApplication().test(.router) { client in
            for event in ["number.opened", "call.created", "message.status_updated", "x"] {
                let response = try await ServiceFixture.post(
                    client, "/webhooks/aircall",
                    "{\"token\": \"45XXYYZZa08\", \"event\": \"\(event)\", \"data\": {\"id\": 1}}")
                #expect(response.status == .ok)
                let json = try ServiceFixture.json(response)
                #expect(json["status"] == .string("ignored"))
                #expect(json["event"] == .string(event))
            }
        }
        #expect(try await service.store.interactions(status: nil, limit: 10, before: nil).isEmpty)
    }
}
