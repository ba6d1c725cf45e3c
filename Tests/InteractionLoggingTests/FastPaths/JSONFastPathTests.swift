import DecisionTable
import Foundation
@testable import InteractionLogging
import Testing
@testable import JSONLines

/// The routing hot path's shortcuts give what the plain paths give: parsing only the fields
/// the decoder reads (`JSONParser.parse(_:selecting:)` with `AircallWebhook.fieldsRead`)
/// refuses the same texts with the same failure and decodes to the same webhook; a route
/// written straight to bytes (`Route.appendJSONLine(to:)`) is `json.rendered`; JSON Lines read
/// in blocks (`WebhookInput(jsonLines:firstLine:)`) route as the whole input does.
@Suite struct JSONFastPathTests {
    static let root = URL(filePath: #filePath)
        .deletingLastPathComponent().deletingLastPathComponent()
        .deletingLastPathComponent().deletingLastPathComponent()

    static func example(_ name: String) throws -> String {
        try String(contentsOf: root.appending(path: "Examples/\(name)"), encoding: .utf8)
    }

    static func exampleEvents() throws -> [String] {
        try example("events.jsonl").split(separator: "\n").map(String.init)
    }

    /// Bodies that take the parser's less common turns: escapes and non-ASCII text in keys
    /// and values, repeated keys spelt differently, nesting, numbers of every form.
    static let unusualBodies = [
        #"{"event": "call.ended", "data": {"id": 7, "direction": "inbound", "raw_digits": "+1 604-555-0100"}}"#,
        #"{"ev\u0065nt": "call.ended", "data": {"\u0069d": 7, "direction": "inbound"}}"#,
        #"{"event": "message.received", "data": {"id": "m\"1", "direction": "outbound", "external_number": "+44 7700 900123", "body": "caf\u00e9 \ud83d\udc4d \n\t", "número": "x"}}"#,
        #"{"event": "call.ended", "data": {"id": 1, "direction": "inbound", "user": {"email": "A@B.C", "name": "Zoë"}, "number": {"digits": "+1 604 555 0188", "country": "CA", "e164_digits": ""}}}"#,
        #"{"event": "call.ended", "data": {"id": 1, "direction": "inbound", "participants": [{"type": "external", "phone_number": "+1 604-555-0100"}, ["nested", {"type": "external"}], 3]}}"#,
        #"{"event": "call.ended", "data": {"id": -0, "direction": "inbound", "n": [1.5e3, -2E-2, 0, 12345678901234567890]}}"#,
        #"{"event": "call.ended", "data": {"K": 1, "\u212A": 2}}"#,
        #"{"event": "call.ended", "data": {"transferred_by": 1, "transferred_to": 2, "transferred_by": 3}}"#,
        #"{"event": "call.ended", "data": {"id": 1, "direction": "inbound", "\u0064irection": "outbound"}}"#,
        #"{"event": "call.ended", "event": "call.ended"}"#,
        #"{"a": {"b": {"c": {"d": {"e": [[[[{"f": "g"}]]]]}}}}, "event": "x"}"#,
        #"["not", "an", "object"]"#,
        #""just a string""#,
        #"{"event": "call.ended", "data": {"id": 1, "direction": "inbound", "raw_digits": "bad \u00"}}"#,
        #"{"event": "call.ended", "data": {"id": 1, "direction": "inbound", "raw_digits": "+1 604"#,
        "{\"event\": \"call.ended\", \"data\": {\"id\": 1, \"note\": \"tab\there\"}}",
        "{\"event\": \"call.ended\", \"data\": {\"id\": 1, \"note\": \"bad \u{FF}\"}}",
        String(repeating: "[", count: 200) + String(repeating: "]", count: 200),
    ]

    /// Parses `text` fully and with the webhook selection, as the router does, into what a
    /// caller can see: the failure, or the decoded webhook (or its decoding error).
    static func outcomes(_ text: String) -> (full: String, selected: String, all: Bool) {
        var bytes = Array(text.utf8)
        // Invalid UTF-8 on purpose: "\u{FF}" stands for the byte 0xFF.
        if let marker = bytes.firstRange(of: Array("\u{FF}".utf8)) { bytes.replaceSubrange(marker, with: [0xFF]) }
        return bytes.withUnsafeBufferPointer { buffer in
            func describe(_ parse: () throws(JSONParser.Failure) -> JSONValue) -> String {
                do {
                    let json = try parse()
                    do { return "\(try AircallWebhook(json: json))" } catch { return "decoding: \(error)" }
                } catch {
                    return "failure: \(error)"
                }
            }
            let full = describe { () throws(JSONParser.Failure) in try JSONParser.parse(buffer) }
            let selected = describe { () throws(JSONParser.Failure) in try JSONParser.parse(buffer, selecting: AircallWebhook.fieldsRead) }
            let all = (try? JSONParser.parse(buffer, selecting: .all)) == (try? JSONParser.parse(buffer))
            return (full, selected, all)
        }
    }

    @Test("Parsing only the fields routing reads decodes every example as the whole tree does")
    func selectionDecodesTheExamples() throws {
        for line in try Self.exampleEvents() + Self.unusualBodies {
            let (full, selected, all) = Self.outcomes(line)
            #expect(selected == full, "\(line)")
            #expect(all, "\(line)")
        }
    }

    @Test("A selective parse refuses exactly what a full parse refuses, at the same column")
    func selectionRefusesTheSameTexts() throws {
        // Every example, cut short and with single bytes changed: the failures must match.
        var random = SystemRandomNumberGenerator.Seeded(seed: 0x5E1EC7)
        let replacements = Array("{}[]\":,\\ 0-eE.tfnu\u{1}\u{7F}".utf8) + [0xC3, 0xA9, 0xFF, 0xE2]
        var checked = 0
        for line in try Self.exampleEvents() + Self.unusualBodies {
            let bytes = Array(line.utf8)
            for _ in 0..<150 {
                var mutated = bytes
                switch random.next() % 3 {
                case 0: mutated.removeLast(Int(random.next() % UInt64(mutated.count)))
                case 1: mutated[Int(random.next() % UInt64(mutated.count))] = replacements[Int(random.next() % UInt64(replacements.count))]
                default:
                    mutated.insert(
                        replacements[Int(random.next() % UInt64(replacements.count))],
                        at: Int(random.next() % UInt64(mutated.count)))
                }
                let results = mutated.withUnsafeBufferPointer { buffer in
                    (
                        Result<JSONValue, JSONParser.Failure> { () throws(JSONParser.Failure) in try JSONParser.parse(buffer) },
                        Result<JSONValue, JSONParser.Failure> { () throws(JSONParser.Failure) in
                            try JSONParser.parse(buffer, selecting: AircallWebhook.fieldsRead)
                        }
                    )
                }
                switch results {
                case (.failure(let a), .failure(let b)): #expect(a == b, "\(String(decoding: mutated, as: UTF8.self))")
                case (.success(let tree), .success(let partial)):
                    #expect("\(Result { try AircallWebhook(json: tree) })" == "\(Result { try AircallWebhook(json: partial) })")
                default: Issue.record("one parse failed and the other did not: \(String(decoding: mutated, as: UTF8.self))")
                }
                checked += 1
            }
        }
        #expect(checked > 1_000)
    }

    @Test("A route written straight to bytes is its JSON rendered, and a newline")
    func jsonLinesMatchTheTree() throws {
        let router = try BatchRouter(
            rules: ShippedRules.tables(),
            directory: SparkDirectory(yaml: Self.example("directory.yaml")))
        var routes = router.route(WebhookInput(bytes: Array(try Self.example("events.jsonl").utf8)), source: "events.jsonl")
        routes += router.route(WebhookInput(bytes: Array("{\"event\": 1}\nnot json\n[1]".utf8)), source: "bad.jsonl")
        routes.append(
            Route(
                event: "call.ended", id: "q\"\\\u{1}\u{1F}\n\r\tx", kind: .call, direction: .inbound,
                status: .logged, contact: "é👍", projects: ["a", "\u{7F}"], teamMember: nil,
                actions: ["assign_projects"], button: "Assign", reason: "\u{0}",
                rules: [(table: "t\"", rules: []), (table: "u", rules: ["r1", "r2"])]))
        #expect(routes.contains { $0.status == .error })
        for route in routes {
            var bytes: [UInt8] = []
            route.appendJSONLine(to: &bytes)
            #expect(String(decoding: bytes, as: UTF8.self) == route.json.rendered + "\n")
        }
        let lines = router.jsonLines(routes)
        #expect(String(decoding: lines, as: UTF8.self) == routes.map { $0.json.rendered + "\n" }.joined())
    }

    @Test("Control characters render as lower-case \\u escapes, as before")
    func controlCharactersRender() {
        #expect(JSONValue.string("a\u{1}b\u{1F}\u{7F}\"\\\n\r\t").rendered == #""a\u0001b\u001f\#u{7F}\"\\\n\r\t""#)
        #expect(
            JSONValue.array([.integer(Int.min), .integer(0), .integer(-7), .integer(Int.max), .number(1.5), .null])
                .rendered == "[-9223372036854775808, 0, -7, 9223372036854775807, 1.5, null]")
    }

    @Test("JSON Lines routed a block at a time route as the whole input, duplicates included")
    func blocksRouteAsTheWhole() throws {
        let rules = try ShippedRules.tables()
        let directory = try SparkDirectory(yaml: Self.example("directory.yaml"))
        // The examples twice: the second time, every event is a re-delivery of the first.
        let lines = try Self.exampleEvents() + Self.exampleEvents() + ["", "{oops"]
        let text = lines.joined(separator: "\n")
        let whole = try BatchRouter(rules: rules, directory: directory)
            .route(WebhookInput(bytes: Array(text.utf8)), source: "events.jsonl")
        // The blank line is not a record.
        #expect(whole.count == lines.count - 1)
        #expect(whole.filter { $0.status == .duplicate }.count >= lines.count / 2 - 2)
        for split in [1, 7, lines.count / 2, lines.count - 1] {
            let router = try BatchRouter(rules: rules, directory: directory, threads: 3)
            let first = lines[..<split].joined(separator: "\n") + "\n"
            let second = lines[split...].joined(separator: "\n")
            let firstInput = WebhookInput(jsonLines: Array(first.utf8))
            #expect(firstInput.count == lines[..<split].filter { !$0.isEmpty }.count)
            let routes =
                router.route(firstInput, source: "events.jsonl")
                + router.route(WebhookInput(jsonLines: Array(second.utf8), firstLine: split + 1), source: "events.jsonl")
            #expect(routes.map(\.json) == whole.map(\.json), "split at \(split)")
        }
    }

    @Test("Re-deliveries are found among thousands of webhooks, naming where each was first")
    func manyDuplicates() throws {
        let router = try BatchRouter(
            rules: ShippedRules.tables(),
            directory: SparkDirectory(yaml: Self.example("directory.yaml")))
        let body = { (id: Int, event: String) in
            #"{"event": "\#(event)", "data": {"id": \#(id), "direction": "inbound", "raw_digits": "+1 604-555-0100"}}"#
        }
        let first = (0..<5_000).map { body($0, "call.ended") } + (0..<100).map { body($0, "call.created") }
        let again = (0..<5_000).reversed().map { body($0, "call.ended") }
        var routes = router.route(WebhookInput(jsonLines: Array(first.joined(separator: "\n").utf8)), source: "a.jsonl")
        #expect(!routes.contains { $0.status == .duplicate })
        routes = router.route(WebhookInput(jsonLines: Array(again.joined(separator: "\n").utf8)), source: "b.jsonl")
        for (k, route) in routes.enumerated() {
            let id = 4_999 - k
            #expect(route.status == .duplicate)
            #expect(route.reason == "call.ended for id \(id) was already routed (a.jsonl:\(id + 1))")
        }
    }
}

extension SystemRandomNumberGenerator {
    /// SplitMix64: the same mutations on every run.
    struct Seeded: RandomNumberGenerator {
        var state: UInt64
        init(seed: UInt64) { state = seed }
        mutating func next() -> UInt64 {
            state &+= 0x9E37_79B9_7F4A_7C15
            var z = state
            z = (z ^ (z >> 30)) &* 0xBF58_476D_1CE4_E5B9
            z = (z ^ (z >> 27)) &* 0x94D0_49BB_1331_11EB
            return z ^ (z >> 31)
        }
    }
}
