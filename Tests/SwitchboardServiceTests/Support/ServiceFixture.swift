import JSONLines
import Foundation
import Hummingbird
import HummingbirdTesting
import InteractionStore
import SwitchboardService
import Testing

/// The examples, a service on them, and helpers to read its answers.
enum ServiceFixture {
    /// The package's root folder, where the examples live.
    static let packageRoot = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent().deletingLastPathComponent()
    static let directory = packageRoot.appending(path: "Examples/directory.yaml").path
    /// The tokens of the example webhooks the tests accept; the examples' third, "XXXX", is refused.
    static let tokens = ["45XXYYZZa08", "cebcaac65XXXX"]

    /// The lines of `Examples/events.jsonl` and `Examples/expected-routes.jsonl`.
    static func exampleLines(_ name: String) throws -> [String] {
        try String(contentsOf: packageRoot.appending(path: "Examples/\(name)"), encoding: .utf8)
            .split(separator: "\n").map(String.init)
    }

    /// A service on the examples and a new store (or `url`'s).
    static func service(_ kind: TestStore, url: String? = nil, rulesPath: String? = nil, batchLimit: Int = 512) async throws
        -> (service: SwitchboardService, url: String)
    {
        let url = try url ?? kind.freshURL()
        let location = try StoreLocation(url)
        let store = try await InteractionStores.open(location, batchLimit: batchLimit)
        let configuration = ServiceConfiguration(directoryPath: directory, rulesPath: rulesPath, store: location, port: 0, tokens: tokens)
        let rules = try RoutingRules(rulesPath: rulesPath, directoryPath: directory)
        return (SwitchboardService(configuration: configuration, rules: rules, store: store), url)
    }

    /// The first example webhook (a logged outbound call) with another call id.
    static func call(id: Int, token: String = "45XXYYZZa08") throws -> String {
        let first = try exampleLines("events.jsonl")[0]
        return first.replacingOccurrences(of: "\"id\": 812,", with: "\"id\": \(id),")
            .replacingOccurrences(of: "\"token\": \"45XXYYZZa08\"", with: "\"token\": \"\(token)\"")
    }

    /// Parses an answer's body.
    static func json(_ response: TestResponse) throws -> JSONValue {
        try JSONParser.parse(String(buffer: response.body))
    }

    /// POSTs a body.
    @discardableResult
    static func post(_ client: some TestClientProtocol, _ path: String, _ body: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .post, headers: [.contentType: "application/json"], body: ByteBuffer(string: body))
    }

    /// GETs a path.
    static func get(_ client: some TestClientProtocol, _ path: String) async throws -> TestResponse {
        try await client.execute(uri: path, method: .get)
    }
}
